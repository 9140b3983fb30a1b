import { toTextLines } from '../../core';
import { shownName } from '../shown';
import { summaryLine } from './summary';
import type { FormatContext, Formatter } from './types';

/** `path:line:column: message [rule]`, then a summary line; control characters in names escaped, so a name cannot forge a line. */
export function text({ write }: FormatContext): Formatter {
  return {
    file: ({ path, analysis, lines }) => toTextLines(shownName(path), analysis, lines).forEach((line) => write(line + '\n')),
    end: (totals) => write(summaryLine(totals) + '\n'),
  };
}
