import * as assert from 'node:assert/strict';
import fc from 'fast-check';
import { analyze, ChunkedParser, cutPoints, defaultTemplate, wholeDocumentFacts, type Analysis } from '../../src/core';

/** What a user can observe of an analysis. */
function observable(a: Analysis) {
  return {
    placeholders: a.placeholders.map((p) => [p.start, p.end, p.text, p.inCode, p.section]),
    sections: a.sections.map((s) => [s.title, s.level, s.start, s.headingEnd, s.end, s.status, s.placeholders, s.parent, s.needsFilling, s.totalPlaceholders]),
    references: a.references,
  };
}

/** What references are read from: chunked facts must equal a whole parse's. */
function referenceFacts(parser: ChunkedParser | undefined, text: string) {
  const { destinations, codeSpans, fencedCode } = (parser ? parser.facts(text) : wholeDocumentFacts(text)).syntax;
  return { destinations, codeSpans, fencedCode };
}

// Pieces chosen to stress the boundaries: headings everywhere, fences that
// hide headings (closed or not), HTML blocks, containers, definitions far
// from their references, front matter, CRLF.
const PIECES = [
  '# Title [Name]\n', '## Section\n', '### Sub [x]\n', '#\n', '#### Deep #\n', '#not a heading\n',
  '  # indented heading\n', '- # heading in list\n', '> ## quoted heading\n', 'Setext\n===\n', 'Under\n---\n',
  'Text with [Placeholder] and [link](u) and [ref].\n', '[ref]: https://example.com\n', '[Other]: /o\n',
  'Use [other] here.\n', '```\n', '~~~\n', '````md\n', '# comment in code?\n', '`[component1]` inline\n',
  '<div>\n', '</div>\n', '<!-- [Hidden]\n', '-->\n', '- [ ] [Task]\n', '- item\n', '  continued [X]\n',
  '> quote [Q]\n', '| [A] | [B] |\n|---|---|\n| [C] | d |\n', '\n', '\n\n', '    [SECTION_NAME] code\n',
  '---\ntitle: [Front]\n---\n', 'Footnote[^1]\n\n[^1]: Note [N]\n', '\\[escaped]\n', '[[wiki]]\n', '\r\n', 'a\rb [Cr]\r',
  // References: Location fields, symbol lists, trees, links and code paths, near cuts.
  '# Implementation Notes\n', '## Code Structure\n', '- **Location**: `src/a.ts`, b.py, [c](c%20d.md#L3)\n', '- **Key Classes/Functions**:\n', '  - `Indexer`: x\n',
  '  - `build()`, `src/x.ts`\n', '├── src/\n', '│   └── a.ts  # c\n', 'root/\n', '[l](../up.md) ![i](i.png) `lib/b.go:42`\n', '[d]: docs/d.md\n',
];

const documentArb = fc.array(fc.constantFrom(...PIECES), { maxLength: 40 }).map((parts) => parts.join(''));
const editArb = fc.record({
  at: fc.nat(),
  remove: fc.nat({ max: 30 }),
  insert: fc.oneof(fc.constantFrom(...PIECES), fc.string({ maxLength: 6 }), fc.constantFrom('#', '`', '[', ']', '\n', ' ', '>', '-')),
});

suite('incremental analysis equals a whole-document parse', () => {
  test('cut points: column-0 ATX headings outside fences', () => {
    const text = '# A\ntext\n```\n# in code\n```\n## B\n  # indented\n#no\n';
    assert.deepEqual(cutPoints(text).map((o) => text.slice(o, o + 4)), ['# A\n', '## B']);
  });

  test('the default template, then each line edited in turn', () => {
    const parser = new ChunkedParser();
    let text = defaultTemplate().text;
    assert.deepEqual(observable(analyze(text, { parser })), observable(analyze(text)));
    const lines = text.split('\n');
    for (let i = 0; i < lines.length; i += 7) {
      lines[i] = lines[i].replace(/\[[^\]]*\]/, 'filled');
      text = lines.join('\n');
      assert.deepEqual(observable(analyze(text, { parser })), observable(analyze(text)), `after editing line ${i + 1}`);
    }
  });

  test('a definition added far away turns a placeholder into a reference, and back', () => {
    const parser = new ChunkedParser();
    const base = '# A\n\nSee [guide].\n\n# B\n\nText.\n';
    assert.equal(analyze(base, { parser }).placeholders.length, 1);
    const defined = base + '\n[guide]: https://example.com\n';
    assert.equal(analyze(defined, { parser }).placeholders.length, 0);
    assert.equal(analyze(base, { parser }).placeholders.length, 1);
  });

  test('a fence opened above hides the headings below it', () => {
    const parser = new ChunkedParser();
    const base = '# A\n\n[X]\n\n# B\n\n[Y]\n';
    assert.equal(analyze(base, { parser }).sections.length, 2);
    const fenced = base.replace('[X]', '- ```\n\n```');
    assert.deepEqual(observable(analyze(fenced, { parser })), observable(analyze(fenced)));
  });

  test('random documents and random edits (property)', () => {
    fc.assert(
      fc.property(documentArb, fc.array(editArb, { maxLength: 8 }), (doc, edits) => {
        const parser = new ChunkedParser();
        let text = doc;
        assert.deepEqual(observable(analyze(text, { parser })), observable(analyze(text)));
        for (const e of edits) {
          const at = text.length === 0 ? 0 : e.at % (text.length + 1);
          text = text.slice(0, at) + e.insert + text.slice(Math.min(text.length, at + e.remove));
          assert.deepEqual(observable(analyze(text, { parser, references: 'notes' })), observable(analyze(text, { references: 'notes' })));
          assert.deepEqual(referenceFacts(parser, text), referenceFacts(undefined, text));
        }
      }),
      { numRuns: Number(process.env.PROPERTY_RUNS ?? 300) },
    );
  });
});
