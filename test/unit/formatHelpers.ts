import { analyze, LineIndex, isDraft, type AnalyzeOptions, type BaselineMatcher, type FindingCode, type LineRange, type ResolvedReference } from '../../src/core';
import { FINDING_CODES } from '../../src/cli/formats/findingKinds';
import type { FormatContext, Formatter, RunTotals } from '../../src/cli/formats';
import { reportFindings } from '../../src/cli/reported';

export interface FormatFile {
  path: string;
  text: string;
  options?: AnalyzeOptions;
  changed?: LineRange[];
  /** Its references as resolveReferences gives them. */
  references?: ResolvedReference[];
}

const testContext = (write: (text: string) => void, more: Partial<FormatContext> = {}): FormatContext => ({
  version: '9.9.9',
  homepage: 'https://example.test/impl-notes',
  write,
  linkBase: '',
  maxBytes: 1024 * 1024,
  badgeLabel: 'notes',
  ...more,
});

/** Totals with zeros where not given. */
export function totalsOf(given: Partial<Omit<RunTotals, 'counts'>> & { counts?: Partial<Record<FindingCode, number>> } = {}): RunTotals {
  const counts = Object.fromEntries(FINDING_CODES.map((c) => [c, given.counts?.[c] ?? 0])) as Record<FindingCode, number>;
  return { files: 0, filesWithFindings: 0, notices: { draft: 0, existing: 0 }, baselined: 0, fixed: [], unchanged: 0, ...given, counts };
}

/** A format run over files as the CLI hands them over (analysed, findings judged as in main.ts). */
export function runFormat(
  format: (context: FormatContext) => Formatter,
  files: readonly FormatFile[],
  totals: RunTotals,
  more: Partial<FormatContext> & { strict?: boolean; baseline?: BaselineMatcher } = {},
): string {
  let out = '';
  const formatter = format(testContext((t) => (out += t), more));
  for (const { path, text, options, changed, references = [] } of files) {
    const analysis = analyze(text, options);
    const lines = new LineIndex(analysis.text);
    const draft = isDraft(analysis.text);
    const { findings } = reportFindings(path, analysis, lines, { strict: more.strict ?? false, baseline: more.baseline }, draft, changed, references);
    formatter.file({ path, relativePath: path, analysis, lines, draft, findings, references });
  }
  formatter.end(totals);
  return out;
}
