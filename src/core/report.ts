import { findings, type Analysis } from './analyze';
import type { ReferenceFindingCode, ReferenceKind, ReferenceStatus, ResolvedReference } from './references/model';
import type { SectionStatus } from './sections';
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
}

/** A template section the document lacks: the template's title and level, and the anchor line (its parent's heading). */
interface MissingReport {
  title: string;
  level: number;
  line: number;
}

/** A reference found in the document, resolved or not (docs/spec.md, "Resolving references"). */
interface ReferenceReport {
  line: number;
  column: number;
  endColumn: number;
  text: string;
  kind: ReferenceKind;
  /** Relative to the repository root: the file or folder named, a symbol's declaring file; null when nothing is there. */
  target: string | null;
  status: ReferenceStatus;
  /** A line reference's first line, a symbol's declaration line. */
  targetLine?: number;
  /** For a broken one: the finding's rule and message, and what a fix would write. */
  code?: ReferenceFindingCode;
  message?: string;
  suggestion?: string;
}

export interface FileReport {
  path: string;
  placeholders: PlaceholderReport[];
  sections: SectionReport[];
  /** Always present; empty when none (or when the file is not a notes document). */
  missing: MissingReport[];
  /** Every reference of the document, in document order; empty when none, or when the check is off. */
  references: ReferenceReport[];
}

export interface JsonReport {
  version: 1;
  files: FileReport[];
}

export function toFileReport(path: string, analysis: Analysis, lines = new LineIndex(analysis.text), resolved: readonly ResolvedReference[] = []): FileReport {
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
  }));
  const missing = analysis.missing.map((m) => ({
    title: m.title,
    level: m.level,
    line: lines.positionAt(analysis.sections[m.anchor].start).line + 1,
  }));
  const references = resolved.map((r) => {
    const at = lines.positionAt(r.start);
    const report: ReferenceReport = {
      line: at.line + 1,
      column: at.character + 1,
      endColumn: at.character + 1 + (r.end - r.start),
      text: r.text,
      kind: r.kind,
      target: r.target ?? null,
      status: r.status,
    };
    if (r.targetLine !== undefined) report.targetLine = r.targetLine;
    if (r.finding) {
      report.code = r.finding.code;
      report.message = r.finding.message;
    }
    if (r.suggestion !== undefined) report.suggestion = r.suggestion;
    return report;
  });
  return { path, placeholders, sections, missing, references };
}

/** `path:line:column: message [rule]`, one line per finding; `references` resolved by the host. */
export function toTextLines(path: string, analysis: Analysis, lines = new LineIndex(analysis.text), references: readonly ResolvedReference[] = []): string[] {
  return findings(analysis, references).map((f) => {
    const at = lines.positionAt(f.start);
    return `${path}:${at.line + 1}:${at.character + 1}: ${f.message} [${f.code}]`;
  });
}
