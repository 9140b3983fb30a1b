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
};

/** The codes in table order (the order of summary parts and report columns). */
export const FINDING_CODES = Object.keys(FINDING_KINDS) as FindingCode[];

export function countOf(n: number, code: FindingCode): string {
  return `${n} ${n === 1 ? FINDING_KINDS[code].one : FINDING_KINDS[code].many}`;
}
