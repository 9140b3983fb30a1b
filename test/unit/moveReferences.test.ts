import * as assert from 'node:assert/strict';
import { analyze, applyEdits, editsForMove, RepositoryFiles, type Move } from '../../src/core';

const ROOT = '/repo';
const NOTES = '/repo/docs/notes.md';

const FILES = [
  'docs/notes.md',
  'src/search/indexer.ts',
  'src/search/query.ts',
  'src/main.ts',
  'src/my file.ts',
  'src/café.ts',
  'src/100%.ts',
  'README.md',
];

/** A notes document: its title makes it one, `body` follows. */
function notes(body: string, eol = '\n'): string {
  return ['# Implementation Notes: Search', '', ...body.split('\n')].join(eol);
}

/** `body` after the moves (paths relative to the root), as the edits rewrite it. */
function moved(body: string, moves: [string, string][], options: { document?: string; files?: string[]; eol?: string } = {}): string {
  const eol = options.eol ?? '\n';
  const text = notes(body, eol);
  const analysis = analyze(text, { references: 'notes' });
  const files = new RepositoryFiles(ROOT, options.files ?? FILES);
  const list: Move[] = moves.map(([from, to]) => ({ from: `${ROOT}/${from}`, to: `${ROOT}/${to}` }));
  const edits = editsForMove(analysis.text, analysis.references, options.document ?? NOTES, files, list);
  const out = applyEdits(analysis.text, edits);
  const prefix = notes('', eol);
  assert.ok(out.startsWith(prefix), 'the title is kept');
  return out.slice(prefix.length);
}

suite('references when files move (docs/spec.md, "When files move")', () => {
  test('a Location field: plain, inline code, a link; from the root or relative, as written', () => {
    const body = [
      '**Location**: src/search/indexer.ts',
      '**Location**: `src/search/indexer.ts`, `../src/search/indexer.ts`',
      '**Location**: [indexer](../src/search/indexer.ts)',
    ].join('\n');
    assert.equal(moved(body, [['src/search/indexer.ts', 'src/index/indexer.ts']]), [
      '**Location**: src/index/indexer.ts',
      '**Location**: `src/index/indexer.ts`, `../src/index/indexer.ts`',
      '**Location**: [indexer](../src/index/indexer.ts)',
    ].join('\n'));
  });

  test('links, images and definitions keep their line suffix, query and <…> form', () => {
    const body = [
      'See [the indexer](../src/search/indexer.ts#L10-L20), ![img](../src/search/indexer.ts?raw=1).',
      '',
      'And [this](<../src/search/indexer.ts#L3>) and [def].',
      '',
      '[def]: ../src/search/indexer.ts "title"',
    ].join('\n');
    assert.equal(moved(body, [['src/search/indexer.ts', 'src/index/indexer.ts']]), [
      'See [the indexer](../src/index/indexer.ts#L10-L20), ![img](../src/index/indexer.ts?raw=1).',
      '',
      'And [this](<../src/index/indexer.ts#L3>) and [def].',
      '',
      '[def]: ../src/index/indexer.ts "title"',
    ].join('\n'));
  });

  test('inline code keeps its line suffix (#L42, :42, :10-20) and ./', () => {
    const body = 'Read `src/search/indexer.ts:42`, `src/search/indexer.ts#L1-L2`, `./../src/search/query.ts:10-20`.';
    assert.equal(
      moved(body, [['src/search', 'src/find']]),
      'Read `src/find/indexer.ts:42`, `src/find/indexer.ts#L1-L2`, `../src/find/query.ts:10-20`.',
    );
  });

  test('a folder move rewrites every path inside it and the folder itself', () => {
    const body = ['**Location**: `src/search/`', '', 'Files: `src/search/query.ts`, `src/main.ts`, [q](../src/search/query.ts).'].join('\n');
    assert.equal(
      moved(body, [['src/search', 'lib/search']]),
      ['**Location**: `lib/search/`', '', 'Files: `lib/search/query.ts`, `src/main.ts`, [q](../lib/search/query.ts).'].join('\n'),
    );
  });

  test('a reference that was broken, absolute, or leaves the repository is left alone', () => {
    const body = 'Gone `src/search/gone.ts`, outside [x](../../etc/passwd), absolute `/repo/src/search/indexer.ts`, [up](../../../repo/src/x.ts).';
    assert.equal(moved(body, [['src/search/indexer.ts', 'src/index/indexer.ts']]), body);
  });

  test('a file moved out of the repository, or a move outside it, changes nothing', () => {
    const body = '`src/search/indexer.ts`';
    const text = notes(body);
    const analysis = analyze(text, { references: 'notes' });
    const files = new RepositoryFiles(ROOT, FILES);
    assert.deepEqual(editsForMove(text, analysis.references, NOTES, files, [{ from: '/repo/src/search/indexer.ts', to: '/elsewhere/indexer.ts' }]), []);
    assert.deepEqual(editsForMove(text, analysis.references, NOTES, files, [{ from: '/other/src/search/indexer.ts', to: '/other/x.ts' }]), []);
  });

  test('the notes file moves while a file it names leaves the repository: that reference is left', () => {
    const text = notes('`../src/main.ts` and `../README.md`');
    const analysis = analyze(text, { references: 'notes' });
    const edits = editsForMove(text, analysis.references, NOTES, new RepositoryFiles(ROOT, FILES), [
      { from: NOTES, to: '/repo/docs/x/notes.md' },
      { from: '/repo/src/main.ts', to: '/elsewhere/main.ts' },
    ]);
    assert.equal(applyEdits(text, edits), notes('`../src/main.ts` and `../../README.md`'));
  });

  test('the notes file itself moves: relative references follow, root-relative ones still hold', () => {
    const body = ['**Location**: `../src/main.ts`, `src/main.ts`', '', '[readme](../README.md) and [self](notes.md)'].join('\n');
    assert.equal(
      moved(body, [['docs/notes.md', 'docs/phase/2/notes.md']]),
      ['**Location**: `../../../src/main.ts`, `src/main.ts`', '', '[readme](../../../README.md) and [self](notes.md)'].join('\n'),
    );
    // With its folder: the relative paths between moved files still hold.
    assert.equal(moved(body, [['docs', 'documentation/docs']], { document: NOTES }), ['**Location**: `../../src/main.ts`, `src/main.ts`', '', '[readme](../../README.md) and [self](notes.md)'].join('\n'));
  });

  test('a path that resolved from the notes folder is written from the new folder, not from the root', () => {
    const files = [...FILES, 'docs/diagram.svg'];
    const body = '[d](diagram.svg) and `docs/diagram.svg`';
    assert.equal(moved(body, [['docs/diagram.svg', 'docs/img/diagram.svg']], { files }), '[d](img/diagram.svg) and `docs/img/diagram.svg`');
  });

  test('names with spaces, Unicode and %: a link keeps its encoding, <…> keeps spaces, code and plain text are raw', () => {
    const body = [
      '**Location**: src/my file.ts',
      '',
      '[a](../src/my%20file.ts) [b](<../src/my file.ts>) [c](../src/caf%C3%A9.ts) [d](../src/café.ts) [e](../src/100%25.ts)',
    ].join('\n');
    assert.equal(
      moved(body, [['src/my file.ts', 'src/your file.ts'], ['src/café.ts', 'src/thé (1).ts'], ['src/100%.ts', 'src/50% off.ts']]),
      [
        '**Location**: src/your file.ts',
        '',
        '[a](../src/your%20file.ts) [b](<../src/your file.ts>) [c](../src/th%C3%A9%20(1).ts) [d](../src/thé%20(1).ts) [e](../src/50%25%20off.ts)',
      ].join('\n'),
    );
  });

  test('a new name a link cannot hold as is is escaped; code and plain values that cannot hold it are left', () => {
    const body = ['[a](../src/main.ts) `src/main.ts`', '', '**Location**: src/main.ts'].join('\n');
    assert.equal(
      moved(body, [['src/main.ts', 'src/ma`in, (x.ts']]),
      ['[a](../src/ma`in,%20%28x.ts) `src/main.ts`', '', '**Location**: src/main.ts'].join('\n'),
    );
    assert.equal(moved('[a](../src/main.ts)', [['src/main.ts', 'src/a#b?c<d>.ts']]), '[a](../src/a%23b%3Fc%3Cd%3E.ts)');
  });

  test('Code Structure: a rename in its folder renames the name on its line; a move elsewhere is left', () => {
    const tree = (lines: string[]) => ['## Code Structure', '', '```', ...lines, '```'].join('\n');
    const before = tree(['repo/', '├── src/', '│   ├── search/', '│   │   ├── indexer.ts   # the index', '│   │   └── query.ts', '│   └── main.ts', '└── README.md']);
    assert.equal(
      moved(before, [['src/search', 'src/find']]),
      tree(['repo/', '├── src/', '│   ├── find/', '│   │   ├── indexer.ts   # the index', '│   │   └── query.ts', '│   └── main.ts', '└── README.md']),
    );
    assert.equal(
      moved(before, [['src/search/indexer.ts', 'src/search/index.ts']]),
      tree(['repo/', '├── src/', '│   ├── search/', '│   │   ├── index.ts   # the index', '│   │   └── query.ts', '│   └── main.ts', '└── README.md']),
    );
    assert.equal(moved(before, [['src/search/indexer.ts', 'src/index/indexer.ts']]), before);
    // A line that names several segments renames the one that changed.
    const deep = tree(['src/search/', '    indexer.ts', 'README.md']);
    assert.equal(moved(deep, [['src/search', 'src/find']]), tree(['src/find/', '    indexer.ts', 'README.md']));
    assert.equal(moved(deep, [['src', 'source']]), tree(['source/search/', '    indexer.ts', 'README.md']));
  });

  test('symbols are never edited, and nothing moved means no edit', () => {
    const body = ['**Location**: `src/search/indexer.ts`', '', '**Key Classes/Functions**:', '- `Indexer`: builds it'].join('\n');
    assert.equal(moved(body, [['src/main.ts', 'src/app.ts']]), body);
    assert.equal(moved(body, []), body);
  });

  test('CRLF documents: only the paths change, every line break is kept', () => {
    const body = ['**Location**: `src/search/indexer.ts`', '', 'See [x](../src/search/indexer.ts).'].join('\n');
    assert.equal(
      moved(body, [['src/search/indexer.ts', 'src/index/indexer.ts']], { eol: '\r\n' }),
      ['**Location**: `src/index/indexer.ts`', '', 'See [x](../src/index/indexer.ts).'].join('\r\n'),
    );
  });

  test('a file the list does not hold (ignored, or past its bound) is still followed when it is the one moved', () => {
    assert.equal(moved('`build/out.js`', [['build/out.js', 'dist/out.js']]), '`dist/out.js`');
  });

  test('hostile sizes: 20,000 references, a 10,000-character path, a thousand moves', () => {
    const long = 'src/' + 'a'.repeat(10_000) + '.ts';
    const files = [...FILES, long];
    const many = Array.from({ length: 20_000 }, (_, i) => `\`src/search/indexer.ts:${i + 1}\``).join('\n');
    const out = moved(`${many}\n\`${long}\``, [['src/search', 'src/find'], [long, 'src/b.ts'], ...Array.from({ length: 1000 }, (_, i): [string, string] => [`x/${'d/'.repeat(i)}f.ts`, `y/${i}.ts`])], { files });
    const lines = out.split('\n');
    assert.equal(lines.length, 20_001);
    assert.equal(lines[19_999], '`src/find/indexer.ts:20000`');
    assert.equal(lines[20_000], '`src/b.ts`');
  });
});
