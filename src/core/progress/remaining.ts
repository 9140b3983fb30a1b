// How much is left in a notes document: the one measure the checklist (its
// badge and rows), the status bar and Notes in Workspace (its rows and their
// order) show (docs/spec.md, "Progress").
import type { Analysis } from '../analysis/analyze';

/** What is left to do in a document. */
export interface Remaining {
  placeholders: number;
  emptySections: number;
  missingSections: number;
  /** placeholders + emptySections + missingSections */
  total: number;
}

export function remaining(analysis: Pick<Analysis, 'placeholders' | 'sections' | 'missing'>): Remaining {
  const placeholders = analysis.placeholders.length;
  let emptySections = 0;
  for (const s of analysis.sections) if (s.status === 'empty') emptySections++;
  const missingSections = analysis.missing.length;
  return { placeholders, emptySections, missingSections, total: placeholders + emptySections + missingSections };
}

/** A document's progress: what is left, and sections done out of the sections it has (shown beside it, never sorted by). */
export interface Progress {
  left: Remaining;
  sectionsDone: number;
  sections: number;
}

export function progress(analysis: Pick<Analysis, 'sections' | 'placeholders' | 'missing'>): Progress {
  let sectionsDone = 0;
  for (const s of analysis.sections) if (!s.needsFilling) sectionsDone++;
  return { left: remaining(analysis), sectionsDone, sections: analysis.sections.length };
}

/** One row of the Notes in Workspace list. */
export interface FileProgress {
  /** Workspace-relative path, with '/' separators (or the file's URI). */
  path: string;
  progress: Progress;
  /** Its broken references and unknown symbols: wrong, not unfinished, so not part of what is left; they order files that have as much left. */
  broken?: number;
}

/**
 * Most left first (the measure the rows show), then most broken references
 * (a finished file with some is no finished file), then by path so the
 * order is stable.
 */
export function compareByRemaining(a: FileProgress, b: FileProgress): number {
  return b.progress.left.total - a.progress.left.total || (b.broken ?? 0) - (a.broken ?? 0) || (a.path < b.path ? -1 : a.path > b.path ? 1 : 0);
}

export function sortByRemaining<T extends FileProgress>(files: readonly T[]): T[] {
  return [...files].sort(compareByRemaining);
}
