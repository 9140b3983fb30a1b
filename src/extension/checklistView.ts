import * as vscode from 'vscode';
import { checklistChildren, emptyDescendants, locateSection, remaining, type MissingSection, type Section } from '../core';
import type { ActiveNotes } from './activeNotes';
import type { DocumentAnalysis } from './analyzer';
import { mainThreadTimings } from './mainThreadTimings';

import type { MissingSectionRef } from './missingSections';

/** One heading of the active notes document, or a template section it lacks (`missing`). */
export type ChecklistItem = SectionItem | MissingItem;

export interface SectionItem {
  readonly kind?: 'section';
  readonly uri: vscode.Uri;
  readonly index: number;
  readonly section: Section;
}

export interface MissingItem {
  readonly kind: 'missing';
  readonly uri: vscode.Uri;
  readonly missing: MissingSection;
  /** What the insert commands of its context menu need. */
  readonly ref: MissingSectionRef;
}

const SHOW_ALL_KEY = 'implementationNotes.showAllSections';

/**
 * The sidebar checklist: the sections of the active notes document that
 * still need filling (or all of them), nested as in the document, with
 * their placeholder counts and a badge with what is left.
 */
export class ChecklistProvider implements vscode.TreeDataProvider<ChecklistItem>, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<ChecklistItem | undefined>();
  readonly onDidChangeTreeData = this.changed.event;
  private readonly disposables: vscode.Disposable[] = [this.changed];
  private snapshot: DocumentAnalysis | undefined;
  private timer: ReturnType<typeof setTimeout> | undefined;
  private showAll: boolean;
  /** Fires after the snapshot changed (for the badge and tests). */
  private readonly refreshed = new vscode.EventEmitter<void>();
  readonly onDidRefresh = this.refreshed.event;

  constructor(
    /** The active notes document this view follows (shared with the status bar). */
    readonly active: ActiveNotes,
    private readonly state: vscode.Memento,
  ) {
    this.showAll = state.get<boolean>(SHOW_ALL_KEY, false);
    void vscode.commands.executeCommand('setContext', SHOW_ALL_KEY, this.showAll);
    this.disposables.push(this.refreshed, active.onDidChange(() => this.scheduleRefresh()));
    this.refresh();
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
      this.snapshot = this.active.analysis;
      this.changed.fire(undefined);
      this.refreshed.fire();
    });
  }

  /** The view's badge: placeholders and empty sections left; none when nothing is left or no notes are active. */
  get badge(): vscode.ViewBadge | undefined {
    const left = this.snapshot && remaining(this.snapshot.analysis);
    if (!left || left.total === 0) return undefined;
    return {
      value: left.total,
      tooltip: vscode.l10n.t('{0} left: {1} placeholders, {2} empty sections, {3} missing sections', left.total, left.placeholders, left.emptySections, left.missingSections),
    };
  }

  /** The view's message: shown when the active notes document has nothing left to fill. */
  get message(): string | undefined {
    return this.snapshot && remaining(this.snapshot.analysis).total === 0 ? vscode.l10n.t('All sections are filled.') : undefined;
  }

  getChildren(element?: ChecklistItem): ChecklistItem[] {
    return mainThreadTimings.time('checklist.getChildren', () => this.children(element));
  }

  private children(element?: ChecklistItem): ChecklistItem[] {
    const snapshot = this.snapshot;
    if (!snapshot) return [];
    // VS Code hands back items from an earlier snapshot: look them up in this one.
    if (element && (element.kind === 'missing' || !this.resolve(element))) return [];
    const { analysis } = snapshot;
    return checklistChildren(analysis, element ? element.index : -1, this.showAll).map((entry) =>
      entry.kind === 'section' ? this.item(snapshot, entry.index) : this.missingItem(snapshot, analysis.missing[entry.index]),
    );
  }

  private missingItem(snapshot: DocumentAnalysis, missing: MissingSection): MissingItem {
    const uri = snapshot.document.uri;
    return { kind: 'missing', uri, missing, ref: { uri, templateIndex: missing.templateIndex, anchorTitle: snapshot.analysis.sections[missing.anchor].title } };
  }

  /** The item's section in the current snapshot, if it is still there. */
  private resolve(element: ChecklistItem): Section | undefined {
    if (element.kind === 'missing') return undefined;
    const snapshot = this.snapshot;
    if (!snapshot || snapshot.document.uri.toString() !== element.uri.toString()) return undefined;
    const section = snapshot.analysis.sections[element.index];
    return section && section.title === element.section.title && section.level === element.section.level ? section : undefined;
  }

  getParent(element: ChecklistItem): SectionItem | undefined {
    return mainThreadTimings.time('checklist.getParent', () => this.parent(element));
  }

  private parent(element: ChecklistItem): SectionItem | undefined {
    const snapshot = this.snapshot;
    if (element.kind === 'missing') return snapshot && snapshot.analysis.sections[element.missing.anchor] ? this.item(snapshot, element.missing.anchor) : undefined;
    const section = this.resolve(element);
    if (!snapshot || !section || section.parent < 0) return undefined;
    return this.item(snapshot, section.parent);
  }

  getTreeItem(element: ChecklistItem): vscode.TreeItem {
    return mainThreadTimings.time('checklist.getTreeItem', () => this.treeItem(element));
  }

  private treeItem(element: ChecklistItem): vscode.TreeItem {
    if (element.kind === 'missing') return missingTreeItem(element);
    const resolved = this.resolve(element);
    const s = resolved ?? element.section;
    const analysis = this.snapshot?.analysis;
    const sections = analysis?.sections;
    const hasVisibleChildren = resolved !== undefined && analysis !== undefined && checklistChildren(analysis, element.index, this.showAll).length > 0;
    const title = s.title || remember('untitled', () => vscode.l10n.t('(untitled heading)'));
    const item = new vscode.TreeItem(
      title,
      hasVisibleChildren ? vscode.TreeItemCollapsibleState.Expanded : vscode.TreeItemCollapsibleState.None,
    );
    item.id = `${element.uri.toString()}#${element.index}:${s.level}:${s.title}`;
    item.description = describeSection(s, resolved && sections ? emptyDescendants(sections, element.index) : 0);
    item.iconPath = iconFor(s);
    item.contextValue = `section.${s.status}`;
    const about = remember(`tooltip:${s.level}:${s.status}:${s.placeholders}:${s.needsFilling}`, () => `(${vscode.l10n.t('level {0}', s.level)})\n\n${tooltipFor(s)}`);
    item.tooltip = new vscode.MarkdownString(`**${title}** ${about}`);
    item.command = { command: 'implementationNotes.revealSection', title: remember('reveal', () => vscode.l10n.t('Reveal Section')), arguments: [element.uri, element.index, s.title, s.level] };
    return item;
  }

  private item(snapshot: DocumentAnalysis, index: number): SectionItem {
    return { uri: snapshot.document.uri, index, section: snapshot.analysis.sections[index] };
  }
}

export function missingTreeItem(element: MissingItem): vscode.TreeItem {
  const { missing } = element;
  const item = new vscode.TreeItem(missing.title, vscode.TreeItemCollapsibleState.None);
  item.id = `${element.uri.toString()}#missing:${missing.templateIndex}:${element.ref.anchorTitle}`;
  item.description = remember('missing', () => vscode.l10n.t('missing'));
  item.iconPath = (missingIcon ??= new vscode.ThemeIcon('diff-added', new vscode.ThemeColor('list.warningForeground')));
  item.contextValue = 'missing';
  item.tooltip = remember('missing.tooltip', () => vscode.l10n.t('This section of the template is missing. Insert it from the template, or as not applicable (right-click).'));
  item.command = { command: 'implementationNotes.revealMissingSection', title: remember('revealMissing', () => vscode.l10n.t('Reveal Where It Goes')), arguments: [element.ref] };
  return item;
}

let missingIcon: vscode.ThemeIcon | undefined;

/**
 * The tree of a long document asks for the same few strings thousands of
 * times (one item per heading, on every refresh): each is formatted once.
 */
const remembered = new Map<string, string>();

export function remember(key: string, make: () => string): string {
  let text = remembered.get(key);
  if (text === undefined) {
    if (remembered.size >= 4096) remembered.clear();
    text = make();
    remembered.set(key, text);
  }
  return text;
}

/** "3 placeholders", "empty", "1 placeholder in subsections", "done"… */
export function describeSection(s: Section, emptySubsections = 0): string {
  return remember(`description:${s.status}:${s.placeholders}:${s.totalPlaceholders}:${s.needsFilling}:${emptySubsections}`, () => describe(s, emptySubsections));
}

function describe(s: Section, emptySubsections: number): string {
  if (s.status === 'empty') return vscode.l10n.t('empty');
  const own = s.placeholders;
  const total = s.totalPlaceholders;
  if (total === 0) {
    if (!s.needsFilling) return vscode.l10n.t('done');
    return emptySubsections === 1 ? vscode.l10n.t('1 empty subsection') : vscode.l10n.t('{0} empty subsections', emptySubsections);
  }
  const plural = (n: number) => (n === 1 ? vscode.l10n.t('1 placeholder') : vscode.l10n.t('{0} placeholders', n));
  if (own === 0) return vscode.l10n.t('{0} in subsections', plural(total));
  return own === total ? plural(own) : vscode.l10n.t('{0} ({1} with subsections)', plural(own), total);
}

let icons: Record<'todo' | 'empty' | 'done', vscode.ThemeIcon> | undefined;

export function iconFor(s: Section): vscode.ThemeIcon {
  icons ??= {
    todo: new vscode.ThemeIcon('circle-large-outline', new vscode.ThemeColor('list.warningForeground')),
    empty: new vscode.ThemeIcon('circle-slash', new vscode.ThemeColor('list.warningForeground')),
    done: new vscode.ThemeIcon('pass-filled', new vscode.ThemeColor('testing.iconPassed')),
  };
  if (s.status === 'empty') return icons.empty;
  // A parent whose subsections still need filling is not done: no check mark.
  return s.status === 'todo' || s.needsFilling ? icons.todo : icons.done;
}

function tooltipFor(s: Section): string {
  if (s.status === 'empty') return vscode.l10n.t('This section has no content yet.');
  if (s.status === 'todo') return s.placeholders === 1 ? vscode.l10n.t('1 placeholder to fill here.') : vscode.l10n.t('{0} placeholders to fill here.', s.placeholders);
  return s.needsFilling ? vscode.l10n.t('Done here; a subsection still needs filling.') : vscode.l10n.t('Done.');
}

/** Registers the view, its badge and message, and its commands. */
export function registerChecklist(
  active: ActiveNotes,
  state: vscode.Memento,
  restricted: () => boolean,
): { provider: ChecklistProvider; disposable: vscode.Disposable } {
  const provider = new ChecklistProvider(active, state);
  const view = vscode.window.createTreeView('implementationNotes.checklist', { treeDataProvider: provider, showCollapseAll: true });
  const updateBadge = () =>
    mainThreadTimings.time('checklist.badge', () => {
      view.description = restricted() ? vscode.l10n.t('Restricted Mode: built-in template') : undefined;
      view.badge = provider.badge;
      view.message = provider.message;
    });
  updateBadge();
  const disposable = vscode.Disposable.from(
    provider,
    view,
    provider.onDidRefresh(updateBadge),
    vscode.commands.registerCommand('implementationNotes.showAllSections', () => provider.setShowAll(true)),
    vscode.commands.registerCommand('implementationNotes.showSectionsToFill', () => provider.setShowAll(false)),
    vscode.commands.registerCommand('implementationNotes.revealSection', (uri: vscode.Uri | string, index: number, title?: string, level?: number) =>
      revealSection(active, uri, index, title, level),
    ),
  );
  return { provider, disposable };
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
