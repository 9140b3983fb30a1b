import * as vscode from 'vscode';
import { findings, type FindingCode } from '../core';
import type { DocumentAnalysis, NotesAnalyzer } from './analyzer';
import { mainThreadTimings } from './mainThreadTimings';
import { readSettings, type SeveritySetting } from './settings';

export const DIAGNOSTIC_SOURCE = 'Implementation Notes';

const SEVERITIES: Record<Exclude<SeveritySetting, 'off'>, vscode.DiagnosticSeverity> = {
  error: vscode.DiagnosticSeverity.Error,
  warning: vscode.DiagnosticSeverity.Warning,
  information: vscode.DiagnosticSeverity.Information,
  hint: vscode.DiagnosticSeverity.Hint,
};

/** Leftover placeholders and empty sections as diagnostics, on notes documents only. */
export function registerDiagnostics(analyzer: NotesAnalyzer): vscode.Disposable {
  const collection = vscode.languages.createDiagnosticCollection('implementationNotes');
  const update = (document: vscode.TextDocument) =>
    mainThreadTimings.time('diagnostics', () => {
      const result = analyzer.current(document);
      if (result) collection.set(document.uri, mainThreadTimings.time('diagnostics.convert', () => toDiagnostics(result)));
      else collection.delete(document.uri);
    });
  return vscode.Disposable.from(
    collection,
    analyzer.onDidChangeAnalysis(update),
    analyzer.onDidForget((uri) => collection.delete(uri)),
  );
}

export function toDiagnostics(result: DocumentAnalysis): vscode.Diagnostic[] {
  const settings = readSettings(result.document.uri);
  const severityOf: Record<FindingCode, SeveritySetting> = {
    placeholder: settings.severity.placeholder,
    'empty-section': settings.severity.emptySection,
  };
  const out: vscode.Diagnostic[] = [];
  for (const f of findings(result.analysis)) {
    const severity = severityOf[f.code];
    if (severity === 'off') continue;
    const start = result.lines.positionAt(f.start);
    const end = result.lines.positionAt(f.end);
    const diagnostic = new vscode.Diagnostic(
      new vscode.Range(start.line, start.character, end.line, end.character),
      f.message,
      SEVERITIES[severity],
    );
    diagnostic.source = DIAGNOSTIC_SOURCE;
    diagnostic.code = f.code;
    out.push(diagnostic);
  }
  return out;
}
