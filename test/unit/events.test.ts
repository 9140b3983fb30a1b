import * as assert from 'node:assert/strict';
import fc from 'fast-check';
import { analyzeFacts, defaultTemplate, stripBom, wholeDocumentFacts, type Analysis } from '../../src/core';
import { MAX_DELIMITERS } from '../../src/core/events';
import { mdastDocumentFacts } from '../oracle/mdast';

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
