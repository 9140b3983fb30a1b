// Where the next block of a kind goes in a notes document, and its number and
// heading level there.
import type { Analysis } from '../analysis/analyze';
import { itemSpans, lastTableHeader } from './blockItems';
import { blockDefinition, BLOCKS, blockText, type BlockDefinition, type BlockKind } from '../template/blocks';
import type { TextEdit } from './edits';
import type { Section } from '../markdown/sections';
import { lineEndAt } from '../markdown/text';

/** Where a section's subtree ends: the next heading of the same or a higher level, or the end of the text. */
function subtreeEnd(sections: readonly Section[], i: number, textLength: number): number {
  for (let j = i + 1; j < sections.length; j++) if (sections[j].level <= sections[i].level) return sections[j].start;
  return textLength;
}

/** The section blocks of this kind belong in: the first one titled as the definition says. */
function containerIndex(analysis: Analysis, block: BlockDefinition): number {
  return analysis.sections.findIndex((s) => block.container.test(s.title.trim()));
}

/** Indices of the sections that are blocks of this (heading) kind, in document order. */
function headingBlocks(analysis: Analysis, block: BlockDefinition): number[] {
  const out: number[] = [];
  analysis.sections.forEach((s, i) => {
    if (block.numberPattern.test(s.title.trim())) out.push(i);
  });
  return out;
}

/** The number the next block of this kind gets in this document: one more than the highest (gaps allowed). */
export function nextBlockNumber(analysis: Analysis, kind: BlockKind): number {
  const block = blockDefinition(kind);
  let max = 0;
  if (block.numbering === 'heading') {
    for (const i of headingBlocks(analysis, block)) max = Math.max(max, Number(block.numberPattern.exec(analysis.sections[i].title.trim())![1]));
    return max + 1;
  }
  const container = containerIndex(analysis, block);
  if (container < 0) return 1;
  const items = itemSpans(analysis.text, analysis.sections[container], block);
  // Filled items keep their place in the count: `| Latency | … |` is still row 1.
  max = items.length;
  for (const item of items) {
    const m = block.numberPattern.exec(analysis.text.slice(item.start, item.end));
    if (m) max = Math.max(max, Number(m[1]));
  }
  return max + 1;
}

/** The heading level a new heading block gets: that of the last one, else one below its section's. */
export function blockLevel(analysis: Analysis, kind: BlockKind): number | undefined {
  const block = blockDefinition(kind);
  if (block.numbering !== 'heading') return undefined;
  const existing = headingBlocks(analysis, block);
  if (existing.length > 0) return analysis.sections[existing[existing.length - 1]].level;
  const container = containerIndex(analysis, block);
  if (container >= 0) return Math.min(analysis.sections[container].level + 1, 6);
  return undefined;
}

/**
 * Where a block goes: replace `start`–`end` by `lead`, the block, `tail`.
 * `start` is a line start whenever the text allows (a snippet inserted there
 * is not re-indented by the editor).
 */
export interface BlockPlacement {
  start: number;
  end: number;
  lead: string;
  tail: string;
}

/**
 * Where the next block of this kind goes: after the last block of its kind
 * (with its subsections), else at the end of its section (with its
 * subsections); undefined when the document has neither. A heading block
 * gets exactly one blank line before and after it; a row or list item goes on
 * the line after the last one.
 */
export function blockPlacement(analysis: Analysis, kind: BlockKind, eol = '\n'): BlockPlacement | undefined {
  const block = blockDefinition(kind);
  const { text, sections } = analysis;
  if (block.numbering === 'heading') {
    const existing = headingBlocks(analysis, block);
    const anchor = existing.length > 0 ? existing[existing.length - 1] : containerIndex(analysis, block);
    if (anchor < 0) return undefined;
    return separated(text, sections[anchor].start, subtreeEnd(sections, anchor, text.length), eol);
  }
  const container = containerIndex(analysis, block);
  if (container < 0) return undefined;
  const section = sections[container];
  const items = itemSpans(text, section, block);
  if (items.length === 0 && block.tableHeader) {
    const header = lastTableHeader(text, section);
    if (header) return afterLine(text, header, eol);
    const at = separated(text, section.start, subtreeEnd(sections, container, text.length), eol);
    return { ...at, lead: at.lead + block.tableHeader.join(eol) + eol };
  }
  if (items.length === 0) return separated(text, section.start, subtreeEnd(sections, container, text.length), eol);
  return afterLine(text, items[items.length - 1], eol);
}

/** On the line after `line`. */
function afterLine(text: string, line: { end: number; next: number }, eol: string): BlockPlacement {
  if (line.next > line.end) return { start: line.next, end: line.next, lead: '', tail: eol };
  return { start: line.end, end: line.end, lead: eol, tail: text.length > line.end ? eol : '' };
}

/**
 * At the end of the content in `from`–`to` (a section and its subsections),
 * with exactly one blank line before and after: the blank lines already there
 * are replaced.
 */
function separated(text: string, from: number, to: number, eol: string): BlockPlacement {
  let contentEnd = to;
  while (contentEnd > from && /\s/.test(text[contentEnd - 1])) contentEnd--;
  // Keep trailing spaces of the last content line (a hard line break).
  while (contentEnd < to && (text[contentEnd] === ' ' || text[contentEnd] === '\t')) contentEnd++;
  const tail = to < text.length ? eol + eol : eol;
  if (contentEnd === 0) return { start: 0, end: to, lead: '', tail };
  const lineBreak = /^(\r\n|\r|\n)/.exec(text.slice(contentEnd, contentEnd + 2));
  if (lineBreak) return { start: contentEnd + lineBreak[0].length, end: to, lead: eol, tail };
  return { start: contentEnd, end: to, lead: eol + eol, tail };
}

/**
 * Placement at the cursor (`start`–`end` is the selection), when the
 * document has no section for the block: on lines of its own, so a heading
 * never lands in the middle of a line.
 */
export function cursorPlacement(text: string, start: number, end: number, eol = '\n'): BlockPlacement {
  const lineStart = Math.max(text.lastIndexOf('\n', start - 1), text.lastIndexOf('\r', start - 1)) + 1;
  const before = text.slice(lineStart, start).trim() !== '';
  const after = text.slice(end, lineEndAt(text, end)).trim() !== '';
  return { start, end, lead: before ? eol + eol : '', tail: after ? eol + eol : '' };
}

/** The edit that inserts `body` (a block's text) at a placement. */
export function placementEdit(placement: BlockPlacement, body: string): TextEdit {
  return { start: placement.start, end: placement.end, newText: placement.lead + body + placement.tail };
}

/** The next block of a kind for a document: its number, heading level, text and where it goes. */
export interface BlockPlan {
  block: BlockDefinition;
  number: number;
  level?: number;
  /** The block alone. */
  text: string;
  /** Undefined when the document has no place for it (then: the cursor). */
  placement?: BlockPlacement;
}

export function planBlock(analysis: Analysis, kind: BlockKind, eol = '\n'): BlockPlan {
  const block = blockDefinition(kind);
  const number = nextBlockNumber(analysis, kind);
  const level = blockLevel(analysis, kind);
  return { block, number, level, text: blockText(block, number, { eol, level }), placement: blockPlacement(analysis, kind, eol) };
}

/**
 * The kinds of block, those that belong where `offset` is first (a row in
 * Performance Metrics, a decision under Architecture Decisions).
 */
export function blockKindsAt(analysis: Analysis, offset: number): BlockKind[] {
  const { sections, text } = analysis;
  const here = (block: BlockDefinition) => {
    const anchors = [containerIndex(analysis, block), ...(block.numbering === 'heading' ? headingBlocks(analysis, block) : [])];
    return anchors.some((i) => i >= 0 && sections[i].start <= offset && offset <= subtreeEnd(sections, i, text.length));
  };
  const kinds = BLOCKS.map((b) => ({ kind: b.kind, here: here(b) }));
  return [...kinds.filter((k) => k.here), ...kinds.filter((k) => !k.here)].map((k) => k.kind);
}
