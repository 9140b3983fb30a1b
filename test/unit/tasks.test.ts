import * as assert from 'node:assert/strict';
import { analyze, applyTasks, DEFAULT_NOT_APPLICABLE_MARKERS, defaultTemplateText, taskBox, taskProgress, toFileReport, type Section } from '../../src/core';
import { timeRatio } from './helpers';

const markers = DEFAULT_NOT_APPLICABLE_MARKERS.map((m) => m.toLowerCase());
const sectionsOf = (text: string) => analyze(text).sections.map((s) => ({ title: s.title, status: s.status, needsFilling: s.needsFilling, ...s.tasks }));

suite('task lists (docs/spec.md, "Task lists")', () => {
  test('which lines are tasks, and of which kind', () => {
    const kinds = [
      '- [ ] open', '* [x] done', '+ [X] done', '1. [ ] open', '12) [x] done', '  - [ ] nested', '> - [ ] quoted', '- [~] not applicable',
      '- [ ] Video (N/A)', '- [ ] Blog (Optional)  ', '- [ ]', '-\t[x]\tdone',
      '- [] no', '- [ ]no', '-[ ] no', '[ ] no', '- [y] no', '1234567890. [ ] no', 'text - [ ] no',
    ].map((l) => taskBox(l, markers)?.box ?? 'none');
    assert.deepEqual(kinds, [
      'open', 'done', 'done', 'open', 'done', 'open', 'open', 'notApplicable',
      'notApplicable', 'notApplicable', 'open', 'done',
      'none', 'none', 'none', 'none', 'none', 'none', 'none',
    ]);
  });

  test('counted per section, its own body only; code is not tasks', () => {
    const doc = '# D\n\n## Deliverables\n- [ ] API docs\n- [x] Runbook\n- [~] Video\n- [ ] Blog (optional)\n\n### Sub\n- [x] a\n\n## Code\n```\n- [ ] no\n```\n';
    assert.deepEqual(sectionsOf(doc).map((s) => [s.title, s.done, s.open, s.notApplicable]), [
      ['D', 0, 0, 0], ['Deliverables', 1, 1, 2], ['Sub', 1, 0, 0], ['Code', 0, 0, 0],
    ]);
  });

  test('a section of unchecked tasks only is not filled by their text; one done task, or other text, fills it', () => {
    const doc = '# D\n\n## Open\n- [ ] A\n- [ ] B\n\n## Started\n- [x] A\n- [ ] B\n\n## Explained\nWhat we ship:\n- [ ] A\n\n## Skipped\n- [~] A\n- [ ] B (N/A)\n';
    assert.deepEqual(sectionsOf(doc).map((s) => [s.title, s.status, s.needsFilling]), [
      ['D', 'done', true], ['Open', 'todo', true], ['Started', 'done', false], ['Explained', 'done', false], ['Skipped', 'done', false],
    ]);
  });

  test('a list of markers takes the place of the built-in ones, compared without case', () => {
    const doc = '# D\n\n## Deliverables\n- [ ] Video (LATER)\n- [ ] Blog (optional)\n- [~] Talk\n- [x] Docs\n';
    const counts = (notApplicable?: string[]) => analyze(doc, { notApplicable }).sections[1].tasks;
    assert.deepEqual(counts(), { done: 1, open: 1, notApplicable: 2 });
    assert.deepEqual(counts(['(later)']), { done: 1, open: 1, notApplicable: 2 });
    assert.deepEqual(counts(['(Later)', '(optional)']), { done: 1, open: 0, notApplicable: 3 });
    assert.deepEqual(counts([]), { done: 1, open: 2, notApplicable: 1 }, '[~] applies with no marker');
  });

  test('CRLF and an HTML comment beside the tasks', () => {
    const doc = '# D\r\n\r\n## Open\r\n<!-- tick when shipped -->\r\n- [ ] A\r\n';
    assert.deepEqual(sectionsOf(doc).map((s) => [s.title, s.status, s.open]), [['D', 'done', 0], ['Open', 'todo', 1]]);
  });

  test('"Deliverables 3/7 done": not-applicable tasks count in neither number; in the JSON report too', () => {
    const doc = '# D\n\n## Deliverables\n' + '- [x] a\n'.repeat(3) + '- [ ] b\n'.repeat(4) + '- [~] c\n';
    const a = analyze(doc);
    assert.deepEqual(taskProgress(a.sections).map((t) => t.text), ['Deliverables 3/7 done']);
    assert.deepEqual(toFileReport('d.md', a).sections[1].tasks, { done: 3, open: 4, notApplicable: 1 });
  });

  test('the default template\'s documentation tasks are counted (its placeholders keep them todo)', () => {
    const sections = sectionsOf(defaultTemplateText);
    const withTasks = sections.filter((s) => s.open > 0);
    assert.ok(withTasks.length >= 3, JSON.stringify(withTasks));
    assert.ok(withTasks.every((s) => s.status === 'todo'));
  });

  test('linear: 8x the quote marks on a line, and 8x the sections of tasks, take well under 64x the time', () => {
    assert.equal(taskBox('>'.repeat(1_000_000), markers), undefined);
    const quotes = new Map([125_000, 1_000_000].map((n) => [n, '>'.repeat(n)]));
    const lineRatio = timeRatio((n) => taskBox(quotes.get(n)!, markers), 125_000, 1_000_000);
    assert.ok(lineRatio < 24, `8x the quote marks took ${lineRatio.toFixed(1)}x the time (linear: about 8, quadratic: about 64)`);

    // Sections made by hand: the analysis of 20,000 headings is measured by the bench, not here.
    const unit = '## S\n- [ ] a\n- [x] b\n';
    const tasksOf = (count: number) => {
      const sections: Section[] = Array.from({ length: count }, (_, i) => ({
        title: 'S', level: 2, start: i * unit.length, headingEnd: i * unit.length + 4, end: (i + 1) * unit.length, status: 'done', placeholders: 0,
        parent: -1, children: [], needsFilling: false, totalPlaceholders: 0, tasks: { done: 0, open: 0, notApplicable: 0 },
      }));
      applyTasks(unit.repeat(count), sections, []);
      return sections;
    };
    assert.equal(tasksOf(20_000).reduce((n, s) => n + s.tasks.open + s.tasks.done, 0), 40_000);
    const sectionRatio = timeRatio(tasksOf, 2_500, 20_000);
    assert.ok(sectionRatio < 24, `8x the sections took ${sectionRatio.toFixed(1)}x the time (linear: about 8, quadratic: about 64)`);
  });
});
