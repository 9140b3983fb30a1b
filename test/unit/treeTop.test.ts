// A Code Structure tree under a lone top line that is a folder of the
// repository (docs/spec.md, "References", the tree): `src/` over its files.
import * as assert from 'node:assert/strict';
import { analyze, applyEdits, editsForMove, RepositoryFiles, resolveReferences, type Move } from '../../src/core';
import { MemoryHost } from './fakes';

const ROOT = '/repo';
const NOTES = '/repo/docs/notes.md';
const tree = (lines: string[]) => ['# Implementation Notes: Search', '', '## Code Structure', '', '```', ...lines, '```', ''].join('\n');

async function statuses(text: string, files: string[]): Promise<string[]> {
  const host = MemoryHost.of(Object.fromEntries(files.map((f) => [`${ROOT}/${f}`, 'x\n'])));
  const resolved = await resolveReferences(analyze(text, { references: 'notes' }).references, { host, files: new RepositoryFiles(ROOT, files), document: NOTES });
  return resolved.map((r) => `${r.path} ${r.status}${r.target !== undefined ? ` -> ${r.target}` : ''}${r.finding ? `: ${r.finding.message}` : ''}`);
}

suite('a tree under a lone top folder', () => {
  test('the top line is kept as the tree\'s top; a placeholder or a glob is none', () => {
    const tops = (lines: string[]) => analyze(tree(lines), { references: 'notes' }).references.map((r) => `${r.path}@${r.treeTop ?? '-'}`);
    assert.deepEqual(tops(['src/', '├── a.ts', '└── core/', '    └── b.ts']), ['a.ts@src', 'core@src', 'core/b.ts@src']);
    assert.deepEqual(tops(['project_root/', '└── a.ts']), ['a.ts@project_root']);
    assert.deepEqual(tops(['./', '└── a.ts']), ['a.ts@-']);
    assert.deepEqual(tops(['src/', 'docs/']), ['src@-', 'docs@-'], 'two top lines: no root line');
  });

  test('its lines resolve under the top folder when the repository has it, else from the root', async () => {
    const text = tree(['src/', '├── a.ts', '└── core/', '    └── b.ts']);
    assert.deepEqual(await statuses(text, ['src/a.ts', 'src/core/b.ts']), ['a.ts ok -> src/a.ts', 'core ok -> src/core', 'core/b.ts ok -> src/core/b.ts']);
    // `project_root/` names no folder: the tree is written from the root, as before.
    assert.deepEqual(await statuses(tree(['project_root/', '└── a.ts']), ['a.ts']), ['a.ts ok -> a.ts']);
    // No `src` folder: from the root.
    assert.deepEqual(await statuses(text, ['a.ts', 'core/b.ts']), ['a.ts ok -> a.ts', 'core ok -> core', 'core/b.ts ok -> core/b.ts']);
    // Under the folder first, where both exist.
    assert.deepEqual((await statuses(text, ['a.ts', 'src/a.ts', 'src/core/b.ts']))[0], 'a.ts ok -> src/a.ts');
  });

  test('a missing line under the top folder is named with it, with its candidate', async () => {
    const [a] = await statuses(tree(['src/', '└── a.ts']), ['src/x.ts', 'lib/a.ts']);
    assert.equal(a, 'a.ts missing: `src/a.ts` does not exist in the repository; moved to `lib/a.ts`?');
  });

  test('a rename in the top folder renames the line', () => {
    const text = tree(['src/', '├── a.ts   # entry', '└── b.ts']);
    const analysis = analyze(text, { references: 'notes' });
    const moves: Move[] = [{ from: `${ROOT}/src/a.ts`, to: `${ROOT}/src/main.ts` }];
    const out = applyEdits(analysis.text, editsForMove(analysis.text, analysis.references, NOTES, new RepositoryFiles(ROOT, ['src/a.ts', 'src/b.ts']), moves));
    assert.equal(out, tree(['src/', '├── main.ts   # entry', '└── b.ts']));
  });
});
