import type { Analysis, LineIndex } from '../../core';

/** One checked file, handed to the formatter in the order of the run. */
interface CheckedFile {
  path: string;
  analysis: Analysis;
  lines: LineIndex;
}

/** Counts over the whole run. */
export interface RunTotals {
  files: number;
  filesWithFindings: number;
  placeholders: number;
  emptySections: number;
  missingSections: number;
}

export interface FormatContext {
  version: string;
  /** The project's home page, for SARIF's `informationUri`. */
  homepage: string;
  /** Writes text to stdout as is. */
  write: (text: string) => void;
}

/**
 * An output format of `check`: `file` is called for each checked file in
 * order (a format may stream), `end` once after the last.
 */
export interface Formatter {
  file(checked: CheckedFile): void;
  end(totals: RunTotals): void;
}
