import * as assert from 'node:assert/strict';
import { analyze, LineIndex, type ResolvedReference } from '../../src/core';
import { FORMATS, workflowCommand, type RunTotals } from '../../src/cli/formats';

function run(format: string, files: { path: string; text: string; references?: ResolvedReference[] }[], totals: RunTotals): string {
  let out = '';
  const formatter = FORMATS[format]({ version: '9.9.9', homepage: 'https://example.test/impl-notes', write: (t) => (out += t) });
  for (const { path, text, references = [] } of files) {
    const analysis = analyze(text);
    formatter.file({ path, analysis, lines: new LineIndex(analysis.text), references });
  }
  formatter.end(totals);
  return out;
}

const todo = { path: 'docs/a.md', text: '# Notes\n\nOwner: [Name]\n\n## Risks\n' };
const totals: RunTotals = { files: 1, filesWithFindings: 1, placeholders: 1, emptySections: 1, missingSections: 0, brokenReferences: 0 };

/** Notes with three references: one found, a moved file and a renamed symbol (as resolveReferences gives them). */
const referencing = (() => {
  const text = '# Notes\n\n**Location**: `src/search/indexer.ts`\n\n- `SearchIndexer`\n- `src/cli/main.ts`\n';
  const at = (s: string) => text.indexOf(s);
  const references: ResolvedReference[] = [
    {
      kind: 'path', source: 'location', start: at('src/search'), end: at('src/search') + 21, text: 'src/search/indexer.ts', path: 'src/search/indexer.ts', status: 'missing',
      suggestion: 'src/index/indexer.ts', finding: { code: 'broken-reference', message: '`src/search/indexer.ts` does not exist in the repository; moved to `src/index/indexer.ts`?' },
    },
    {
      kind: 'symbol', source: 'symbol', start: at('SearchIndexer'), end: at('SearchIndexer') + 13, text: 'SearchIndexer', symbol: 'SearchIndexer', scope: ['src/search/indexer.ts'], status: 'missing',
      suggestion: 'Indexer', finding: { code: 'unknown-symbol', message: '`SearchIndexer` is not declared in `src/index/indexer.ts`; renamed to `Indexer`?' },
    },
    { kind: 'path', source: 'code', start: at('src/cli'), end: at('src/cli') + 15, text: 'src/cli/main.ts', path: 'src/cli/main.ts', status: 'ok', target: 'src/cli/main.ts' },
  ];
  return { path: 'docs/notes.md', text, references };
})();
const referenceTotals: RunTotals = { files: 1, filesWithFindings: 1, placeholders: 0, emptySections: 0, missingSections: 0, brokenReferences: 2 };

suite('output formats', () => {
  test('the table has exactly the documented formats', () => {
    assert.deepEqual(Object.keys(FORMATS), ['text', 'json', 'sarif', 'github']);
  });

  test('text: one line per finding, then the summary', () => {
    assert.equal(run('text', [todo], totals), [
      'docs/a.md:3:8: Placeholder [Name] is not filled in [placeholder]',
      'docs/a.md:5:1: Section "Risks" is empty [empty-section]',
      '1 file checked: 1 placeholder and 1 empty section in 1 file.',
      '',
    ].join('\n'));
  });

  test('json and sarif: one document each, from the core reports', () => {
    const json = JSON.parse(run('json', [todo], totals));
    assert.deepEqual(json.files[0].placeholders, [{ line: 3, column: 8, endColumn: 14, text: '[Name]', section: 'Notes' }]);
    const sarif = JSON.parse(run('sarif', [todo], totals));
    assert.equal(sarif.runs[0].tool.driver.semanticVersion, '9.9.9');
    assert.equal(sarif.runs[0].tool.driver.informationUri, 'https://example.test/impl-notes');
    assert.deepEqual(sarif.runs[0].results.map((r: { ruleId: string }) => r.ruleId), ['placeholder', 'empty-section']);
  });

  test('github: a warning annotation per finding with its range, then the summary', () => {
    assert.equal(run('github', [todo], totals), [
      '::warning file=docs/a.md,line=3,endLine=3,col=8,endColumn=14,title=impl-notes placeholder::Placeholder [Name] is not filled in',
      '::warning file=docs/a.md,line=5,endLine=5,col=1,endColumn=9,title=impl-notes empty-section::Section "Risks" is empty',
      '1 file checked: 1 placeholder and 1 empty section in 1 file.',
      '',
    ].join('\n'));
  });

  test('references: broken ones are findings in every format, in document order; JSON lists every reference', () => {
    assert.equal(run('text', [referencing], referenceTotals), [
      'docs/notes.md:3:16: `src/search/indexer.ts` does not exist in the repository; moved to `src/index/indexer.ts`? [broken-reference]',
      'docs/notes.md:5:4: `SearchIndexer` is not declared in `src/index/indexer.ts`; renamed to `Indexer`? [unknown-symbol]',
      '1 file checked: 0 placeholders, 0 empty sections and 2 broken references in 1 file.',
      '',
    ].join('\n'));
    const json = JSON.parse(run('json', [referencing], referenceTotals));
    assert.deepEqual(json.files[0].references, [
      { line: 3, column: 16, endColumn: 37, text: 'src/search/indexer.ts', kind: 'path', target: null, status: 'missing', code: 'broken-reference', message: '`src/search/indexer.ts` does not exist in the repository; moved to `src/index/indexer.ts`?', suggestion: 'src/index/indexer.ts' },
      { line: 5, column: 4, endColumn: 17, text: 'SearchIndexer', kind: 'symbol', target: null, status: 'missing', code: 'unknown-symbol', message: '`SearchIndexer` is not declared in `src/index/indexer.ts`; renamed to `Indexer`?', suggestion: 'Indexer' },
      { line: 6, column: 4, endColumn: 19, text: 'src/cli/main.ts', kind: 'path', target: 'src/cli/main.ts', status: 'ok' },
    ]);
    assert.deepEqual(JSON.parse(run('json', [todo], totals)).files[0].references, []);
    const sarif = JSON.parse(run('sarif', [referencing], referenceTotals));
    const rules = sarif.runs[0].tool.driver.rules.map((r: { id: string }) => r.id);
    assert.deepEqual(rules, ['placeholder', 'empty-section', 'missing-section', 'broken-reference', 'unknown-symbol']);
    assert.deepEqual(sarif.runs[0].results.map((r: { ruleId: string; ruleIndex: number; locations: { physicalLocation: { region: unknown } }[] }) => [r.ruleId, r.ruleIndex, r.locations[0].physicalLocation.region]), [
      ['broken-reference', 3, { startLine: 3, startColumn: 16, endLine: 3, endColumn: 37 }],
      ['unknown-symbol', 4, { startLine: 5, startColumn: 4, endLine: 5, endColumn: 17 }],
    ]);
    assert.deepEqual(run('github', [referencing], referenceTotals).split('\n').slice(0, 2), [
      '::warning file=docs/notes.md,line=3,endLine=3,col=16,endColumn=37,title=impl-notes broken-reference::`src/search/indexer.ts` does not exist in the repository; moved to `src/index/indexer.ts`?',
      '::warning file=docs/notes.md,line=5,endLine=5,col=4,endColumn=17,title=impl-notes unknown-symbol::`SearchIndexer` is not declared in `src/index/indexer.ts`; renamed to `Indexer`?',
    ]);
  });

  test('the summary counts broken references beside the other findings', () => {
    const line = (t: Partial<RunTotals>) => run('text', [], { ...totals, ...t }).trimEnd();
    assert.equal(line({ placeholders: 0, emptySections: 0, brokenReferences: 0 }), '1 file checked: nothing left to fill.');
    assert.equal(line({ brokenReferences: 1 }), '1 file checked: 1 placeholder, 1 empty section and 1 broken reference in 1 file.');
    assert.equal(line({ missingSections: 2, brokenReferences: 3 }), '1 file checked: 1 placeholder, 1 empty section, 2 missing sections and 3 broken references in 1 file.');
  });

  test('github: a path with commas, colons and percent signs cannot break out of its property', () => {
    const out = run('github', [{ path: 'C:\\notes,v2\\100%.md', text: '# Notes\n\n[Name]\n' }], totals);
    assert.match(out, /^::warning file=C%3A\/notes%2Cv2\/100%25\.md,line=3,/);
  });

  test('github: message data escapes %, CR and LF but keeps : and ,', () => {
    assert.equal(
      workflowCommand('warning', { file: 'a.md', title: 'x: y, z' }, '50% done:\r\nnext, then'),
      '::warning file=a.md,title=x%3A y%2C z::50%25 done:%0D%0Anext, then',
    );
    assert.equal(workflowCommand('notice', {}, 'plain'), '::notice::plain');
  });

  test('github: a percent sign in a section title is escaped in the message', () => {
    const out = run('github', [{ path: 'a.md', text: '# 100% done ::error::x\n' }], totals);
    assert.equal(out.split('\n')[0], '::warning file=a.md,line=1,endLine=1,col=1,endColumn=23,title=impl-notes empty-section::Section "100%25 done ::error::x" is empty');
  });

  test('escaping is linear: a 1 MB property of commas and percent signs', () => {
    const hostile = ',%:'.repeat(350_000);
    const line = workflowCommand('warning', { file: hostile }, hostile);
    assert.equal(line.length, '::warning file='.length + 350_000 * 9 + 2 + 350_000 * 5);
  });
});
