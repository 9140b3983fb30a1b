import * as assert from 'node:assert/strict';
import { analyze, defaultTemplate, pathCompletions, referenceCompletionAt, referenceLabels, type CompletionContext } from '../../src/core';
import { timeRatio } from './helpers';

/** The completion context at the `|` of a notes document's body. */
function at(body: string): CompletionContext | undefined {
  const marked = `# Implementation Notes: Search\n\n${body}`;
  const offset = marked.indexOf('|');
  const text = marked.slice(0, offset) + marked.slice(offset + 1);
  const analysis = analyze(text, { references: 'notes' });
  const context = referenceCompletionAt(analysis, referenceLabels(defaultTemplate()), offset);
  if (context) assert.equal(text.slice(context.start, offset), context.typed, 'typed is the text from start to the cursor');
  return context;
}

const FILES = ['src/search/indexer.ts', 'src/search/query.ts', 'src/main.ts', 'src/Search.md', 'README.md', 'docs/notes.md', 'docs/a b/é.md'];

suite('completing references (docs/spec.md, "Completing references")', () => {
  test('a Location value: the item typed, plain, in code or in a link', () => {
    assert.deepEqual(at('**Location**: src/se|') && { ...at('**Location**: src/se|'), start: 0 }, { kind: 'path', start: 0, typed: 'src/se' });
    assert.equal(at('**Location**: `src/main.ts`, `src/|')?.typed, 'src/');
    assert.equal(at('- **Location**: [x](src/m|')?.typed, 'src/m');
    assert.equal(at('**Location**: |')?.typed, '');
    assert.equal(at('**Purpose**: src/|'), undefined);
    assert.equal(at('**Loca|tion**: x'), undefined, 'in the label');
  });

  test('inline code anywhere: a path without spaces; closed code and prose are no context', () => {
    assert.deepEqual(at('See `src/search/|` for it.')?.kind, 'path');
    assert.equal(at('See `src/a` and src/|'), undefined);
    assert.equal(at('See `two words|'), undefined);
  });

  test('not in fenced code', () => {
    assert.equal(at('```js\nconst a = `src/|\n```'), undefined);
    assert.equal(at('```js\nx\n```\n\n`src/|')?.kind, 'path');
  });

  test('a Key Classes/Functions list: symbols of the Location above it, in the section', () => {
    const component = ['### Indexer', '', '**Location**: `src/search/indexer.ts`, `src/search/query.ts`', '', '**Key Classes/Functions**:'];
    assert.deepEqual({ ...at([...component, '- `Ind|'].join('\n')), start: 0 }, { kind: 'symbol', start: 0, typed: 'Ind', scope: ['src/search/indexer.ts', 'src/search/query.ts'] });
    assert.equal(at([...component, '- `Indexer`: builds', '- `|'].join('\n'))?.kind, 'symbol');
    assert.equal(at([...component, '- `Indexer`, `|'].join('\n'))?.kind, 'symbol', 'a second name on the item');
    assert.equal(at([...component, '- `Indexer`: calls `src/|'].join('\n'))?.kind, 'path', 'code in the description is a path');
    // A list with no Location above it in its section: symbols, with no scope.
    assert.deepEqual({ ...at(['### Other', '', '**Key Classes/Functions**:', '- `X|'].join('\n')), start: 0 }, { kind: 'symbol', start: 0, typed: 'X', scope: [] });
    // After another field, the list has ended.
    assert.equal(at([...component, '- `Indexer`', '', '**Dependencies**:', '- `src/|'].join('\n'))?.kind, 'path');
  });

  test('a list under its own Key Functions heading takes the Location of the component above', () => {
    const body = ['### Indexer', '', '**Location**: src/search/indexer.ts', '', '#### Key Functions', '', '- `ad|'].join('\n');
    assert.deepEqual((at(body) as { scope: string[] }).scope, ['src/search/indexer.ts']);
  });

  test('paths: folders first, then files, one segment at a time, filtered by a subsequence', () => {
    assert.deepEqual(pathCompletions(FILES, '', 10).items, [
      { path: 'docs/', folder: true },
      { path: 'src/', folder: true },
      { path: 'README.md', folder: false },
    ]);
    assert.deepEqual(pathCompletions(FILES, 'src/', 10).items.map((i) => i.path), ['src/search/', 'src/main.ts', 'src/Search.md']);
    assert.deepEqual(pathCompletions(FILES, 'src/sr', 10).items.map((i) => i.path), ['src/search/', 'src/Search.md']);
    assert.deepEqual(pathCompletions(FILES, 'docs/a b/', 10).items.map((i) => i.path), ['docs/a b/é.md']);
    assert.deepEqual(pathCompletions(FILES, 'nowhere/', 10), { items: [], complete: true });
  });

  test('a folder of 100,000 files: one pass (8x the files take well under 64x the time), the list bounded and marked incomplete', () => {
    const many = Array.from({ length: 100_000 }, (_, i) => `src/gen/file${i}.ts`);
    const { items, complete } = pathCompletions(many, 'src/gen/', 500);
    assert.equal(items.length, 500);
    assert.equal(complete, false);
    assert.equal(pathCompletions(many, 'src/gen/file99999', 500).items.length, 1);
    const folders = new Map([12_500, 100_000].map((n) => [n, many.slice(0, n)]));
    const ratio = timeRatio((n) => pathCompletions(folders.get(n)!, 'src/gen/', 500), 12_500, 100_000);
    assert.ok(ratio < 24, `8x the files took ${ratio.toFixed(1)}x the time (one pass and a sort: about 10, quadratic: about 64)`);
  });

  test('hostile sizes: a line of 200,000 backticks, a list of 2,000 items, a 10,000-character path typed', () => {
    assert.equal(at('`'.repeat(200_000) + ' `src/|')?.kind, 'path');
    const items = Array.from({ length: 2_000 }, (_, i) => `- \`Name${i}\``).join('\n');
    // The label is past the lines looked at: the list's items are then paths, not symbols.
    assert.equal(at(['**Location**: `src/main.ts`', '', '**Key Classes/Functions**:', items, '- `Na|'].join('\n'))?.kind, 'path');
    assert.equal(at(['**Location**: `src/main.ts`', '', '**Key Classes/Functions**:', '- `Na|'].join('\n'))?.kind, 'symbol');
    const long = 'src/' + 'a/'.repeat(5_000);
    assert.equal(at(`**Location**: ${long}|`)?.typed, long);
    assert.deepEqual(pathCompletions([`${long}x.ts`], long, 10).items, [{ path: `${long}x.ts`, folder: false }]);
  });
});
