import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import { createAnalyzer } from '../../src/cli/pool';
import { AnalysisLimitError, WorkerClient } from '../../src/worker/client';
import { spawnThread } from '../../src/worker/thread';

const script = path.resolve(__dirname, '../fixtures/workers/scripted-worker.js');
const ask = (text: string, key = text) => ({ key, text, ignore: [] });
const titleOf = (result: { sections: { title: string }[] } | undefined) => result?.sections[0]?.title;

suite('worker client (shared by the CLI pool and the extension)', () => {
  test('CLI pool: a worker that dies fails its request with a clear error, and later requests are served', async () => {
    const pool = createAnalyzer({ workers: 1, script, timeLimit: 60_000, memoryLimit: 256 });
    try {
      const crash = pool.analyze(ask('crash'));
      const queued = pool.analyze(ask('queued'));
      await assert.rejects(crash, /the analysis worker failed: crashed on purpose/);
      assert.equal(titleOf(await queued), 'queued', 'the request queued behind it goes to a new worker');
      await assert.rejects(pool.analyze(ask('exit')), /the analysis worker exited \(code 3\)/);
      assert.equal(titleOf(await pool.analyze(ask('after'))), 'after');
    } finally {
      await pool.close();
    }
  });

  test('a request past its time limit fails naming the limit; the others are still answered', async () => {
    const client = new WorkerClient({ spawn: () => spawnThread(script), timeLimit: (r) => (r.text === 'hang' ? 50 : undefined) });
    try {
      const slow = client.analyze(ask('hang'));
      const sameDocument = client.analyze({ ...ask('again'), key: 'hang' });
      const other = client.analyze(ask('other'));
      const error = await slow.then(() => undefined, (e: unknown) => e);
      assert.ok(error instanceof AnalysisLimitError && error.limit === 'time');
      assert.match(error.message, /took over 0\.05 s and was stopped/);
      // The same document would stop the new worker too: its queued request is dropped, not re-sent.
      assert.equal(await sameDocument, undefined);
      assert.equal(titleOf(await other), 'other');
    } finally {
      await client.dispose();
    }
  });

  test('a request past the memory limit fails naming the limit; the worker is replaced', async () => {
    const client = new WorkerClient({ spawn: () => spawnThread(script, { resourceLimits: { maxOldGenerationSizeMb: 16 } }), memoryLimitMb: 16, timeLimit: () => undefined });
    try {
      const error = await client.analyze(ask('oom')).then(() => undefined, (e: unknown) => e);
      assert.ok(error instanceof AnalysisLimitError && error.limit === 'memory', String(error));
      assert.match(error.message, /ran out of memory \(the limit is 16 MB\)/);
      assert.equal(titleOf(await client.analyze(ask('fine'))), 'fine');
    } finally {
      await client.dispose();
    }
  });

  test('a worker that cannot start fails every waiting request instead of leaving them unsettled', async () => {
    process.env.SCRIPTED_WORKER_BROKEN = '1';
    const client = new WorkerClient({ spawn: () => spawnThread(script), timeLimit: () => undefined });
    try {
      const results = await Promise.allSettled([client.analyze(ask('a')), client.analyze(ask('b'))]);
      assert.deepEqual(results.map((r) => r.status), ['rejected', 'rejected']);
      assert.match(String((results[0] as PromiseRejectedResult).reason), /the analysis worker failed: broken at start/);
    } finally {
      delete process.env.SCRIPTED_WORKER_BROKEN;
      await client.dispose();
    }
  });

  test('release leaves an idle worker to end with the process, and stops a busy one', async () => {
    const unrefs: string[] = [];
    const spawn = (name: string) => () => {
      const thread = spawnThread(script);
      return { ...thread, unref: () => unrefs.push(name) };
    };
    const idle = new WorkerClient({ spawn: spawn('idle'), timeLimit: () => undefined });
    assert.equal(titleOf(await idle.analyze(ask('done'))), 'done');
    idle.release();
    assert.deepEqual(unrefs, ['idle']);
    await idle.dispose();

    const busy = new WorkerClient({ spawn: spawn('busy'), timeLimit: () => undefined });
    const pending = busy.analyze(ask('hang'));
    busy.release();
    await assert.rejects(pending, /the analysis worker was stopped/);
    assert.deepEqual(unrefs, ['idle'], 'a busy worker is not left running');
  });

  test('dispose fails what is still waiting', async () => {
    const client = new WorkerClient({ spawn: () => spawnThread(script), timeLimit: () => undefined });
    const pending = client.analyze(ask('hang'));
    await client.dispose();
    await assert.rejects(pending, /the analysis worker was stopped/);
  });
});
