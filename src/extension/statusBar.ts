import * as vscode from 'vscode';
import { progress } from '../core';
import type { ChecklistProvider } from './checklistView';
import { mainThreadTimings } from './mainThreadTimings';

/** What the status bar item shows (status bar items cannot be read back through the API). */
export interface ProgressStatus {
  readonly text: string;
  readonly tooltip: string;
  /** Shown only while a notes document is active. */
  readonly visible: boolean;
}

/** Progress of the active notes document: sections done / total; click focuses the checklist. */
export function registerStatusBar(checklist: ChecklistProvider, restricted: () => boolean): { status: ProgressStatus; disposable: vscode.Disposable } {
  const item = vscode.window.createStatusBarItem('implementationNotes.progress', vscode.StatusBarAlignment.Right, 100);
  item.name = vscode.l10n.t('Implementation Notes Progress');
  item.command = 'implementationNotes.checklist.focus';
  const status = { text: '', tooltip: '', visible: false };
  const update = () => mainThreadTimings.time('statusBar', () => {
    const snapshot = checklist.current;
    if (!snapshot) {
      status.visible = false;
      item.hide();
      return;
    }
    const p = progress(snapshot.analysis);
    const text = p.missing > 0
      ? vscode.l10n.t('$(checklist) {0}/{1} sections, {2} missing', p.done, p.total, p.missing)
      : vscode.l10n.t('$(checklist) {0}/{1} sections', p.done, p.total);
    const tooltip = p.missing > 0
      ? vscode.l10n.t('Implementation notes: {0} of {1} sections done, {2} placeholders left, {3} sections of the template missing. Click to open the checklist.', p.done, p.total, p.placeholders, p.missing)
      : vscode.l10n.t('Implementation notes: {0} of {1} sections done, {2} placeholders left. Click to open the checklist.', p.done, p.total, p.placeholders);
    status.text = restricted() ? `$(shield) ${text}` : text;
    status.tooltip = restricted()
      ? tooltip + '\n\n' + vscode.l10n.t("Restricted Mode: the built-in template is used; the workspace's template and .impl-notes.yaml are not loaded.")
      : tooltip;
    status.visible = true;
    item.text = status.text;
    item.tooltip = status.tooltip;
    item.show();
  });
  update();
  return { status, disposable: vscode.Disposable.from(item, checklist.onDidRefresh(update)) };
}
