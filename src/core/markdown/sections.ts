import type { Placeholder } from '../rules/placeholderFinder';
import type { TaskCounts } from '../progress/tasks';
import { firstAtOrAfter, lastStartingAtOrBefore, type Syntax } from './syntax';

export type SectionStatus = 'todo' | 'empty' | 'done';

export interface Section {
  title: string;
  level: number;
  /** The heading's span. */
  start: number;
  headingEnd: number;
  /** Where the section's own body ends: the next heading of any level, or the end of the text. */
  end: number;
  status: SectionStatus;
  /** Placeholders in the heading and its own body. */
  placeholders: number;
  /** Index of the enclosing section (nearest earlier heading of a lower level), or -1. */
  parent: number;
  children: number[];
  /** `empty` or `todo`, or some subsection needs filling: what the checklist shows. */
  needsFilling: boolean;
  /** Placeholders in this section and all its subsections. */
  totalPlaceholders: number;
  /** The task-list items of its own body (docs/spec.md, "Task lists"). */
  tasks: TaskCounts;
}

/** Index of the section a placeholder (or any offset) belongs to; -1 before the first heading. */
export function sectionIndexAt(sections: readonly { start: number }[], offset: number): number {
  return lastStartingAtOrBefore(sections, offset);
}

export function buildSections(syntax: Syntax, placeholders: readonly Placeholder[], textLength: number): Section[] {
  const { headings, contentStarts } = syntax;
  const sections: Section[] = headings.map((h, i) => ({
    title: h.title,
    level: h.depth,
    start: h.start,
    headingEnd: h.end,
    end: i + 1 < headings.length ? headings[i + 1].start : textLength,
    status: 'done',
    placeholders: 0,
    parent: -1,
    children: [],
    needsFilling: false,
    totalPlaceholders: 0,
    tasks: { done: 0, open: 0, notApplicable: 0 },
  }));

  for (const p of placeholders) {
    const i = sectionIndexAt(sections, p.start);
    if (i >= 0) sections[i].placeholders++;
  }

  const open: number[] = [];
  sections.forEach((s, i) => {
    while (open.length > 0 && sections[open[open.length - 1]].level >= s.level) open.pop();
    s.parent = open.length > 0 ? open[open.length - 1] : -1;
    if (s.parent >= 0) sections[s.parent].children.push(i);
    open.push(i);

    const hasSubsections = i + 1 < sections.length && sections[i + 1].level > s.level;
    if (s.placeholders > 0) s.status = 'todo';
    else if (!hasSubsections && !hasContentIn(contentStarts, s.headingEnd, s.end)) s.status = 'empty';
  });

  // Children come after their parent: one backward pass rolls the totals up.
  for (let i = sections.length - 1; i >= 0; i--) {
    const s = sections[i];
    s.totalPlaceholders += s.placeholders;
    s.needsFilling ||= s.status !== 'done';
    if (s.parent >= 0) {
      const parent = sections[s.parent];
      parent.totalPlaceholders += s.totalPlaceholders;
      parent.needsFilling ||= s.needsFilling;
    }
  }
  return sections;
}

function hasContentIn(starts: readonly number[], from: number, to: number): boolean {
  const first = firstAtOrAfter(starts, from);
  return first < starts.length && starts[first] < to;
}
