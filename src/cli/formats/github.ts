import { noticeSuffix, summaryLine } from './summary';
import type { FormatContext, Formatter } from './types';

/** GitHub Actions workflow commands: one `::warning` annotation per finding (`::notice` for a notice), then the summary. */
export function github({ write }: FormatContext): Formatter {
  return {
    file: ({ path, findings }) => {
      const file = path.replace(/\\/g, '/');
      for (const f of findings) {
        write(workflowCommand(f.notice ? 'notice' : 'warning', {
          file,
          line: f.line,
          endLine: f.endLine,
          col: f.column,
          endColumn: f.endColumn,
          title: `impl-notes ${f.code}`,
        }, f.message + noticeSuffix(f)) + '\n');
      }
    },
    end: (totals) => write(summaryLine(totals) + '\n'),
  };
}

/**
 * `::command key=value,...::message`, escaped as GitHub's runner unescapes it
 * (@actions/core's escapeData and escapeProperty): `%`, CR and LF everywhere,
 * and `:` and `,` in property values.
 */
export function workflowCommand(command: string, properties: Record<string, string | number>, message: string): string {
  const props = Object.entries(properties).map(([key, value]) => `${key}=${escapeProperty(String(value))}`).join(',');
  return `::${command}${props ? ' ' + props : ''}::${escapeData(message)}`;
}

const DATA_ESCAPES: Record<string, string> = { '%': '%25', '\r': '%0D', '\n': '%0A', ':': '%3A', ',': '%2C' };

function escapeData(text: string): string {
  return text.replace(/[%\r\n]/g, (c) => DATA_ESCAPES[c]);
}

function escapeProperty(text: string): string {
  return text.replace(/[%\r\n:,]/g, (c) => DATA_ESCAPES[c]);
}
