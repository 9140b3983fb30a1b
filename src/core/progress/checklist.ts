// What the sidebar checklist shows, as plain data: which sections, in which
// nesting, and how much is left. The extension only turns this into tree items.
import type { Analysis } from '../analysis/analyze';
import type { Section } from '../markdown/sections';

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

/**
 * The document's title, when the checklist leaves it out: the one top-level
 * heading, of level 1. Its subsections are the checklist's top level (one
 * nesting level less); the title is a row of its own only when its own text
 * needs filling. -1 when there is no such title.
 */
export function checklistTitle(sections: readonly Pick<Section, 'parent' | 'level'>[]): number {
  let title = titleCache.get(sections);
  if (title === undefined) {
    title = -1;
    for (let i = 0; i < sections.length; i++) {
      if (sections[i].parent !== -1) continue;
      if (title >= 0) {
        title = -1;
        break;
      }
      title = i;
    }
    if (title >= 0 && sections[title].level !== 1) title = -1;
    titleCache.set(sections, title);
  }
  return title;
}

const titleCache = new WeakMap<readonly unknown[], number>();

function titleIsRow(s: Section, showAll: boolean): boolean {
  return s.status !== 'done' || (showAll && s.children.length === 0);
}

/**
 * The checklist's rows under `parent` (-1: the top level): `checklistChildren`,
 * with the document's title (`checklistTitle`) left out and its subsections
 * moved up. The title, when it is a row, is a leaf.
 */
export function checklistRows(analysis: Pick<Analysis, 'sections' | 'missing'>, parent: number, showAll: boolean): ChecklistEntry[] {
  const title = checklistTitle(analysis.sections);
  if (title < 0) return checklistChildren(analysis, parent, showAll);
  if (parent === title) return [];
  if (parent >= 0) return checklistChildren(analysis, parent, showAll);
  const rows = checklistChildren(analysis, title, showAll);
  return titleIsRow(analysis.sections[title], showAll) ? [{ kind: 'section', index: title }, ...rows] : rows;
}

/** The row a section's row sits under in `checklistRows` (-1: the top level). */
export function checklistParent(sections: readonly Section[], index: number): number {
  const parent = sections[index]?.parent ?? -1;
  return parent === checklistTitle(sections) ? -1 : parent;
}

/**
 * The row that stands for the text of section `index` (where the cursor is):
 * the section itself when it is a row, else its nearest ancestor that is;
 * -1 when none is (all done and hidden, or a title that is no row).
 */
export function checklistRowAt(analysis: Pick<Analysis, 'sections' | 'missing'>, index: number, showAll: boolean): number {
  const { sections } = analysis;
  const title = checklistTitle(sections);
  const below = missingBelow(analysis);
  for (let i = index; i >= 0 && i < sections.length; i = sections[i].parent) {
    if (i === title) return titleIsRow(sections[i], showAll) ? i : -1;
    if (showAll || sections[i].needsFilling || below[i]) return i;
  }
  return -1;
}

/** What is left in a section and all its subsections (the checklist's description and tooltip). */
export interface SectionLeft {
  /** Placeholders in the section's own text. */
  own: number;
  /** In the subsections, at any depth. */
  placeholders: number;
  emptySections: number;
  missingSections: number;
  /** own + placeholders + emptySections + missingSections, the section itself counted when it is empty. */
  total: number;
}

const leftCache = new WeakMap<readonly unknown[], { of: readonly unknown[]; empty: number[]; missing: number[] }>();

/** What is left in section `index` and below; one pass over the document per analysis, then constant time. */
export function sectionLeft(analysis: Pick<Analysis, 'sections' | 'missing'>, index: number): SectionLeft {
  const { sections } = analysis;
  let counts = leftCache.get(sections);
  if (counts?.of !== analysis.missing) {
    const empty = sections.map((s) => (s.status === 'empty' ? 1 : 0));
    const missing = sections.map(() => 0);
    for (const m of analysis.missing) if (m.anchor >= 0 && m.anchor < sections.length) missing[m.anchor]++;
    // Children come after their parent: one backward pass rolls the counts up.
    for (let i = sections.length - 1; i >= 0; i--) {
      const p = sections[i].parent;
      if (p >= 0) {
        empty[p] += empty[i];
        missing[p] += missing[i];
      }
    }
    counts = { of: analysis.missing, empty, missing };
    leftCache.set(sections, counts);
  }
  const s = sections[index];
  if (!s) return { own: 0, placeholders: 0, emptySections: 0, missingSections: 0, total: 0 };
  const selfEmpty = s.status === 'empty' ? 1 : 0;
  const left = { own: s.placeholders, placeholders: s.totalPlaceholders - s.placeholders, emptySections: counts.empty[index] - selfEmpty, missingSections: counts.missing[index] };
  return { ...left, total: s.totalPlaceholders + counts.empty[index] + left.missingSections };
}

/**
 * A key per section that survives edits elsewhere in the document: the
 * titles of its ancestors and itself (the left-out title not among them),
 * with a count for repeated titles under one parent. The checklist's ids:
 * the tree keeps selection and expansion by id, so an id that moves to
 * another heading after an insert would select the wrong row.
 */
export function sectionKeys(sections: readonly Section[]): readonly string[] {
  let keys = keyCache.get(sections);
  if (!keys) {
    const title = checklistTitle(sections);
    const seen = new Map<string, number>();
    const out: string[] = [];
    sections.forEach((s, i) => {
      const parentKey = s.parent >= 0 && s.parent !== title ? out[s.parent] : '';
      const own = i === title ? '#title' : `${parentKey}\n${s.level}:${s.title}`;
      const n = seen.get(own) ?? 0;
      seen.set(own, n + 1);
      out.push(n === 0 ? own : `${own}\n#${n}`);
    });
    keys = out;
    keyCache.set(sections, keys);
  }
  return keys;
}

const keyCache = new WeakMap<readonly unknown[], readonly string[]>();
