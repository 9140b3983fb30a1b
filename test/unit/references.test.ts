import * as assert from 'node:assert/strict';
import { analyze, ChunkedParser, createTemplate, defaultTemplate, type AnalyzeOptions, type Reference } from '../../src/core';
import { analysisLoop } from '../../src/worker/analysisLoop';
import type { WorkerReply } from '../../src/worker/protocol';

const NOTES = '# Implementation Notes: Search\n\n';

/** Each reference as `kind/source "text" → path` (lines, folder, scope when set); its span must hold its text. */
function refsOf(markdown: string, options: AnalyzeOptions = {}): string[] {
  const a = analyze(markdown, options);
  return a.references.map((r) => {
    assert.equal(a.text.slice(r.start, r.end), r.text, `span of ${JSON.stringify(r)}`);
    return describe(r);
  });
}

function describe(r: Reference): string {
  let s = `${r.kind}/${r.source} ${JSON.stringify(r.text)}`;
  if (r.path !== undefined) s += ` → ${r.path}`;
  if (r.lines) s += ` L${r.lines.from}-${r.lines.to}`;
  if (r.folder) s += ' (folder)';
  if (r.symbol !== undefined) s += ` ${r.symbol} in [${(r.scope ?? []).join(', ')}]`;
  return s;
}

suite('references: Location fields', () => {
  test('plain, inline code and a link, comma separated; exact spans', () => {
    const doc = NOTES + '- **Location**: src/a.ts, `src/b.ts`, [c](src/c.ts)\n';
    const a = analyze(doc);
    assert.deepEqual(a.references.map((r) => [r.kind, r.source, r.start, r.end, r.text, r.path]), [
      ['path', 'location', doc.indexOf('src/a.ts'), doc.indexOf('src/a.ts') + 8, 'src/a.ts', 'src/a.ts'],
      ['path', 'location', doc.indexOf('src/b.ts'), doc.indexOf('src/b.ts') + 8, 'src/b.ts', 'src/b.ts'],
      ['path', 'location', doc.indexOf('src/c.ts'), doc.indexOf('src/c.ts') + 8, 'src/c.ts', 'src/c.ts'],
    ]);
  });

  test('label forms: `**Location:**`, `__Location__:`, outside a list, in a quote; plural', () => {
    assert.deepEqual(refsOf(NOTES + '**Location:** a/b.py\n\n__Location__: c/d.go\n\n> - **Locations**: e/f.rs\n'), [
      'path/location "a/b.py" → a/b.py',
      'path/location "c/d.go" → c/d.go',
      'path/location "e/f.rs" → e/f.rs',
    ]);
  });

  test('line references in any form', () => {
    assert.deepEqual(refsOf(NOTES + '- **Location**: `src/a.ts:42`, src/b.ts#L10-L20, [c](src/c.ts#L7), `d.py:3:9`, `e.go:5-9`\n'), [
      'line/location "src/a.ts:42" → src/a.ts L42-42',
      'line/location "src/b.ts#L10-L20" → src/b.ts L10-20',
      'line/location "src/c.ts#L7" → src/c.ts L7-7',
      'line/location "d.py:3:9" → d.py L3-3',
      'line/location "e.go:5-9" → e.go L5-9',
    ]);
  });

  test('a value that is or holds a placeholder, "N/A", a URL: no reference; a full stop is not part of the path', () => {
    assert.deepEqual(refsOf(NOTES + '- **Location**: [File path]\n- **Location**: src/[module].py\n- **Location**: N/A\n- **Location**: none\n- **Location**: https://example.com/x\n- **Location**: src/a.ts.\n- **Location**: ../up.md.\n'), [
      'path/location "src/a.ts" → src/a.ts',
      'path/location "../up.md" → ../up.md',
    ]);
  });

  test('an item mixing text and code: the code; a reference link without a destination there: nothing', () => {
    assert.deepEqual(refsOf(NOTES + '- **Location**: `src/a.ts` (entry point), [src/b.ts][b]\n\n[b]: src/b.ts\n'), [
      'path/location "src/a.ts" → src/a.ts',
      'path/link "src/b.ts" → src/b.ts',
    ]);
  });

  test('names with spaces, Unicode and %20', () => {
    assert.deepEqual(refsOf(NOTES + '- **Location**: src/my file.ts, `docs/naïve ü.md`, [x](src/a%20b%C3%A9.ts), <x>\n'), [
      'path/location "src/my file.ts" → src/my file.ts',
      'path/location "docs/naïve ü.md" → docs/naïve ü.md',
      'path/location "src/a%20b%C3%A9.ts" → src/a bé.ts',
    ]);
  });
});

suite('references: links and images', () => {
  test('relative paths; URLs, fragments alone, mail and empty targets are not references', () => {
    const doc = NOTES + '[a](src/a.ts) [u](https://x.y/z) [f](#usage) [m](mailto:a@b.c) [e]() ![i](docs/arch.png) [p](//cdn.x/y) [q](?x=1)\n';
    assert.deepEqual(refsOf(doc), ['path/link "src/a.ts" → src/a.ts', 'path/link "docs/arch.png" → docs/arch.png']);
  });

  test('fragments: a line reference, others dropped; a query dropped; percent-decoded after the split', () => {
    assert.deepEqual(refsOf(NOTES + '[a](a.ts#L42) [b](b.ts#L10-L20) [c](README.md#usage) [d](d.md?plain=1) [e](e%23f.md) [g](g.ts#L0)\n'), [
      'line/link "a.ts#L42" → a.ts L42-42',
      'line/link "b.ts#L10-L20" → b.ts L10-20',
      'path/link "README.md#usage" → README.md',
      'path/link "d.md?plain=1" → d.md',
      'path/link "e%23f.md" → e#f.md',
      'path/link "g.ts#L0" → g.ts',
    ]);
  });

  test('escapes and character references are decoded; angle brackets allow spaces; the span is the destination as written', () => {
    const doc = NOTES + '[a](src/a\\_b.ts) [b](<my file.md>) [c](x&amp;y.md)\n';
    assert.deepEqual(refsOf(doc), ['path/link "src/a\\\\_b.ts" → src/a_b.ts', 'path/link "my file.md" → my file.md', 'path/link "x&amp;y.md" → x&y.md']);
  });

  test('definitions, images inside links, absolute and parent paths (the resolver decides those)', () => {
    assert.deepEqual(refsOf(NOTES + '[![logo](media/logo.png)](README.md)\n\n[guide]: ../docs/guide.md\n[abs]: /etc/passwd\n'), [
      'path/link "media/logo.png" → media/logo.png',
      'path/link "README.md" → README.md',
      'path/link "../docs/guide.md" → ../docs/guide.md',
      'path/link "/etc/passwd" → /etc/passwd',
    ]);
  });

  test('autolinks and bare URLs are not references', () => {
    assert.deepEqual(refsOf(NOTES + '<https://x.y/a.ts> www.example.com/a.ts\n'), []);
  });
});

suite('references: inline code', () => {
  test('a path has a `/` or a known extension or name, no spaces, and is no URL', () => {
    const doc = NOTES + 'See `src/core`, `index.ts`, `README.MD`, `Makefile`, `.env`, `config.json`, `a b/c.ts`, `https://x.y/a.ts`, `foo`, `x.y`, `1/2`, `npm:pkg/x`\n';
    assert.deepEqual(refsOf(doc), [
      'path/code "src/core" → src/core',
      'path/code "index.ts" → index.ts',
      'path/code "README.MD" → README.MD',
      'path/code "Makefile" → Makefile',
      'path/code ".env" → .env',
      'path/code "config.json" → config.json',
    ]);
  });

  test('media types, absolute and home paths, scoped packages, globs, placeholders, abbreviations and remarks are not paths', () => {
    assert.deepEqual(refsOf(NOTES + '`application/json` `/api/v1/users` `~/x/y` `@types/node` `src/**/*.ts` `${root}/a` `src/[module1].py` `N/A` `CI/CD` `(N/A)` `(see docs/a.md)` `text/templates/a.html`\n'), [
      'path/code "text/templates/a.html" → text/templates/a.html',
    ]);
  });

  test('line references: `#L42`, `#L10-L20`, `:42`', () => {
    assert.deepEqual(refsOf(NOTES + '`src/a.ts#L42` `src/b.ts#L10-L20` `c.py:42` `d.go:1-3` `src/e.ts#top`\n'), [
      'line/code "src/a.ts#L42" → src/a.ts L42-42',
      'line/code "src/b.ts#L10-L20" → src/b.ts L10-20',
      'line/code "c.py:42" → c.py L42-42',
      'line/code "d.go:1-3" → d.go L1-3',
      'path/code "src/e.ts#top" → src/e.ts#top',
    ]);
  });

  test('the span is the content, without backticks and CommonMark\'s padding', () => {
    const doc = NOTES + 'x `` src/a.ts `` y\n';
    const [ref] = analyze(doc).references;
    assert.deepEqual([ref.start, ref.end], [doc.indexOf('src/a.ts'), doc.indexOf('src/a.ts') + 8]);
  });
});

const COMPONENT = `#### Component 1: Indexer
- **Purpose**: Builds the index
- **Location**: \`src/search/indexer.ts\`, src/search/tokens.ts
- **Key Classes/Functions**:
  - \`SearchIndexer\`: [Purpose and key methods]
  - \`build_index()\`, \`Tokenizer.split()\`: splits
  - \`src/search/types.ts\`: a path, not a symbol
  - plain words, then \`notLeading\`
- **Dependencies**: \`helper\` is not in the list
`;

suite('references: symbols under Key Classes/Functions', () => {
  test('leading identifiers of the list\'s items, scoped to the component\'s Location', () => {
    const scope = 'src/search/indexer.ts, src/search/tokens.ts';
    assert.deepEqual(refsOf(NOTES + COMPONENT).filter((r) => r.startsWith('symbol') || r.includes('types.ts')), [
      `symbol/symbol "SearchIndexer" SearchIndexer in [${scope}]`,
      `symbol/symbol "build_index()" build_index in [${scope}]`,
      `symbol/symbol "Tokenizer.split()" Tokenizer.split in [${scope}]`,
      'path/code "src/search/types.ts" → src/search/types.ts',
    ]);
  });

  test('a component without a Location (or with a placeholder there) has an empty scope; the next component does not inherit', () => {
    const doc = NOTES + COMPONENT + '\n#### Component 2: Other\n- **Location**: [File path]\n- **Key Classes/Functions**:\n  - `Other`\n\n#### Component 3\n- **Key Functions**:\n  - `third()`\n';
    assert.deepEqual(refsOf(doc).filter((r) => /Other|third/.test(r)), ['symbol/symbol "Other" Other in []', 'symbol/symbol "third()" third in []']);
  });

  test('the template\'s sample names are placeholders in effect', () => {
    assert.deepEqual(refsOf(NOTES + '- **Key Classes/Functions**:\n  - `ClassName`: x\n  - `function_name()`: y\n  - `Real`\n'), ['symbol/symbol "Real" Real in []']);
  });

  test('label forms: outside a list, on the label line, as a heading, loosely matched', () => {
    const doc = NOTES +
      '#### A\n**Location**: a.py\n\n**Key Classes and Functions**: `Alpha`, `beta()`\n- `Gamma`\n\nText `delta` after.\n\n' +
      '#### B\n- **Location**: b.go\n\n##### Key Methods\n- `Run()`\n- `Stop`\n';
    assert.deepEqual(refsOf(doc).filter((r) => r.startsWith('symbol')), [
      'symbol/symbol "Alpha" Alpha in [a.py]',
      'symbol/symbol "beta()" beta in [a.py]',
      'symbol/symbol "Gamma" Gamma in [a.py]',
      'symbol/symbol "Run()" Run in [b.go]',
      'symbol/symbol "Stop" Stop in [b.go]',
    ]);
  });

  test('a custom template names its own labels', () => {
    const template = createTemplate('# Service Notes\n\n## Parts\n- **Where**: [Path]\n- **Source location**: [Path]\n- **Public functions**:\n  - `sample()`\n');
    const doc = '# Service Notes\n\n## Parts\n- **Location**: not/this.ts\n- **Source location**: src/x.ts\n- **Public functions**:\n  - `sample()`\n  - `engine()`\n';
    assert.deepEqual(refsOf(doc, { template }), ['path/location "src/x.ts" → src/x.ts', 'symbol/symbol "engine()" engine in [src/x.ts]']);
  });
});

const TREE = `### Code Structure
\`\`\`
project_root/
├── src/
│   ├── index.ts          # entry point
│   ├── [component1]/
│   │   └── inner.ts
│   └── core/
│       ├── My File.ts
│       └── tests/
└── docs/
    └── guide.md  - the guide
\`\`\`
`;

suite('references: the Code Structure tree', () => {
  test('each path line, resolved against its parents; the lone top line is the repository root', () => {
    const doc = NOTES + TREE;
    assert.deepEqual(refsOf(doc), [
      'tree/tree "src/" → src (folder)',
      'tree/tree "index.ts" → src/index.ts',
      'tree/tree "core/" → src/core (folder)',
      'tree/tree "My File.ts" → src/core/My File.ts',
      'tree/tree "tests/" → src/core/tests (folder)',
      'tree/tree "docs/" → docs (folder)',
      'tree/tree "guide.md" → docs/guide.md',
    ]);
    const index = analyze(doc).references[1];
    assert.deepEqual([index.start, index.end], [doc.indexOf('index.ts'), doc.indexOf('index.ts') + 8]);
  });

  test('several top lines: each from the root; a parent with children is a folder; ASCII trees and indentation', () => {
    const doc = NOTES + '## Code Structure\n\n```text\nsrc\n  a.ts\nlib/\n|-- b.py\n`-- c\n    +-- d.rs\n```\n';
    assert.deepEqual(refsOf(doc), [
      'tree/tree "src" → src (folder)',
      'tree/tree "a.ts" → src/a.ts',
      'tree/tree "lib/" → lib (folder)',
      'tree/tree "b.py" → lib/b.py',
      'tree/tree "c" → lib/c (folder)',
      'tree/tree "d.rs" → lib/c/d.rs',
    ]);
  });

  test('the template\'s own tree, code fences with another language, trees elsewhere: not read', () => {
    const template = defaultTemplate().text;
    assert.deepEqual(analyze(template, { missingSections: 'notes', references: 'notes' }).references.filter((r) => r.kind === 'tree'), []);
    assert.deepEqual(refsOf(NOTES + '## Code Structure\n```python\nsrc/\n  a.py\n```\n\n## Other\n```\nsrc/\n  b.py\n```\n'), []);
  });

  test('a tree in a subsection of Code Structure, and under a similar title', () => {
    assert.deepEqual(refsOf(NOTES + '## Project Structure\n### Backend\n```\napi/\n  main.go\n```\n'), ['tree/tree "main.go" → main.go']);
  });
});

suite('references: where there are none', () => {
  test('not in fenced or indented code, HTML, front matter or comments', () => {
    const doc = '---\ntype: implementation-notes\nlocation: `src/fm.ts`\n---\n# Notes\n\n```\n- **Location**: src/code.ts\n[a](src/code.md) `src/code.ts`\n```\n\n    `src/indented.ts` [b](src/indented.md)\n\n<div>\n[c](src/html.md) `src/html.ts`\n</div>\n\n<!-- `src/comment.ts` -->\n';
    assert.deepEqual(refsOf(doc), []);
  });

  test('only in notes documents, and not when switched off', () => {
    const body = '- **Location**: src/a.ts\n[x](b.md) `c/d.ts`\n';
    assert.deepEqual(refsOf('# Readme\n\n' + body), []);
    assert.equal(refsOf('# Readme\n\n' + body, { references: 'notes' }).length, 3);
    assert.deepEqual(refsOf(NOTES + body, { references: 'off' }), []);
  });
});

suite('references: text encodings and the chunked parse', () => {
  test('CRLF and a BOM: offsets into the analysed text', () => {
    const doc = (NOTES + '- **Location**: src/a.ts\r\n- **Key Classes/Functions**:\r\n  - `Alpha`\r\n' + TREE).replace(/\n/g, '\r\n').replace(/\r\r\n/g, '\r\n');
    const lf = refsOf(NOTES + '- **Location**: src/a.ts\n- **Key Classes/Functions**:\n  - `Alpha`\n' + TREE);
    assert.deepEqual(refsOf('\uFEFF' + doc), lf);
    assert.deepEqual(refsOf(doc.replace(/\r\n/g, '\r')), lf);
  });

  test('chunked equals whole on a filled document, edit after edit', () => {
    const parser = new ChunkedParser();
    let doc = NOTES + TREE + '\n' + COMPONENT + '\n## Links\n\nSee [x](src/x.ts#L3) and `lib/y.py:4`.\n\n[d]: docs/d.md\n';
    for (const edit of ['', '\n## Inserted\n\n`new/path.ts`\n', '- **Location**: moved.ts\n']) {
      doc = doc.replace('#### Component 1', edit + '#### Component 1');
      assert.deepEqual(analyze(doc, { parser }).references, analyze(doc).references);
    }
  });
});

// Outcomes and bounds at hostile sizes; the time they take is measured by `npm run bench`.
suite('references: hostile shapes give every reference, within bounds', () => {
  test('20,000 references in one document', function () {
    this.timeout(60000);
    const lines = Array.from({ length: 5000 }, (_, i) => `- \`src/m${i}.ts\` [l](docs/d${i}.md) \`pkg/${i}/x.py:${i + 1}\` ![i](img/${i}.png)`);
    const refs = analyze(NOTES + lines.join('\n') + '\n', { parser: new ChunkedParser() }).references;
    assert.equal(refs.length, 20000);
    assert.ok(refs.every((r, i) => i === 0 || refs[i - 1].start < r.start));
  });

  test('a 10,000-character path, a 10,000-item Location, a 100,000-character label line', function () {
    this.timeout(60000);
    const long = 'a/'.repeat(5000) + 'x.ts';
    assert.deepEqual(analyze(NOTES + `- **Location**: \`${long}\`\n`).references.map((r) => r.path?.length), [long.length]);
    const many = Array.from({ length: 10000 }, (_, i) => `f${i}.ts`).join(', ');
    assert.equal(analyze(NOTES + `- **Location**: ${many}\n`).references.length, 10000);
    assert.deepEqual(analyze(NOTES + '- **' + 'Location'.repeat(12500) + '\n').references, []);
  });

  test('a tree 10,000 lines long, and one 3,000 levels deep: paths within the budget', function () {
    this.timeout(60000);
    const wide = Array.from({ length: 10000 }, (_, i) => `├── f${i}.ts`).join('\n');
    assert.equal(analyze(NOTES + '## Code Structure\n```\nroot/\n' + wide + '\n```\n').references.length, 10000);
    const deep = Array.from({ length: 3000 }, (_, i) => ' '.repeat(i) + 'dir/').join('\n');
    const text = NOTES + '## Code Structure\n```\n' + deep + '\n```\n';
    const refs = analyze(text).references;
    const total = refs.reduce((n, r) => n + (r.path?.length ?? 0), 0);
    assert.ok(refs.length > 100 && total <= 8 * text.length + 65536, `${refs.length} references, ${total} path characters`);
  });

  test('5,000 symbol lists one after another, and unclosed label markers on every line', function () {
    this.timeout(60000);
    const lists = Array.from({ length: 5000 }, (_, i) => `**Key Classes/Functions**: \`S${i}\`\n- \`T${i}\`\n`).join('\n');
    assert.equal(analyze(NOTES + lists).references.length, 10000);
    assert.equal(analyze(NOTES + '- **Location `a/b.ts`\n'.repeat(5000)).references.length, 5000);
  });
});

suite('references cross the worker protocol', () => {
  test('the analysis loop posts them; they survive a structured clone', () => {
    const replies: WorkerReply[] = [];
    const handle = analysisLoop((r) => replies.push(r), (run) => run());
    const text = NOTES + COMPONENT;
    handle({ type: 'analyze', id: 1, request: { key: 'k', text, ignore: [] } });
    const reply = replies.find((r): r is Extract<WorkerReply, { result: unknown }> => 'result' in r);
    assert.ok(reply);
    assert.deepEqual(structuredClone(reply.result).references, analyze(text).references);
    assert.ok(reply.result.references.length > 0);
  });
});
