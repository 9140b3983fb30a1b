import { FenceTracker } from '../markdown/fences';
import { stripBom } from '../markdown/text';

const NOTES_TITLE = /implementation[ -]notes?/i;
const NOTES_MARK = /^(?:type|kind|template)[ \t]*:[ \t]*["']?implementation[- ]notes["']?[ \t]*$|^impl(?:ementation)?-notes[ \t]*:[ \t]*true[ \t]*$/;
const FRONT_MATTER_OPEN = /^---[ \t]*$/;
const FRONT_MATTER_CLOSE = /^(?:---|\.\.\.)[ \t]*$/;
const SETEXT_UNDERLINE = /^ {0,3}(?:=+|-+)[ \t]*$/;
/**
 * Only the head of a document decides. Detection runs on the extension
 * host's main thread for every Markdown document opened, so it reads a
 * bounded head and scans it once (a backtracking heading regex took 16 s on
 * one line of 4,000 spaces).
 */
const DETECTION_HEAD = 8 * 1024;

/**
 * Is this Markdown an implementation-notes document by its content? Its front
 * matter says so (`type: implementation-notes` or `impl-notes: true`), or its
 * first heading names implementation notes.
 */
export function looksLikeNotes(input: string): boolean {
  const lines = stripBom(input.slice(0, DETECTION_HEAD)).split(/\r\n|\r|\n/);
  const bodyStart = frontMatterEnd(lines);
  if (bodyStart > 0 && lines.slice(1, bodyStart - 1).some((l) => NOTES_MARK.test(l))) return true;
  const heading = firstHeading(lines, bodyStart);
  return heading !== undefined && NOTES_TITLE.test(heading);
}

/** The text of a Markdown document's first heading (front matter skipped), from a bounded look at its head. */
export function firstHeadingText(input: string): string | undefined {
  const lines = stripBom(input.slice(0, DETECTION_HEAD)).split(/\r\n|\r|\n/);
  return firstHeading(lines, frontMatterEnd(lines));
}

/** The index of the first line after the front matter (0 when there is none). */
function frontMatterEnd(lines: readonly string[]): number {
  if (!FRONT_MATTER_OPEN.test(lines[0])) return 0;
  for (let i = 1; i < lines.length; i++) if (FRONT_MATTER_CLOSE.test(lines[i])) return i + 1;
  return 0;
}

function firstHeading(lines: readonly string[], from: number): string | undefined {
  const fences = new FenceTracker();
  for (let i = from; i < lines.length; i++) {
    const line = lines[i];
    if (fences.isCode(line)) continue;
    const atx = atxHeadingText(line);
    if (atx !== undefined) return atx;
    if (line.trim() !== '' && SETEXT_UNDERLINE.test(lines[i + 1] ?? '')) return line.trim();
  }
  return undefined;
}

const isBlank = (c: string | undefined) => c === ' ' || c === '\t';

/** The text of an ATX heading line (without its closing `#`s), or undefined; one pass over the line. */
function atxHeadingText(line: string): string | undefined {
  let i = 0;
  while (i < 3 && line[i] === ' ') i++;
  let hashes = 0;
  while (line[i + hashes] === '#') hashes++;
  if (hashes < 1 || hashes > 6) return undefined;
  i += hashes;
  if (i < line.length && !isBlank(line[i])) return undefined;
  let end = line.length;
  while (end > i && isBlank(line[end - 1])) end--;
  let close = end;
  while (close > i && line[close - 1] === '#') close--;
  // A closing sequence counts only after a space or tab (or as the whole content).
  if (close === i || isBlank(line[close - 1])) end = close;
  while (end > i && isBlank(line[end - 1])) end--;
  while (i < end && isBlank(line[i])) i++;
  return line.slice(i, end);
}
