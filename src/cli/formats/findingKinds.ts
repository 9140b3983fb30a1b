import type { FindingCode } from '../../core';

/**
 * What the outputs say about each finding code, in one place: a new rule adds
 * its row here and every format (the summary line, the Markdown report's
 * columns, Code Climate's categories, draft notices) picks it up. Keyed by
 * `FindingCode`, so a code without a row does not compile.
 */
export interface FindingKind {
  /** Singular and plural, for the summary line ("1 placeholder", "2 empty sections"). */
  one: string;
  many: string;
  /** Always named in the summary line, even at 0 (the first two, as since 0.1). */
  alwaysInSummary: boolean;
  /** The Markdown report's column heading. */
  column: string;
  /** Code Climate: `categories` and `severity` (https://github.com/codeclimate/platform/blob/master/spec/analyzers/SPEC.md). */
  codeClimate: { categories: string[]; severity: 'info' | 'minor' | 'major' | 'critical' | 'blocker' };
  /** In a document marked draft / in progress, a notice rather than a failure (docs/spec.md, "Drafts"). */
  noticeInDrafts: boolean;
  /** Counted with another code's findings in the summary line and the Markdown report's columns (its own `one`, `many` and `column` unused). */
  countedWith?: FindingCode;
}

export const FINDING_KINDS: Readonly<Record<FindingCode, FindingKind>> = {
  placeholder: {
    one: 'placeholder', many: 'placeholders', alwaysInSummary: true, column: 'Placeholders',
    codeClimate: { categories: ['Clarity'], severity: 'minor' }, noticeInDrafts: true,
  },
  'empty-section': {
    one: 'empty section', many: 'empty sections', alwaysInSummary: true, column: 'Empty',
    codeClimate: { categories: ['Clarity'], severity: 'minor' }, noticeInDrafts: false,
  },
  'missing-section': {
    one: 'missing section', many: 'missing sections', alwaysInSummary: false, column: 'Missing',
    codeClimate: { categories: ['Clarity'], severity: 'minor' }, noticeInDrafts: true,
  },
  // A broken reference is wrong, not unfinished: it fails in a draft too.
  'broken-reference': {
    one: 'broken reference', many: 'broken references', alwaysInSummary: false, column: 'Broken references',
    codeClimate: { categories: ['Bug Risk'], severity: 'major' }, noticeInDrafts: false,
  },
  // "… and 3 broken references" counts unknown symbols too (docs/spec.md, "Resolving references").
  'unknown-symbol': {
    one: 'unknown symbol', many: 'unknown symbols', alwaysInSummary: false, column: 'Unknown symbols',
    codeClimate: { categories: ['Bug Risk'], severity: 'major' }, noticeInDrafts: false, countedWith: 'broken-reference',
  },
};

/** The codes in table order. */
export const FINDING_CODES = Object.keys(FINDING_KINDS) as FindingCode[];

/** The codes the summary line and the Markdown report's columns count, in their order: those not counted with another. */
export const COUNTED_CODES = FINDING_CODES.filter((code) => FINDING_KINDS[code].countedWith === undefined);

/** The findings counted under `code`: its own and those of the codes counted with it. */
export function countFor(counts: Readonly<Record<FindingCode, number>>, code: FindingCode): number {
  return FINDING_CODES.reduce((sum, c) => (c === code || FINDING_KINDS[c].countedWith === code ? sum + counts[c] : sum), 0);
}

export function countOf(n: number, code: FindingCode): string {
  return `${n} ${n === 1 ? FINDING_KINDS[code].one : FINDING_KINDS[code].many}`;
}
