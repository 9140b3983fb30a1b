// Every rule of docs/spec.md, "Missing sections" and "Notes documents", each
// with its own small case, and a property over the default template.
import * as assert from 'node:assert/strict';
import fc from 'fast-check';
import {
  analyze,
  applyEdits,
  ChunkedParser,
  createTemplate,
  defaultTemplate,
  findings,
  looseTitle,
  matchesPattern,
  missingSectionEdit,
  templateOutline,
  titlePattern,
  toFileReport,
  toTextLines,
  type AnalyzeOptions,
} from '../../src/core';
import { timeRatio } from './helpers';

const runs = Number(process.env.PROPERTY_RUNS ?? 60);
const template = defaultTemplate().text;

const missingOf = (md: string, options: AnalyzeOptions = {}) => analyze(md, options).missing.map((m) => m.title);

/** The template without the section under `heading` (a whole heading line) and its subsections. */
function without(text: string, ...headings: string[]): string {
  let out = text;
  for (const heading of headings) {
    const start = out.indexOf(`${heading}\n`);
    assert.ok(start >= 0, heading);
    const level = /^#+/.exec(heading)![0].length;
    const next = new RegExp(`^#{1,${level}} `, 'm');
    const rest = out.slice(start + heading.length + 1);
    const m = next.exec(rest.replace(/```[\s\S]*?```/g, (c) => ' '.repeat(c.length)));
    out = out.slice(0, start) + (m ? rest.slice(m.index) : '');
  }
  return out;
}

const custom = createTemplate('# Runbook: [Service Name]\n\n## Step 1: [Action]\n\nDo it.\n\n## Step 2: [Action]\n\nThen.\n\n## Rollback\n\n### Who decides\n\n[Name]\n');

suite('missing sections: the rules', () => {
  test('the template itself misses nothing', () => {
    assert.deepEqual(missingOf(template), []);
  });

  test('a deleted chapter is one finding, anchored at the first heading, column 1', () => {
    const doc = without(template, '## Security Implementation');
    const a = analyze(doc);
    assert.deepEqual(a.missing.map((m) => [m.title, m.level, m.anchor]), [['Security Implementation', 2, 0]]);
    assert.deepEqual(toFileReport('n.md', a).missing, [{ title: 'Security Implementation', level: 2, line: 1 }]);
    assert.deepEqual(toTextLines('n.md', a).filter((l) => l.endsWith('[missing-section]')), ['n.md:1:1: Section "Security Implementation" is missing [missing-section]']);
  });

  test('a deleted subsection is anchored at the line of its parent', () => {
    const doc = without(template, '### Security Scan Results');
    const line = doc.split('\n').indexOf('## Security Implementation') + 1;
    assert.deepEqual(toFileReport('n.md', analyze(doc)).missing, [{ title: 'Security Scan Results', level: 3, line }]);
  });

  test('titles compare loosely: emphasis and code marks, whitespace, case', () => {
    const doc = template.replace('## Security Implementation', '##   **SECURITY**   _implementation_ ').replace('### Test Strategy', '### `Test`   strategy');
    assert.deepEqual(missingOf(doc), []);
  });

  test('a section present at another level counts', () => {
    const doc = template.replace('### Security Measures Added', '##### Security Measures Added').replace('## Lessons Learned', '### Lessons Learned')
      .replace(/^### (What Went Well|What Could Be Improved|Process Improvements|Tool Improvements)$/gm, '###### $1');
    assert.deepEqual(missingOf(doc), []);
  });

  test('a heading outside the section that matched the parent does not count', () => {
    // "Security Measures Added" moved under Contact Information, the last chapter.
    const doc = without(template, '### Security Measures Added') + '\n### Security Measures Added\n\nMoved.\n';
    assert.deepEqual(missingOf(doc), ['Security Measures Added']);
  });

  test('placeholders in a template title match any text, digit runs any digits', () => {
    const doc = template
      .replace('#### Decision 1: [Decision Title]', '#### Decision 7: Use Kafka')
      .replace('#### Decision 2: [Decision Title]', '#### Decision 12: Keep Postgres');
    assert.deepEqual(missingOf(doc), []);
    const p = titlePattern('Decision 1: [Decision Title]', new Set(['[Decision Title]']));
    const match = (t: string) => matchesPattern(p, looseTitle(t), looseTitle(t).replace(/[0-9]+/g, '0'));
    assert.ok(match('Decision 3: Use Kafka'));
    assert.ok(!match('Decision 3: '), 'a placeholder matches non-empty text');
    assert.ok(!match('Decision three: Use Kafka'));
    assert.ok(!match('Decisions 3: Use Kafka'));
  });

  test('a title without placeholders compares its digits literally', () => {
    const p = titlePattern('Phase 2 Review', new Set());
    assert.ok(matchesPattern(p, 'phase 2 review', 'phase 0 review'));
    assert.ok(!matchesPattern(p, 'phase 3 review', 'phase 0 review'));
  });

  test('a family is present with one member; missing, it is one finding titled as its first member', () => {
    assert.deepEqual(missingOf(without(template, '#### Decision 1: [Decision Title]')), []);
    assert.deepEqual(missingOf(without(template, '#### Decision 1: [Decision Title]', '#### Decision 2: [Decision Title]')), ['Decision 1: [Decision Title]']);
    const five = template.replace('### Challenge 2: [Challenge Description]', '### Challenge 2: X\n\nx\n\n### Challenge 3: Y\n\ny\n\n### Challenge 4: Z');
    assert.deepEqual(missingOf(five), []);
  });

  test("the template's first heading matches the document's first heading, whatever their texts", () => {
    const doc = template.replace('# Implementation Notes Template', '# Implementation notes: phase 2, search indexing');
    assert.deepEqual(missingOf(without(doc, '## Technical Debt')), ['Technical Debt']);
  });

  test('a nested missing chapter is reported once, not per subsection', () => {
    const doc = without(template, '## Technical Implementation Details', '## Monitoring and Observability');
    assert.deepEqual(missingOf(doc), ['Technical Implementation Details', 'Monitoring and Observability']);
  });

  test('findings come in template order, each once', () => {
    const doc = without(template, '## Contact Information', '## Phase Information', '### Alerts Configured');
    assert.deepEqual(missingOf(doc), ['Phase Information', 'Alerts Configured', 'Contact Information']);
  });

  test('extra sections are fine; a "Not applicable." section stands for its subsections', () => {
    const doc = without(template, '## Security Implementation').replace('## Testing Implementation', '## Security Implementation\n\nNot applicable.\n\n## Our Own Chapter\n\ntext\n\n## Testing Implementation');
    assert.deepEqual(missingOf(doc), []);
    const withSub = doc.replace('Not applicable.\n', 'Not applicable.\n\n### Security Notes\n\ntext\n');
    assert.deepEqual(missingOf(withSub), ['Security Measures Added', 'Security Scan Results'], 'with a subsection of its own it is an ordinary section');
  });

  test('documents that are not notes get none; notes by front matter do', () => {
    const plain = '# Architecture Decision Record\n\n## Context\n\nWe chose X.\n';
    assert.deepEqual(missingOf(plain), []);
    assert.deepEqual(findings(analyze(plain)).map((f) => f.code), []);
    const fronted = `---\ntype: implementation-notes\n---\n${plain}`;
    assert.ok(missingOf(fronted).includes('Phase Information'));
    assert.ok(missingOf(plain, { missingSections: 'notes' }).includes('Security Implementation'), 'the host may say it is notes (files globs)');
  });

  test('the switch turns it off', () => {
    assert.deepEqual(missingOf(without(template, '## Security Implementation'), { missingSections: 'off' }), []);
  });

  test('a custom template: its outline, its families, its first heading as a pattern', () => {
    const options = { template: custom };
    assert.deepEqual(missingOf('# Runbook: payments\n\n## Step 10: restart it\n\nok\n', options), ['Rollback']);
    assert.deepEqual(missingOf('# Runbook: payments\n\n## Rollback\n\nok\n', options), ['Step 1: [Action]', 'Who decides']);
    assert.deepEqual(missingOf('# Runbook: \n\n## Rollback\n', options), [], 'an empty placeholder match: not this template, not notes');
    assert.deepEqual(missingOf('# Payments\n\n## Rollback\n', options), [], 'the first heading does not match: not notes');
    assert.deepEqual(missingOf('# Payments implementation notes\n\n## Rollback\n\n### Who Decides\n', options), ['Step 1: [Action]']);
  });

  test('a document with no heading has nothing to anchor at', () => {
    assert.deepEqual(missingOf('---\nimpl-notes: true\n---\ntext\n'), []);
  });
});

suite('missing sections: the quick fixes', () => {
  test('insert from the template: heading and body, after the nearest present sibling', () => {
    const doc = without(template, '## Security Implementation');
    const a = analyze(doc);
    const edit = missingSectionEdit(doc, a.missing[0], defaultTemplate(), 'template');
    assert.equal(applyEdits(doc, [edit]), template);
    assert.match(edit.snippet, /^## Security Implementation\n\n### Security Measures Added\n- \*\*\$\{1:\[Security Measure 1\]\}\*\*: \$\{2:\[Description and purpose\]\}\n/);
  });

  test('insert a first child at the end of its parent\'s own body, before the subsections', () => {
    const doc = without(template, '### Performance Optimizations');
    const a = analyze(doc);
    assert.equal(applyEdits(doc, [missingSectionEdit(doc, a.missing[0], defaultTemplate(), 'template')]), template);
  });

  test('every single deleted section comes back from the template text', () => {
    for (const s of templateOutline(defaultTemplate()).slice(1)) {
      const heading = template.slice(s.start, s.headingEnd);
      if (/Decision|Challenge|Component/.test(heading)) continue; // families: one member left
      const doc = without(template, heading);
      const a = analyze(doc);
      assert.equal(a.missing.length, 1, heading);
      assert.equal(applyEdits(doc, [missingSectionEdit(doc, a.missing[0], defaultTemplate(), 'template')]), template, heading);
    }
  });

  test('insert as not applicable, at the end of the document, with CRLF kept', () => {
    const doc = without(template, '## Contact Information').replace(/\n/g, '\r\n');
    const a = analyze(doc);
    const edit = missingSectionEdit(doc, a.missing[0], defaultTemplate(), 'not-applicable');
    assert.ok(applyEdits(doc, [edit]).endsWith(']\r\n\r\n## Contact Information\r\n\r\nNot applicable.\r\n'));
    assert.deepEqual(analyze(applyEdits(doc, [edit])).missing, []);
  });
});

suite('missing sections: property', () => {
  test('the template with any subset of sections deleted misses exactly the top-most deleted ones', () => {
    const model = defaultTemplate();
    const outline = templateOutline(model);
    const members = (family: number) => outline.map((s, i) => (s.family === family ? i : -1)).filter((i) => i >= 0);
    fc.assert(
      fc.property(fc.subarray(outline.map((_, i) => i).slice(1)), (chosen) => {
        const gone = new Set<number>();
        outline.forEach((s, i) => {
          if (chosen.includes(i) || gone.has(s.parent)) gone.add(i);
        });
        // Cut the top-most deleted sections' text, from the end so offsets stay valid.
        let doc = template;
        const cuts = [...gone].filter((i) => !gone.has(outline[i].parent)).sort((a, b) => b - a);
        for (const i of cuts) doc = doc.slice(0, outline[i].start) + doc.slice(outline[i].subtreeEnd);
        const expected = outline
          .map((s, i) => ({ s, i }))
          .filter(({ s, i }) => i > 0 && s.family === i && members(i).every((m) => gone.has(m)) && !gone.has(s.parent))
          .map(({ s }) => s.title);
        assert.deepEqual(missingOf(doc), expected);
      }),
      { numRuns: runs },
    );
  });
});

suite('missing sections: worst cases stay linear', () => {
  test('a long title against a pattern with many placeholders and digit runs', () => {
    const holes = new Set(['[x]']);
    // 20,000 placeholders and digit runs: a backtracking matcher would never finish.
    const many = titlePattern('[x]ab'.repeat(20000) + '[x]', holes);
    // Each "ab" needs one more character before it: 30,000 of them hold 15,000 matches, not 20,000.
    assert.ok(!matchesPattern(many, 'ab'.repeat(30000), 'ab'.repeat(30000)));
    assert.ok(matchesPattern(many, 'ab'.repeat(40001), 'ab'.repeat(40001)));
    const digits = titlePattern('[x] 1'.repeat(20000) + '[x]', holes);
    assert.ok(matchesPattern(digits, 'z' + ' 123z'.repeat(20000), 'z' + ' 0z'.repeat(20000)));
    // A segment that almost matches everywhere: quadratic for a naive search.
    const almost = titlePattern(`[x]${'a'.repeat(20000)}b[x]`, holes);
    const long = 'a'.repeat(2_000_000);
    assert.ok(!matchesPattern(almost, long, long));
  });

  test('a segment that almost matches everywhere: 8x the segment and the title take well under 64x the time', () => {
    const holes = new Set(['[x]']);
    const cases = new Map([1_000, 8_000].map((n) => [n, { pattern: titlePattern(`[x]${'a'.repeat(n)}b[x]`, holes), title: 'a'.repeat(n * 100) }]));
    const ratio = timeRatio((n) => {
      const { pattern, title } = cases.get(n)!;
      assert.ok(!matchesPattern(pattern, title, title));
    }, 1_000, 8_000);
    assert.ok(ratio < 24, `8x the size took ${ratio.toFixed(1)}x the time (linear: about 8, quadratic: about 64)`);
  });

  test('past 64 pattern sections, a template\'s further ones are not looked for (the bound on the work)', () => {
    const letters = 'abcdefghij';
    const tpl = createTemplate('# Notes: [Name]\n' + Array.from({ length: 70 }, (_, i) => `## Part ${letters[i % 10]}${letters[Math.floor(i / 10)]}: [Title]\n\nx\n`).join('') + '## Plain\n\nx\n');
    const missing = analyze('# Notes: empty\n', { template: tpl }).missing.map((m) => m.title);
    assert.equal(missing.length, 65);
    assert.equal(missing[63], 'Part dg: [Title]');
    assert.equal(missing[64], 'Plain', 'plain titles are always looked for');
  });

  test('many headings against a template of many pattern sections', () => {
    const tpl = createTemplate('# Notes: [Name]\n' + Array.from({ length: 200 }, (_, i) => `## Part ${i}: [Title ${'x'.repeat(i % 7)}]\n\nx\n`).join(''));
    const doc = '# Notes: big\n' + '## Part 5: something\n\ntext\n'.repeat(30000);
    const a = analyze(doc, { template: tpl, parser: new ChunkedParser() });
    // Part 0..199 form one family (digits); it is present.
    assert.deepEqual(a.missing, []);
    assert.equal(a.sections.length, 30001);
  });
});
