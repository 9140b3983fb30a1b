import * as vscode from 'vscode';
import { editsForMove, isInside, LineIndex, stripBom, type Move, type Reference, type TextEdit } from '../../core';
import type { AnalysisBackend } from '../analysis/backend';
import type { NotesAnalyzer } from '../analysis/analyzer';
import type { NotesConfigService } from '../settings/notesConfig';
import { toTextEdit } from '../util/ranges';
import { SECTION } from '../settings/settings';
import type { WorkspaceFile, WorkspaceNotes } from '../views/workspaceNotes';
import type { ReferenceService } from './referenceService';

const SETTING = 'updateReferencesOnFileMove';
/** Notes files read at once while a move waits. */
const CONCURRENCY = 8;
/** Notes documents named in the prompt's detail at most. */
const NAMED_DOCUMENTS = 10;

/** One notes document's text, as its references were read from it, and where its lines are. */
interface NotesText {
  uri: vscode.Uri;
  text: string;
  lines: LineIndex;
  references: readonly Reference[];
}

/**
 * Keeps the references of notes documents true when VS Code renames or
 * moves files and folders (docs/spec.md, "When files move"), as
 * `markdown.updateLinksOnFileMove.enabled` does for links: before the move
 * (`onWillRenameFiles`), the edits of every notes document that names a
 * moved path are computed in the core (`editsForMove`) over the repository's
 * file list as it still is, and handed back as one WorkspaceEdit, applied
 * and undone with the move itself. The open notes documents and the
 * workspace's notes files are considered; a closed file is analysed only
 * when its text names a moved file or folder, or it moves itself.
 */
class ReferenceMoves {
  constructor(
    private readonly analyzer: NotesAnalyzer,
    private readonly configs: NotesConfigService,
    private readonly backend: AnalysisBackend,
    private readonly workspaceNotes: WorkspaceNotes,
    private readonly service: ReferenceService,
    private readonly log: vscode.LogOutputChannel,
  ) {}

  willRename(event: vscode.FileWillRenameEvent): void {
    const files = event.files.filter((f) => f.oldUri.scheme === f.newUri.scheme && f.oldUri.authority === f.newUri.authority);
    if (files.length === 0 || this.configs.settings.for(files[0].newUri).updateReferencesOnFileMove === 'never') return;
    event.waitUntil(this.editFor(files, event.token));
  }

  private async editFor(files: readonly { oldUri: vscode.Uri; newUri: vscode.Uri }[], token: vscode.CancellationToken): Promise<vscode.WorkspaceEdit> {
    const edit = new vscode.WorkspaceEdit();
    try {
      const changed = await this.collect(files, edit, token);
      if (changed.length === 0 || token.isCancellationRequested) return new vscode.WorkspaceEdit();
      if (this.configs.settings.for(files[0].newUri).updateReferencesOnFileMove === 'prompt' && !(await this.confirm(files, changed))) return new vscode.WorkspaceEdit();
      return edit;
    } catch (err) {
      this.log.error('references could not be updated for a move', err);
      return new vscode.WorkspaceEdit();
    }
  }

  /** Adds each notes document's edits to `edit`; returns the documents changed. */
  private async collect(files: readonly { oldUri: vscode.Uri; newUri: vscode.Uri }[], edit: vscode.WorkspaceEdit, token: vscode.CancellationToken): Promise<vscode.Uri[]> {
    const moves = files.map((f) => ({ from: trimSlash(f.oldUri.path), to: trimSlash(f.newUri.path), scheme: f.oldUri.scheme, authority: f.oldUri.authority }));
    // What a reference to a moved path must hold: its name, as written or percent-encoded.
    const needles = new Set<string>();
    for (const m of moves) {
      const name = m.from.slice(m.from.lastIndexOf('/') + 1);
      needles.add(name);
      needles.add(encodeURIComponent(name));
    }
    const movesItself = (uri: vscode.Uri) => moves.some((m) => m.scheme === uri.scheme && m.authority === uri.authority && isInside(m.from, uri.path));
    const names = (text: string) => [...needles].some((n) => text.includes(n));
    const changed: vscode.Uri[] = [];
    const add = async (notes: NotesText) => {
      const edits = await this.editsOf(notes, moves);
      if (edits.length === 0 || token.isCancellationRequested) return;
      edit.set(notes.uri, edits.map((e) => toTextEdit(notes.lines, e)));
      changed.push(notes.uri);
    };
    const open = new Set<string>();
    for (const document of vscode.workspace.textDocuments) {
      if (document.languageId !== 'markdown' || document.isClosed) continue;
      open.add(document.uri.toString());
      if (!this.analyzer.isNotes(document) && !(await this.analyzer.analyzeNow(document))) continue;
      const text = stripBom(document.getText());
      if (!movesItself(document.uri) && !names(text)) continue;
      const config = await this.configs.forDocument(document.uri);
      const references = await this.referencesOf(document.uri, text, config.templateText, config.ignore);
      if (references) await add({ uri: document.uri, text, lines: new LineIndex(text), references });
    }
    const closed = (await this.workspaceNotes.notesFiles()).filter((f) => !open.has(f.uri.toString()));
    await eachLimited(closed, CONCURRENCY, async (file: WorkspaceFile) => {
      if (token.isCancellationRequested) return;
      const read = await this.workspaceNotes.readNotes(file);
      if (!read || (!movesItself(file.uri) && !names(read.text))) return;
      const references = await this.referencesOf(file.uri, read.text, read.config.templateText, read.config.ignore);
      if (references) await add({ uri: file.uri, text: read.text, lines: new LineIndex(read.text), references });
    });
    return changed;
  }

  /** The references of a notes text, analysed once off the main thread (whatever the reference check's setting). */
  private async referencesOf(uri: vscode.Uri, text: string, templateText: string, ignore: readonly string[]): Promise<readonly Reference[] | undefined> {
    const result = await this.backend.analyze({ key: `${uri.toString()}#move`, text, templateText, ignore, notes: true, missingSections: false, references: true }, true);
    return result?.references;
  }

  private async editsOf(notes: NotesText, moves: readonly (Move & { scheme: string; authority: string })[]): Promise<TextEdit[]> {
    if (notes.references.length === 0) return [];
    const root = await this.service.rootOf(notes.uri);
    if (!root) return [];
    const inRoot = moves.filter((m) => m.scheme === root.scheme && m.authority === root.authority);
    if (inRoot.length === 0) return [];
    const files = await this.service.files(root);
    return editsForMove(notes.text, notes.references, notes.uri.path, files, inRoot);
  }

  /** Asks once per move: Yes, No, Always or Never (the last two write the setting where it is set). */
  private async confirm(files: readonly { newUri: vscode.Uri }[], changed: readonly vscode.Uri[]): Promise<boolean> {
    const yes: vscode.MessageItem = { title: vscode.l10n.t('Yes') };
    const no: vscode.MessageItem = { title: vscode.l10n.t('No'), isCloseAffordance: true };
    const always: vscode.MessageItem = { title: vscode.l10n.t('Always') };
    const never: vscode.MessageItem = { title: vscode.l10n.t('Never') };
    const message = files.length === 1
      ? vscode.l10n.t("Update the references to '{0}' in implementation notes?", basename(files[0].newUri))
      : vscode.l10n.t('Update the references to the {0} moved files in implementation notes?', files.length);
    const shown = changed.slice(0, NAMED_DOCUMENTS).map((uri) => vscode.workspace.asRelativePath(uri));
    if (changed.length > NAMED_DOCUMENTS) shown.push(vscode.l10n.t('…and {0} more', changed.length - NAMED_DOCUMENTS));
    const choice = await vscode.window.showInformationMessage(message, { modal: true, detail: shown.join('\n') }, yes, no, always, never);
    if (choice === always || choice === never) {
      const config = vscode.workspace.getConfiguration(SECTION, files[0].newUri);
      await config.update(SETTING, choice === always ? 'always' : 'never', targetOf(config));
    }
    return choice === yes || choice === always;
  }
}

/** Where the setting is set most narrowly now (so Always/Never replace that value), else the user's settings. */
function targetOf(config: vscode.WorkspaceConfiguration): vscode.ConfigurationTarget {
  const inspected = config.inspect(SETTING);
  if (inspected?.workspaceFolderValue !== undefined) return vscode.ConfigurationTarget.WorkspaceFolder;
  if (inspected?.workspaceValue !== undefined) return vscode.ConfigurationTarget.Workspace;
  return vscode.ConfigurationTarget.Global;
}

function basename(uri: vscode.Uri): string {
  const path = trimSlash(uri.path);
  return path.slice(path.lastIndexOf('/') + 1);
}

function trimSlash(path: string): string {
  return path.length > 1 && path.endsWith('/') ? path.slice(0, -1) : path;
}

/** `fn` over `items` with at most `limit` calls in flight. */
async function eachLimited<T>(items: readonly T[], limit: number, fn: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  const lane = async () => {
    while (next < items.length) await fn(items[next++]);
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, lane));
}

export function registerUpdateOnMove(analyzer: NotesAnalyzer, configs: NotesConfigService, backend: AnalysisBackend, workspaceNotes: WorkspaceNotes, service: ReferenceService, log: vscode.LogOutputChannel): vscode.Disposable {
  const moves = new ReferenceMoves(analyzer, configs, backend, workspaceNotes, service, log);
  return vscode.workspace.onWillRenameFiles((event) => moves.willRename(event));
}
