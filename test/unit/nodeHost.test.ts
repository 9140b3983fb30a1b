import * as assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { nodeHost, syncNodeHost, type CliHost } from '../../src/cli/nodeHost';
import { RepositoryFiles, resolveReferences, type Reference } from '../../src/core';

/** A scratch folder for one test, removed after it. */
async function inScratch(run: (dir: string) => Promise<void>): Promise<void> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'impl-notes-host-'));
  try {
    await run(dir);
  } finally {
    // rm, not fs.rmSync: Node's recursion overflows its stack on a tree 2,000 folders deep.
    execFileSync('rm', ['-rf', dir]);
  }
}

// The editor's host (asynchronous calls) and the CLI's reference check's (synchronous reads and real paths) answer alike.
for (const [name, host] of [['nodeHost', nodeHost], ['syncNodeHost', syncNodeHost]] as [string, CliHost][]) {
  suite(`CLI host (Node fs): ${name}`, () => {
    test('the byte limit is counted while reading, not taken from stat (a /proc file says 0 bytes)', async function () {
      const file = '/proc/self/status';
      if (!fs.existsSync(file)) this.skip();
      assert.equal(fs.statSync(file).size, 0);
      assert.ok(fs.readFileSync(file).length > 64);
      await assert.rejects(host.readFile(file, 64), /too large to check \(over the limit of 0 MB\)/);
    });

    test('a file within the limit is read whole, across read chunks', async () => {
      await inScratch(async (dir) => {
        const text = 'x'.repeat(200_000);
        fs.writeFileSync(path.join(dir, 'a.md'), text);
        assert.equal(Buffer.from(await host.readFile(path.join(dir, 'a.md'), 200_000)).toString(), text);
        await assert.rejects(host.readFile(path.join(dir, 'a.md'), 199_999), /too large to check/);
      });
    });

    test('files at the first read\'s size and one byte either side are read whole; a folder is refused', async () => {
      await inScratch(async (dir) => {
        for (const size of [0, 1, 65_535, 65_536, 65_537, 131_072]) {
          const text = Buffer.alloc(size, 'q');
          fs.writeFileSync(path.join(dir, 'f'), text);
          assert.equal(Buffer.compare(Buffer.from(await host.readFile(path.join(dir, 'f'), size)), text), 0, `${size} bytes`);
          const prefix = await host.readPrefix!(path.join(dir, 'f'), size);
          assert.deepEqual([prefix.bytes.length, prefix.complete], [size, true], `${size} bytes as a prefix`);
          if (size > 0) assert.deepEqual((await host.readPrefix!(path.join(dir, 'f'), size - 1)).complete, false, `${size} bytes, one over`);
        }
        await assert.rejects(host.readFile(dir, 100), /is a directory/);
        await assert.rejects(host.readPrefix!(dir, 100), /is a directory/);
      });
    });

    test('a prefix read returns the first bytes and says whether the file goes on; it refuses FIFOs without waiting', async () => {
      await inScratch(async (dir) => {
        const file = path.join(dir, 'big.ts');
        fs.writeFileSync(file, 'ab'.repeat(100_000));
        const cut = await host.readPrefix!(file, 150_001);
        assert.equal(cut.bytes.length, 150_001);
        assert.equal(cut.complete, false);
        assert.equal(Buffer.from(cut.bytes).subarray(0, 4).toString(), 'abab');
        const whole = await host.readPrefix!(file, 200_000);
        assert.deepEqual([whole.bytes.length, whole.complete], [200_000, true]);
        const proc = '/proc/self/status';
        if (fs.existsSync(proc)) assert.equal((await host.readPrefix!(proc, 16)).complete, false);
        const fifo = path.join(dir, 'pipe');
        execFileSync('mkfifo', [fifo]);
        await assert.rejects(host.readPrefix!(fifo, 10), /a FIFO \(named pipe\), not a regular file/);
        await assert.rejects(host.readFile(fifo, 10), /a FIFO \(named pipe\), not a regular file/);
      });
    });

    test('a device is refused, never read whole: /dev/zero says 0 bytes and never ends', async function () {
      if (!fs.existsSync('/dev/zero')) this.skip();
      await assert.rejects(host.readPrefix!('/dev/zero', 2 * 1024 * 1024), /a device, not a regular file/);
    });

    test('real paths: links resolved, a loop and a 10,000-character path refused with a reason, nothing missing invented', async () => {
      await inScratch(async (dir) => {
        const real = fs.realpathSync(dir);
        fs.mkdirSync(path.join(dir, 'src'));
        fs.writeFileSync(path.join(dir, 'src/a.ts'), '');
        fs.symlinkSync('src', path.join(dir, 'linked'));
        fs.symlinkSync('loop-b', path.join(dir, 'loop-a'));
        fs.symlinkSync('loop-a', path.join(dir, 'loop-b'));
        assert.equal(await host.realpath(path.join(dir, 'linked/a.ts')), path.join(real, 'src/a.ts'));
        await assert.rejects(host.realpath(path.join(dir, 'loop-a')), /too many levels of symbolic links/);
        await assert.rejects(host.readPrefix!(path.join(dir, 'loop-a'), 10), /too many levels of symbolic links/);
        await assert.rejects(host.realpath(path.join(dir, 'nowhere.ts')), /no such file or directory/);
        const long = path.join(dir, 'deep/'.repeat(2000) + 'x.ts');
        // The reason alone: Node's message would repeat the path. (Its first folder is missing, as realpath finds first.)
        await assert.rejects(host.realpath(long), (err: Error) => err.message === 'no such file or directory');
        await assert.rejects(host.readPrefix!(long, 10), (err: Error) => err.message === 'file name too long');
      });
    });
  });
}

suite('CLI host (Node fs): link checks for the reference check', () => {
  const lineRef = (path: string): Reference => ({ kind: 'line', source: 'code', start: 0, end: 1, text: `${path}#L1`, path, lines: { from: 1, to: 1 } });

  test('isLink: the entry itself, not followed; nothing there fails; the editor\'s host does not offer it', async () => {
    await inScratch(async (dir) => {
      fs.mkdirSync(path.join(dir, 'src'));
      fs.writeFileSync(path.join(dir, 'src/a.ts'), '');
      fs.symlinkSync('src', path.join(dir, 'linked'));
      fs.symlinkSync('nowhere', path.join(dir, 'dangling'));
      assert.deepEqual(
        await Promise.all(['src', 'src/a.ts', 'linked', 'linked/a.ts', 'dangling'].map((p) => syncNodeHost.isLink!(path.join(dir, p)))),
        [false, false, true, false, true],
      );
      await assert.rejects(syncNodeHost.isLink!(path.join(dir, 'nowhere')), /no such file or directory/);
      assert.equal('isLink' in nodeHost, false);
    });
  });

  test('a linked folder that leads outside, at any depth of a listed path, is outside through the CLI\'s host', async () => {
    await inScratch(async (base) => {
      const root = path.join(base, 'repo');
      const outside = path.join(base, 'outside');
      const listed = 'a/b/c/d.ts';
      for (const link of ['a', 'a/b', 'a/b/c', 'a/b/c/d.ts']) {
        fs.rmSync(root, { recursive: true, force: true });
        fs.rmSync(outside, { recursive: true, force: true });
        // The segment at this depth is a link to `outside`, which holds the rest of the path.
        const rest = listed.slice(link.length + 1);
        fs.mkdirSync(path.join(root, path.dirname(link)), { recursive: true });
        fs.mkdirSync(path.join(outside, path.dirname(rest || 'x')), { recursive: true });
        fs.writeFileSync(rest ? path.join(outside, rest) : `${outside}.ts`, 'secret\n');
        fs.symlinkSync(rest ? outside : `${outside}.ts`, path.join(root, link));
        const [result] = await resolveReferences([lineRef(listed)], { host: syncNodeHost, files: new RepositoryFiles(root, [listed]), document: path.join(root, 'notes.md') });
        assert.equal(result.status, 'outside', `a link at ${link}`);
        fs.rmSync(`${outside}.ts`, { force: true });
      }
    });
  });

  test('a listed path 2,000 folders deep (4,004 characters) resolves through the CLI\'s host; a link out at its deepest folder is outside', async () => {
    await inScratch(async (base) => {
      const root = path.join(base, 'r');
      const folders = Array.from({ length: 2000 }, () => 'd').join('/');
      fs.mkdirSync(path.join(root, folders), { recursive: true });
      fs.writeFileSync(path.join(root, folders, 'x.ts'), 'x\n');
      const listed = `${folders}/x.ts`;
      const resolve = () => resolveReferences([lineRef(listed)], { host: syncNodeHost, files: new RepositoryFiles(root, [listed]), document: path.join(root, 'notes.md') });
      assert.equal((await resolve())[0].status, 'ok');
      const deepest = path.join(root, folders);
      fs.unlinkSync(path.join(deepest, 'x.ts'));
      fs.rmdirSync(deepest);
      fs.mkdirSync(path.join(base, 'out'));
      fs.writeFileSync(path.join(base, 'out/x.ts'), 'secret\n');
      fs.symlinkSync(path.join(base, 'out'), deepest);
      assert.equal((await resolve())[0].status, 'outside');
    });
  });
});
