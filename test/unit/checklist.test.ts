import * as assert from 'node:assert/strict';
import { analyze, checklistChildren, checklistParent, checklistRowAt, checklistRows, checklistTitle, defaultTemplate, locateSection, remaining, sectionKeys, sectionLeft, visibleChildren, type Analysis, type Section } from '../../src/core';
import { TEMPLATE_PLACEHOLDERS, timeRatio } from './helpers';

const template = defaultTemplate();
const sectionsOf = (md: string): Section[] => analyze(md, { template }).sections;

/** The visible tree, indented, as `title status own/total`. */
function tree(sections: Section[], showAll: boolean): string[] {
  const out: string[] = [];
  const walk = (parent: number, depth: number) => {
    for (const i of visibleChildren(sections, parent, showAll)) {
      const s = sections[i];
      out.push(`${'  '.repeat(depth)}${s.title} ${s.status} ${s.placeholders}/${s.totalPlaceholders}`);
      walk(i, depth + 1);
    }
  };
  walk(-1, 0);
  return out;
}

const NOTES = [
  '# Notes',
  '',
  '## Owner',
  'Ada',
  '',
  '## Decisions',
  'Intro text.',
  '',
  '### Decision 1',
  '[What was chosen] and [Why]',
  '',
  '### Decision 2',
  'Done.',
  '',
  '## Risks',
  '',
  '# Appendix',
  'Nothing to fill.',
  '',
].join('\n');

suite('checklist: the visible tree', () => {
  test('only the sections that need filling, nested; a done parent stays for a descendant', () => {
    assert.deepEqual(tree(sectionsOf(NOTES), false), [
      'Notes done 0/2',
      '  Decisions done 0/2',
      '    Decision 1 todo 2/2',
      '  Risks empty 0/0',
    ]);
  });

  test('every section when showing all, in document order', () => {
    assert.deepEqual(tree(sectionsOf(NOTES), true), [
      'Notes done 0/2',
      '  Owner done 0/0',
      '  Decisions done 0/2',
      '    Decision 1 todo 2/2',
      '    Decision 2 done 0/0',
      '  Risks empty 0/0',
      'Appendix done 0/0',
    ]);
  });

  test('skipped heading levels nest under the nearest shallower heading', () => {
    assert.deepEqual(tree(sectionsOf('# A\n\n### Deep\n[X]\n\n## B\n[Y]\n'), false), ['A done 0/2', '  Deep todo 1/1', '  B todo 1/1']);
  });

  test('several top-level headings, nothing before the first heading', () => {
    assert.deepEqual(tree(sectionsOf('[Before]\n\n# One\n[A]\n\n# Two\ntext\n\n# Three\n'), false), ['One todo 1/1', 'Three empty 0/0']);
  });

  test('a filled document shows nothing; no headings shows nothing', () => {
    assert.deepEqual(tree(sectionsOf('# Notes\n\n## Owner\nAda\n'), false), []);
    assert.deepEqual(tree(sectionsOf('just text [Fill]\n'), true), []);
  });

  test('an index out of range has no children', () => {
    assert.deepEqual(visibleChildren(sectionsOf(NOTES), 99, true), []);
  });

  test('the default template: every section needs filling', () => {
    const sections = sectionsOf(template.text);
    const all = tree(sections, true);
    assert.equal(all.length, 63);
    assert.deepEqual(tree(sections, false), all);
    assert.deepEqual(all.slice(0, 5), [
      `Implementation Notes Template done 0/${TEMPLATE_PLACEHOLDERS}`,
      '  Phase Information todo 4/4',
      '  Technical Implementation Details done 0/47',
      '    Architecture Decisions done 0/12',
      '      Decision 1: [Decision Title] todo 6/6',
    ]);
  });
});

suite('checklist: what is left', () => {
  test('placeholders plus empty sections', () => {
    assert.deepEqual(remaining(analyze(NOTES, { template })), { placeholders: 2, emptySections: 1, missingSections: 0, total: 3 });
    assert.deepEqual(remaining(analyze('# Notes\n\n## Owner\nAda\n', { template })), { placeholders: 0, emptySections: 0, missingSections: 0, total: 0 });
  });

  test('placeholders before the first heading count too', () => {
    assert.deepEqual(remaining(analyze('[Before]\n\n# Notes\ntext\n', { template })), { placeholders: 1, emptySections: 0, missingSections: 0, total: 1 });
  });

  test('the default template', () => {
    assert.deepEqual(remaining(analyze(template.text, { template })), { placeholders: TEMPLATE_PLACEHOLDERS, emptySections: 0, missingSections: 0, total: TEMPLATE_PLACEHOLDERS });
  });
});

suite('checklist: locating a section from an earlier analysis', () => {
  const s = (...titles: string[]) => titles.map((t) => ({ title: t.replace(/^#+ /, ''), level: t.indexOf(' ') }));

  test('same index, same heading', () => {
    assert.equal(locateSection(s('# A', '## B', '## C'), 1, 'B', 2), 1);
  });

  test('a heading inserted or removed above: the nearest one with that title and level', () => {
    assert.equal(locateSection(s('# A', '## New', '## B', '## C'), 1, 'B', 2), 2);
    assert.equal(locateSection(s('# A', '## C'), 2, 'C', 2), 1);
    assert.equal(locateSection(s('## B', '# A', '## X', '## X', '## B'), 3, 'B', 2), 4);
  });

  test('the level counts; gone is -1', () => {
    assert.equal(locateSection(s('# A', '### B'), 1, 'B', 2), -1);
    assert.equal(locateSection(s('# A'), 5, 'Gone', 2), -1);
    assert.equal(locateSection([], 0, 'A', 1), -1);
  });
});

suite('checklist: what is left in a section and below', () => {
  test('empty subsections at any depth; the section itself counts when empty', () => {
    const a = analyze('# A\n\n## B\n\n### C\n\n## D\ntext [X]\n\n## E\n', { template });
    assert.deepEqual(a.sections.map((s) => `${s.title} ${s.status}`), ['A done', 'B done', 'C empty', 'D todo', 'E empty']);
    assert.deepEqual(sectionLeft(a, 0), { own: 0, placeholders: 1, emptySections: 2, missingSections: 0, total: 3 });
    assert.deepEqual(sectionLeft(a, 1), { own: 0, placeholders: 0, emptySections: 1, missingSections: 0, total: 1 });
    assert.deepEqual(sectionLeft(a, 2), { own: 0, placeholders: 0, emptySections: 0, missingSections: 0, total: 1 });
    assert.deepEqual(sectionLeft(a, 3), { own: 1, placeholders: 0, emptySections: 0, missingSections: 0, total: 1 });
    assert.equal(sectionLeft(a, 9).total, 0);
  });

  test('the sections of the title add up to what the badge counts', () => {
    const a = analyze(template.text, { template });
    assert.equal(sectionLeft(a, checklistTitle(a.sections)).total, remaining(a).total);
  });
});

suite('checklist: the title is no row', () => {
  const titles = (a: Analysis, rows: ReturnType<typeof checklistRows>) => rows.map((e) => (e.kind === 'missing' ? `missing ${a.missing[e.index].title}` : a.sections[e.index].title));

  test('the chapters are the top level; their parent is the top level', () => {
    const a = analyze(NOTES.replace('# Appendix\nNothing to fill.\n', ''), { template });
    assert.equal(checklistTitle(a.sections), 0);
    assert.deepEqual(titles(a, checklistRows(a, -1, false)), ['Decisions', 'Risks']);
    assert.deepEqual(titles(a, checklistRows(a, -1, true)), ['Owner', 'Decisions', 'Risks']);
    assert.deepEqual(titles(a, checklistRows(a, 0, true)), []);
    const decisions = a.sections.findIndex((s) => s.title === 'Decisions');
    assert.deepEqual(titles(a, checklistRows(a, decisions, false)), ['Decision 1']);
    assert.equal(checklistParent(a.sections, decisions), -1);
    assert.equal(checklistParent(a.sections, decisions + 1), decisions);
  });

  test('a title with text to fill is a row of its own, with no children', () => {
    const a = analyze('# Notes: [Phase]\n\n## Owner\n[Name]\n', { template });
    assert.deepEqual(titles(a, checklistRows(a, -1, false)), ['Notes: [Phase]', 'Owner']);
    assert.deepEqual(checklistRows(a, 0, false), []);
    const alone = analyze('# Notes\n\n[Fill]\n', { template });
    assert.deepEqual(titles(alone, checklistRows(alone, -1, false)), ['Notes']);
  });

  test('several top-level headings, or a first heading below level 1: no title left out', () => {
    const two = analyze(NOTES, { template });
    assert.equal(checklistTitle(two.sections), -1);
    assert.deepEqual(titles(two, checklistRows(two, -1, true)), ['Notes', 'Appendix']);
    const chapter = analyze('## Owner\n[Name]\n\n### Deputy\n[Name]\n', { template });
    assert.equal(checklistTitle(chapter.sections), -1);
    assert.deepEqual(titles(chapter, checklistRows(chapter, -1, false)), ['Owner']);
  });

  test('the row under the cursor: the section, or its nearest ancestor that is a row', () => {
    const a = analyze('# Notes\n\n## Owner\nAda\n\n## Plan\n\n### Step\n[X]\n\n### Done step\ntext\n', { template });
    const at = (title: string) => a.sections.findIndex((s) => s.title === title);
    assert.equal(checklistRowAt(a, at('Step'), false), at('Step'));
    assert.equal(checklistRowAt(a, at('Done step'), false), at('Plan'));
    assert.equal(checklistRowAt(a, at('Done step'), true), at('Done step'));
    assert.equal(checklistRowAt(a, at('Owner'), false), -1);
    assert.equal(checklistRowAt(a, at('Notes'), true), -1);
    assert.equal(checklistRowAt(a, -1, true), -1);
  });
});

suite('checklist: ids that survive edits', () => {
  const keyOf = (md: string, title: string) => {
    const { sections } = analyze(md, { template });
    return sectionKeys(sections)[sections.findIndex((s) => s.title === title)];
  };

  test('a section inserted above, or a renamed title, leaves the key as it was', () => {
    const before = keyOf('# Notes\n\n## A\n\n### X\n[x]\n\n## B\n', 'B');
    assert.equal(keyOf('# Notes\n\n## New\n\n## A\n\n### X\n[x]\n\n## B\n', 'B'), before);
    assert.equal(keyOf('# Notes: Phase 3\n\n## A\n\n### X\n[x]\n\n## B\n', 'B'), before);
  });

  test('unique, also for repeated titles; the same title under another parent differs', () => {
    const { sections } = analyze('# Notes\n\n## A\n### Context\n## B\n### Context\n### Context\n## A\n', { template });
    const keys = sectionKeys(sections);
    assert.equal(new Set(keys).size, sections.length);
  });

  test('20,000 headings of one title under one parent: unique, one pass (8x the headings take well under 64x the time)', () => {
    const [title, same] = analyze('# Notes\n\n## Same\ntext\n', { template, missingSections: 'off' }).sections;
    const repeated = new Map([2_500, 20_000].map((n) => [n, [title, ...Array.from({ length: n }, () => same)]]));
    const sections = repeated.get(20_000)!;
    const keys = sectionKeys(sections);
    assert.equal(new Set(keys).size, sections.length);
    // A copy each time: the keys of an array already seen come from a cache.
    const ratio = timeRatio((n) => sectionKeys([...repeated.get(n)!]), 2_500, 20_000);
    assert.ok(ratio < 24, `8x the headings took ${ratio.toFixed(1)}x the time (one pass: about 8, quadratic: about 64)`);
  });
});

suite('checklist: missing sections', () => {
  const text = defaultTemplate().text;
  const cut = (t: string, heading: string, next: string) => t.slice(0, t.indexOf(heading)) + t.slice(t.indexOf(next));
  const doc = cut(cut(text, '## Security Implementation\n', '## Testing Implementation\n'), '### Test Strategy\n', '### Test Results Summary\n');
  const a = analyze(doc);
  const rows = (parent: number, showAll: boolean) =>
    checklistChildren(a, parent, showAll).map((e) => (e.kind === 'missing' ? `missing ${a.missing[e.index].title}` : a.sections[e.index].title));

  test('missing sections appear inside their parent, where the template puts them', () => {
    const top = rows(0, true);
    assert.deepEqual(top.slice(top.indexOf('Performance Considerations'), top.indexOf('Performance Considerations') + 3), [
      'Performance Considerations',
      'missing Security Implementation',
      'Testing Implementation',
    ]);
    const testing = a.sections.findIndex((s) => s.title === 'Testing Implementation');
    assert.deepEqual(rows(testing, true), ['missing Test Strategy', 'Test Results Summary', 'Known Test Issues']);
  });

  test('a done section holding a missing one still shows, and the badge counts it', () => {
    const filled = analyze(doc.replace(/\[[^\]\n]*\]/g, 'x'));
    const testing = filled.sections.findIndex((s) => s.title === 'Testing Implementation');
    assert.equal(filled.sections[testing].needsFilling, false);
    const shown = checklistChildren(filled, 0, false).map((e) => (e.kind === 'missing' ? filled.missing[e.index].title : filled.sections[e.index].title));
    assert.deepEqual(shown, ['Security Implementation', 'Testing Implementation']);
    assert.deepEqual(remaining(filled), { placeholders: 0, emptySections: 0, missingSections: 2, total: 2 });
  });
});
