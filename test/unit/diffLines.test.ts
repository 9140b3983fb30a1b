import * as assert from 'node:assert/strict';
import { changedLines, touches } from '../../src/core';
import { timeRatio } from './helpers';

suite('changed lines from git diff -U0', () => {
  test('new-side ranges per file; a pure deletion marks nothing; a deleted file is absent', () => {
    const diff = [
      'diff --git a/docs/a.md b/docs/a.md',
      'index 1..2 100644',
      '--- a/docs/a.md',
      '+++ b/docs/a.md',
      '@@ -3 +3 @@ ## Plan',
      '-old',
      '+new',
      '@@ -10,2 +9,0 @@',
      '-gone',
      '-gone too',
      '@@ -20,0 +20,3 @@',
      '+one',
      '+++ b/looks like a header',
      '+three',
      'diff --git a/old.md b/old.md',
      'deleted file mode 100644',
      '--- a/old.md',
      '+++ /dev/null',
      '@@ -1 +0,0 @@',
      '-x',
      '',
    ].join('\n');
    const changed = changedLines(diff);
    assert.deepEqual([...changed.keys()], ['docs/a.md']);
    assert.deepEqual(changed.get('docs/a.md'), [{ from: 3, to: 3 }, { from: 20, to: 22 }]);
  });

  test('quoted paths: C escapes and octal UTF-8 bytes', () => {
    const diff = '+++ "b/docs/caf\\303\\251 \\"x\\"\\t.md"\n@@ -0,0 +1 @@\n+a\n';
    assert.deepEqual([...changedLines(diff).keys()], ['docs/café "x"\t.md']);
  });

  test('a "\\ No newline" note is not counted as a body line', () => {
    const diff = '+++ b/a.md\n@@ -1 +1 @@\n-a\n\\ No newline at end of file\n+b\n\\ No newline at end of file\n@@ -5 +5 @@\n-c\n+d\n';
    assert.deepEqual(changedLines(diff).get('a.md'), [{ from: 1, to: 1 }, { from: 5, to: 5 }]);
  });

  test('touches: whether a finding\'s lines meet a changed range', () => {
    const ranges = [{ from: 3, to: 3 }, { from: 10, to: 12 }];
    assert.equal(touches(ranges, 3, 3), true);
    assert.equal(touches(ranges, 4, 9), false);
    assert.equal(touches(ranges, 9, 10), true);
    assert.equal(touches(ranges, 13, 20), false);
    assert.equal(touches([], 1, 1), false);
  });

  test('linear: 8x the hunks take well under 64x the time', () => {
    const diffs = new Map([25_000, 200_000].map((n) => [n, '+++ b/a.md\n' + Array.from({ length: n }, (_, i) => `@@ -${i} +${i} @@\n-a\n+b\n`).join('')]));
    assert.equal(changedLines(diffs.get(200_000)!).get('a.md')?.length, 200_000);
    const ratio = timeRatio((n) => changedLines(diffs.get(n)!), 25_000, 200_000);
    assert.ok(ratio < 24, `8x the hunks took ${ratio.toFixed(1)}x the time (linear: about 8, quadratic: about 64)`);
  });
});
