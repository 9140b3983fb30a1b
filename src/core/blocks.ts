import type { Analysis } from './analyze';
import type { TextEdit } from './edits';
import { FenceTracker } from './fences';
import type { Section } from './sections';
import { escapeSnippetText } from './snippet';

export type BlockKind = 'decision' | 'challenge' | 'component' | 'metric' | 'dependency' | 'risk' | 'debt';

/** A block the template repeats; `{n}` is its number. Texts match the default template exactly. */
export interface BlockDefinition {
  kind: BlockKind;
  label: string;
  /** Snippet prefix. */
  prefix: string;
  description: string;
  /** A heading with its bullets (`#### Decision 3: …`), or one table row / list item. */
  numbering: 'heading' | 'item';
  /**
   * Finds an existing block's number: in a heading's title (`Decision 3: Use
   * Postgres`), or in an item's line (`| [Metric 3] | …`).
   */
  numberPattern: RegExp;
  /** Title of the section the blocks belong to. */
  container: RegExp;
  lines: readonly string[];
  /** For table rows: the table's header and delimiter, written too when the section has no table yet. */
  tableHeader?: readonly string[];
}

export const BLOCKS: readonly BlockDefinition[] = [
  {
    kind: 'decision', label: 'Decision', prefix: 'decision', description: 'An architecture decision: context, options, decision, rationale, consequences',
    numbering: 'heading', numberPattern: /^Decision (\d+)\b/i, container: /^Architecture Decisions$/i,
    lines: [
      '#### Decision {n}: [Decision Title]',
      '- **Context**: [Why this decision was needed]',
      '- **Options Considered**: [Alternative approaches]',
      '- **Decision**: [What was chosen]',
      '- **Rationale**: [Why this option was chosen]',
      '- **Consequences**: [Implications of this decision]',
    ],
  },
  {
    kind: 'challenge', label: 'Challenge', prefix: 'challenge', description: 'An implementation challenge: problem, root cause, solution, alternatives, lessons',
    numbering: 'heading', numberPattern: /^Challenge (\d+)\b/i, container: /^Implementation Challenges and Solutions$/i,
    lines: [
      '### Challenge {n}: [Challenge Description]',
      '- **Problem**: [Detailed description of the problem]',
      '- **Root Cause**: [Why this problem occurred]',
      '- **Solution**: [How it was solved]',
      '- **Alternative Approaches**: [Other solutions considered]',
      '- **Lessons Learned**: [What we learned]',
    ],
  },
  {
    kind: 'component', label: 'Component', prefix: 'component', description: 'A key component: purpose, location, classes, dependencies, configuration',
    numbering: 'heading', numberPattern: /^Component (\d+)\b/i, container: /^Key Components Implementation$/i,
    lines: [
      '#### Component {n}: [Component Name]',
      '- **Purpose**: [What this component does]',
      '- **Location**: [File path]',
      '- **Key Classes/Functions**:',
      '  - `ClassName`: [Purpose and key methods]',
      '  - `function_name()`: [Purpose and parameters]',
      '- **Dependencies**: [External dependencies]',
      '- **Configuration**: [Configuration parameters]',
    ],
  },
  {
    kind: 'metric', label: 'Metric row', prefix: 'metric-row', description: 'A row of the Performance Metrics table',
    numbering: 'item', numberPattern: /\bMetric (\d+)\b/i, container: /^Performance Metrics$/i,
    lines: ['| [Metric {n}] | [Value] | [Value] | [Percentage] |'],
    tableHeader: ['| Metric | Before | After | Improvement |', '|--------|--------|-------|-------------|'],
  },
  {
    kind: 'dependency', label: 'Dependency row', prefix: 'dependency-row', description: 'A row of the New Dependencies Added table',
    numbering: 'item', numberPattern: /\bPackage (\d+)\b/i, container: /^New Dependencies Added$/i,
    lines: ['| [Package {n}] | [Version] | [Purpose] | [License] |'],
    tableHeader: ['| Dependency | Version | Purpose | License |', '|------------|---------|---------|---------|'],
  },
  {
    kind: 'risk', label: 'Risk', prefix: 'risk', description: 'A dependency risk and its mitigation',
    numbering: 'item', numberPattern: /\bRisk (\d+)\b/i, container: /^Dependency Risks$/i,
    lines: ['- **[Risk {n}]**: [Description and mitigation]'],
  },
  {
    kind: 'debt', label: 'Debt item', prefix: 'debt-item', description: 'A technical debt item: what, why, and the plan to address it',
    numbering: 'item', numberPattern: /\bDebt Item (\d+)\b/i, container: /^Technical Debt Introduced$/i,
    lines: ['- **[Debt Item {n}]**: [Description, reason, and plan to address]'],
  },
];

export function blockDefinition(kind: BlockKind): BlockDefinition {
  const block = BLOCKS.find((b) => b.kind === kind);
  if (!block) throw new Error(`unknown block kind: ${kind}`);
  return block;
}

export interface BlockTextOptions {
  /** Line break between the block's lines (the document's). */
  eol?: string;
  /** Heading level of a heading block (the definition's when not given). */
  level?: number;
}

/** The block's lines with the heading level applied; `{n}` left in place. */
function blockLines(block: BlockDefinition, level: number | undefined): string[] {
  const lines = [...block.lines];
  if (block.numbering === 'heading' && level !== undefined) {
    lines[0] = lines[0].replace(/^#+/, '#'.repeat(Math.min(Math.max(level, 1), 6)));
  }
  return lines;
}

/** The block's text for number `n`. */
export function blockText(block: BlockDefinition, n: number, options: BlockTextOptions = {}): string {
  return blockLines(block, options.level).map((line) => line.split('{n}').join(String(n))).join(options.eol ?? '\n');
}

const PLACEHOLDER = /\[[^[\]\r\n]{1,120}\]/g;

/**
 * The block as a snippet body, without a final tab stop: its placeholders are
 * tab stops in order, each keeping its bracketed text as the default (so a
 * skipped one is still reported as a leftover placeholder); a placeholder
 * naming a fixed set of values (`[All resolved/In progress/Accepted risk]`)
 * becomes a choice of those values. Without `n` the number is the first tab
 * stop (`${1:1}`), as in the contributed snippets.
 */
function snippetBody(block: BlockDefinition, n: number | undefined, options: BlockTextOptions): string {
  let stop = n === undefined ? 2 : 1;
  const number = n === undefined ? '${1:1}' : String(n);
  const literal = (text: string) => text.split('{n}').map(escapeSnippetText).join(number);
  return blockLines(block, options.level)
    .map((line) => {
      let out = '';
      let last = 0;
      for (const m of line.matchAll(PLACEHOLDER)) {
        out += literal(line.slice(last, m.index));
        const choices = fixedValues(m[0]);
        out += choices ? `\${${stop++}|${[m[0], ...choices].map(escapeChoice).join(',')}|}` : `\${${stop++}:${literal(m[0])}}`;
        last = m.index + m[0].length;
      }
      return out + literal(line.slice(last));
    })
    .join(options.eol ?? '\n');
}

/** The block as a snippet, ending with the final cursor (`$0`). */
export function blockSnippet(block: BlockDefinition, n?: number, options: BlockTextOptions = {}): string {
  return snippetBody(block, n, options) + '$0';
}

/**
 * The values of a placeholder that offers a fixed set of them, as the
 * template's `[All resolved/In progress/Accepted risk]` does: two or more
 * words or phrases separated by `/`. Undefined for any other placeholder.
 */
export function fixedValues(placeholder: string): string[] | undefined {
  const options = placeholder.slice(1, -1).split('/').map((o) => o.trim());
  return options.length > 1 && options.every((o) => /^\p{L}[\p{L} ]*$/u.test(o)) ? options : undefined;
}

/** Inside a snippet choice only `,`, `|` and `\` are special. */
function escapeChoice(text: string): string {
  return text.replace(/[,|\\]/g, '\\$&');
}

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

interface Line {
  start: number;
  /** Before the line break. */
  end: number;
  /** After the line break. */
  next: number;
  text: string;
}

/** The lines of `text` from `from` (a line start) up to `to`, outside fenced code. */
function proseLines(text: string, from: number, to: number): Line[] {
  const out: Line[] = [];
  const fences = new FenceTracker();
  const re = /([^\r\n]*)(\r\n|\r|\n|$)/y;
  re.lastIndex = from;
  while (re.lastIndex < to) {
    const start = re.lastIndex;
    const m = re.exec(text);
    if (!m) break;
    const line = { start, end: start + m[1].length, next: start + m[0].length, text: m[1] };
    if (!fences.isCode(line.text)) out.push(line);
    if (m[0] === '') break;
  }
  return out;
}

const isBlank = (line: Line) => line.text.trim() === '';
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
  const m = /[^\r\n]*(\r\n|\r|\n|$)/y;
  m.lastIndex = section.headingEnd;
  m.exec(text);
  return Math.min(m.lastIndex, section.end);
}

/**
 * The items (table rows after a header and delimiter, or top-level list items
 * with their continuation lines) in a section's own body, in order.
 */
function itemSpans(text: string, section: Section, block: BlockDefinition): { start: number; end: number; next: number }[] {
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
function isDelimiterRow(lines: readonly Line[], i: number): boolean {
  return isDelimiterText(lines[i].text) && lines[i - 1].text.includes('|') && lines[i].start === lines[i - 1].next;
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

/** The delimiter row of the last table (with no rows) in a section's own body. */
function lastTableHeader(text: string, section: Section): Line | undefined {
  const lines = proseLines(text, bodyStart(text, section), section.end);
  for (let i = lines.length - 1; i > 0; i--) if (isDelimiterRow(lines, i)) return lines[i];
  return undefined;
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
  const lineEnd = /[^\r\n]*/y;
  lineEnd.lastIndex = end;
  lineEnd.exec(text);
  const before = text.slice(lineStart, start).trim() !== '';
  const after = text.slice(end, lineEnd.lastIndex).trim() !== '';
  return { start, end, lead: before ? eol + eol : '', tail: after ? eol + eol : '' };
}

/** The edit that inserts `body` (a block's text) at a placement. */
export function placementEdit(placement: BlockPlacement, body: string): TextEdit {
  return { start: placement.start, end: placement.end, newText: placement.lead + body + placement.tail };
}

/** The snippet that inserts the numbered block at a placement; the final cursor is at the block's end. */
export function placementSnippet(placement: BlockPlacement, block: BlockDefinition, n: number, options: BlockTextOptions = {}): string {
  return escapeSnippetText(placement.lead) + snippetBody(block, n, options) + '$0' + escapeSnippetText(placement.tail);
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
