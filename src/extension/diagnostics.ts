import * as vscode from 'vscode';
import { findings, type Finding, type FindingCode } from '../core';
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

/** Findings converted per event-loop turn: a long document's diagnostics are built over several turns. */
const CHUNK = 1000;

// Node: the end of this loop iteration; the web worker host has no setImmediate.
const nextTurn = (): Promise<void> => new Promise((resolve) => (typeof setImmediate === 'function' ? setImmediate(resolve) : setTimeout(resolve, 0)));

/** Leftover placeholders and empty sections as diagnostics, on notes documents only. */
export function registerDiagnostics(analyzer: NotesAnalyzer): vscode.Disposable {
  const collection = vscode.languages.createDiagnosticCollection('implementationNotes');
  /** The analysis whose diagnostics are being built, per document: a newer one supersedes it. */
  const building = new Map<string, DocumentAnalysis>();
  const update = (document: vscode.TextDocument) =>
    mainThreadTimings.time('diagnostics', () => {
      const key = document.uri.toString();
      const result = analyzer.current(document);
      if (!result) {
        building.delete(key);
        collection.delete(document.uri);
        return;
      }
      const list = findings(result.analysis);
      if (list.length <= CHUNK) {
        building.delete(key);
        collection.set(document.uri, mainThreadTimings.time('diagnostics.convert', () => toDiagnostics(result, list)));
        return;
      }
      building.set(key, result);
      void buildInTurns(document, result, list);
    });
  /** Converts a chunk per turn, then sets them all at once, unless a newer analysis came meanwhile (or the document closed). */
  const buildInTurns = async (document: vscode.TextDocument, result: DocumentAnalysis, list: Finding[]) => {
    const key = document.uri.toString();
    const out: vscode.Diagnostic[] = [];
    for (let i = 0; i < list.length; i += CHUNK) {
      if (i > 0) await nextTurn();
      if (building.get(key) !== result) return;
      mainThreadTimings.time('diagnostics.chunk', () => out.push(...toDiagnostics(result, list.slice(i, i + CHUNK))));
    }
    mainThreadTimings.time('diagnostics.set', () => {
      if (building.get(key) !== result) return;
      building.delete(key);
      collection.set(document.uri, out);
    });
  };
  return vscode.Disposable.from(
    collection,
    analyzer.onDidChangeAnalysis(update),
    analyzer.onDidForget((uri) => {
      building.delete(uri.toString());
      collection.delete(uri);
    }),
    { dispose: () => building.clear() },
  );
}

function toDiagnostics(result: DocumentAnalysis, list: readonly Finding[] = findings(result.analysis)): vscode.Diagnostic[] {
  const settings = readSettings(result.document.uri);
  const severityOf: Record<FindingCode, SeveritySetting> = {
    placeholder: settings.severity.placeholder,
    'empty-section': settings.severity.emptySection,
  };
  const out: vscode.Diagnostic[] = [];
  for (const f of list) {
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
