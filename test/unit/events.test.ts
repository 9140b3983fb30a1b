import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import fc from 'fast-check';
import { parse, postprocess, preprocess } from 'micromark';
import { frontmatter } from 'micromark-extension-frontmatter';
import { gfm } from 'micromark-extension-gfm';
import { analyzeFacts, defaultTemplate, stripBom, wholeDocumentFacts, type Analysis } from '../../src/core';
import { collectSyntaxFromEvents, decodeMarkdownString } from '../../src/core/markdown/events';
import { MAX_DELIMITERS } from '../../src/core/markdown/grammar';
import { mdastDocumentFacts, mdastReferenceFacts, type ReferenceFacts } from '../oracle/mdast';

function observable(a: Analysis) {
  return {
    placeholders: a.placeholders.map((p) => [p.start, p.end, p.text, p.inCode, p.section]),
    sections: a.sections.map((s) => [s.title, s.level, s.start, s.headingEnd, s.end, s.status, s.placeholders, s.parent]),
  };
}

function same(input: string): void {
  const text = stripBom(input);
  assert.deepEqual(observable(analyzeFacts(text, wholeDocumentFacts(text))), observable(analyzeFacts(text, mdastDocumentFacts(text))), JSON.stringify(text));
}

const PIECES = [
  '# Title [Name]\n', '## Section\n', '#\n', '#### Deep #\n', '  # indented\n', '- # in list\n', '> ## quoted\n',
  'Setext\n===\n', 'Under\n---\n', 'Text [Placeholder] [link](u) [ref] ![img](i) <https://a.b/[x]>\n', '[ref]: https://example.com\n',
  '```\n', '~~~\n', '`[component1]` x\n', '<div>\n', '</div>\n', '<!-- [Hidden] -->\n', '<!-- open\n', '-->\n', '- [ ] [Task]\n', '- [x]\n',
  '-\n', '- \n', '>\n', '> \n', '1.\n', '* item\n', '  continued [X]\n', '> quote [Q]\n', '| [A] | [B] |\n|---|---|\n| [C] | |\n', '\n', '\n\n',
  '    [SECTION_NAME] code\n', '---\ntitle: [Front]\n---\n', 'Call[^1] [^x]\n', '[^1]: Note [N]\n', '[^2]:\n', '\\[escaped]\n', '[[wiki]]\n',
  '&nbsp;\n', '&#32;\n', '&amp; [Amp]\n', 'a  \nb\n', 'a\\\nb\n', '***\n', 'www.example.com/[w] mail@x.org [m]\n', '*[Em]* **[St]** ~~[Del]~~\n',
  '<span>[Inline]</span>\n', '\r\n', 'a\rb [Cr]\r', '\t[Tab]\n',
];

suite('events reading equals the mdast reading', () => {
  test('the default template', () => same(defaultTemplate().text));

  test('empty containers and whitespace-only text, one by one', () => {
    for (const piece of PIECES) {
      same(`# A\n\n${piece}\n# B\n`);
      same(`# A\n${piece}# B\n`);
    }
  });

  test('random documents (property)', () => {
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...PIECES), { maxLength: 30 }), (parts) => same(parts.join(''))),
      { numRuns: Number(process.env.PROPERTY_RUNS ?? 2000) },
    );
  });

  test('Markdown character soup (property)', () => {
    const chars = ['[', ']', '(', ')', '!', '^', '\\', '`', '#', '>', '-', '*', '_', '|', '<', '/', ':', ' ', '\n', '&', ';', 'a', 'x', '1', '=', '~', 'w', '.', '@'];
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...chars), { maxLength: 80 }), (cs) => same(cs.join(''))),
      { numRuns: Number(process.env.PROPERTY_RUNS ?? 2000) },
    );
  });

  test(`paragraphs with more than ${MAX_DELIMITERS} emphasis delimiters (left unpaired) read the same (property)`, () => {
    const heavy = [
      '*'.repeat(MAX_DELIMITERS) + '[Deep]' + '*'.repeat(MAX_DELIMITERS) + '\n',
      '_a* '.repeat(MAX_DELIMITERS) + '[Mixed] [link](u) `[c]`\n',
      '~a~~ '.repeat(MAX_DELIMITERS / 2) + '[Struck]\n',
      '**[Bold]** '.repeat(MAX_DELIMITERS / 2) + '\n',
      '*x* '.repeat(MAX_DELIMITERS) + '<!-- [Hidden] --> [ref]\n',
    ];
    for (const piece of heavy) same(`# A\n\n${piece}\n# B\n`);
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...heavy, ...PIECES), { maxLength: 12 }), (parts) => same(parts.join(''))),
      { numRuns: 200 },
    );
  });
});

/** The events of stock GFM, without this tool's guards: what the guarded grammar must read the same as. */
function stockSyntax(text: string) {
  return collectSyntaxFromEvents(text, postprocess(parse({ extensions: [gfm(), frontmatter(['yaml', 'toml'])] }).document().write(preprocess()(text, undefined, true))));
}

function sameAsStock(text: string): void {
  assert.deepEqual(wholeDocumentFacts(text).syntax, stockSyntax(text), JSON.stringify(text));
}

// Shapes where the email and table guards decide: a match, a near miss, each at a line's or a word's edge.
const GUARDED = [
  'mail@x.org\n', '[mail@x.org]\n', 'a.b+c-d_e@x.y.z [m]\n', 'x/y@z.com [p]\n', 'a@b\n', 'foo@\n', '@x.org\n', 'a.@b.c\n', '_@.a', 'www.a.b/[c]@d.e\n',
  'a | b\n', '|-|-\n', 'abc\n', ':-\n', '-|\n', '| a | b |\n', '|---|---|\n', '| [c] | d@e.f |\n', '> a | b\n', '> -|-\n', '  - x | y\n', '    --- | ---\n',
  'head [H]\r\n', '| a | [b] |\r\n|---|---|\r\n', '-:|:-\r\n', 'x\r', '|\r', 'lorem ipsum dolor ', '\n',
];

suite('the guarded grammar reads what stock GFM reads', () => {
  test('the template and the examples', () => {
    sameAsStock(defaultTemplate().text);
    const examples = fs.readdirSync('examples').filter((f) => f.endsWith('.md'));
    assert.ok(examples.length > 0, 'an example was read');
    for (const file of examples) sameAsStock(fs.readFileSync(path.join('examples', file), 'utf8'));
  });

  test('emails and tables at their edges, one by one and in random documents (property)', () => {
    for (const piece of GUARDED) sameAsStock(`# A\n\n${piece}\n# B\n`);
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...GUARDED, ...PIECES), { maxLength: 30 }), (parts) => sameAsStock(parts.join(''))),
      { numRuns: Number(process.env.PROPERTY_RUNS ?? 2000) },
    );
  });

  test('character soup around @ and table delimiters (property)', () => {
    const chars = ['a', 'w', 'h', '.', '@', '-', '_', '+', '/', ':', '|', ' ', '\n', '\r', '>', '[', ']', '`', '\\', '\t'];
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...chars), { maxLength: 80 }), (cs) => sameAsStock(cs.join(''))),
      { numRuns: Number(process.env.PROPERTY_RUNS ?? 2000) },
    );
  });
});

/** The raw material of references read from events, as values (what mdast keeps). */
function referenceFactsOf(text: string): ReferenceFacts {
  const { syntax } = wholeDocumentFacts(text);
  const slice = (s: { start: number; end: number }) => text.slice(s.start, s.end);
  return {
    destinations: syntax.destinations.map((d) => ({ kind: d.kind, nodeStart: d.nodeStart, nodeEnd: d.nodeEnd, url: decodeMarkdownString(slice(d)) })),
    codeSpans: syntax.codeSpans.map((c) => ({ start: c.start, end: c.end, value: text.slice(c.contentStart, c.contentEnd) })),
    fencedCode: syntax.fencedCode.map((f) => ({ start: f.start, end: f.end, lang: f.info ? decodeMarkdownString(slice(f.info)) : null, lines: f.lines.map(slice) })),
  };
}

/**
 * mdast's values, with what only a line ending or a container prefix makes
 * differ left out; `loose` also drops code lines' indentation: a tab that the
 * fence's indentation takes part of is kept as spaces by mdast, while
 * micromark's value starts after it.
 */
function comparable(facts: ReferenceFacts, loose = false): ReferenceFacts {
  return {
    destinations: facts.destinations,
    // A code span over two lines: mdast turns the line ending into a space and drops a quote's `>`.
    codeSpans: facts.codeSpans.filter((c) => !/[\r\n ]/.test(c.value)),
    fencedCode: facts.fencedCode.map((f) => ({ ...f, lines: f.lines.flatMap((l) => l.split(/\r\n|\r|\n/)).map((l) => (loose ? l.trimStart() : l)).filter((l) => l !== '') })),
  };
}

function sameReferenceFacts(text: string, loose = false): void {
  assert.deepEqual(comparable(referenceFactsOf(text), loose), comparable(mdastReferenceFacts(text), loose), JSON.stringify(text));
}

const REFERENCE_PIECES = [
  '[a](src/a.ts) ', '[b](<my file.md> "t") ', '![i](docs/x%20y.png)', '[e](a\\_b.ts)', '[n](a&amp;b.md)', '[h](&#x41;&#65;&bogus;&#0;\\\\x\\a.md)', '[x](#frag)', '[u](https://x.y/z)',
  '[![img](i.png)](l.md)', '![![in](x.png)](o.png)', '[c `src/in/link.ts`](c.md)', '[r]: ../up.md\n', '[s]: <a b.md> \'t\'\n', '[empty]()', '[e2](<>)',
  '`src/a.ts`', '`` `x` ``', '` a `', '`  `', '` `', '```inline```', '`a\nb`', '`x`y`', '\\`not`',
  '```\ntree/\n```\n', '```ts meta\nconst a = 1;\n\n  b\n```\n', '~~~ text\n├── a/\n│   └── b.ts\n~~~\n', '```\nunclosed\n', '> ```\n> q\n>\n> r\n> ```\n',
  '- ```py\n  x\n   y\n  ```\n', '  ```\n   in\n  ```\n', '```a\\_b\nz\n```\n', '    indented code\n', '<div>[h](in/html.md)</div>\n', '\r\n', '\n', '\n\n',
  '# Heading `code.ts` [l](h.md)\n', '| `t.ts` | [c](cell.md) |\n|---|---|\n', '[^1]: note [f](foot.md)\n', '---\nfm: `x.ts`\n---\n',
];

suite('the references\' raw material read from events equals mdast\'s', () => {
  test('each piece alone and between headings', () => {
    for (const piece of REFERENCE_PIECES) {
      sameReferenceFacts(piece);
      sameReferenceFacts(`# A\n\n${piece}\n# B\n`);
    }
  });

  test('the code spans\' content keeps what CommonMark keeps', () => {
    const text = '`` `x` `` and ` a ` and `  ` and `b`';
    assert.deepEqual(wholeDocumentFacts(text).syntax.codeSpans.map((c) => text.slice(c.contentStart, c.contentEnd)), ['`x`', 'a', '  ', 'b']);
  });

  test('random documents (property)', () => {
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...REFERENCE_PIECES, ...PIECES), { maxLength: 30 }), (parts) => sameReferenceFacts(parts.join(''), true)),
      { numRuns: Number(process.env.PROPERTY_RUNS ?? 2000) },
    );
  });
});
