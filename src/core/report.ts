import { findings, type Analysis } from './analyze';
import type { SectionStatus } from './sections';
import type { TaskCounts } from './tasks';
import { LineIndex } from './text';

/** The JSON shapes of docs/spec.md ("The CLI's output"): 1-based lines, 1-based UTF-16 columns. */
interface PlaceholderReport {
  line: number;
  column: number;
  endColumn: number;
  text: string;
  section: string | null;
}

interface SectionReport {
  title: string;
  level: number;
  line: number;
  status: SectionStatus;
  placeholders: number;
  /** Its task-list items (docs/spec.md, "Task lists"). */
  tasks: TaskCounts;
}

/** A template section the document lacks: the template's title and level, and the anchor line (its parent's heading). */
interface MissingReport {
  title: string;
  level: number;
  line: number;
}

export interface FileReport {
  path: string;
  placeholders: PlaceholderReport[];
  sections: SectionReport[];
  /** Always present; empty when none (or when the file is not a notes document). */
  missing: MissingReport[];
}

export interface JsonReport {
  version: 1;
  files: FileReport[];
}

export function toFileReport(path: string, analysis: Analysis, lines = new LineIndex(analysis.text)): FileReport {
  const placeholders = analysis.placeholders.map((p) => {
    const at = lines.positionAt(p.start);
    return {
      line: at.line + 1,
      column: at.character + 1,
      endColumn: at.character + 1 + (p.end - p.start),
      text: p.text,
      section: p.section >= 0 ? analysis.sections[p.section].title : null,
    };
  });
  const sections = analysis.sections.map((s) => ({
    title: s.title,
    level: s.level,
    line: lines.positionAt(s.start).line + 1,
    status: s.status,
    placeholders: s.placeholders,
    tasks: s.tasks,
  }));
  const missing = analysis.missing.map((m) => ({
    title: m.title,
    level: m.level,
    line: lines.positionAt(analysis.sections[m.anchor].start).line + 1,
  }));
  return { path, placeholders, sections, missing };
}

/** `path:line:column: message [rule]`, one line per finding. */
export function toTextLines(path: string, analysis: Analysis, lines = new LineIndex(analysis.text)): string[] {
  return findings(analysis).map((f) => {
    const at = lines.positionAt(f.start);
    return `${path}:${at.line + 1}:${at.character + 1}: ${f.message} [${f.code}]`;
  });
}
