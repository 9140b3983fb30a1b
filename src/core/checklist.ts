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
  /** placeholders + emptySections */
  total: number;
}

export function remaining(analysis: Pick<Analysis, 'placeholders' | 'sections'>): Remaining {
  const placeholders = analysis.placeholders.length;
  const emptySections = analysis.sections.filter((s) => s.status === 'empty').length;
  return { placeholders, emptySections, total: placeholders + emptySections };
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
