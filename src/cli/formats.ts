import { findings, toFileReport, toSarif, toTextLines, type Analysis, type FileReport, type JsonReport, type LineIndex, type ResolvedReference } from '../core';
import { shownName } from './shown';

/** One checked file, handed to the formatter in the order of the run. */
interface CheckedFile {
  path: string;
  analysis: Analysis;
  lines: LineIndex;
  /** Its references resolved against the repository; none when the check is off. */
  references: readonly ResolvedReference[];
}

/** Counts over the whole run. */
export interface RunTotals {
  files: number;
  filesWithFindings: number;
  placeholders: number;
  emptySections: number;
  missingSections: number;
  /** Broken references and unknown symbols. */
  brokenReferences: number;
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

/** `path:line:column: message [rule]`, then a summary line; control characters in names escaped, so a name cannot forge a line. */
function text({ write }: FormatContext): Formatter {
  return {
    file: ({ path, analysis, lines, references }) => toTextLines(shownName(path), analysis, lines, references).forEach((line) => write(line + '\n')),
    end: (totals) => write(summaryLine(totals) + '\n'),
  };
}

/** The JSON document of docs/spec.md ("The CLI's output"), written once at the end. */
function json({ write }: FormatContext): Formatter {
  const files: FileReport[] = [];
  return {
    file: ({ path, analysis, lines, references }) => files.push(toFileReport(path, analysis, lines, references)),
    end: () => write(JSON.stringify({ version: 1, files } satisfies JsonReport) + '\n'),
  };
}

/** SARIF 2.1.0, for code-scanning uploads. */
function sarif({ write, version, homepage }: FormatContext): Formatter {
  const files: { path: string; analysis: Analysis; references: readonly ResolvedReference[] }[] = [];
  return {
    file: ({ path, analysis, references }) => files.push({ path, analysis, references }),
    end: () => write(JSON.stringify(toSarif(files, version, homepage)) + '\n'),
  };
}

/** GitHub Actions workflow commands: one `::warning` annotation per finding, then the summary. */
function github({ write }: FormatContext): Formatter {
  return {
    file: ({ path, analysis, lines, references }) => {
      const file = path.replace(/\\/g, '/');
      for (const f of findings(analysis, references)) {
        const start = lines.positionAt(f.start);
        const end = lines.positionAt(f.end);
        write(workflowCommand('warning', {
          file,
          line: start.line + 1,
          endLine: end.line + 1,
          col: start.character + 1,
          endColumn: end.character + 1,
          title: `impl-notes ${f.code}`,
        }, f.message) + '\n');
      }
    },
    end: (totals) => write(summaryLine(totals) + '\n'),
  };
}

/** The formats of `check --format`, by name. */
export const FORMATS: Readonly<Record<string, (context: FormatContext) => Formatter>> = { text, json, sarif, github };

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

function summaryLine({ files, filesWithFindings, placeholders, emptySections, missingSections, brokenReferences }: RunTotals): string {
  const checked = `${files} ${files === 1 ? 'file' : 'files'} checked`;
  if (placeholders === 0 && emptySections === 0 && missingSections === 0 && brokenReferences === 0) return `${checked}: nothing left to fill.`;
  const parts = [
    `${placeholders} ${placeholders === 1 ? 'placeholder' : 'placeholders'}`,
    `${emptySections} empty ${emptySections === 1 ? 'section' : 'sections'}`,
  ];
  if (missingSections > 0) parts.push(`${missingSections} missing ${missingSections === 1 ? 'section' : 'sections'}`);
  if (brokenReferences > 0) parts.push(`${brokenReferences} broken ${brokenReferences === 1 ? 'reference' : 'references'}`);
  const list = `${parts.slice(0, -1).join(', ')} and ${parts[parts.length - 1]}`;
  return `${checked}: ${list} in ${filesWithFindings} ${filesWithFindings === 1 ? 'file' : 'files'}.`;
}
