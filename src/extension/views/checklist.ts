import * as vscode from 'vscode';
import {
  checklistParent,
  checklistRowAt,
  checklistRows,
  checklistTitle,
  locateSection,
  remaining,
  sectionIndexAt,
  sectionKeys,
  sectionLeft,
  type MissingSection,
  type Section,
  type SectionLeft,
} from '../../core';
import type { ActiveNotes } from './activeNotes';
import { remember } from '../util/labels';
import { showCount, showMissing } from './countBadges';
import type { DocumentAnalysis } from '../analysis/analyzer';
import { mainThreadTimings, timedEvent, timedTreeData } from '../util/mainThreadTimings';
import { FirstDraw } from './firstDraw';

import type { MissingSectionRef } from '../languageFeatures/missingSections';

/** One heading of the active notes document, or a template section it lacks (`missing`). */
export type ChecklistItem = SectionItem | MissingItem;

export interface SectionItem {
  readonly kind?: 'section';
  readonly uri: vscode.Uri;
  readonly index: number;
  readonly section: Section;
  /** The tree item's id: stable across edits elsewhere (`sectionKeys`). */
  readonly id: string;
}

export interface MissingItem {
  readonly kind: 'missing';
  readonly uri: vscode.Uri;
  readonly missing: MissingSection;
  /** What the insert commands of its context menu need. */
  readonly ref: MissingSectionRef;
  readonly id: string;
}

const SHOW_ALL_KEY = 'implementationNotes.showAllSections';

/**
 * The sidebar checklist: the sections of the active notes document that
 * still need filling (or all of them), nested as in the document under its
 * title (which is not a row: `checklistTitle`), with what is left in each
 * and a badge with what is left in all.
 */
export class ChecklistProvider implements vscode.TreeDataProvider<ChecklistItem>, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<ChecklistItem | undefined>();
  readonly onDidChangeTreeData = this.changed.event;
  private readonly disposables: vscode.Disposable[] = [this.changed];
  /** What the rows show, and whether all sections or those to fill: changed together, by `refresh`. */
  private snapshot: DocumentAnalysis | undefined;
  private rowsShowAll: boolean;
  /** The Show All Sections setting; the rows follow it at the next refresh. */
  private showAll: boolean;
  private timer: ReturnType<typeof setTimeout> | undefined;
  /** Fires after the snapshot changed (for the badge and tests). */
  private readonly refreshed = new vscode.EventEmitter<void>();
  readonly onDidRefresh = this.refreshed.event;
  /**
   * VS Code's first drawing of the tree (`FirstDraw`): a change that reaches
   * it before it has the top-level rows makes it nest rows under the wrong
   * parent. Changes before it asks are not sent (it asks for the rows then
   * current); changes while it draws wait for the end (`refreshAfterDraw`).
   */
  private readonly firstDraw = new FirstDraw();
  private refreshAfterDraw = false;
  private readonly drawnEmitter = new vscode.EventEmitter<void>();
  /** Fires once VS Code has drawn the tree the first time (reveals wait for it). */
  readonly onDidDraw = this.drawnEmitter.event;

  constructor(
    /** The active notes document this view follows (shared with the status bar). */
    readonly active: ActiveNotes,
    private readonly state: vscode.Memento,
  ) {
    this.showAll = this.rowsShowAll = state.get<boolean>(SHOW_ALL_KEY, false);
    void vscode.commands.executeCommand('setContext', SHOW_ALL_KEY, this.showAll);
    this.disposables.push(this.refreshed, this.drawnEmitter, active.onDidChange(() => this.scheduleRefresh()));
    this.firstDraw.onDidDraw(() => {
      if (this.refreshAfterDraw) this.scheduleRefresh();
      this.drawnEmitter.fire();
    });
    this.refresh();
  }

  /** VS Code has drawn the tree the first time: a reveal is safe. */
  get drawn(): boolean {
    return this.firstDraw.drawn;
  }

  dispose(): void {
    clearTimeout(this.timer);
    for (const d of this.disposables) d.dispose();
  }

  get showingAll(): boolean {
    return this.showAll;
  }

  async setShowAll(value: boolean): Promise<void> {
    this.showAll = value;
    await this.state.update(SHOW_ALL_KEY, value);
    await vscode.commands.executeCommand('setContext', SHOW_ALL_KEY, value);
    this.refresh();
  }

  /** What is left in the active notes document, for the badge and the status bar. */
  get current(): DocumentAnalysis | undefined {
    return this.snapshot;
  }

  private scheduleRefresh(): void {
    clearTimeout(this.timer);
    this.timer = setTimeout(() => this.refresh(), 100);
  }

  refresh(): void {
    mainThreadTimings.time('checklist.refresh', () => {
      clearTimeout(this.timer);
      if (this.firstDraw.drawing) {
        // VS Code is drawing the rows of this snapshot: they stay until it has them all.
        this.refreshAfterDraw = true;
        return;
      }
      this.refreshAfterDraw = false;
      this.snapshot = this.active.analysis;
      this.rowsShowAll = this.showAll;
      // Before VS Code first asks there is no tree to change (it asks for this snapshot's rows), and a
      // change sent then could reach it just after it created the tree.
      if (this.firstDraw.drawn) this.changed.fire(undefined);
      this.refreshed.fire();
    });
  }

  /** The view's badge: what is left; none when nothing is left or no notes are active. */
  get badge(): vscode.ViewBadge | undefined {
    const left = this.snapshot && remaining(this.snapshot.analysis);
    if (!left || left.total === 0) return undefined;
    return { value: left.total, tooltip: vscode.l10n.t('{0} left: {1}', left.total, leftParts(left.placeholders, left.emptySections, left.missingSections)) };
  }

  /** The view's message: shown when the active notes document has nothing left to fill. */
  get message(): string | undefined {
    return this.snapshot && remaining(this.snapshot.analysis).total === 0 ? vscode.l10n.t('All sections are filled.') : undefined;
  }

  /** The view's description: the document's title, which is no row of the tree. */
  get title(): string | undefined {
    const sections = this.snapshot?.analysis.sections;
    const title = sections ? checklistTitle(sections) : -1;
    return sections && title >= 0 ? sections[title].title : undefined;
  }

  /**
   * The provider as the view calls it: VS Code's questions (not the tests'
   * calls of `getChildren`) tell `firstDraw` how far its first drawing is.
   */
  readonly forView: vscode.TreeDataProvider<ChecklistItem> = {
    onDidChangeTreeData: this.onDidChangeTreeData,
    getChildren: (element) => {
      const rows = this.getChildren(element);
      if (!this.firstDraw.drawn) this.firstDraw.asked(element?.id, rows.filter((row) => row.kind !== 'missing' && this.expanded(row.index)).map((row) => row.id));
      return rows;
    },
    getTreeItem: (element) => this.getTreeItem(element),
    getParent: (element) => this.getParent(element),
  };

  getChildren(element?: ChecklistItem): ChecklistItem[] {
    const snapshot = this.snapshot;
    if (!snapshot) return [];
    // VS Code hands back items from an earlier snapshot: look them up in this one.
    if (element && (element.kind === 'missing' || !this.resolve(element))) return [];
    const { analysis } = snapshot;
    return checklistRows(analysis, element ? element.index : -1, this.rowsShowAll).map((entry) =>
      entry.kind === 'section' ? this.item(snapshot, entry.index) : this.missingItem(snapshot, analysis.missing[entry.index]),
    );
  }

  /** Whether the row of section `index` of the current snapshot is shown expanded: it has rows under it. */
  private expanded(index: number): boolean {
    return this.snapshot !== undefined && checklistRows(this.snapshot.analysis, index, this.rowsShowAll).length > 0;
  }

  private missingItem(snapshot: DocumentAnalysis, missing: MissingSection): MissingItem {
    return missingItemOf(snapshot.document.uri, snapshot.analysis.sections, missing);
  }

  /** The item's section in the current snapshot, if it is still there. */
  private resolve(element: ChecklistItem): Section | undefined {
    if (element.kind === 'missing') return undefined;
    const snapshot = this.snapshot;
    if (!snapshot || snapshot.document.uri.toString() !== element.uri.toString()) return undefined;
    const { sections } = snapshot.analysis;
    return element.index < sections.length && this.item(snapshot, element.index).id === element.id ? sections[element.index] : undefined;
  }

  getParent(element: ChecklistItem): SectionItem | undefined {
    const snapshot = this.snapshot;
    if (!snapshot) return undefined;
    const { sections } = snapshot.analysis;
    if (element.kind === 'missing') {
      const anchor = element.missing.anchor;
      return anchor >= 0 && anchor < sections.length && anchor !== checklistTitle(sections) ? this.item(snapshot, anchor) : undefined;
    }
    if (!this.resolve(element)) return undefined;
    const parent = checklistParent(sections, element.index);
    return parent >= 0 ? this.item(snapshot, parent) : undefined;
  }

  /**
   * The row for the cursor at `offset` of the current snapshot's text: the
   * section it is in, or the nearest enclosing one that is a row. Undefined
   * when there is none, or when `selected` is a missing row and the cursor
   * sits where it goes (where clicking that row put it).
   */
  rowAt(offset: number, selected?: ChecklistItem): ChecklistItem | undefined {
    const snapshot = this.snapshot;
    if (!snapshot) return undefined;
    const { analysis } = snapshot;
    if (selected?.kind === 'missing' && analysis.missing.some((m) => m.insertAt === offset && this.missingItem(snapshot, m).id === selected.id)) return undefined;
    const at = checklistRowAt(analysis, sectionIndexAt(analysis.sections, offset), this.rowsShowAll);
    return at >= 0 ? this.item(snapshot, at) : undefined;
  }

  getTreeItem(element: ChecklistItem): vscode.TreeItem {
    if (element.kind === 'missing') return missingTreeItem(element);
    const resolved = this.resolve(element);
    const s = resolved ?? element.section;
    const analysis = this.snapshot?.analysis;
    const hasVisibleChildren = resolved !== undefined && this.expanded(element.index);
    const left = resolved && analysis ? sectionLeft(analysis, element.index) : { own: s.placeholders, placeholders: 0, emptySections: 0, missingSections: 0, total: s.placeholders };
    const title = s.title || remember('untitled', () => vscode.l10n.t('(untitled heading)'));
    const item = new vscode.TreeItem(
      title,
      hasVisibleChildren ? vscode.TreeItemCollapsibleState.Expanded : vscode.TreeItemCollapsibleState.None,
    );
    item.id = element.id;
    showSectionState(item, s, left);
    item.iconPath = iconFor(s, left);
    item.contextValue = `section.${s.status}`;
    // The badge and description are short for the sidebar's width; the tooltip has the title in full and what is left where.
    item.tooltip = new vscode.MarkdownString(`**${markdownEscaped(title)}**\n\n${sectionTooltip(s, left)}`);
    item.command = { command: 'implementationNotes.revealSection', title: remember('reveal', () => vscode.l10n.t('Reveal Section')), arguments: [element.uri, element.index, s.title, s.level] };
    return item;
  }

  private item(snapshot: DocumentAnalysis, index: number): SectionItem {
    const { sections } = snapshot.analysis;
    const uri = snapshot.document.uri;
    return { uri, index, section: sections[index], id: `${uri.toString()}#${sectionKeys(sections)[index]}` };
  }
}

/** The title as literal text in the tooltip's Markdown (MarkdownString.appendText would also keep long titles from wrapping). */
export const markdownEscaped = (text: string): string => text.replace(/[\\`*_{}[\]()#+!<>|~-]/g, '\\$&');

/** A missing-section row of a document (the checklist's, or a file's in Notes in Workspace). */
export function missingItemOf(uri: vscode.Uri, sections: readonly Section[], missing: MissingSection): MissingItem {
  return {
    kind: 'missing',
    uri,
    missing,
    ref: { uri, templateIndex: missing.templateIndex, anchorTitle: sections[missing.anchor].title },
    id: `${uri.toString()}#missing:${missing.templateIndex}:${sectionKeys(sections)[missing.anchor]}`,
  };
}

export function missingTreeItem(element: MissingItem): vscode.TreeItem {
  const { missing } = element;
  const item = new vscode.TreeItem(missing.title, vscode.TreeItemCollapsibleState.None);
  item.id = element.id;
  showMissing(item, remember('missing', () => vscode.l10n.t('missing')));
  item.iconPath = (missingIcon ??= new vscode.ThemeIcon('diff-added', new vscode.ThemeColor('list.warningForeground')));
  item.contextValue = 'missing';
  item.tooltip = remember('missing.tooltip', () => vscode.l10n.t('This section of the template is missing. Insert it from the template, or as not applicable (right-click).'));
  item.command = { command: 'implementationNotes.revealMissingSection', title: remember('revealMissing', () => vscode.l10n.t('Reveal Where It Goes')), arguments: [element.ref] };
  return item;
}

let missingIcon: vscode.ThemeIcon | undefined;

/** "2 placeholders, 1 empty section, 1 missing section": the non-zero counts, each in its singular or plural. */
export function leftParts(placeholders: number, emptySections: number, missingSections: number): string {
  return remember(`parts:${placeholders}:${emptySections}:${missingSections}`, () => {
    const parts: string[] = [];
    if (placeholders > 0) parts.push(placeholders === 1 ? vscode.l10n.t('1 placeholder') : vscode.l10n.t('{0} placeholders', placeholders));
    if (emptySections > 0) parts.push(emptySections === 1 ? vscode.l10n.t('1 empty section') : vscode.l10n.t('{0} empty sections', emptySections));
    if (missingSections > 0) parts.push(missingSections === 1 ? vscode.l10n.t('1 missing section') : vscode.l10n.t('{0} missing sections', missingSections));
    return parts.join(', ');
  });
}

/**
 * What a section's row shows beside its title: the count left as its badge
 * (0: none), and a description of a word or two ("empty", "done",
 * "1/2 tasks done") short enough for the sidebar.
 */
function sectionRowText(s: Section, left: SectionLeft): { count: number; description: string | undefined } {
  const state = left.total === 0 && s.status === 'todo' ? remember('tasksOpen', () => vscode.l10n.t('to do'))
    : left.total === 0 ? remember('done', () => vscode.l10n.t('done'))
    : s.status === 'empty' && left.total === 1 ? remember('empty', () => vscode.l10n.t('empty'))
    : undefined;
  // A row that says its state in a word needs no count.
  const count = state === undefined ? left.total : 0;
  // Task lists count (docs/spec.md, "Task lists"): "3/7 tasks", not-applicable ones in neither number.
  const tasks = s.tasks.done + s.tasks.open;
  if (tasks === 0) return { count, description: state };
  const done = remember(`tasks:${s.tasks.done}:${tasks}`, () => vscode.l10n.t('{0}/{1} tasks done', s.tasks.done, tasks));
  return { count, description: state ? `${state} · ${done}` : done };
}

/** Shows a section's count and description on its row. */
export function showSectionState(item: vscode.TreeItem, s: Section, left: SectionLeft): void {
  const { count, description } = sectionRowText(s, left);
  showCount(item, count, description);
}

/** The row's tooltip below its title: what is left in its own text, then in its subsections. */
export function sectionTooltip(s: Section, left: SectionLeft): string {
  return remember(`tooltip:${s.status}:${left.own}:${left.placeholders}:${left.emptySections}:${left.missingSections}:${s.tasks.done}:${s.tasks.open}`, () => {
    const below = left.placeholders + left.emptySections + left.missingSections;
    const own =
      s.status === 'empty' ? vscode.l10n.t('This section has no content yet.')
      : left.own === 1 ? vscode.l10n.t('1 placeholder to fill here.')
      : left.own > 1 ? vscode.l10n.t('{0} placeholders to fill here.', left.own)
      : s.status === 'todo' && s.tasks.open > 0 ? vscode.l10n.t('Only open tasks so far: tick one when it is done.')
      : below > 0 ? vscode.l10n.t('Nothing to fill in its own text.')
      : vscode.l10n.t('Done.');
    const tasks = s.tasks.done + s.tasks.open;
    const taskLine = tasks > 0 ? `\n\n${vscode.l10n.t('Tasks: {0} of {1} done.', s.tasks.done, tasks)}` : '';
    return (below > 0 ? `${own}\n\n${vscode.l10n.t('In its subsections: {0}.', leftParts(left.placeholders, left.emptySections, left.missingSections))}` : own) + taskLine;
  });
}

let icons: Record<'todo' | 'empty' | 'done', vscode.ThemeIcon> | undefined;

export function iconFor(s: Section, left: SectionLeft): vscode.ThemeIcon {
  icons ??= {
    todo: new vscode.ThemeIcon('circle-large-outline', new vscode.ThemeColor('list.warningForeground')),
    empty: new vscode.ThemeIcon('circle-slash', new vscode.ThemeColor('list.warningForeground')),
    done: new vscode.ThemeIcon('pass-filled', new vscode.ThemeColor('testing.iconPassed')),
  };
  if (s.status === 'empty') return icons.empty;
  // A parent whose subsections still need filling, or lack one, is not done: no check mark; nor a section of open tasks only.
  return left.total > 0 || s.status === 'todo' ? icons.todo : icons.done;
}

/** What the tests read of the tree view: which row is selected, and whether it is shown. */
export type ChecklistTreeView = Pick<vscode.TreeView<ChecklistItem>, 'selection' | 'visible' | 'description' | 'onDidChangeSelection' | 'onDidChangeVisibility'>;

/** Registers the view, its badge, description and message, its commands, and its following the cursor. */
export function registerChecklist(
  active: ActiveNotes,
  state: vscode.Memento,
  restricted: () => boolean,
): { provider: ChecklistProvider; view: ChecklistTreeView; disposable: vscode.Disposable } {
  const provider = new ChecklistProvider(active, state);
  const view = vscode.window.createTreeView('implementationNotes.checklist', { treeDataProvider: timedTreeData('checklist', provider.forView), showCollapseAll: true });
  const updateBadge = () => {
    view.description = restricted() ? vscode.l10n.t('Restricted Mode: built-in template') : provider.title;
    view.badge = provider.badge;
    view.message = provider.message;
  };
  updateBadge();
  const disposable = vscode.Disposable.from(
    provider,
    view,
    // Timed where it is subscribed: the handler holds no probe.
    timedEvent('checklist.badge', provider.onDidRefresh)(updateBadge),
    followCursor(provider, view),
    vscode.commands.registerCommand('implementationNotes.showAllSections', () => provider.setShowAll(true)),
    vscode.commands.registerCommand('implementationNotes.showSectionsToFill', () => provider.setShowAll(false)),
    vscode.commands.registerCommand('implementationNotes.revealSection', (uri: vscode.Uri | string, index: number, title?: string, level?: number) =>
      revealSection(active, uri, index, title, level),
    ),
  );
  return { provider, view, disposable };
}

/**
 * While the view is shown, selects the row of the section under the cursor
 * (as the Outline view does): after the cursor moves, and after each refresh,
 * so that an insert selects the inserted section. Never takes the focus.
 * Clicking a row moves the cursor into that row's section, so following it
 * selects the same row: no loop. Not before VS Code has drawn the tree the
 * first time: a reveal while it holds no rows refreshes the tree, as a
 * change would (`FirstDraw`). Later ones are safe: VS Code's extension host
 * sends a reveal only once the changes fired before it are drawn.
 */
function followCursor(provider: ChecklistProvider, view: vscode.TreeView<ChecklistItem>): vscode.Disposable {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const schedule = () => {
    if (!view.visible) return;
    clearTimeout(timer);
    timer = setTimeout(follow, 150);
  };
  const follow = () =>
    mainThreadTimings.time('checklist.follow', () => {
      const editor = vscode.window.activeTextEditor;
      const snapshot = provider.current;
      // A snapshot of an older version: its refresh schedules this again.
      if (!view.visible || !provider.drawn || !editor || !snapshot || snapshot.document !== editor.document || snapshot.version !== editor.document.version) return;
      const selected = view.selection.at(0);
      const row = provider.rowAt(snapshot.lines.offsetAt(editor.selection.active), selected);
      if (!row || row.id === selected?.id) return;
      view.reveal(row, { select: true, focus: false, expand: false }).then(undefined, () => undefined);
    });
  return vscode.Disposable.from(
    vscode.window.onDidChangeTextEditorSelection((e) => {
      if (e.textEditor === vscode.window.activeTextEditor) schedule();
    }),
    provider.onDidRefresh(schedule),
    provider.onDidDraw(schedule),
    view.onDidChangeVisibility(schedule),
    { dispose: () => clearTimeout(timer) },
  );
}

/**
 * Shows the heading and selects the section's first placeholder (or puts the
 * cursor at the heading). The item may come from an earlier analysis: the
 * section is looked up again by title and level.
 */
async function revealSection(active: ActiveNotes, uri: vscode.Uri | string, index: number, title?: string, level?: number): Promise<void> {
  if (typeof index !== 'number' || !(uri instanceof vscode.Uri || typeof uri === 'string')) return;
  const key = uri.toString();
  // The open document object (an untitled URI can be reused), in the editor that already shows it.
  const shown = vscode.window.visibleTextEditors.find((e) => e.document.uri.toString() === key);
  const document = shown?.document ?? (await vscode.workspace.openTextDocument(typeof uri === 'string' ? vscode.Uri.parse(uri) : uri));
  const editor = await vscode.window.showTextDocument(document, { viewColumn: shown?.viewColumn, preserveFocus: false });
  // An edit landing while the analysis runs supersedes it: ask again for the new version.
  let result = await active.analyzer.analyzeNow(document);
  for (let i = 0; i < 3 && (!result || result.version !== document.version) && active.analyzer.isNotes(document); i++) {
    result = await active.analyzer.analyzeNow(document);
  }
  if (!result || result.version !== document.version) return;
  mainThreadTimings.time('checklist.reveal', () => select(editor, result, index, title, level));
}

function select(editor: vscode.TextEditor, result: DocumentAnalysis, index: number, title?: string, level?: number): void {
  const { sections, placeholders } = result.analysis;
  const at = title !== undefined && level !== undefined ? locateSection(sections, index, title, level) : index;
  const section = sections[at];
  if (!section) return;
  const first = placeholders.find((p) => p.section === at);
  const heading = result.lines.positionAt(section.start);
  let selection: vscode.Selection;
  if (first) {
    const a = result.lines.positionAt(first.start);
    const b = result.lines.positionAt(first.end);
    selection = new vscode.Selection(a.line, a.character, b.line, b.character);
  } else {
    selection = new vscode.Selection(heading.line, heading.character, heading.line, heading.character);
  }
  editor.selection = selection;
  editor.revealRange(new vscode.Range(heading.line, 0, selection.end.line, selection.end.character), vscode.TextEditorRevealType.AtTop);
}
