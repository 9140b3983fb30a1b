import { stripBom } from './text';

const FRONT_MATTER = /^---[ \t]*\r?\n([\s\S]*?)\r?\n(?:---|\.\.\.)[ \t]*(?:\r?\n|$)/;
const NOTES_TITLE = /implementation[ -]notes?/i;
const NOTES_MARK = /^(?:type|kind|template)[ \t]*:[ \t]*["']?implementation[- ]notes["']?[ \t]*$|^impl(?:ementation)?-notes[ \t]*:[ \t]*true[ \t]*$/im;
// Only the head of a document decides; a huge file is not scanned for this.
const HEAD = 64 * 1024;

/**
 * Is this Markdown an implementation-notes document by its content? Its front
 * matter says so (`type: implementation-notes` or `impl-notes: true`), or its
 * first heading names implementation notes.
 */
export function looksLikeNotes(input: string): boolean {
  const text = stripBom(input.slice(0, HEAD));
  const front = FRONT_MATTER.exec(text);
  if (front && NOTES_MARK.test(front[1])) return true;
  const body = front ? text.slice(front[0].length) : text;
  const heading = firstHeading(body);
  return heading !== undefined && NOTES_TITLE.test(heading);
}

/** The text of a Markdown document's first heading (front matter skipped), from a quick look at its head. */
export function firstHeadingText(input: string): string | undefined {
  const text = stripBom(input.slice(0, HEAD));
  const front = FRONT_MATTER.exec(text);
  return firstHeading(front ? text.slice(front[0].length) : text);
}

function firstHeading(text: string): string | undefined {
  let inFence: string | undefined;
  const lines = text.split(/\r\n|\r|\n/);
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i];
    const fence = /^ {0,3}(`{3,}|~{3,})/.exec(line);
    if (fence) {
      if (!inFence) inFence = fence[1][0];
      else if (fence[1][0] === inFence) inFence = undefined;
      continue;
    }
    if (inFence) continue;
    const atx = /^ {0,3}#{1,6}(?:[ \t]+(.*?))?[ \t]*#*[ \t]*$/.exec(line);
    if (atx) return atx[1] ?? '';
    if (line.trim() !== '' && /^ {0,3}(?:=+|-+)[ \t]*$/.test(lines[i + 1] ?? '')) return line.trim();
  }
  return undefined;
}
