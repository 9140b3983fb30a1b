/** Text utilities shared by every step: BOM handling, line scanning and offset → line/column. */

const BOM = '\uFEFF';

/** A leading BOM is not part of the document's text (and never a column). */
export function stripBom(text: string): string {
  return text.startsWith(BOM) ? text.slice(1) : text;
}

/** The end of the line `offset` is on, before its line break (`\n`, `\r\n` or a lone `\r`). */
export function lineEndAt(text: string, offset: number): number {
  let i = offset;
  while (i < text.length && text.charCodeAt(i) !== 10 && text.charCodeAt(i) !== 13) i++;
  return i;
}

/** The start of the line after the one `offset` is on; the text's length on its last line. */
export function nextLineStart(text: string, offset: number): number {
  const end = lineEndAt(text, offset);
  if (end === text.length) return end;
  return end + (text.charCodeAt(end) === 13 && text.charCodeAt(end + 1) === 10 ? 2 : 1);
}

/** One line of a text. */
export interface TextLine {
  start: number;
  /** Before the line break. */
  end: number;
  /** After the line break (`end` on a last line without one). */
  next: number;
  text: string;
}

/** The lines that start in `from`–`to` (`from` a line start), in order; one pass, each character read once. */
export function linesIn(text: string, from: number, to: number): TextLine[] {
  const out: TextLine[] = [];
  for (let start = from; start < to; ) {
    const end = lineEndAt(text, start);
    const next = nextLineStart(text, end);
    out.push({ start, end, next, text: text.slice(start, end) });
    if (next === start) break;
    start = next;
  }
  return out;
}

/** 0-based line and character (UTF-16 code units), as VS Code's `Position`. */
export interface Position {
  line: number;
  character: number;
}

/**
 * Maps offsets to positions. `\n`, `\r\n` and a lone `\r` each end a line,
 * as docs/spec.md ("Positions") and VS Code agree.
 */
export class LineIndex {
  private readonly starts: number[];

  constructor(readonly text: string) {
    const starts = [0];
    for (let i = 0; i < text.length; i++) {
      const c = text.charCodeAt(i);
      if (c === 10) {
        starts.push(i + 1);
      } else if (c === 13) {
        if (text.charCodeAt(i + 1) === 10) i++;
        starts.push(i + 1);
      }
    }
    this.starts = starts;
  }

  get lineCount(): number {
    return this.starts.length;
  }

  positionAt(offset: number): Position {
    const starts = this.starts;
    let lo = 0;
    let hi = starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (starts[mid] <= offset) lo = mid;
      else hi = mid - 1;
    }
    return { line: lo, character: offset - starts[lo] };
  }

  offsetAt(position: Position): number {
    const line = Math.min(Math.max(position.line, 0), this.starts.length - 1);
    return Math.min(this.starts[line] + Math.max(position.character, 0), this.text.length);
  }

  lineStart(line: number): number {
    return this.starts[line];
  }
}
