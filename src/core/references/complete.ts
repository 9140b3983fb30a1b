// What to complete at the cursor of a notes document (docs/spec.md, "Completing
// references"): a path in a Location field or inline code, relative to the
// repository root, or a symbol of the component's Location files in a Key
// Classes/Functions list. Pure: the editor lists the files and reads them.
import type { Analysis } from '../analysis/analyze';
import { FenceTracker } from '../markdown/fences';
import { lineEndAt, nextLineStart } from '../markdown/text';
import { afterListMarker, fieldOn, isLocationLabel, isSymbolsLabel, lineContent, type ReferenceLabels } from './labels';

export type CompletionContext =
  /** `typed`: the path typed so far, from `start` (root-relative, `/`-separated). */
  | { kind: 'path'; start: number; typed: string }
  /** `typed`: the identifier typed so far, from `start`; `scope`: the component's Location paths (empty: none found). */
  | { kind: 'symbol'; start: number; typed: string; scope: string[] };

/** Lines looked at above the cursor for a symbol list's label: a list is never this long. */
const MAX_LINES_UP = 1000;
const PATH_CHARS = /^[^\s`*?{}<>|"'$=;]*$/;
const IDENTIFIER_PREFIX = /^[\p{L}\p{N}_$.:]*$/u;

/** What the cursor at `offset` completes, or undefined (not in a Location value or inline code, or in fenced code). */
export function referenceCompletionAt(analysis: Analysis, labels: ReferenceLabels, offset: number): CompletionContext | undefined {
  const { text, sections } = analysis;
  let lineStart = offset;
  while (lineStart > 0 && text[lineStart - 1] !== '\n' && text[lineStart - 1] !== '\r') lineStart--;
  const lineEnd = lineEndAt(text, lineStart);
  let section = -1;
  while (section + 1 < sections.length && sections[section + 1].start <= lineStart) section++;
  const sectionStart = section >= 0 ? sections[section].headingEnd : 0;
  if (lineStart < sectionStart || inFencedCode(text, sectionStart, lineStart)) return undefined;
  const field = fieldOn(text, lineStart, lineEnd);
  if (field && isLocationLabel(labels, field.label) && offset >= field.valueStart) {
    let start = offset;
    while (start > field.valueStart && !',`(<'.includes(text[start - 1])) start--;
    while (start < offset && (text[start] === ' ' || text[start] === '\t')) start++;
    const typed = text.slice(start, offset);
    return PATH_CHARS.test(typed) ? { kind: 'path', start, typed } : undefined;
  }
  // Inside inline code: an odd number of backticks before the cursor on its line.
  let ticks = 0;
  let lastTick = -1;
  for (let i = lineStart; i < offset; i++) {
    if (text.charCodeAt(i) === 96) {
      ticks++;
      lastTick = i;
    }
  }
  if (ticks % 2 === 0) return undefined;
  const start = lastTick + 1;
  const typed = text.slice(start, offset);
  const list = symbolListScope(analysis, labels, section, lineStart, lineEnd);
  if (list && IDENTIFIER_PREFIX.test(typed) && isFirstInItem(text, lineStart, lineEnd, lastTick)) return { kind: 'symbol', start, typed, scope: list };
  return PATH_CHARS.test(typed) ? { kind: 'path', start, typed } : undefined;
}

/** Whether a fence is open at `offset`, reading from `from` (a section's start: no fence spans a heading). */
function inFencedCode(text: string, from: number, offset: number): boolean {
  const fences = new FenceTracker();
  let open = false;
  for (let start = from; start < offset; ) {
    const end = lineEndAt(text, start);
    if (fences.isCode(text.slice(start, end))) open = fences.isOpen;
    else open = false;
    start = nextLineStart(text, end);
  }
  return open;
}

/** The backtick starts an item's symbols: only other code spans, commas and slashes before it on the item's line. */
function isFirstInItem(text: string, lineStart: number, lineEnd: number, tick: number): boolean {
  const { at } = lineContent(text, lineStart, lineEnd);
  const item = afterListMarker(text, at, lineEnd);
  const from = item >= 0 ? item : (fieldOn(text, lineStart, lineEnd)?.valueStart ?? -1);
  if (from < 0 || tick < from) return false;
  let inCode = false;
  for (let i = from; i < tick; i++) {
    const c = text[i];
    if (c === '`') inCode = !inCode;
    else if (!inCode && c !== ' ' && c !== ',' && c !== '/' && c !== '\t') return false;
  }
  return !inCode;
}

/**
 * When the line is an item (or the label line) of a Key Classes/Functions
 * list: the Location paths of its component (the last Location field above
 * it in its section, or for a list under its own heading, in the parent
 * section); undefined when the line is in no such list.
 */
function symbolListScope(analysis: Analysis, labels: ReferenceLabels, section: number, lineStart: number, lineEnd: number): string[] | undefined {
  const { text, sections } = analysis;
  const here = fieldOn(text, lineStart, lineEnd);
  let labelAt: number | undefined;
  if (here) {
    if (isSymbolsLabel(labels, here.label)) labelAt = lineStart;
  } else {
    const content = lineContent(text, lineStart, lineEnd);
    if (afterListMarker(text, content.at, lineEnd) < 0) return undefined;
    const floor = section >= 0 ? sections[section].headingEnd : 0;
    let end = lineStart;
    for (let n = 0; n < MAX_LINES_UP && end > floor; n++) {
      let start = end - 1;
      if (text[start] === '\n' && text[start - 1] === '\r') start--;
      const lineEndAbove = start;
      while (start > floor && text[start - 1] !== '\n' && text[start - 1] !== '\r') start--;
      end = start;
      const above = text.slice(start, lineEndAbove);
      if (above.trim() === '') continue;
      const field = fieldOn(text, start, lineEndAbove);
      if (field) {
        if (isSymbolsLabel(labels, field.label) && (!field.isItem || content.column > field.indent)) labelAt = start;
        break;
      }
      const c = lineContent(text, start, lineEndAbove);
      if (c.column === 0 && afterListMarker(text, c.at, lineEndAbove) < 0) break;
    }
    if (labelAt === undefined && section >= 0 && isSymbolsLabel(labels, sections[section].title)) {
      return locationBefore(analysis, sections[section].parent, lineStart);
    }
  }
  return labelAt === undefined ? undefined : locationBefore(analysis, section, labelAt);
}

/** The paths of the last Location field from the start of `section` (-1: the document) to `before`. */
function locationBefore(analysis: Analysis, section: number, before: number): string[] {
  const { text, sections, references } = analysis;
  const from = section >= 0 ? sections[section].start : 0;
  let last = -1;
  for (let i = 0; i < references.length && references[i].start < before; i++) if (references[i].source === 'location' && references[i].start >= from) last = i;
  if (last < 0) return [];
  let lineStart = references[last].start;
  while (lineStart > 0 && text[lineStart - 1] !== '\n' && text[lineStart - 1] !== '\r') lineStart--;
  const paths: string[] = [];
  for (let i = last; i >= 0 && references[i].start >= lineStart; i--) {
    const path = references[i].source === 'location' ? references[i].path : undefined;
    if (path !== undefined) paths.unshift(path);
  }
  return paths;
}

/** One path completion: a folder (with its trailing `/`) or a file, relative to the root. */
interface PathCompletion {
  path: string;
  folder: boolean;
}

/**
 * The folders, then the files, directly inside the folder `typed` names up
 * to its last `/` whose name holds the rest of `typed` as a subsequence
 * (case ignored), sorted, at most `limit`; one pass over the file list.
 */
export function pathCompletions(files: Iterable<string>, typed: string, limit: number): { items: PathCompletion[]; complete: boolean } {
  const slash = typed.lastIndexOf('/');
  const dir = slash >= 0 ? typed.slice(0, slash + 1) : '';
  const partial = typed.slice(slash + 1).toLowerCase();
  const folders = new Set<string>();
  const names = new Set<string>();
  for (const file of files) {
    if (!file.startsWith(dir)) continue;
    const next = file.indexOf('/', dir.length);
    const name = next < 0 ? file.slice(dir.length) : file.slice(dir.length, next);
    if (name === '' || !isSubsequence(partial, name.toLowerCase())) continue;
    (next < 0 ? names : folders).add(name);
  }
  const sorted = (set: Set<string>) => [...set].sort((a, b) => a.localeCompare(b));
  const items = [...sorted(folders).map((n) => ({ path: `${dir}${n}/`, folder: true })), ...sorted(names).map((n) => ({ path: dir + n, folder: false }))];
  return { items: items.slice(0, limit), complete: items.length <= limit };
}

function isSubsequence(needle: string, hay: string): boolean {
  let j = 0;
  for (let i = 0; i < hay.length && j < needle.length; i++) if (hay[i] === needle[j]) j++;
  return j === needle.length;
}
