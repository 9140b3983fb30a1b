import * as assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { nodeHost } from '../../src/cli/nodeHost';

suite('CLI host (Node fs)', () => {
  test('the byte limit is counted while reading, not taken from stat (a /proc file says 0 bytes)', async function () {
    const file = '/proc/self/status';
    if (!fs.existsSync(file)) this.skip();
    assert.equal(fs.statSync(file).size, 0);
    assert.ok(fs.readFileSync(file).length > 64);
    await assert.rejects(nodeHost.readFile(file, 64), /too large to check \(over the limit of 0 MB\)/);
  });

  test('a file within the limit is read whole, across read chunks', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'impl-notes-host-'));
    try {
      const text = 'x'.repeat(200_000);
      fs.writeFileSync(path.join(dir, 'a.md'), text);
      assert.equal(Buffer.from(await nodeHost.readFile(path.join(dir, 'a.md'), 200_000)).toString(), text);
      await assert.rejects(nodeHost.readFile(path.join(dir, 'a.md'), 199_999), /too large to check/);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  test('files at the first read\'s size and one byte either side are read whole; a folder is refused', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'impl-notes-host-'));
    try {
      for (const size of [0, 1, 65_535, 65_536, 65_537, 131_072]) {
        const text = Buffer.alloc(size, 'q');
        fs.writeFileSync(path.join(dir, 'f'), text);
        assert.equal(Buffer.compare(Buffer.from(await nodeHost.readFile(path.join(dir, 'f'), size)), text), 0, `${size} bytes`);
        const prefix = await nodeHost.readPrefix!(path.join(dir, 'f'), size);
        assert.deepEqual([prefix.bytes.length, prefix.complete], [size, true], `${size} bytes as a prefix`);
        if (size > 0) assert.deepEqual((await nodeHost.readPrefix!(path.join(dir, 'f'), size - 1)).complete, false, `${size} bytes, one over`);
      }
      await assert.rejects(nodeHost.readFile(dir, 100), /is a directory/);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  test('a prefix read returns the first bytes and says whether the file goes on; it refuses FIFOs without waiting', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'impl-notes-host-'));
    try {
      const file = path.join(dir, 'big.ts');
      fs.writeFileSync(file, 'ab'.repeat(100_000));
      const cut = await nodeHost.readPrefix!(file, 150_001);
      assert.equal(cut.bytes.length, 150_001);
      assert.equal(cut.complete, false);
      assert.equal(Buffer.from(cut.bytes).subarray(0, 4).toString(), 'abab');
      const whole = await nodeHost.readPrefix!(file, 200_000);
      assert.deepEqual([whole.bytes.length, whole.complete], [200_000, true]);
      const proc = '/proc/self/status';
      if (fs.existsSync(proc)) assert.equal((await nodeHost.readPrefix!(proc, 16)).complete, false);
      const fifo = path.join(dir, 'pipe');
      execFileSync('mkfifo', [fifo]);
      await assert.rejects(nodeHost.readPrefix!(fifo, 10), /a FIFO \(named pipe\), not a regular file/);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
