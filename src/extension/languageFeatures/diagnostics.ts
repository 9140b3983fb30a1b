import * as vscode from 'vscode';
import { findings, RULES, type Finding, type FindingCode, type LocatedFinding, type Position, type ResolvedReference } from '../../core';
import type { DocumentAnalysis, NotesAnalyzer } from '../analysis/analyzer';
import { mainThreadTimings } from '../util/mainThreadTimings';
import type { ReferenceService } from '../references/referenceService';
import type { NotesSettings, Settings, SeveritySetting } from '../settings/settings';
import type { WorkspaceChange, WorkspaceNotes } from '../views/workspaceNotes';

export const DIAGNOSTIC_SOURCE = 'Implementation Notes';

const SEVERITIES: Record<Exclude<SeveritySetting, 'off'>, vscode.DiagnosticSeverity> = {
  error: vscode.DiagnosticSeverity.Error,
  warning: vscode.DiagnosticSeverity.Warning,
  information: vscode.DiagnosticSeverity.Information,
  hint: vscode.DiagnosticSeverity.Hint,
};

/** Findings converted per event-loop turn: a long document's diagnostics are built over several turns. */
const CHUNK = 1000;

// A macrotask, so the host handles other events between chunks (setTimeout:
// the web worker host has no setImmediate).
const nextTurn = (): Promise<void> => new Promise((resolve) => setTimeout(resolve, 0));


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
  settings: NotesSettings,
  references: ReferenceService,
): vscode.Disposable {
  const workspaceScope = (uri: vscode.Uri) => settings.for(uri).diagnosticsScope === 'workspace';
  const collection = vscode.languages.createDiagnosticCollection('implementationNotes');
  /** The findings whose diagnostics are being built, per document: newer ones supersede them. */
  const building = new Map<string, Finding[]>();
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
    const resolved = resolvedReferences(document, references, withReferences);
    if (!resolved) return; // kept until the resolution comes
    const list = findings(result.analysis, resolved);
    if (list.length <= CHUNK) {
      building.delete(key);
      collection.set(document.uri, toDiagnostics(result, settings, list));
      return;
    }
    building.set(key, list);
    void setInTurns(collection, building, result, settings, list);
  };
  return vscode.Disposable.from(
    collection,
    tabs,
    // Problems follow the tabs (docs/spec.md, "Editor behaviour users expect"): VS Code keeps a closed document loaded for minutes.
    tabs.onDidChange((change) => followTabs(change, workspaceScope, update, clear)),
    onDidChangeAnalysis(update),
    references.onDidResolve((uri) => changesShown(uri, references, withReferences) && openDocument(uri, update)),
    registerWorkspaceDiagnostics(workspace, settings),
    vscode.workspace.onDidChangeConfiguration((e) => {
      if (!e.affectsConfiguration('implementationNotes.diagnostics.scope')) return;
      for (const document of vscode.workspace.textDocuments) update(document);
    }),
    analyzer.onDidForget(clear),
    { dispose: () => building.clear() },
  );
}

/**
 * Converts a chunk of findings per turn, then sets them all at once, unless
 * a newer analysis came meanwhile (or the document closed): `building` holds
 * the list being built per document.
 */
async function setInTurns(collection: vscode.DiagnosticCollection, building: Map<string, Finding[]>, result: DocumentAnalysis, settings: NotesSettings, list: Finding[]): Promise<void> {
  const key = result.document.uri.toString();
  const out: vscode.Diagnostic[] = [];
  // Later turns (after a timer), which no registration sees: these probes stay here.
  for (let i = 0; i < list.length; i += CHUNK) {
    if (i > 0) await nextTurn();
    if (building.get(key) !== list) return;
    mainThreadTimings.time('diagnostics.chunk', () => out.push(...toDiagnostics(result, settings, list.slice(i, i + CHUNK))));
  }
  mainThreadTimings.time('diagnostics.set', () => {
    if (building.get(key) !== list) return;
    building.delete(key);
    collection.set(result.document.uri, out);
  });
}

/** A closed tab's problems go (unless scope `workspace` keeps them); a shown document's come back. */
function followTabs(
  { closed, opened }: { closed: vscode.Uri[]; opened: vscode.Uri[] },
  workspaceScope: (uri: vscode.Uri) => boolean,
  update: (document: vscode.TextDocument) => void,
  clear: (uri: vscode.Uri) => void,
): void {
  for (const uri of closed) if (!workspaceScope(uri)) clear(uri);
  for (const uri of opened) openDocument(uri, update);
}

/** A resolution with no findings, where none are shown, changes nothing: the diagnostics are not set again. */
function changesShown(uri: vscode.Uri, references: ReferenceService, withReferences: Set<string>): boolean {
  return withReferences.has(uri.toString()) || (references.resolved(uri)?.some((r) => r.finding) ?? false);
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
 * `workspace`), their broken references and unknown symbols once resolved
 * (a row's resolution is a change of it): a file open in the editor has its
 * problems from its live text, in the other collection.
 */
function registerWorkspaceDiagnostics(workspace: WorkspaceNotes, settings: NotesSettings): vscode.Disposable {
  const workspaceScope = (uri: vscode.Uri) => settings.for(uri).diagnosticsScope === 'workspace';
  const collection = vscode.languages.createDiagnosticCollection('implementationNotes.workspace');
  const apply = ({ changed, removed }: WorkspaceChange) =>
    mainThreadTimings.time('diagnostics.workspace', () => {
      for (const uri of removed) collection.delete(uri);
      for (const row of changed) {
        const found = row.result.kind === 'notes' ? row.result.findings : undefined;
        if (row.source === 'disk' && found && workspaceScope(row.uri)) collection.set(row.uri, located(settings.for(row.uri), found, row.references?.findings));
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

/** The scan's findings and (once resolved) the reference findings of a file read from disk. */
function located(settings: Settings, list: readonly LocatedFinding[], references: readonly LocatedFinding[] = []): vscode.Diagnostic[] {
  const severityOf = severities(settings);
  const out: vscode.Diagnostic[] = [];
  for (const part of [list, references]) {
    for (const f of part) {
      const severity = severityOf[f.code];
      if (severity !== 'off') out.push(diagnosticOf(f, f.start, f.end, severity));
    }
  }
  return out;
}

/** Each rule's severity, as its setting says (src/core/rules: `severitySetting`). */
function severities(settings: Settings): Record<FindingCode, SeveritySetting> {
  return Object.fromEntries(RULES.map((rule) => [rule.id, settings.severity[rule.severitySetting] ?? 'information'])) as Record<FindingCode, SeveritySetting>;
}

/**
 * The document's current references, resolved (their findings go at the
 * references' own spans, as the CLI reports them); none when they are not
 * resolved yet; undefined while a new version's are on their way and
 * findings of the last are shown: those stay until `onDidResolve`.
 * `withReferences`: the documents showing some.
 */
function resolvedReferences(document: vscode.TextDocument, references: ReferenceService, withReferences: Set<string>): readonly ResolvedReference[] | undefined {
  const key = document.uri.toString();
  if (withReferences.has(key) && references.isResolving(document)) return undefined;
  const resolved = references.resolved(document.uri) ?? [];
  if (resolved.some((r) => r.finding)) withReferences.add(key);
  else withReferences.delete(key);
  return resolved;
}

function diagnosticOf(f: Pick<Finding, 'code' | 'message'>, start: Position, end: Position, severity: Exclude<SeveritySetting, 'off'>): vscode.Diagnostic {
  const diagnostic = new vscode.Diagnostic(new vscode.Range(start.line, start.character, end.line, end.character), f.message, SEVERITIES[severity]);
  diagnostic.source = DIAGNOSTIC_SOURCE;
  diagnostic.code = f.code;
  return diagnostic;
}

function toDiagnostics(result: DocumentAnalysis, settings: NotesSettings, list: readonly Finding[]): vscode.Diagnostic[] {
  const severityOf = severities(settings.for(result.document.uri));
  const out: vscode.Diagnostic[] = [];
  for (const f of list) {
    const severity = severityOf[f.code];
    if (severity !== 'off') out.push(diagnosticOf(f, result.lines.positionAt(f.start), result.lines.positionAt(f.end), severity));
  }
  return out;
}
