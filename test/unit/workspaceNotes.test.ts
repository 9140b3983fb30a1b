import * as assert from 'node:assert/strict';
import { compareByCompleteness, isExcludedPath, remainingWork, sortByCompleteness, type FileProgress } from '../../src/core';

const row = (path: string, done: number, total: number, placeholders: number, missing: number): FileProgress => ({ path, done, total, placeholders, missing });

suite('workspace notes list', () => {
  test('counts remaining work as sections not done plus missing sections', () => {
    assert.equal(remainingWork(row('a.md', 3, 10, 4, 2)), 9);
    assert.equal(remainingWork(row('a.md', 10, 10, 0, 0)), 0);
  });

  test('sorts least complete first, then by placeholders, then by path', () => {
    const files = [row('b.md', 10, 10, 0, 0), row('z.md', 2, 10, 1, 0), row('a.md', 2, 10, 1, 0), row('m.md', 2, 10, 7, 0), row('c.md', 5, 10, 0, 4)];
    assert.deepEqual(sortByCompleteness(files).map((f) => f.path), ['c.md', 'm.md', 'a.md', 'z.md', 'b.md']);
    assert.equal(compareByCompleteness(files[1], files[1]), 0);
  });

  test('does not reorder its input', () => {
    const files = [row('b.md', 10, 10, 0, 0), row('a.md', 0, 10, 0, 0)];
    sortByCompleteness(files);
    assert.deepEqual(files.map((f) => f.path), ['b.md', 'a.md']);
  });

  test('skips node_modules and dot-folders but not dotted file names', () => {
    assert.equal(isExcludedPath('node_modules/pkg/README.md'), true);
    assert.equal(isExcludedPath('docs/.cache/notes.md'), true);
    assert.equal(isExcludedPath('.github/notes.md'), true);
    assert.equal(isExcludedPath('docs/.notes.md'), false);
    assert.equal(isExcludedPath('docs/design/notes.md'), false);
  });

  test('handles a very deep path in one pass', () => {
    const deep = `${'a/'.repeat(100_000)}notes.md`;
    assert.equal(isExcludedPath(deep), false);
    assert.equal(isExcludedPath(`${deep.slice(0, -8)}.x/notes.md`), true);
  });
});
