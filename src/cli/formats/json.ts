import { toFileReport, type FileReport, type JsonReport } from '../../core';
import type { FormatContext, Formatter } from './types';

/** The JSON document of docs/spec.md ("The CLI's output"), written once at the end. */
export function json({ write }: FormatContext): Formatter {
  const files: FileReport[] = [];
  return {
    file: ({ path, analysis, lines, references }) => files.push(toFileReport(path, analysis, lines, references)),
    end: () => write(JSON.stringify({ version: 1, files } satisfies JsonReport) + '\n'),
  };
}
