import type { Analysis } from '../analysis/analyze';
import { markAsNotesEdit, newNotesTitle } from '../notes/frontMatterMark';
import type { Span } from '../markdown/syntax';

/** A fix as data (`{range, newText}` over 0-based offsets), applied by the editor and tests alike. */
export interface TextEdit extends Span {
  newText: string;
}

/** Applies non-overlapping edits to text, in one pass (20,000 edits to a large document: one copy, not one per edit). */
export function applyEdits(text: string, edits: readonly TextEdit[]): string {
  const sorted = [...edits].sort((a, b) => a.start - b.start || a.end - b.end);
  const parts: string[] = [];
  let at = 0;
  for (const e of sorted) {
    parts.push(text.slice(at, e.start), e.newText);
    at = e.end;
  }
  parts.push(text.slice(at));
  return parts.join('');
}

/** Replace every placeholder with exactly this text (`[Name]`) by `value`. */
export function fillEverywhereEdits(analysis: Analysis, placeholderText: string, value: string): TextEdit[] {
  return analysis.placeholders
    .filter((p) => p.text === placeholderText)
    .map((p) => ({ start: p.start, end: p.end, newText: value }));
}

/** Removes the whole line holding `offset`, with its line break. */
export function removeLineEdit(text: string, offset: number): TextEdit {
  let start = offset;
  while (start > 0 && text[start - 1] !== '\n' && text[start - 1] !== '\r') start--;
  let end = offset;
  while (end < text.length && text[end] !== '\n' && text[end] !== '\r') end++;
  if (text[end] === '\r' && text[end + 1] === '\n') end += 2;
  else if (end < text.length) end++;
  else if (start > 0) {
    // The last line has no break of its own: take the one before it.
    start -= text[start - 1] === '\n' && text[start - 2] === '\r' ? 2 : 1;
  }
  return { start, end, newText: '' };
}

/** `[Date]`, `[Scan Date]`, `[Due date]`: a placeholder for one date (not a range). */
export function isDatePlaceholder(text: string): boolean {
  if (!text.startsWith('[') || !text.endsWith(']')) return false;
  const inner = text.slice(1, -1).trim().toLowerCase();
  if (inner === 'today' || inner === 'yyyy-mm-dd') return true;
  const words = inner.endsWith('dates') ? inner.slice(0, -5) : inner.endsWith('date') ? inner.slice(0, -4) : undefined;
  // Any words before it are letters, and end with a space: `[Scan Date]`, not `[Update]`.
  return words !== undefined && (words === '' || (/\s$/.test(words) && /^[\p{L}\s]*$/u.test(words)));
}

/** Today as `YYYY-MM-DD`, in local time. */
export function isoDate(date: Date): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`;
}

/** Edits that put `date` into every date placeholder. */
export function fillDateEdits(analysis: Analysis, date: Date): TextEdit[] {
  const value = isoDate(date);
  return analysis.placeholders.filter((p) => isDatePlaceholder(p.text)).map((p) => ({ start: p.start, end: p.end, newText: value }));
}

/** Index of the next (or previous) placeholder from an offset, wrapping around; -1 when none. */
export function adjacentPlaceholder(analysis: Analysis, offset: number, direction: 1 | -1): number {
  const list = analysis.placeholders;
  if (list.length === 0) return -1;
  if (direction === 1) {
    const i = list.findIndex((p) => p.start > offset);
    return i >= 0 ? i : 0;
  }
  for (let i = list.length - 1; i >= 0; i--) if (list[i].end < offset || (list[i].start < offset && list[i].end <= offset)) return i;
  return list.length - 1;
}

/** A file name for notes on a phase: `Phase 2: Search!` → `phase-2-search.md`. */
export function notesFileName(phase: string): string {
  const slug = phase
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, '-');
  return `${trimChars(trimChars(slug, '-').slice(0, 60), '-') || 'implementation-notes'}.md`;
}

/** `text` without leading and trailing runs of the given characters (a loop: `/-+$/` is quadratic on dashes). */
export function trimChars(text: string, chars: string): string {
  let start = 0;
  let end = text.length;
  while (start < end && chars.includes(text[start])) start++;
  while (end > start && chars.includes(text[end - 1])) end--;
  return text.slice(start, end);
}

/**
 * The proposed path of new notes: `folder/fileName`, relative to the
 * workspace folder. The folder setting may come from a workspace's own
 * settings, so one that is absolute or climbs out with `..` is refused.
 */
export function newNotesPath(folder: string, fileName: string): { path: string } | { problem: 'absolute' | 'outside' } {
  const trimmed = trimChars(folder.trim().replace(/\\/g, '/'), '/');
  if (/^(?:[\\/]|[a-z]:|[a-z][a-z0-9+.-]*:\/\/)/i.test(folder.trim())) return { problem: 'absolute' };
  if (trimmed.split('/').includes('..')) return { problem: 'outside' };
  return { path: trimmed === '' ? fileName : `${trimmed}/${fileName}` };
}

/**
 * The template for a new notes document: front matter that keeps it notes
 * whatever happens to its headings, the title "Implementation Notes: <phase>"
 * (see newNotesTitle), the phase in its phase placeholder, and optionally
 * today's date.
 */
export function newNotesText(analysis: Analysis, phase: string, date: Date | undefined): string {
  const phasePlaceholder = analysis.placeholders.find((p) => /^\[\s*phase\b/i.test(p.text));
  const edits = phasePlaceholder && phase.trim() !== '' ? fillEverywhereEdits(analysis, phasePlaceholder.text, phase.trim()) : [];
  if (date) edits.push(...fillDateEdits(analysis, date));
  const first = analysis.sections[0];
  const title = first ? newNotesTitle(first.title, phase) : undefined;
  const at = first ? analysis.text.indexOf(first.title, first.start) : -1;
  if (first && title !== undefined && at >= 0 && at + first.title.length <= first.headingEnd) {
    edits.push({ start: at, end: at + first.title.length, newText: title });
  }
  const text = applyEdits(analysis.text, edits);
  const mark = markAsNotesEdit(text, /\r\n/.test(text) ? '\r\n' : '\n');
  return mark ? applyEdits(text, [mark]) : text;
}
