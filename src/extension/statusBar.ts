import * as vscode from 'vscode';
import { progress } from '../core';
import type { ChecklistProvider } from './checklistView';

/** Progress of the active notes document: sections done / total; click focuses the checklist. */
export function registerStatusBar(checklist: ChecklistProvider, restricted: () => boolean): { item: vscode.StatusBarItem; disposable: vscode.Disposable } {
  const item = vscode.window.createStatusBarItem('implementationNotes.progress', vscode.StatusBarAlignment.Right, 100);
  item.name = 'Implementation Notes Progress';
  item.command = 'implementationNotes.checklist.focus';
  const update = () => {
    const snapshot = checklist.current;
    if (!snapshot) {
      item.hide();
      return;
    }
    const p = progress(snapshot.analysis);
    item.text = vscode.l10n.t('$(checklist) {0}/{1} sections', p.done, p.total);
    item.tooltip =
      vscode.l10n.t('Implementation notes: {0} of {1} sections done, {2} placeholders left. Click to open the checklist.', p.done, p.total, p.placeholders) +
      (restricted() ? '\n\n' + vscode.l10n.t("Restricted Mode: the built-in template is used; the workspace's template and .impl-notes.yaml are not loaded.") : '');
    item.text = restricted() ? `$(shield) ${item.text}` : item.text;
    item.show();
  };
  update();
  return { item, disposable: vscode.Disposable.from(item, checklist.onDidRefresh(update)) };
}
