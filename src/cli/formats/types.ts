import type { Analysis, BaselineEntry, Finding, FindingCode, LineIndex, ResolvedReference } from '../../core';

/** Why a finding is reported but does not fail the run. */
type NoticeReason = 'draft' | 'existing';

/** A finding as the formats report it: its 1-based range, its section, and whether it counts. */
export interface ReportedFinding extends Finding {
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
  /** The title of the section it is in; null before the first heading. */
  section: string | null;
  /** Survives line moves: the file, rule, message and section, and which of equal findings it is. */
  fingerprint: string;
  /** Set when the finding does not fail the run: the document is a draft, or the line is not one the change touched. */
  notice?: NoticeReason;
}

/** One checked file, handed to the formatter in the order of the run. */
interface CheckedFile {
  /** As listed (the PATH argument, or a folder's relative path under it). */
  path: string;
  /** Relative to the folder the check ran in, `/`-separated: baselines and Code Climate name files so. */
  relativePath: string;
  analysis: Analysis;
  lines: LineIndex;
  /** It says it is a draft (docs/spec.md, "Drafts"). */
  draft: boolean;
  /** Its findings in document order (its broken references among them), less those the baseline holds. */
  findings: ReportedFinding[];
  /** Every reference it makes, resolved against its repository, broken or not; none when the check is off. */
  references: readonly ResolvedReference[];
}

/** Counts over the whole run. */
export interface RunTotals {
  files: number;
  /** Files with a finding that fails the run. */
  filesWithFindings: number;
  /** Findings that fail the run, by code. */
  counts: Record<FindingCode, number>;
  /** Findings reported as notices, by reason. */
  notices: Record<NoticeReason, number>;
  /** Findings the baseline holds (not reported). */
  baselined: number;
  /** Baseline entries not found any more, with how many of each. */
  fixed: BaselineEntry[];
  /** Files `--changed-since` left out as unchanged. */
  unchanged: number;
}

export interface FormatContext {
  version: string;
  /** The project's home page, for SARIF's `informationUri`. */
  homepage: string;
  /** Writes text to stdout as is. */
  write: (text: string) => void;
  /** Where a relative path's link in the Markdown report points: a URL ending in `/`, or '' for relative links. */
  linkBase: string;
  /** The Markdown report's cap, in UTF-8 bytes. */
  maxBytes: number;
  /** The badge's left-hand text. */
  badgeLabel: string;
}

/**
 * An output format of `check`: `file` is called for each checked file in
 * order (a format may stream), `end` once after the last.
 */
export interface Formatter {
  file(checked: CheckedFile): void;
  end(totals: RunTotals): void;
}
