import * as assert from 'node:assert/strict';
import { analyze, compareByRemaining, isExcludedPath, progress, remaining, sortByRemaining, type FileProgress } from '../../src/core';
import { timeRatio } from './helpers';

const row = (path: string, placeholders: number, emptySections: number, missingSections: number, sectionsDone = 0): FileProgress => ({
  path,
  progress: { left: { placeholders, emptySections, missingSections, total: placeholders + emptySections + missingSections }, sectionsDone, sections: 10 },
});

suite('progress: how much is left', () => {
  test('counts placeholders, empty sections and missing sections (docs/spec.md, "Progress")', () => {
    const analysis = analyze('# Implementation Notes\n\n## Owner\n[Name] and [Team]\n\n## Empty\n\n## Done\nAll of it.\n');
    assert.deepEqual(remaining({ ...analysis, missing: [] }), { placeholders: 2, emptySections: 1, missingSections: 0, total: 3 });
    const missing = [{ title: 'Risks' }, { title: 'Testing' }] as unknown as Parameters<typeof remaining>[0]['missing'];
    assert.deepEqual(remaining({ ...analysis, missing }), { placeholders: 2, emptySections: 1, missingSections: 2, total: 5 });
    // Sections done (here only "Done": the title holds sections to fill) are beside the measure, not part of it.
    assert.deepEqual(progress({ ...analysis, missing }), { left: { placeholders: 2, emptySections: 1, missingSections: 2, total: 5 }, sectionsDone: 1, sections: 4 });
  });

  test('Notes in Workspace sorts by the count it shows: most left first, then by path', () => {
    // b.md has more sections not done but less left: the count shown (left.total) decides, not sections done.
    const files = [row('a.md', 1, 0, 0, 9), row('b.md', 2, 0, 0, 0), row('c.md', 0, 1, 4, 5), row('d.md', 0, 0, 0, 10), row('e.md', 2, 0, 0, 8)];
    assert.deepEqual(sortByRemaining(files).map((f) => `${f.path} ${f.progress.left.total}`), ['c.md 5', 'b.md 2', 'e.md 2', 'a.md 1', 'd.md 0']);
    assert.equal(compareByRemaining(files[1], files[1]), 0);
  });

  test('broken references order files with as much left: a finished file with some is above the finished ones, never among them', () => {
    const broken = (f: FileProgress, n: number): FileProgress => ({ ...f, broken: n });
    const files = [row('a.md', 0, 0, 0, 10), broken(row('b.md', 0, 0, 0, 10), 2), row('c.md', 1, 0, 0), broken(row('d.md', 1, 0, 0), 1), broken(row('e.md', 0, 0, 0), 5)];
    // What is left still decides first (the one measure); broken references are wrong, not unfinished.
    assert.deepEqual(sortByRemaining(files).map((f) => f.path), ['d.md', 'c.md', 'e.md', 'b.md', 'a.md']);
  });

  test('does not reorder its input', () => {
    const files = [row('b.md', 0, 0, 0), row('a.md', 3, 0, 0)];
    sortByRemaining(files);
    assert.deepEqual(files.map((f) => f.path), ['b.md', 'a.md']);
  });
});

suite('workspace notes list', () => {
  test('skips node_modules and dot-folders but not dotted file names', () => {
    assert.equal(isExcludedPath('node_modules/pkg/README.md'), true);
    assert.equal(isExcludedPath('docs/.cache/notes.md'), true);
    assert.equal(isExcludedPath('.github/notes.md'), true);
    assert.equal(isExcludedPath('docs/.notes.md'), false);
    assert.equal(isExcludedPath('docs/design/notes.md'), false);
  });

  test('handles a very deep path in one pass: 8x the folders take well under 64x the time', () => {
    const deep = `${'a/'.repeat(100_000)}notes.md`;
    assert.equal(isExcludedPath(deep), false);
    assert.equal(isExcludedPath(`${deep.slice(0, -8)}.x/notes.md`), true);
    const paths = new Map([12_500, 100_000].map((n) => [n, `${'a/'.repeat(n)}notes.md`]));
    const ratio = timeRatio((n) => {
      for (let i = 0; i < 5; i++) assert.equal(isExcludedPath(paths.get(n)!), false);
    }, 12_500, 100_000);
    assert.ok(ratio < 24, `8x the folders took ${ratio.toFixed(1)}x the time (one pass: about 8, quadratic: about 64)`);
  });
});
