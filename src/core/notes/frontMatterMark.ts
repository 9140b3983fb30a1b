import type { TextEdit } from '../edits/edits';

/** The front matter line that makes a document notes whatever its headings say (the CLI and the editor both read it). */
const NOTES_TYPE_LINE = 'type: implementation-notes';

// Only the head of a document is looked at, as detection does.
const HEAD = 64 * 1024;
const MARKED = /^(?:type|kind|template)[ \t]*:[ \t]*["']?implementation[- ]notes["']?[ \t]*$|^impl(?:ementation)?-notes[ \t]*:[ \t]*true[ \t]*$/i;

interface FrontMatter {
  /** Offset of the closing `---` line. */
  close: number;
  lines: string[];
}

/** The YAML front matter at the start of `text` (after a BOM), found by a bounded line scan. */
function frontMatter(text: string, from: number): FrontMatter | undefined {
  const head = text.slice(0, from + HEAD);
  const first = /^---[ \t]*(\r\n|\r|\n)/.exec(head.slice(from));
  if (!first) return undefined;
  const lines: string[] = [];
  let at = from + first[0].length;
  while (at < head.length) {
    const match = /\r\n|\r|\n/g;
    match.lastIndex = at;
    const br = match.exec(head);
    const end = br ? br.index : head.length;
    const line = head.slice(at, end);
    if (/^(?:---|\.\.\.)[ \t]*$/.test(line)) return { close: at, lines };
    lines.push(line);
    if (!br) break;
    at = end + br[0].length;
  }
  return undefined;
}

/**
 * The edit that marks a document as implementation notes in its front matter:
 * a new front matter block when it has none, else one line added to it
 * (`impl-notes: true` when it already has a `type` key, so YAML keys stay
 * unique). Undefined when it is already marked.
 */
export function markAsNotesEdit(text: string, eol = '\n'): TextEdit | undefined {
  const from = text.startsWith('\uFEFF') ? 1 : 0;
  const front = frontMatter(text, from);
  if (!front) return { start: from, end: from, newText: `---${eol}${NOTES_TYPE_LINE}${eol}---${eol}${eol}` };
  if (front.lines.some((line) => MARKED.test(line))) return undefined;
  const line = front.lines.some((l) => /^type[ \t]*:/.test(l)) ? 'impl-notes: true' : NOTES_TYPE_LINE;
  return { start: front.close, end: front.close, newText: `${line}${eol}` };
}

/**
 * The title a new document gets: a template title naming itself a template
 * ("Implementation Notes Template") becomes "Implementation Notes: <phase>";
 * any other title is the author's and is kept.
 */
export function newNotesTitle(templateTitle: string, phase: string): string | undefined {
  const title = templateTitle.trim();
  const suffix = 'template';
  // No regex: a hostile title of many spaces would make a backtracking one quadratic.
  if (phase.trim() === '' || title.includes('[') || title.slice(-suffix.length).toLowerCase() !== suffix) return undefined;
  const rest = title.slice(0, title.length - suffix.length);
  if (rest.trim() === '' || !/\s$/.test(rest)) return undefined;
  return `${rest.trimEnd()}: ${phase.trim()}`;
}
