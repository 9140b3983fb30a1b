import * as vscode from 'vscode';
import { defaultTemplateText, isNotesDocument, LineIndex, matchesAnyGlob, stripBom, type Analysis, type TemplateModel } from '../../core';
import type { AnalysisBackend } from './backend';
import { mainThreadTimings } from '../util/mainThreadTimings';
import type { EffectiveConfig, NotesConfigService } from '../settings/notesConfig';
import type { NotesSettings } from '../settings/settings';

/** One document's analysis, valid for exactly one version of it. */
export interface DocumentAnalysis {
  document: vscode.TextDocument;
  version: number;
  analysis: Analysis;
  lines: LineIndex;
  /** Built on first use (see EffectiveConfig.template). */
  readonly template: TemplateModel;
}

interface Entry {
  /** A closed untitled document's URI can be reused by a new one: entries belong to one document object. */
  document: vscode.TextDocument;
  timer?: ReturnType<typeof setTimeout>;
  /** Bumped on every request: a result from an older generation is stale. */
  generation: number;
  result?: DocumentAnalysis;
  isNotes: boolean;
  /** The document was too large to analyse; the user was told once. */
  tooLarge?: boolean;
}

/** A closed document's analysis, without the document (its text is the analysis's). */
type KeptAnalysis = Pick<DocumentAnalysis, 'analysis' | 'lines' | 'template'>;

/** Closed documents whose analysis is kept, and their total size: a bounded memory for reopening. */
const CLOSED_KEPT = 16;
const CLOSED_KEPT_CHARS = 8_000_000;

/**
 * Keeps the analysis of every open implementation-notes document current:
 * analysed on open, debounced per document on edit, stale results discarded
 * by version, forgotten on close. Other files get no work at all beyond the
 * cheap "is this notes?" check.
 */
export class NotesAnalyzer implements vscode.Disposable {
  private readonly entries = new Map<string, Entry>();
  /**
   * The last analysis of recently closed notes documents, by URI, oldest
   * first. Reopening one unchanged shows its diagnostics in the open event
   * itself, instead of after a new analysis in the worker (which, on a
   * busy extension host, took a second or more).
   */
  private readonly closed = new Map<string, KeptAnalysis>();
  private readonly changed = new vscode.EventEmitter<vscode.TextDocument>();
  private readonly forgotten = new vscode.EventEmitter<vscode.Uri>();
  private readonly disposables: vscode.Disposable[] = [this.changed, this.forgotten];
  /** A document's analysis changed, or it stopped (or started) being notes. */
  readonly onDidChangeAnalysis = this.changed.event;
  /** A document was closed: drop what is shown for it. */
  readonly onDidForget = this.forgotten.event;

  constructor(
    private readonly configs: NotesConfigService,
    private readonly settings: NotesSettings,
    private readonly backend: AnalysisBackend,
    private readonly log: vscode.LogOutputChannel,
  ) {
    this.disposables.push(
      vscode.workspace.onDidOpenTextDocument((doc) => {
        if (!this.reopen(doc)) this.schedule(doc, 0);
      }),
      vscode.workspace.onDidChangeTextDocument((e) => {
        if (e.contentChanges.length > 0) this.schedule(e.document, this.settings.for(e.document.uri).delay);
      }),
      vscode.workspace.onDidCloseTextDocument((doc) => this.forget(doc)),
      configs.onDidChange(() => this.refreshAll()),
    );
    this.refreshAll();
  }

  dispose(): void {
    for (const entry of this.entries.values()) clearTimeout(entry.timer);
    this.entries.clear();
    for (const d of this.disposables) d.dispose();
  }

  /** The latest analysis if it matches the document's current version. */
  current(document: vscode.TextDocument): DocumentAnalysis | undefined {
    const result = this.entryOf(document)?.result;
    return result && result.version === document.version ? result : undefined;
  }

  isNotes(document: vscode.TextDocument): boolean {
    return this.entryOf(document)?.isNotes ?? false;
  }

  private entryOf(document: vscode.TextDocument): Entry | undefined {
    const entry = this.entries.get(document.uri.toString());
    return entry?.document === document ? entry : undefined;
  }

  /** Analysis of the document as it is now; undefined when it is not notes. */
  async analyzeNow(document: vscode.TextDocument): Promise<DocumentAnalysis | undefined> {
    const current = this.current(document);
    if (current) return current;
    return this.run(document, this.bump(document));
  }

  private refreshAll(): void {
    this.closed.clear(); // analysed under another configuration
    for (const doc of vscode.workspace.textDocuments) this.schedule(doc, 0);
  }

  private bump(document: vscode.TextDocument): Entry & { key: string } {
    const key = document.uri.toString();
    let entry = this.entries.get(key);
    if (entry && entry.document !== document) {
      // Same URI, another document (a reused untitled name): start afresh.
      clearTimeout(entry.timer);
      this.backend.forget(key);
      entry = undefined;
    }
    if (!entry) {
      entry = { document, generation: 0, isNotes: false };
      this.entries.set(key, entry);
    }
    clearTimeout(entry.timer);
    entry.timer = undefined;
    entry.generation++;
    return Object.assign(entry, { key });
  }

  private schedule(document: vscode.TextDocument, delay: number): void {
    if (document.languageId !== 'markdown') {
      this.forget(document);
      return;
    }
    const entry = this.bump(document);
    const generation = entry.generation;
    entry.timer = setTimeout(() => {
      entry.timer = undefined;
      if (entry.generation === generation) void this.run(document, entry);
    }, delay);
  }

  private async run(document: vscode.TextDocument, entry: Entry): Promise<DocumentAnalysis | undefined> {
    const generation = entry.generation;
    const version = document.version;
    try {
      // Probes here, not at a registration: this runs after a timer and between awaits, where no handler wrapper reaches.
      const config = await mainThreadTimings.time('analyze.config', () => this.configs.forDocument(document.uri));
      if (entry.generation !== generation || document.isClosed) return this.current(document);
      const started = Date.now();
      const request = mainThreadTimings.time('analyze.request', () => {
        const text = mainThreadTimings.time('analyze.getText', () => document.getText());
        const isNotes = this.detect(document, text, config);
        if (!isNotes || !this.withinSizeLimit(document, text, entry)) return { isNotes };
        const clean = stripBom(text);
        const found = this.backend.analyze({
          key: document.uri.toString(),
          text: clean,
          templateText: config.templateText,
          ignore: config.ignore,
          notes: true,
          missingSections: config.missingSections && this.settings.for(document.uri).missingSections,
          references: config.references && this.settings.for(document.uri).checkReferences,
          notApplicable: config.notApplicable,
        });
        return { isNotes, clean, found };
      });
      const found = request.found ? await request.found : undefined;
      return mainThreadTimings.time('analyze.result', () => {
        const { isNotes, clean } = request;
        let result: DocumentAnalysis | undefined;
        if (clean !== undefined) {
          if (!found) return this.current(document); // superseded by a newer request
          const analysis: Analysis = { text: clean, ...found };
          const lines = mainThreadTimings.time('analyze.lineIndex', () => new LineIndex(clean));
          result = { document, version, analysis, lines, get template() { return config.template; } };
          this.log.trace(`analysed ${document.uri.toString(true)} v${version} in ${Date.now() - started} ms`);
        }
        if (entry.generation !== generation || document.version !== version || document.isClosed) return result;
        const changed = entry.isNotes !== isNotes || isNotes;
        entry.isNotes = isNotes;
        entry.result = result;
        if (changed) this.changed.fire(document);
        return result;
      });
    } catch (err) {
      this.log.error(`analysis of ${document.uri.toString(true)} failed`, err);
      return undefined;
    }
  }

  private withinSizeLimit(document: vscode.TextDocument, text: string, entry: Entry): boolean {
    const limit = this.settings.for(document.uri).maxDocumentSize;
    if (limit <= 0 || text.length <= limit) {
      entry.tooLarge = false;
      return true;
    }
    if (!entry.tooLarge) {
      entry.tooLarge = true;
      const size = `${(text.length / 1048576).toFixed(1)} MB`;
      this.log.info(`not analysing ${document.uri.toString(true)}: ${size} is over implementationNotes.maxDocumentSize`);
      void vscode.window.showInformationMessage(
        vscode.l10n.t('Implementation Notes: {0} ({1}) is larger than the implementationNotes.maxDocumentSize setting, so it is not checked.', vscode.workspace.asRelativePath(document.uri), size),
      );
    }
    return false;
  }

  /** The core's decision (isNotesDocument), with this document's settings, config file and template. */
  private detect(document: vscode.TextDocument, text: string, config: EffectiveConfig): boolean {
    const settings = this.settings.for(document.uri);
    return isNotesDocument(text, {
      byGlob: () => namedByGlobs(document.uri, vscode.workspace.getWorkspaceFolder(document.uri), settings.files, config.files, config.configFile),
      detectByContent: settings.detectByContent,
      customTemplate: config.templateText !== defaultTemplateText ? config.template : undefined,
    });
  }

  private forget(document: vscode.TextDocument): void {
    const key = document.uri.toString();
    const entry = this.entryOf(document);
    if (!entry) return;
    clearTimeout(entry.timer);
    entry.generation++;
    this.entries.delete(key);
    this.backend.forget(key);
    if (entry.isNotes && entry.result?.version === document.version) this.keepClosed(key, entry.result);
    this.forgotten.fire(document.uri);
  }

  private keepClosed(key: string, result: DocumentAnalysis): void {
    this.closed.delete(key);
    // The lazy template getter itself (it closes over the configuration), so the closed document is not retained.
    const template = Object.getOwnPropertyDescriptor(result, 'template');
    this.closed.set(key, Object.defineProperty({ analysis: result.analysis, lines: result.lines }, 'template', template ?? { value: result.template }) as KeptAnalysis);
    let chars = 0;
    for (const kept of this.closed.values()) chars += kept.analysis.text.length;
    for (const [oldest, kept] of this.closed) {
      if (this.closed.size <= CLOSED_KEPT && chars <= CLOSED_KEPT_CHARS) break;
      chars -= kept.analysis.text.length;
      this.closed.delete(oldest);
    }
  }

  /** A notes document reopened unchanged gets its kept analysis at once; true when it did. */
  private reopen(document: vscode.TextDocument): boolean {
    const key = document.uri.toString();
    const kept = this.closed.get(key);
    // Another language (a language switch is a close and an open): kept for when it is Markdown again.
    if (!kept || document.languageId !== 'markdown') return false;
    this.closed.delete(key);
    if (stripBom(document.getText()) !== kept.analysis.text) return false;
    const entry = this.bump(document);
    entry.isNotes = true;
    entry.result = { document, version: document.version, analysis: kept.analysis, lines: kept.lines, get template() { return kept.template; } };
    this.log.trace(`reopened ${document.uri.toString(true)} unchanged: its analysis is reused`);
    this.changed.fire(document);
    return true;
  }
}

/** Whether the `files` setting (relative to the folder) or the config file's `files` (relative to its folder) name the file. */
export function namedByGlobs(uri: vscode.Uri, folder: vscode.WorkspaceFolder | undefined, settingsGlobs: readonly string[], configGlobs: readonly string[], configFile?: vscode.Uri): boolean {
  if (folder && settingsGlobs.length > 0 && matchesAnyGlob(relativePath(folder.uri, uri), settingsGlobs)) return true;
  return configFile !== undefined && configGlobs.length > 0 && matchesAnyGlob(relativePath(vscode.Uri.joinPath(configFile, '..'), uri), configGlobs);
}

export function relativePath(base: vscode.Uri, uri: vscode.Uri): string {
  const prefix = base.path.endsWith('/') ? base.path : base.path + '/';
  return uri.path.startsWith(prefix) ? uri.path.slice(prefix.length) : uri.path;
}
