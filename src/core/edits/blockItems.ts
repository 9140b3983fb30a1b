// The blocks already in a section: table rows under a header, or top-level
// list items, read line by line outside fenced code.
import type { BlockDefinition } from '../template/blocks';
import { FenceTracker } from '../markdown/fences';
import type { Section } from '../markdown/sections';
import { linesIn, nextLineStart, type TextLine } from '../markdown/text';

/** The lines of `text` from `from` (a line start) up to `to`, outside fenced code. */
function proseLines(text: string, from: number, to: number): TextLine[] {
  const fences = new FenceTracker();
  return linesIn(text, from, to).filter((line) => !fences.isCode(line.text));
}

const isBlank = (line: TextLine) => line.text.trim() === '';
const DELIMITER_CELL = /^:?-+:?$/;

/** `| --- | :-: |`: cells of dashes with optional colons (split, not one regex: its nested stars backtracked cubically). */
function isDelimiterText(line: string): boolean {
  let row = line.trim();
  if (row.startsWith('|')) row = row.slice(1);
  if (row.endsWith('|')) row = row.slice(0, -1);
  return row.split('|').every((cell) => DELIMITER_CELL.test(cell.trim()));
}

/** The first line after a section's heading. */
function bodyStart(text: string, section: Section): number {
  return Math.min(nextLineStart(text, section.headingEnd), section.end);
}

/**
 * The items (table rows after a header and delimiter, or top-level list items
 * with their continuation lines) in a section's own body, in order.
 */
export function itemSpans(text: string, section: Section, block: BlockDefinition): { start: number; end: number; next: number }[] {
  const lines = proseLines(text, bodyStart(text, section), section.end);
  const out: { start: number; end: number; next: number }[] = [];
  if (block.tableHeader) {
    for (let i = 1; i < lines.length; i++) {
      if (!isDelimiterRow(lines, i)) continue;
      let j = i + 1;
      for (; j < lines.length && lines[j].start === lines[j - 1].next && !isBlank(lines[j]) && lines[j].text.includes('|'); j++) out.push(lines[j]);
      i = j - 1;
    }
    return out;
  }
  for (let i = 0; i < lines.length; i++) {
    if (!/^[-*+] /.test(lines[i].text)) continue;
    let end = i;
    // Continuation lines (lazy or indented, nested items) up to a blank line or the next item.
    while (end + 1 < lines.length && lines[end + 1].start === lines[end].next && !isBlank(lines[end + 1]) && !/^[-*+] /.test(lines[end + 1].text)) end++;
    out.push({ start: lines[i].start, end: lines[end].end, next: lines[end].next });
    i = end;
  }
  return out;
}

/** A table's delimiter row (`|---|---|`) right under a header row. */
function isDelimiterRow(lines: readonly TextLine[], i: number): boolean {
  return isDelimiterText(lines[i].text) && lines[i - 1].text.includes('|') && lines[i].start === lines[i - 1].next;
}

/** The delimiter row of the last table (with no rows) in a section's own body. */
export function lastTableHeader(text: string, section: Section): TextLine | undefined {
  const lines = proseLines(text, bodyStart(text, section), section.end);
  for (let i = lines.length - 1; i > 0; i--) if (isDelimiterRow(lines, i)) return lines[i];
  return undefined;
}
