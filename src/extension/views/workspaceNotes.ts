import * as vscode from 'vscode';
import { decodeText, defaultTemplateText, HostError, isExcludedPath, isNotesDocument, matchesAnyGlob, scanFiles, stripBom, toScannedNotes, tooLargeMessage, type LocatedFinding, type ScanFileConfig, type ScanHost, type ScannedFile, type ScannedNotes } from '../../core';
import type { AnalysisBackend } from '../analysis/backend';
import { namedByGlobs, relativePath, type NotesAnalyzer } from '../analysis/analyzer';
import { mainThreadTimings } from '../util/mainThreadTimings';
import type { ReferenceService } from '../references/referenceService';
import type { NotesConfigService } from '../settings/notesConfig';
import type { NotesSettings } from '../settings/settings';
import { WorkspaceReferences } from './workspaceReferences';

/** One notes file of the workspace: its progress, or why it could not be checked. */
export interface WorkspaceRow {
  uri: vscode.Uri;
  folder: vscode.WorkspaceFolder;
  /** Relative to its workspace folder, with `/`. */
  path: string;
  /** `editor`: from the open document's live text (the editor's own analysis); `disk`: read by the scan. */
  source: 'editor' | 'disk';
  result: ScannedNotes | { kind: 'error'; error: string };
  /** Its references resolved against its repository; undefined when it names nothing there, or the check is off. */
  references?: RowReferences;
}

/** A row's broken references and unknown symbols (docs/spec.md, "Progress": wrong, not unfinished). */
export interface RowReferences {
  /** The reference findings of the last resolution (kept while a newer one runs); undefined before the first. */
  findings: LocatedFinding[] | undefined;
  /** A resolution is on its way. */
  resolving: boolean;
}

export interface WorkspaceChange {
  /** Rows added or updated. */
  changed: WorkspaceRow[];
  /** Files that are no longer notes rows. */
  removed: vscode.Uri[];
}

/** A Markdown file of a workspace folder. */
export interface WorkspaceFile {
  uri: vscode.Uri;
  folder: vscode.WorkspaceFolder;
  /** Relative to its workspace folder, with `/`. */
  path: string;
}

/** Markdown files read by one scan at most: past this the view says the list is partial. */
export const MAX_SCANNED_FILES = 5000;
const MARKDOWN = '**/*.{md,markdown}';
const MARKDOWN_NAME = /\.(md|markdown)$/i;
/** Files changed on disk are rescanned together, this long after the last change. */
const WATCH_DEBOUNCE_MS = 300;
/** A file whose scan a newer editor request superseded is asked again this many times. */
const SUPERSEDED_RETRIES = 2;
/** Rows whose references were resolved are handed over together, this long after the first (one view refresh, not one per file). */
const RESOLVED_BATCH_MS = 50;

/**
 * Every notes file of the workspace, found with `findFiles`, read with
 * `workspace.fs` (never opened as documents), detected and analysed off the
 * main thread through the editor's analysis backend, in batches (the scan
 * itself is `scanFiles` in the core). Open documents' rows come from the
 * editor's analysis of their live text. Kept current by a file watcher.
 * Scans only while wanted: the view is visible, or problems are shown for
 * the whole workspace.
 */
export class WorkspaceNotes implements vscode.Disposable {
  private readonly rows = new Map<string, WorkspaceRow>();
  private readonly changed = new vscode.EventEmitter<WorkspaceChange>();
  private readonly disposables: vscode.Disposable[] = [this.changed];
  /** Bumped by every full scan: an older scan's results are dropped. */
  private generation = 0;
  private scanned = false;
  private scanning: Promise<void> | undefined;
  private viewVisible = false;
  private pending = new Map<string, vscode.Uri>();
  private pendingTimer: ReturnType<typeof setTimeout> | undefined;
  private retries = new Map<string, number>();
  /** Whether the last full scan stopped at MAX_SCANNED_FILES. */
  capped = false;
  /** Whether the rows carry findings (some folder's problems cover the workspace). */
  private withFindings = false;
  private readonly references: WorkspaceReferences;
  /** Rows whose references were resolved, handed over at the next timer. */
  private resolvedRows = new Map<string, WorkspaceRow>();
  private resolvedTimer: ReturnType<typeof setTimeout> | undefined;
  readonly onDidChange = this.changed.event;

  constructor(
    private readonly configs: NotesConfigService,
    private readonly settings: NotesSettings,
    private readonly analyzer: NotesAnalyzer,
    private readonly backend: AnalysisBackend,
    private readonly log: vscode.LogOutputChannel,
    /** Where the scan's progress shows. */
    private readonly viewId: string,
    /** The reference check of open documents: disk rows resolve through its repositories, editor rows read it. */
    private readonly referenceService: ReferenceService,
  ) {
    this.references = new WorkspaceReferences(referenceService, log, (uri, scanned, findings) => this.referencesResolved(uri, scanned, findings));
    const watcher = vscode.workspace.createFileSystemWatcher(MARKDOWN);
    this.disposables.push(
      this.references,
      watcher,
      watcher.onDidCreate((uri) => this.fileChanged(uri)),
      watcher.onDidChange((uri) => this.fileChanged(uri)),
      watcher.onDidDelete((uri) => this.fileDeleted(uri)),
      // VS Code's own file operations (Explorer, refactorings, workspace edits) are known at once,
      // whatever the disk watcher reports: it can lag, and skips folders in files.watcherExclude.
      vscode.workspace.onDidCreateFiles((e) => e.files.forEach((uri) => void this.entryAdded(uri))),
      vscode.workspace.onDidDeleteFiles((e) => e.files.forEach((uri) => this.fileDeleted(uri))),
      vscode.workspace.onDidRenameFiles((e) => e.files.forEach(({ oldUri, newUri }) => {
        this.fileDeleted(oldUri);
        void this.entryAdded(newUri);
      })),
      analyzer.onDidChangeAnalysis((document) => this.documentChanged(document)),
      // An open document's references resolved: its row shows them.
      referenceService.onDidResolve((uri) => this.openDocumentResolved(uri)),
      // Closed: its row goes back to what is on disk.
      analyzer.onDidForget((uri) => this.fileChanged(uri)),
      configs.onDidChange(() => this.rescanIfWanted()),
      vscode.workspace.onDidChangeWorkspaceFolders(() => this.rescanIfWanted()),
    );
    this.rescanIfWanted();
  }

  dispose(): void {
    this.generation++;
    clearTimeout(this.pendingTimer);
    clearTimeout(this.resolvedTimer);
    for (const d of this.disposables) d.dispose();
  }

  /** Every row, in no particular order. */
  get all(): WorkspaceRow[] {
    return [...this.rows.values()];
  }

  get isScanned(): boolean {
    return this.scanned;
  }

  /** The running full scan, if any (tests wait for it). */
  get done(): Promise<void> {
    return this.scanning ?? Promise.resolve();
  }

  setViewVisible(visible: boolean): void {
    this.viewVisible = visible;
    if (visible && !this.scanned && !this.scanning) void this.rescan();
  }

  private get wanted(): boolean {
    return this.viewVisible || this.scopeIsWorkspace();
  }

  /** Some folder (or the window) shows problems of the whole workspace. */
  private scopeIsWorkspace(): boolean {
    const folders = vscode.workspace.workspaceFolders ?? [];
    return (folders.length === 0 ? [undefined] : folders).some((f) => this.settings.for(f).diagnosticsScope === 'workspace');
  }

  private rescanIfWanted(): void {
    if (this.wanted) void this.rescan();
    else {
      // Stale under the new configuration: scanned again when next wanted.
      this.scanned = false;
      this.generation++;
      // A full update: what is shown from the old rows (problems of the workspace) is reconsidered.
      this.changed.fire({ changed: [], removed: [] });
    }
  }

  /** A full scan of every folder; the rows are replaced when it is done. */
  rescan(): Promise<void> {
    const generation = ++this.generation;
    const run = vscode.window.withProgress({ location: { viewId: this.viewId } }, () => this.scanAll(generation));
    const scanning = (this.scanning = Promise.resolve(run).finally(() => {
      if (this.scanning === scanning) this.scanning = undefined;
    }));
    return scanning;
  }

  private async scanAll(generation: number): Promise<void> {
    this.withFindings = this.scopeIsWorkspace();
    const found = await this.findNotesCandidates();
    if (generation !== this.generation) return;
    this.capped = found.length > MAX_SCANNED_FILES;
    const files = found.slice(0, MAX_SCANNED_FILES);
    const keep = new Set(files.map((f) => f.uri.toString()));
    const removed = [...this.rows.values()].filter((r) => !keep.has(r.uri.toString())).map((r) => r.uri);
    for (const uri of removed) this.removeRow(uri);
    if (removed.length > 0) this.changed.fire({ changed: [], removed });
    await this.scan(files, () => generation !== this.generation);
    if (generation !== this.generation) return;
    this.scanned = true;
    this.log.info(`workspace scan: ${files.length} Markdown files, ${this.rows.size} notes${this.capped ? ` (stopped at ${MAX_SCANNED_FILES} files)` : ''}`);
    this.changed.fire({ changed: [], removed: [] });
  }

  /** Markdown files of every folder, minus files.exclude, search.exclude, node_modules and dot-folders. */
  private async findNotesCandidates(): Promise<WorkspaceFile[]> {
    const out: WorkspaceFile[] = [];
    for (const folder of vscode.workspace.workspaceFolders ?? []) {
      const { glob, others } = excludesOf(folder);
      const uris = await vscode.workspace.findFiles(new vscode.RelativePattern(folder, MARKDOWN), glob, MAX_SCANNED_FILES + 1 - out.length);
      for (const uri of uris) {
        const path = relativePath(folder.uri, uri);
        if (!isExcludedPath(path) && !(others.length > 0 && matchesAnyGlob(path, others))) out.push({ uri, folder, path });
      }
      if (out.length > MAX_SCANNED_FILES) break;
    }
    return out;
  }

  /** Scans the files: open documents through the editor's analysis, the others through the core scan. */
  private async scan(files: { uri: vscode.Uri; folder: vscode.WorkspaceFolder; path: string }[], cancelled: () => boolean): Promise<void> {
    const open = new Map(vscode.workspace.textDocuments.map((d) => [d.uri.toString(), d]));
    const fromDisk = files.filter((f) => !open.has(f.uri.toString()));
    for (const file of files) {
      const document = open.get(file.uri.toString());
      if (document) void this.analyzer.analyzeNow(document).then(() => this.documentChanged(document));
    }
    type File = (typeof files)[number];
    const host: ScanHost<File> = {
      key: (file) => file.uri.toString(),
      config: (file) => this.configFor(file.uri, file.folder),
      read: (file, limit) => readBounded(file.uri, limit),
      analyze: (request) => this.backend.analyze(request, true),
      time: (step, fn) => mainThreadTimings.time(`workspace.${step}`, fn),
    };
    await scanFiles(fromDisk, host, {
      withFindings: this.withFindings,
      cancelled,
      onBatch: (results) => {
        if (!cancelled()) this.apply(results);
      },
    });
  }

  /**
   * Every Markdown file the scan would read, found anew, with the rows the
   * view has (`readNotes` then tells which are notes). For features that look
   * at every notes file once, such as the references of a move: the rows
   * alone miss a file written a moment ago that the watcher has not reported.
   */
  async notesFiles(): Promise<WorkspaceFile[]> {
    const files = new Map<string, WorkspaceFile>();
    for (const { uri, folder, path } of this.rows.values()) files.set(uri.toString(), { uri, folder, path });
    for (const file of await this.findNotesCandidates()) if (!files.has(file.uri.toString())) files.set(file.uri.toString(), file);
    return [...files.values()].slice(0, MAX_SCANNED_FILES);
  }

  /** A file's text (read as the scan reads it) and what applies to it, when it is notes; undefined otherwise, or when it cannot be read. */
  async readNotes(file: WorkspaceFile): Promise<{ text: string; config: ScanFileConfig } | undefined> {
    try {
      const config = await this.configFor(file.uri, file.folder);
      const limit = config.maxChars > 0 ? config.maxChars * 4 : Number.MAX_SAFE_INTEGER;
      const text = stripBom(decodeText(await readBounded(file.uri, limit)));
      if (config.maxChars > 0 && text.length > config.maxChars) return undefined;
      return isNotesDocument(text, config) ? { text, config } : undefined;
    } catch (err) {
      this.log.warn(`${file.uri.toString(true)} was not read: ${err instanceof Error ? err.message : String(err)}`);
      return undefined;
    }
  }

  private async configFor(uri: vscode.Uri, folder: vscode.WorkspaceFolder): Promise<ScanFileConfig> {
    const settings = this.settings.for(uri);
    const config = await this.configs.forDocument(uri);
    return {
      templateText: config.templateText,
      customTemplate: config.templateText !== defaultTemplateText ? config.template : undefined,
      ignore: config.ignore,
      byGlob: namedByGlobs(uri, folder, settings.files, config.files, config.configFile),
      detectByContent: settings.detectByContent,
      missingSections: config.missingSections && settings.missingSections,
      references: config.references && settings.checkReferences,
      notApplicable: config.notApplicable,
      maxChars: settings.maxDocumentSize,
    };
  }

  private apply(results: ScannedFile<{ uri: vscode.Uri; folder: vscode.WorkspaceFolder; path: string }>[]): void {
    mainThreadTimings.time('workspace.apply', () => {
      const change: WorkspaceChange = { changed: [], removed: [] };
      const again: vscode.Uri[] = [];
      const open = new Set(vscode.workspace.textDocuments.map((d) => d.uri.toString()));
      for (const r of results) {
        const key = r.file.uri.toString();
        // Opened meanwhile: the editor's analysis owns its row. (A closed document's row is replaced here.)
        if (open.has(key) && this.rows.get(key)?.source === 'editor') continue;
        if (r.kind === 'superseded') {
          const tries = (this.retries.get(key) ?? 0) + 1;
          this.retries.set(key, tries);
          if (tries <= SUPERSEDED_RETRIES) again.push(r.file.uri);
          continue;
        }
        this.retries.delete(key);
        if (r.kind === 'not-notes') {
          if (this.removeRow(r.file.uri)) change.removed.push(r.file.uri);
          continue;
        }
        const row: WorkspaceRow = { uri: r.file.uri, folder: r.file.folder, path: r.file.path, source: 'disk', result: r.kind === 'error' ? { kind: 'error', error: r.error } : r };
        if (r.kind === 'notes' && r.references) {
          // The last findings stay shown until the new ones come (no flicker on a rescan), as in the editor.
          row.references = { findings: this.rows.get(key)?.references?.findings, resolving: true };
          this.references.request(row.uri, r);
        } else {
          this.references.forget(row.uri);
        }
        this.rows.set(key, row);
        change.changed.push(row);
      }
      for (const uri of again) this.fileChanged(uri);
      if (change.changed.length > 0 || change.removed.length > 0) this.changed.fire(change);
    });
  }

  /** An open document's analysis changed: its row follows its live text. */
  private documentChanged(document: vscode.TextDocument): void {
    if (!this.scanned && !this.scanning) return;
    const folder = vscode.workspace.getWorkspaceFolder(document.uri);
    if (!folder || document.isClosed) return;
    const path = relativePath(folder.uri, document.uri);
    if (isExcludedPath(path)) return;
    mainThreadTimings.time('workspace.document', () => {
      const key = document.uri.toString();
      const current = this.analyzer.current(document);
      if (!this.analyzer.isNotes(document)) {
        if (this.removeRow(document.uri)) this.changed.fire({ changed: [], removed: [document.uri] });
        return;
      }
      if (!current) return; // an analysis is on its way
      const { analysis } = current;
      // The editor's reference check owns an open document's references: the row keeps none of its own.
      const result = toScannedNotes(undefined, key, analysis.text, { ...analysis, references: [] }, false);
      this.references.forget(document.uri);
      const row: WorkspaceRow = { uri: document.uri, folder, path, source: 'editor', result, references: this.openDocumentReferences(document, this.rows.get(key)) };
      this.rows.set(key, row);
      this.changed.fire({ changed: [row], removed: [] });
    });
  }

  /** An open document's references, as the editor's check resolved them for its current analysis (the last ones while a newer one runs). */
  private openDocumentReferences(document: vscode.TextDocument, previous: WorkspaceRow | undefined): RowReferences | undefined {
    const current = this.analyzer.current(document);
    if (!current || current.analysis.references.length === 0) return undefined;
    const resolution = this.referenceService.resolution(document.uri);
    if (!resolution) return { findings: previous?.references?.findings, resolving: true };
    const findings: LocatedFinding[] = [];
    for (const r of resolution.references) {
      if (r.finding) findings.push({ code: r.finding.code, message: r.finding.message, start: resolution.lines.positionAt(r.start), end: resolution.lines.positionAt(r.end) });
    }
    return { findings, resolving: false };
  }

  /** The editor resolved (or dropped) an open document's references: its row follows. */
  private openDocumentResolved(uri: vscode.Uri): void {
    const key = uri.toString();
    const row = this.rows.get(key);
    if (row?.source !== 'editor') return;
    const document = vscode.workspace.textDocuments.find((d) => d.uri.toString() === key);
    if (!document || document.isClosed) return;
    const updated: WorkspaceRow = { ...row, references: this.openDocumentReferences(document, row) };
    this.rows.set(key, updated);
    this.changed.fire({ changed: [updated], removed: [] });
  }

  /** A disk row's references were resolved: shown (with others that came meanwhile) unless the row changed since. */
  private referencesResolved(uri: vscode.Uri, scanned: ScannedNotes, findings: LocatedFinding[] | undefined): void {
    const key = uri.toString();
    const row = this.rows.get(key);
    if (!row || row.result !== scanned) return;
    const updated: WorkspaceRow = { ...row, references: { findings: findings ?? row.references?.findings, resolving: false } };
    this.rows.set(key, updated);
    this.resolvedRows.set(key, updated);
    this.resolvedTimer ??= setTimeout(() => {
      this.resolvedTimer = undefined;
      const changed = [...this.resolvedRows.values()].filter((r) => this.rows.get(r.uri.toString()) === r);
      this.resolvedRows = new Map();
      if (changed.length > 0) this.changed.fire({ changed, removed: [] });
    }, RESOLVED_BATCH_MS);
  }

  /** Its row goes, and so does any resolution of its references. */
  private removeRow(uri: vscode.Uri): boolean {
    this.references.forget(uri);
    return this.rows.delete(uri.toString());
  }

  /** A Markdown file was created or changed on disk (or its document closed): rescanned with the next batch. */
  private fileChanged(uri: vscode.Uri): void {
    if (!this.scanned && !this.scanning) return;
    if (vscode.workspace.textDocuments.some((d) => d.uri.toString() === uri.toString())) return;
    this.pending.set(uri.toString(), uri);
    clearTimeout(this.pendingTimer);
    this.pendingTimer = setTimeout(() => void this.scanPending(), WATCH_DEBOUNCE_MS);
  }

  /** A file or a folder created or renamed by VS Code: its Markdown files are rescanned. */
  private async entryAdded(uri: vscode.Uri): Promise<void> {
    if (!this.scanned && !this.scanning) return;
    if (MARKDOWN_NAME.test(uri.path)) {
      this.fileChanged(uri);
      return;
    }
    const folder = vscode.workspace.getWorkspaceFolder(uri);
    if (!folder) return;
    const stat = await Promise.resolve(vscode.workspace.fs.stat(uri)).catch(() => undefined);
    if (!stat || !(stat.type & vscode.FileType.Directory)) return;
    const uris = await vscode.workspace.findFiles(new vscode.RelativePattern(uri, MARKDOWN), excludesOf(folder).glob, MAX_SCANNED_FILES);
    uris.forEach((u) => this.fileChanged(u));
  }

  private async scanPending(): Promise<void> {
    const uris = [...this.pending.values()];
    this.pending = new Map();
    const files: { uri: vscode.Uri; folder: vscode.WorkspaceFolder; path: string }[] = [];
    for (const uri of uris) {
      const folder = vscode.workspace.getWorkspaceFolder(uri);
      if (!folder) continue;
      const path = relativePath(folder.uri, uri);
      const { others } = excludesOf(folder);
      if (!MARKDOWN_NAME.test(path) || isExcludedPath(path) || (others.length > 0 && matchesAnyGlob(path, others))) continue;
      files.push({ uri, folder, path });
    }
    const generation = this.generation;
    await this.scan(files, () => generation !== this.generation);
  }

  /** A file (or a folder) was deleted: its rows go. */
  private fileDeleted(uri: vscode.Uri): void {
    const key = uri.toString();
    const prefix = key.endsWith('/') ? key : `${key}/`;
    const removed: vscode.Uri[] = [];
    for (const [k, row] of this.rows) {
      if ((k === key || k.startsWith(prefix)) && row.source === 'disk') {
        this.removeRow(row.uri);
        removed.push(row.uri);
      }
    }
    if (removed.length > 0) this.changed.fire({ changed: [], removed });
  }
}

/**
 * The folder's exclusions: files.exclude and search.exclude (the keys set to
 * true), node_modules and dot-folders, as one glob for `findFiles`. Keys with
 * braces of their own cannot go inside its braces: they are matched after.
 */
function excludesOf(folder: vscode.WorkspaceFolder): { glob: string; others: string[] } {
  const plain = ['**/node_modules/**', '**/.*/**'];
  const others: string[] = [];
  for (const section of ['files.exclude', 'search.exclude']) {
    const map = vscode.workspace.getConfiguration(undefined, folder.uri).get<Record<string, unknown>>(section) ?? {};
    for (const [glob, on] of Object.entries(map)) {
      if (on !== true) continue; // false, or a `when` clause about sibling files
      if (/[{}]/.test(glob)) others.push(glob);
      else plain.push(glob);
    }
  }
  return { glob: `{${plain.join(',')}}`, others };
}

/** A file's bytes, refused before reading when its size is past `limit`. */
async function readBounded(uri: vscode.Uri, limit: number): Promise<Uint8Array> {
  const stat = await vscode.workspace.fs.stat(uri);
  if (stat.type & vscode.FileType.Directory) throw new HostError('is a directory');
  // A FIFO or device (FileType.Unknown) would never finish reading: refused, as the CLI refuses it.
  if (!(stat.type & vscode.FileType.File)) throw new HostError('is not a regular file (a FIFO, socket or device)');
  if (stat.size > limit) throw new HostError(tooLargeMessage(limit, stat.size));
  try {
    return await vscode.workspace.fs.readFile(uri);
  } catch (err) {
    throw new HostError(`cannot be read: ${err instanceof Error ? err.message : String(err)}`);
  }
}
