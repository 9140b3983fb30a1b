import * as vscode from 'vscode';
import { findings, type Finding, type FindingCode, type LocatedFinding, type Position, type ReferenceFindingCode } from '../core';
import type { DocumentAnalysis, NotesAnalyzer } from './analyzer';
import { mainThreadTimings } from './mainThreadTimings';
import type { ReferenceService } from './references/referenceService';
import { readSettings, type Settings, type SeveritySetting } from './settings';
import type { WorkspaceChange, WorkspaceNotes } from './workspaceScan';

export const DIAGNOSTIC_SOURCE = 'Implementation Notes';

const SEVERITIES: Record<Exclude<SeveritySetting, 'off'>, vscode.DiagnosticSeverity> = {
  error: vscode.DiagnosticSeverity.Error,
  warning: vscode.DiagnosticSeverity.Warning,
  information: vscode.DiagnosticSeverity.Information,
  hint: vscode.DiagnosticSeverity.Hint,
};

/** A finding of the analysis, or of the reference check (a broken reference, an unknown symbol). */
type Shown = Pick<Finding, 'start' | 'end' | 'message'> & { code: FindingCode | ReferenceFindingCode };

/** Findings converted per event-loop turn: a long document's diagnostics are built over several turns. */
const CHUNK = 1000;

// A macrotask, so the host handles other events between chunks (setTimeout:
// the web worker host has no setImmediate).
const nextTurn = (): Promise<void> => new Promise((resolve) => setTimeout(resolve, 0));

const workspaceScope = (uri: vscode.Uri) => readSettings(uri).diagnosticsScope === 'workspace';

/**
 * Leftover placeholders and empty sections as diagnostics, on notes documents
 * only: those shown in tabs, or (scope `workspace`) every notes file the
 * workspace scan found, as TypeScript's project diagnostics do. Open
 * documents also get their broken references and unknown symbols, once the
 * reference check has resolved them: while a new version's references are
 * being resolved, the shown diagnostics stay (no flicker on each edit) and
 * are replaced, all at once, when the resolution comes.
 * `onDidChangeAnalysis`: the analyzer's, as extension.shared.ts hands it over (timed there).
 */
export function registerDiagnostics(
  analyzer: NotesAnalyzer,
  onDidChangeAnalysis: vscode.Event<vscode.TextDocument>,
  workspace: WorkspaceNotes,
  references: ReferenceService,
): vscode.Disposable {
  const collection = vscode.languages.createDiagnosticCollection('implementationNotes');
  /** The findings whose diagnostics are being built, per document: newer ones supersede them. */
  const building = new Map<string, Shown[]>();
  const tabs = new OpenTabs();
  const withReferences = new Set<string>(); // documents showing reference findings
  const clear = (uri: vscode.Uri) => {
    for (const shown of [building, withReferences]) shown.delete(uri.toString());
    collection.delete(uri);
  };
  const update = (document: vscode.TextDocument) => {
    const key = document.uri.toString();
    const result = analyzer.current(document);
    if (!result || !(tabs.isShown(document.uri) || workspaceScope(document.uri))) {
      clear(document.uri);
      return;
    }
    const found = referenceFindings(document, references, withReferences);
    if (!found) return; // kept until the resolution comes
    const list: Shown[] = [...findings(result.analysis), ...found];
    if (list.length <= CHUNK) {
      building.delete(key);
      collection.set(document.uri, toDiagnostics(result, list));
      return;
    }
    building.set(key, list);
    void buildInTurns(document, result, list);
  };
  /** Converts a chunk per turn, then sets them all at once, unless a newer analysis came meanwhile (or the document closed). */
  const buildInTurns = async (document: vscode.TextDocument, result: DocumentAnalysis, list: Shown[]) => {
    const key = document.uri.toString();
    const out: vscode.Diagnostic[] = [];
    // Later turns (after a timer), which no registration sees: these probes stay here.
    for (let i = 0; i < list.length; i += CHUNK) {
      if (i > 0) await nextTurn();
      if (building.get(key) !== list) return;
      mainThreadTimings.time('diagnostics.chunk', () => out.push(...toDiagnostics(result, list.slice(i, i + CHUNK))));
    }
    mainThreadTimings.time('diagnostics.set', () => {
      if (building.get(key) !== list) return;
      building.delete(key);
      collection.set(document.uri, out);
    });
  };
  return vscode.Disposable.from(
    collection,
    tabs,
    // Problems follow the tabs (docs/spec.md, "Editor behaviour users expect"): VS Code keeps a closed document loaded for minutes.
    tabs.onDidChange((change) => followTabs(change, update, clear)),
    onDidChangeAnalysis(update),
    references.onDidResolve((uri) => openDocument(uri, update)),
    registerWorkspaceDiagnostics(workspace),
    vscode.workspace.onDidChangeConfiguration((e) => {
      if (e.affectsConfiguration('implementationNotes.diagnostics.scope')) vscode.workspace.textDocuments.forEach(update);
    }),
    analyzer.onDidForget(clear),
    { dispose: () => building.clear() },
  );
}

/** A closed tab's problems go (unless scope `workspace` keeps them); a shown document's come back. */
function followTabs(
  { closed, opened }: { closed: vscode.Uri[]; opened: vscode.Uri[] },
  update: (document: vscode.TextDocument) => void,
  clear: (uri: vscode.Uri) => void,
): void {
  for (const uri of closed) if (!workspaceScope(uri)) clear(uri);
  for (const uri of opened) openDocument(uri, update);
}

function openDocument(uri: vscode.Uri, then: (document: vscode.TextDocument) => void): void {
  const document = vscode.workspace.textDocuments.find((d) => d.uri.toString() === uri.toString());
  if (document) then(document);
}

/**
 * Which documents have a tab, in any group (text and diff tabs), as VS Code's
 * own Markdown validation tracks them. Untitled documents and documents never
 * shown in a tab (opened by an extension) count as shown: they keep their
 * problems until closed, as before.
 */
class OpenTabs implements vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<{ closed: vscode.Uri[]; opened: vscode.Uri[] }>();
  readonly onDidChange = this.changed.event;
  private shown = this.collect();
  /** Documents whose last tab closed: hidden until a tab shows them again. */
  private readonly hidden = new Set<string>();
  private readonly listener = vscode.window.tabGroups.onDidChangeTabs(() => this.refresh());

  isShown(uri: vscode.Uri): boolean {
    return !this.hidden.has(uri.toString());
  }

  dispose(): void {
    this.listener.dispose();
    this.changed.dispose();
  }

  private refresh(): void {
    const now = this.collect();
    const closed: vscode.Uri[] = [];
    const opened: vscode.Uri[] = [];
    for (const [key, uri] of this.shown) {
      if (!now.has(key) && uri.scheme !== 'untitled') {
        this.hidden.add(key);
        closed.push(uri);
      }
    }
    for (const [key, uri] of now) {
      if (this.hidden.delete(key) || !this.shown.has(key)) opened.push(uri);
    }
    this.shown = now;
    if (closed.length > 0 || opened.length > 0) this.changed.fire({ closed, opened });
  }

  private collect(): Map<string, vscode.Uri> {
    const out = new Map<string, vscode.Uri>();
    for (const group of vscode.window.tabGroups.all) {
      for (const tab of group.tabs) {
        const input = tab.input;
        if (input instanceof vscode.TabInputText) out.set(input.uri.toString(), input.uri);
        else if (input instanceof vscode.TabInputTextDiff) {
          out.set(input.original.toString(), input.original);
          out.set(input.modified.toString(), input.modified);
        }
      }
    }
    return out;
  }
}

/**
 * Problems of the notes files the workspace scan read from disk (scope
 * `workspace`): a file open in the editor has its problems from its live
 * text, in the other collection.
 */
function registerWorkspaceDiagnostics(workspace: WorkspaceNotes): vscode.Disposable {
  const collection = vscode.languages.createDiagnosticCollection('implementationNotes.workspace');
  const apply = ({ changed, removed }: WorkspaceChange) =>
    mainThreadTimings.time('diagnostics.workspace', () => {
      for (const uri of removed) collection.delete(uri);
      for (const row of changed) {
        const found = row.result.kind === 'notes' ? row.result.findings : undefined;
        if (row.source === 'disk' && found && workspaceScope(row.uri)) collection.set(row.uri, located(readSettings(row.uri), found));
        else collection.delete(row.uri);
      }
    });
  const resetAll = () => {
    collection.clear();
    apply({ changed: workspace.all, removed: [] });
  };
  return vscode.Disposable.from(
    collection,
    workspace.onDidChange((change) => {
      // The end of a full scan: rows its findings no longer cover (the scope changed) go.
      if (change.changed.length === 0 && change.removed.length === 0) resetAll();
      else apply(change);
    }),
  );
}

function located(settings: Settings, list: readonly LocatedFinding[]): vscode.Diagnostic[] {
  const severityOf = severities(settings);
  const out: vscode.Diagnostic[] = [];
  for (const f of list) {
    const severity = severityOf[f.code];
    if (severity !== 'off') out.push(diagnosticOf(f, f.start, f.end, severity));
  }
  return out;
}

function severities(settings: Settings): Record<FindingCode | ReferenceFindingCode, SeveritySetting> {
  return {
    placeholder: settings.severity.placeholder,
    'empty-section': settings.severity.emptySection,
    'missing-section': settings.severity.missingSection,
    'broken-reference': settings.severity.brokenReference,
    'unknown-symbol': settings.severity.unknownSymbol,
  };
}

/**
 * The reference check's findings for the document's current analysis, at
 * the references' own spans (the CLI's ranges); undefined while a new
 * version's references are on their way and some are shown (they stay
 * until `onDidResolve`). `withReferences`: the documents showing some.
 */
function referenceFindings(document: vscode.TextDocument, references: ReferenceService, withReferences: Set<string>): Shown[] | undefined {
  const key = document.uri.toString();
  if (withReferences.has(key) && references.isResolving(document)) return undefined;
  const out: Shown[] = [];
  for (const r of references.resolved(document.uri) ?? []) if (r.finding) out.push({ code: r.finding.code, start: r.start, end: r.end, message: r.finding.message });
  if (out.length > 0) withReferences.add(key);
  else withReferences.delete(key);
  return out;
}

function diagnosticOf(f: Pick<Shown, 'code' | 'message'>, start: Position, end: Position, severity: Exclude<SeveritySetting, 'off'>): vscode.Diagnostic {
  const diagnostic = new vscode.Diagnostic(new vscode.Range(start.line, start.character, end.line, end.character), f.message, SEVERITIES[severity]);
  diagnostic.source = DIAGNOSTIC_SOURCE;
  diagnostic.code = f.code;
  return diagnostic;
}

function toDiagnostics(result: DocumentAnalysis, list: readonly Shown[]): vscode.Diagnostic[] {
  const severityOf = severities(readSettings(result.document.uri));
  const out: vscode.Diagnostic[] = [];
  for (const f of list) {
    const severity = severityOf[f.code];
    if (severity !== 'off') out.push(diagnosticOf(f, result.lines.positionAt(f.start), result.lines.positionAt(f.end), severity));
  }
  return out;
}
