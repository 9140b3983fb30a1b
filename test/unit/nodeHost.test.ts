import * as assert from 'node:assert/strict';
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
});
