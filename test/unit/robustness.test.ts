import * as assert from 'node:assert/strict';
import fc from 'fast-check';
import { analyze, ChunkedParser, defaultTemplate, findings, type Analysis } from '../../src/core';
import { TEMPLATE_PLACEHOLDERS } from './helpers';

// CI runs 10,000 cases of the cheap properties; `npm run test:nightly` many more.
const RUNS = Number(process.env.PROPERTY_RUNS ?? 10000);
const HEAVY_RUNS = Math.max(50, Math.round(RUNS / 50));

/** Every range inside the text, sorted, non-overlapping; sections well formed. */
function assertWellFormed(text: string, a: Analysis): void {
  let last = 0;
  for (const p of a.placeholders) {
    assert.ok(p.start >= last && p.start < p.end && p.end <= a.text.length, `placeholder ${p.start}-${p.end}`);
    assert.equal(a.text.slice(p.start, p.end), p.text);
    last = p.end;
  }
  let previous = -1;
  for (const s of a.sections) {
    assert.ok(s.start > previous && s.start < s.headingEnd && s.headingEnd <= s.end && s.end <= a.text.length);
    previous = s.start;
  }
  for (const r of a.references) {
    assert.ok(r.start <= r.end && r.end <= a.text.length, `reference ${r.start}-${r.end}`);
    assert.equal(a.text.slice(r.start, r.end), r.text);
  }
  let f = 0;
  for (const finding of findings(a)) {
    assert.ok(finding.start >= f && finding.end <= a.text.length);
    f = finding.start;
  }
  assert.ok(a.text.length <= text.length);
}

// Markdown-heavy characters make the parser take its rare paths.
const MARKDOWN_CHARS = ['[', ']', '(', ')', '!', '^', '\\', '`', '~', '#', '>', '-', '*', '_', '|', '<', '/', ':', ' ', '\t', '\n', '\r', '\u0000', '\uFEFF', '\uD800', '\uDC00', 'a', 'Z', 'é', '😀', '1', '=', '.', '├', '%', 'L'];
const markdownish = fc.array(fc.constantFrom(...MARKDOWN_CHARS), { maxLength: 200 }).map((cs) => cs.join(''));

suite('robustness: any text is analysed without a throw', () => {
  test(`arbitrary Unicode, control characters and lone surrogates (${RUNS} cases)`, () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 120 }), (text) => assertWellFormed(text, analyze(text, { references: 'notes' }))),
      { numRuns: RUNS },
    );
  });

  test(`Markdown-heavy character soup, whole and chunked alike (${RUNS} cases)`, () => {
    fc.assert(
      fc.property(markdownish, (text) => {
        const whole = analyze(text, { references: 'notes' });
        assertWellFormed(text, whole);
        const chunked = analyze(text, { parser: new ChunkedParser(), references: 'notes' });
        assert.deepEqual(chunked.placeholders, whole.placeholders);
        assert.deepEqual(chunked.references, whole.references);
      }),
      { numRuns: RUNS },
    );
  });

  test('pathological shapes: deep nesting, thousands of brackets, very long lines', function () {
    this.timeout(120000);
    const cases = [
      '>'.repeat(5000) + ' [Deep]\n',
      Array.from({ length: 300 }, (_, i) => ' '.repeat(i * 2) + '- [Item]').join('\n'),
      '['.repeat(20000) + 'x' + ']'.repeat(20000),
      '[a]'.repeat(20000),
      '\\['.repeat(10000),
      'x'.repeat(500000) + ' [Tail]',
      '`'.repeat(3000) + '[code]' + '`'.repeat(2999),
      '<!--' + ' [c] '.repeat(10000),
      '*'.repeat(10000) + '[Emph]' + '*'.repeat(10000),
      '_a* '.repeat(20000) + '[Mixed]',
      '~a~~ '.repeat(20000) + '[Struck]',
      '[a]('.repeat(2000),
      '\u0000'.repeat(10000) + '[Nul]',
    ];
    for (const text of cases) assertWellFormed(text, analyze(text, { parser: new ChunkedParser(), references: 'notes' }));
  });
});

suite('robustness: the template in any surroundings', () => {
  const template = defaultTemplate().text;
  // Surroundings that cannot swallow the template: no fences, HTML, containers or definitions.
  const safeLine = fc
    .array(fc.constantFrom('a', 'B', ' ', '[', ']', '.', ',', 'é', '😀', '1', '(', ')', '*', '_'), { maxLength: 60 })
    .map((cs) => cs.join('').replace(/\]\s*:/g, '] ').replace(/^[\s*_]*[*_][\s*_]*$/, 'x'));
  const block = fc.array(safeLine, { maxLength: 5 }).map((lines) => lines.join('\n'));

  test(`the template's placeholders whatever text surrounds it (${HEAVY_RUNS} cases)`, () => {
    fc.assert(
      fc.property(block, block, (before, after) => {
        const text = `${before}\n\n${template}\n\n${after}`;
        const from = before.length + 2;
        const to = from + template.length;
        const inside = analyze(text, { parser: new ChunkedParser() }).placeholders.filter((p) => p.start >= from && p.end <= to);
        assert.equal(inside.length, TEMPLATE_PLACEHOLDERS);
      }),
      { numRuns: HEAVY_RUNS },
    );
  });

  test(`filling any subset of placeholders removes exactly those (${HEAVY_RUNS} cases)`, () => {
    const original = analyze(template).placeholders;
    fc.assert(
      fc.property(fc.uniqueArray(fc.nat({ max: original.length - 1 }), { maxLength: 60 }), (chosen) => {
        const fill = new Set(chosen);
        let text = '';
        let last = 0;
        original.forEach((p, i) => {
          text += template.slice(last, p.start) + (fill.has(i) ? `filled ${i}` : p.text);
          last = p.end;
        });
        text += template.slice(last);
        const left = analyze(text, { parser: new ChunkedParser() }).placeholders.map((p) => p.text);
        assert.deepEqual(left, original.filter((_, i) => !fill.has(i)).map((p) => p.text));
      }),
      { numRuns: HEAVY_RUNS },
    );
  });
});
