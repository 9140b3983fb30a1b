import * as assert from 'node:assert/strict';
import { analyze, defaultTemplate, progress, toFileReport } from '../../src/core';

const noTasks = { done: 0, open: 0, notApplicable: 0 };
import { sectionsOf, TEMPLATE_PLACEHOLDERS } from './helpers';

const brief = (md: string) => sectionsOf(md).map((s) => `${s.level} ${s.title} @${s.line} ${s.status} ${s.placeholders}`);

suite('sections: headings and titles', () => {
  test('ATX headings, closing sequences removed, text trimmed', () => {
    assert.deepEqual(brief('# One #\n\ntext\n\n##   Two   ###   \n\ntext\n### Three \\#\n\ntext\n'), [
      '1 One @1 done 0',
      '2 Two @5 done 0',
      '3 Three \\# @8 done 0',
    ]);
  });

  test('setext headings, lines joined with one space', () => {
    assert.deepEqual(brief('First line\nsecond   line\n===\n\nbody\n\nSub\n---\n\nbody\n'), [
      '1 First line second   line @1 done 0',
      '2 Sub @7 done 0',
    ]);
  });

  test('a setext heading inside a block quote loses the quote marks', () => {
    assert.deepEqual(brief('> Quoted\n> heading\n> ===\n\nbody\n').map((s) => s.split(' @')[0]), ['1 Quoted heading']);
  });

  test('headings inside lists and block quotes count', () => {
    assert.deepEqual(brief('- # In a list\n  body\n\n> ## In a quote\n> [Fill]\n'), [
      '1 In a list @1 done 0',
      '2 In a quote @4 todo 1',
    ]);
  });

  test('headings in code blocks and HTML are not headings', () => {
    assert.deepEqual(brief('# Real\n\n```\n# not a heading\n```\n\n<div>\n# nor this\n</div>\n'), ['1 Real @1 done 0']);
  });

  test('an empty heading has an empty title', () => {
    assert.deepEqual(brief('#\n\ntext\n'), ['1  @1 done 0']);
  });
});

suite('sections: status', () => {
  test('todo when the heading or own body holds a placeholder', () => {
    assert.deepEqual(brief('## Decision: [Title]\n\ndone\n\n## Context\n\nWe [verb] it.\n'), [
      '2 Decision: [Title] @1 todo 1',
      '2 Context @5 todo 1',
    ]);
  });

  test('empty when the own body is only whitespace and HTML comments', () => {
    assert.deepEqual(brief('## A\n\n   \n<!-- to do -->\n\n## B\nText <!-- c -->\n## C\n'), [
      '2 A @1 empty 0',
      '2 B @6 done 0',
      '2 C @8 empty 0',
    ]);
  });

  test('a link definition is content', () => {
    assert.deepEqual(brief('## Links\n\n[ref]: https://example.com\n'), ['2 Links @1 done 0']);
  });

  test('code, tables, rules and HTML other than comments are content', () => {
    assert.deepEqual(brief('# A\n```\n```\n# B\n---\n# C\n<div></div>\n\n# D\n| a |\n|---|\n'), [
      '1 A @1 done 0',
      '1 B @4 done 0',
      '1 C @6 done 0',
      '1 D @9 done 0',
    ]);
  });

  test('a section with subsections is never empty, but needs filling through them', () => {
    const analysis = analyze('# Parent\n\n## Child\n\n### Grandchild\n\n[Fill]\n\n## Sibling\n\nDone.\n');
    assert.deepEqual(
      analysis.sections.map((s) => [s.title, s.status, s.needsFilling, s.totalPlaceholders, s.parent]),
      [
        ['Parent', 'done', true, 1, -1],
        ['Child', 'done', true, 1, 0],
        ['Grandchild', 'todo', true, 1, 1],
        ['Sibling', 'done', false, 0, 0],
      ],
    );
    assert.deepEqual(analysis.sections[0].children, [1, 3]);
  });

  test('subsections run to the next heading of the same or a higher level', () => {
    const analysis = analyze('## A\n#### Deep\ntext\n### B\n\n# Top\n');
    assert.deepEqual(analysis.sections.map((s) => s.parent), [-1, 0, 0, -1]);
    assert.deepEqual(analysis.sections.map((s) => s.status), ['done', 'done', 'empty', 'empty']);
  });

  test('text before the first heading belongs to no section', () => {
    const report = toFileReport('d.md', analyze('Intro [Name]\n\n# Title\n\n[Body]\n'));
    assert.deepEqual(report.placeholders.map((p) => p.section), [null, 'Title']);
    assert.deepEqual(report.sections, [{ title: 'Title', level: 1, line: 3, status: 'todo', placeholders: 1, tasks: noTasks }]);
  });

  test('a document without headings has no sections', () => {
    assert.deepEqual(sectionsOf('just [text]\n'), []);
  });
});

suite('sections: the default template', () => {
  const analysis = analyze(defaultTemplate().text);

  test('lists all 63 in document order with levels and lines', () => {
    const report = toFileReport('t.md', analysis);
    assert.equal(report.sections.length, 63);
    assert.deepEqual(report.sections.slice(0, 5), [
      { title: 'Implementation Notes Template', level: 1, line: 1, status: 'done', placeholders: 0, tasks: noTasks },
      { title: 'Phase Information', level: 2, line: 3, status: 'todo', placeholders: 4, tasks: noTasks },
      { title: 'Technical Implementation Details', level: 2, line: 9, status: 'done', placeholders: 0, tasks: noTasks },
      { title: 'Architecture Decisions', level: 3, line: 11, status: 'done', placeholders: 0, tasks: noTasks },
      { title: 'Decision 1: [Decision Title]', level: 4, line: 12, status: 'todo', placeholders: 6, tasks: noTasks },
    ]);
    const counted = report.sections.reduce((sum, s) => sum + s.placeholders, 0);
    assert.equal(counted, analysis.placeholders.length);
  });

  test('every section needs filling and none is empty', () => {
    assert.ok(analysis.sections.every((s) => s.needsFilling));
    assert.ok(analysis.sections.every((s) => s.status !== 'empty'));
    assert.deepEqual(progress(analysis), { left: { placeholders: TEMPLATE_PLACEHOLDERS, emptySections: 0, missingSections: 0, total: TEMPLATE_PLACEHOLDERS }, sectionsDone: 0, sections: 63 });
  });
});
