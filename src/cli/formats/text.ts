import { taskProgress } from '../../core';
import { shownName } from '../shown';
import { noticeSuffix, summaryLine } from './summary';
import type { FormatContext, Formatter } from './types';

/**
 * `path:line:column: message [rule]` (a notice adds `(notice: …)` after, so
 * the editor's problem matcher skips it), fixed baseline entries, then a
 * summary line; a file with task lists adds `path: tasks: Deliverables 3/7
 * done, …`; control characters in names escaped, so a name cannot forge a line.
 */
export function text({ write }: FormatContext): Formatter {
  return {
    file: ({ path, analysis, findings }) => {
      const shown = shownName(path);
      for (const f of findings) write(`${shown}:${f.line}:${f.column}: ${f.message} [${f.code}]${noticeSuffix(f)}\n`);
      const tasks = taskProgress(analysis.sections);
      if (tasks.length > 0) write(`${shown}: tasks: ${shownName(tasks.map((t) => t.text).join(', '))}\n`);
    },
    end: (totals) => {
      for (const e of totals.fixed) {
        write(`${shownName(e.file)}: fixed since the baseline${e.count > 1 ? ` (${e.count} times)` : ''}: ${shownName(e.message)} [${shownName(e.rule)}]\n`);
      }
      write(summaryLine(totals) + '\n');
    },
  };
}
