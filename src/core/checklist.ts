// What the sidebar checklist shows, as plain data: which sections, in which
// nesting, and how much is left. The extension only turns this into tree items.
import type { Analysis } from './analyze';
import type { Section } from './sections';

/**
 * Indexes of the sections shown directly under `parent` (-1: the top level),
 * in document order: every section when `showAll`, else those that need
 * filling (a done parent stays when a descendant needs filling).
 */
export function visibleChildren(sections: readonly Section[], parent: number, showAll: boolean): number[] {
  const indexes = parent < 0 ? topLevel(sections) : (sections[parent]?.children ?? []);
  return indexes.filter((i) => showAll || sections[i].needsFilling);
}

function topLevel(sections: readonly Section[]): number[] {
  const out: number[] = [];
  sections.forEach((s, i) => {
    if (s.parent === -1) out.push(i);
  });
  return out;
}

/** What is left to do in a document: the checklist's badge. */
export interface Remaining {
  placeholders: number;
  emptySections: number;
  missingSections: number;
  /** placeholders + emptySections + missingSections */
  total: number;
}

export function remaining(analysis: Pick<Analysis, 'placeholders' | 'sections' | 'missing'>): Remaining {
  const placeholders = analysis.placeholders.length;
  const emptySections = analysis.sections.filter((s) => s.status === 'empty').length;
  const missingSections = analysis.missing.length;
  return { placeholders, emptySections, missingSections, total: placeholders + emptySections + missingSections };
}

/** A row of the checklist: a section of the document, or a template section it lacks (an index into `missing`). */
export type ChecklistEntry = { kind: 'section'; index: number } | { kind: 'missing'; index: number };

const missingBelowCache = new WeakMap<readonly unknown[], boolean[]>();

/** Sections that hold a missing section, at any depth: they need filling too. */
function missingBelow(analysis: Pick<Analysis, 'sections' | 'missing'>): boolean[] {
  let marks = missingBelowCache.get(analysis.missing);
  if (!marks) {
    marks = analysis.sections.map(() => false);
    for (const m of analysis.missing) {
      for (let i = m.anchor; i >= 0 && !marks[i]; i = analysis.sections[i].parent) marks[i] = true;
    }
    missingBelowCache.set(analysis.missing, marks);
  }
  return marks;
}

/**
 * The rows under `parent` (-1: the top level): the sections `visibleChildren`
 * gives, plus those holding a missing section, and the missing sections
 * anchored at `parent`, each where the template's order puts it.
 */
export function checklistChildren(analysis: Pick<Analysis, 'sections' | 'missing'>, parent: number, showAll: boolean): ChecklistEntry[] {
  const below = missingBelow(analysis);
  const indexes = parent < 0 ? topLevel(analysis.sections) : (analysis.sections[parent]?.children ?? []);
  const sections = indexes.filter((i) => showAll || analysis.sections[i].needsFilling || below[i]);
  const out: ChecklistEntry[] = [];
  let k = 0;
  analysis.missing.forEach((m, index) => {
    if (m.anchor !== parent) return;
    while (k < sections.length && analysis.sections[sections[k]].start < m.insertAt) out.push({ kind: 'section', index: sections[k++] });
    out.push({ kind: 'missing', index });
  });
  while (k < sections.length) out.push({ kind: 'section', index: sections[k++] });
  return out;
}

/**
 * Where a heading seen in an earlier analysis (at `index`, with `title` and
 * `level`) is now: the same index when it still holds that heading, else the
 * nearest heading with that title and level; -1 when there is none.
 */
export function locateSection(sections: readonly Pick<Section, 'title' | 'level'>[], index: number, title: string, level: number): number {
  const same = (i: number) => i >= 0 && i < sections.length && sections[i].title === title && sections[i].level === level;
  if (same(index)) return index;
  for (let d = 1; d < sections.length + Math.abs(index); d++) {
    if (same(index - d)) return index - d;
    if (same(index + d)) return index + d;
  }
  return -1;
}

/** How many sections below `index` (at any depth) are empty. */
export function emptyDescendants(sections: readonly Pick<Section, 'status' | 'children'>[], index: number): number {
  let count = 0;
  const stack = [...(sections[index]?.children ?? [])];
  while (stack.length > 0) {
    const s = sections[stack.pop()!];
    if (s.status === 'empty') count++;
    stack.push(...s.children);
  }
  return count;
}
