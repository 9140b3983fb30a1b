// The template's repeated blocks (decisions, challenges, table rows…): what
// each one is and its text. Where a new one goes: blockPlacement.ts; as a
// snippet: blockSnippets.ts; the items already in a section: blockItems.ts.

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
export function blockLines(block: BlockDefinition, level: number | undefined): string[] {
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
