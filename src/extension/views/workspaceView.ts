import * as vscode from 'vscode';
import { brokenCount, checklistChildren, checklistRows, sectionKeys, sectionLeft, sortByRemaining, type BrokenCount, type ScannedNotes } from '../../core';
import { iconFor, leftParts, markdownEscaped, missingItemOf, missingTreeItem, sectionTooltip, showSectionState, type MissingItem } from './checklist';
import { showCount } from './countBadges';
import { remember } from '../util/labels';
import { timedEvent, timedTreeData } from '../util/mainThreadTimings';
import type { WorkspaceNotes, WorkspaceRow } from './workspaceNotes';
import { MAX_SCANNED_FILES } from './workspaceNotes';

export const WORKSPACE_VIEW = 'implementationNotes.workspace';
const SCANNED_KEY = 'implementationNotes.workspaceScanned';

type FolderNode = { kind: 'folder'; folder: vscode.WorkspaceFolder };
type FileNode = { kind: 'file'; row: WorkspaceRow };
type SectionNode = { kind: 'section'; row: WorkspaceRow; result: ScannedNotes; index: number };
type MissingNode = { kind: 'missing'; item: MissingItem };
export type WorkspaceNode = FolderNode | FileNode | SectionNode | MissingNode;

/** Rows refreshed at most this often while a scan hands over its batches. */
const REFRESH_MS = 200;

/**
 * "Notes in Workspace": every notes file, least complete first (then most
 * broken references), grouped by
 * folder in a multi-root workspace; a file expands to its sections (the
 * checklist's model); clicking opens the file, or the file at the section.
 */
export class WorkspaceNotesProvider implements vscode.TreeDataProvider<WorkspaceNode>, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<WorkspaceNode | undefined>();
  readonly onDidChangeTreeData = this.changed.event;
  private readonly refreshed = new vscode.EventEmitter<void>();
  /** Fires after the rows shown changed (tests, the view's message). */
  readonly onDidRefresh = this.refreshed.event;
  private timer: ReturnType<typeof setTimeout> | undefined;
  private readonly listener: vscode.Disposable;
  /** Every file row in the view's order, sorted once per change of the rows (a render asks per folder, several times). */
  private sorted: WorkspaceRow[] | undefined;

  constructor(readonly notes: WorkspaceNotes) {
    this.listener = notes.onDidChange(() => {
      this.sorted = undefined;
      this.scheduleRefresh();
    });
  }

  dispose(): void {
    clearTimeout(this.timer);
    this.listener.dispose();
    this.changed.dispose();
    this.refreshed.dispose();
  }

  private scheduleRefresh(): void {
    this.timer ??= setTimeout(() => {
      this.timer = undefined;
      this.changed.fire(undefined);
      this.refreshed.fire();
    }, REFRESH_MS);
  }

  /** Draws every row again (how a row shows its count changed). */
  redraw(): void {
    this.changed.fire(undefined);
  }

  /** The file rows, least complete first (errors last), of one folder or of all. */
  files(folder?: vscode.WorkspaceFolder): WorkspaceRow[] {
    this.sorted ??= inViewOrder(this.notes.all);
    if (!folder) return this.sorted;
    const key = folder.uri.toString();
    return this.sorted.filter((r) => r.folder.uri.toString() === key);
  }

  getChildren(element?: WorkspaceNode): WorkspaceNode[] {
    if (!element) {
      const folders = vscode.workspace.workspaceFolders ?? [];
      if (folders.length > 1) return folders.filter((f) => this.files(f).length > 0).map((folder): FolderNode => ({ kind: 'folder', folder }));
      return this.files().map((row): FileNode => ({ kind: 'file', row }));
    }
    if (element.kind === 'folder') return this.files(element.folder).map((row): FileNode => ({ kind: 'file', row }));
    if (element.kind === 'missing') return [];
    const row = element.row;
    const result = row.result;
    if (result.kind === 'error') return [];
    const parent = element.kind === 'file' ? -1 : element.index;
    // As the checklist: the title is no row, its chapters are the file's children.
    return checklistRows({ sections: result.sections, missing: result.missingSections }, parent, true).map((entry): WorkspaceNode => {
      if (entry.kind === 'section') return { kind: 'section', row, result, index: entry.index };
      return { kind: 'missing', item: missingItemOf(row.uri, result.sections, result.missingSections[entry.index]) };
    });
  }

  getTreeItem(element: WorkspaceNode): vscode.TreeItem {
    switch (element.kind) {
      case 'folder':
        return folderItem(element.folder, this.files(element.folder).length);
      case 'file':
        return fileItem(element.row);
      case 'section':
        return sectionItem(element);
      case 'missing':
        return missingTreeItem(element.item);
    }
  }
}

/** Most left first (the count each row shows), then most broken references, errors last; by path within a count. */
function inViewOrder(rows: readonly WorkspaceRow[]): WorkspaceRow[] {
  const notes: { path: string; progress: ScannedNotes['progress']; broken: number; row: WorkspaceRow }[] = [];
  const errors: WorkspaceRow[] = [];
  for (const row of rows) {
    if (row.result.kind === 'error') errors.push(row);
    else notes.push({ path: row.uri.toString(), progress: row.result.progress, broken: brokenOf(row).total, row });
  }
  errors.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  return [...sortByRemaining(notes).map((n) => n.row), ...errors];
}

function folderItem(folder: vscode.WorkspaceFolder, files: number): vscode.TreeItem {
  const item = new vscode.TreeItem(folder.name, vscode.TreeItemCollapsibleState.Expanded);
  item.id = `folder:${folder.uri.toString()}`;
  item.iconPath = vscode.ThemeIcon.Folder;
  item.description = files === 1 ? vscode.l10n.t('1 notes file') : vscode.l10n.t('{0} notes files', files);
  return item;
}

const NO_BROKEN: BrokenCount = { brokenReferences: 0, unknownSymbols: 0, total: 0 };

/** The row's broken references and unknown symbols, as last resolved. */
function brokenOf(row: WorkspaceRow): BrokenCount {
  const findings = row.references?.findings;
  return findings && findings.length > 0 ? brokenCount(findings) : NO_BROKEN;
}

let fileIcons: Record<'todo' | 'done' | 'broken' | 'error', vscode.ThemeIcon> | undefined;

function fileItem(row: WorkspaceRow): vscode.TreeItem {
  fileIcons ??= {
    todo: new vscode.ThemeIcon('circle-large-outline', new vscode.ThemeColor('list.warningForeground')),
    done: new vscode.ThemeIcon('pass-filled', new vscode.ThemeColor('testing.iconPassed')),
    // As the Problems panel marks a warning: the notes say something the repository contradicts.
    broken: new vscode.ThemeIcon('warning', new vscode.ThemeColor('problemsWarningIcon.foreground')),
    error: new vscode.ThemeIcon('warning', new vscode.ThemeColor('list.errorForeground')),
  };
  const slash = row.path.lastIndexOf('/');
  const name = row.path.slice(slash + 1);
  const dir = slash > 0 ? row.path.slice(0, slash) : '';
  const result = row.result;
  const hasSections = result.kind === 'notes' && (result.sections.length > 0 || result.missingSections.length > 0);
  const item = new vscode.TreeItem(name, hasSections ? vscode.TreeItemCollapsibleState.Collapsed : vscode.TreeItemCollapsibleState.None);
  item.id = `file:${row.uri.toString()}`;
  item.command = { command: 'vscode.open', title: vscode.l10n.t('Open'), arguments: [row.uri] };
  if (result.kind === 'error') {
    item.iconPath = fileIcons.error;
    item.description = dir ? `${result.error} · ${dir}` : result.error;
    item.tooltip = vscode.l10n.t('{0}: not checked: {1}', row.path, result.error);
    item.contextValue = 'notesFile.error';
    return item;
  }
  // The one measure (progress/remaining.ts): the count the rows sort by; sections done only in the tooltip.
  const { left, sectionsDone, sections } = result.progress;
  // Broken references are wrong, not unfinished (docs/spec.md, "Progress"): not in the count, but no file with
  // some (or whose references are still being checked for the first time) reads "done".
  const broken = brokenOf(row);
  const checking = row.references?.resolving === true && row.references.findings === undefined;
  const finished = left.total === 0 && broken.total === 0 && !checking;
  item.iconPath = broken.total > 0 ? fileIcons.broken : finished ? fileIcons.done : fileIcons.todo;
  // The count as the row's badge, the folder as its description (as the Source Control view shows a file): a
  // narrow sidebar cuts the description, never the badge; the tooltip spells it all out.
  const state =
    broken.total > 0 ? remember(`broken:${broken.total}`, () => vscode.l10n.t('{0} broken', broken.total))
    : finished ? remember('done', () => vscode.l10n.t('done'))
    : checking && left.total === 0 ? remember('checking', () => vscode.l10n.t('checking references…'))
    : undefined;
  showCount(item, left.total, state && dir ? `${state} · ${dir}` : (state ?? (dir || undefined)));
  const tooltip = new vscode.MarkdownString();
  tooltip.appendMarkdown(`**${markdownEscaped(row.path)}**\n\n`);
  tooltip.appendText(
    left.total === 0
      ? vscode.l10n.t('Nothing left to fill; {0} of {1} sections done.', sectionsDone, sections)
      : vscode.l10n.t('{0} left ({1}); {2} of {3} sections done.', left.total, leftParts(left.placeholders, left.emptySections, left.missingSections), sectionsDone, sections),
  );
  if (broken.total > 0) tooltip.appendText('\n\n' + vscode.l10n.t('Not as in the repository: {0}.', brokenParts(broken)));
  else if (checking) tooltip.appendText('\n\n' + vscode.l10n.t('Checking its references against the repository…'));
  if (row.source === 'editor') tooltip.appendText('\n\n' + vscode.l10n.t('From the open editor (unsaved changes included).'));
  item.tooltip = tooltip;
  item.contextValue = finished ? 'notesFile.done' : 'notesFile';
  return item;
}

/** "2 broken references, 1 unknown symbol". */
function brokenParts({ brokenReferences, unknownSymbols }: BrokenCount): string {
  const parts: string[] = [];
  if (brokenReferences > 0) parts.push(brokenReferences === 1 ? vscode.l10n.t('1 broken reference') : vscode.l10n.t('{0} broken references', brokenReferences));
  if (unknownSymbols > 0) parts.push(unknownSymbols === 1 ? vscode.l10n.t('1 unknown symbol') : vscode.l10n.t('{0} unknown symbols', unknownSymbols));
  return parts.join(', ');
}

function sectionItem(element: SectionNode): vscode.TreeItem {
  const { result, index, row } = element;
  const s = result.sections[index];
  const analysis = { sections: result.sections, missing: result.missingSections };
  const hasChildren = checklistChildren(analysis, index, true).length > 0;
  const title = s.title || remember('untitled', () => vscode.l10n.t('(untitled heading)'));
  const item = new vscode.TreeItem(title, hasChildren ? vscode.TreeItemCollapsibleState.Expanded : vscode.TreeItemCollapsibleState.None);
  // The checklist's stable path key: edits elsewhere in the file keep the row's identity.
  item.id = `section:${row.uri.toString()}#${sectionKeys(result.sections)[index]}`;
  const left = sectionLeft(analysis, index);
  showSectionState(item, s, left);
  item.tooltip = new vscode.MarkdownString(`**${markdownEscaped(title)}**\n\n${sectionTooltip(s, left)}`);
  item.iconPath = iconFor(s, left);
  item.contextValue = `section.${s.status}`;
  item.command = { command: 'implementationNotes.revealSection', title: remember('reveal', () => vscode.l10n.t('Reveal Section')), arguments: [row.uri, index, s.title, s.level] };
  return item;
}

/** Registers the view, its refresh command and its messages; the scan runs while the view is visible. */
export function registerWorkspaceView(notes: WorkspaceNotes, restricted: () => boolean): { provider: WorkspaceNotesProvider; disposable: vscode.Disposable } {
  const provider = new WorkspaceNotesProvider(notes);
  const view = vscode.window.createTreeView(WORKSPACE_VIEW, { treeDataProvider: timedTreeData('workspace', provider), showCollapseAll: true });
  const update = () => {
    view.description = restricted() ? vscode.l10n.t('Restricted Mode: built-in template') : undefined;
    view.message = notes.capped
      ? vscode.l10n.t('Only the first {0} Markdown files of the workspace were checked. Exclude folders with files.exclude or search.exclude to see the rest.', MAX_SCANNED_FILES)
      : undefined;
    // The welcome text ("no notes found") only once a scan has looked.
    void vscode.commands.executeCommand('setContext', SCANNED_KEY, notes.isScanned);
  };
  notes.setViewVisible(view.visible);
  update();
  return {
    provider,
    disposable: vscode.Disposable.from(
      provider,
      view,
      timedEvent('workspace.viewState', provider.onDidRefresh)(update),
      view.onDidChangeVisibility((e) => notes.setViewVisible(e.visible)),
      vscode.commands.registerCommand('implementationNotes.refreshWorkspaceNotes', () => notes.rescan()),
    ),
  };
}
