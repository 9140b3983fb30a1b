import type { Analysis } from './analyze';
import type { Section } from './sections';
import { escapeSnippetText } from './snippet';
import type { TextEdit } from './edits';

export type BlockKind = 'decision' | 'challenge' | 'component' | 'metric' | 'dependency' | 'risk' | 'debt';

/** A block the template repeats; `{n}` is its number. Texts match the default template exactly. */
export interface BlockDefinition {
  kind: BlockKind;
  label: string;
  /** Snippet prefix. */
  prefix: string;
  description: string;
  /** Numbered by headings (`#### Decision 3: …`), or by the items already in its section. */
  numbering: 'heading' | 'item';
  /** The heading title of numbered blocks: `Decision 3`. */
  titlePattern?: RegExp;
  /** Title of the section the blocks belong to. */
  container: RegExp;
  lines: string[];
}

export const BLOCKS: readonly BlockDefinition[] = [
  {
    kind: 'decision', label: 'Decision', prefix: 'decision', description: 'An architecture decision: context, options, decision, rationale, consequences',
    numbering: 'heading', titlePattern: /^Decision (\d+)\b/i, container: /^Architecture Decisions$/i,
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
    numbering: 'heading', titlePattern: /^Challenge (\d+)\b/i, container: /^Implementation Challenges and Solutions$/i,
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
    numbering: 'heading', titlePattern: /^Component (\d+)\b/i, container: /^Key Components Implementation$/i,
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
    numbering: 'item', container: /^Performance Metrics$/i,
    lines: ['| [Metric {n}] | [Value] | [Value] | [Percentage] |'],
  },
  {
    kind: 'dependency', label: 'Dependency row', prefix: 'dependency-row', description: 'A row of the New Dependencies Added table',
    numbering: 'item', container: /^New Dependencies Added$/i,
    lines: ['| [Package {n}] | [Version] | [Purpose] | [License] |'],
  },
  {
    kind: 'risk', label: 'Risk', prefix: 'risk', description: 'A dependency risk and its mitigation',
    numbering: 'item', container: /^Dependency Risks$/i,
    lines: ['- **[Risk {n}]**: [Description and mitigation]'],
  },
  {
    kind: 'debt', label: 'Debt item', prefix: 'debt-item', description: 'A technical debt item: what, why, and the plan to address it',
    numbering: 'item', container: /^Technical Debt Introduced$/i,
    lines: ['- **[Debt Item {n}]**: [Description, reason, and plan to address]'],
  },
];

export function blockDefinition(kind: BlockKind): BlockDefinition {
  return BLOCKS.find((b) => b.kind === kind)!;
}

/** The block's text for number `n`, lines joined with `eol`. */
export function blockText(block: BlockDefinition, n: number, eol = '\n'): string {
  return block.lines.map((line) => line.replace('{n}', String(n))).join(eol);
}

const PLACEHOLDER = /\[[^[\]\r\n]{1,120}\]/g;

/**
 * The block as a snippet: its number (a given one, or the first tab stop)
 * and its placeholders as tab stops, `[A/B/C]` placeholders as choices.
 */
export function blockSnippet(block: BlockDefinition, n?: number, eol = '\n'): string {
  let stop = n === undefined ? 2 : 1;
  const lines = block.lines.map((line) => {
    let out = '';
    let last = 0;
    const source = n === undefined ? line : line.replace('{n}', String(n));
    for (const m of source.matchAll(PLACEHOLDER)) {
      out += literal(source.slice(last, m.index));
      out += placeholderStop(m[0], stop++);
      last = m.index + m[0].length;
    }
    return out + literal(source.slice(last));
  });
  return lines.join(eol) + '$0';
}

/** Literal text, with `{n}` left as the number's tab stop. */
function literal(text: string): string {
  return text.split('{n}').map(escapeSnippetText).join('${1:1}');
}

function placeholderStop(text: string, stop: number): string {
  const options = text.slice(1, -1).split('/');
  if (options.length > 1 && options.every((o) => /^[\p{L} ]+$/u.test(o))) {
    return `\${${stop}|${options.map((o) => o.replace(/[,|\\$}]/g, '\\$&')).join(',')}|}`;
  }
  const inner = text.slice(1, -1).split('{n}').map(escapeSnippetText).join('${1:1}');
  return `\${${stop}:[${inner}]}`;
}

/** The section tree's end for section `i`: the next heading of the same or a higher level. */
export function subtreeEnd(sections: readonly Section[], i: number, textLength: number): number {
  for (let j = i + 1; j < sections.length; j++) if (sections[j].level <= sections[i].level) return sections[j].start;
  return textLength;
}

/** The number the next block of this kind gets in this document. */
export function nextBlockNumber(analysis: Analysis, kind: BlockKind): number {
  const block = blockDefinition(kind);
  if (block.numbering === 'heading') {
    let max = 0;
    for (const s of analysis.sections) {
      const m = block.titlePattern!.exec(s.title);
      if (m) max = Math.max(max, Number(m[1]));
    }
    return max + 1;
  }
  const container = analysis.sections.find((s) => block.container.test(s.title));
  return (container ? itemLines(analysis.text, container, block).length : 0) + 1;
}

/** Line spans of the items (table rows or list items) already in a section's own body. */
function itemLines(text: string, section: Section, block: BlockDefinition): { start: number; end: number }[] {
  const row = block.lines[0].startsWith('|');
  const out: { start: number; end: number }[] = [];
  const re = /[^\r\n]*(?:\r\n|\r|\n|$)/g;
  re.lastIndex = section.headingEnd;
  let rows = 0;
  for (let m = re.exec(text); m && m.index < section.end && m[0] !== ''; m = re.exec(text)) {
    const line = m[0];
    if (row ? /^\s*\|/.test(line) : /^[-*+] /.test(line)) {
      // A table's first two rows are its header and delimiter.
      if (!row || ++rows > 2) out.push({ start: m.index, end: m.index + line.length });
    }
  }
  return out;
}

/**
 * Where the next block of this kind goes, as an edit inserting `body`
 * (the block's text or snippet): after the last block of its kind, else at
 * the end of its section; undefined when the document has neither.
 */
export function blockInsertion(analysis: Analysis, kind: BlockKind, body: string, eol = '\n'): TextEdit | undefined {
  const block = blockDefinition(kind);
  const { text, sections } = analysis;
  if (block.numbering === 'item') {
    const container = sections.find((s) => block.container.test(s.title));
    if (!container) return undefined;
    const items = itemLines(text, container, block);
    const after = items.length > 0 ? items[items.length - 1].end : undefined;
    if (after === undefined) return atSectionEnd(text, subtreeEnd(sections, sections.indexOf(container), text.length), body, eol);
    const needsBreak = after === text.length && !/[\r\n]$/.test(text);
    return { start: after, end: after, newText: (needsBreak ? eol : '') + body + (needsBreak ? '' : eol) };
  }
  let last = -1;
  sections.forEach((s, i) => {
    if (block.titlePattern!.test(s.title)) last = i;
  });
  const anchor = last >= 0 ? last : sections.findIndex((s) => block.container.test(s.title));
  if (anchor < 0) return undefined;
  return atSectionEnd(text, subtreeEnd(sections, anchor, text.length), body, eol);
}

/** Inserts a block at `offset` (a line start, or the end) with one blank line around it. */
function atSectionEnd(text: string, offset: number, body: string, eol: string): TextEdit {
  const before = text.slice(0, offset);
  const lead = before === '' || /(?:\r\n|\r|\n)[ \t]*(?:\r\n|\r|\n)$/.test(before) ? '' : /(?:\r\n|\r|\n)$/.test(before) ? eol : eol + eol;
  const tail = offset < text.length ? eol + eol : eol;
  return { start: offset, end: offset, newText: lead + body + tail };
}
