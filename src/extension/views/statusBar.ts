import * as vscode from 'vscode';
import { progress, remaining } from '../../core';
import { leftParts, type ChecklistProvider } from './checklist';

/** What the status bar item shows (status bar items cannot be read back through the API). */
export interface ProgressStatus {
  readonly text: string;
  readonly tooltip: string;
  /** Shown only while a notes document is active. */
  readonly visible: boolean;
}

/**
 * Progress of the active notes document: items left, as the checklist's badge; click focuses the checklist.
 * `onDidRefresh`: the checklist's, as extension.shared.ts hands it over (timed there).
 */
export function registerStatusBar(
  checklist: Pick<ChecklistProvider, 'current'>,
  onDidRefresh: vscode.Event<unknown>,
  restricted: () => boolean,
): { status: ProgressStatus; disposable: vscode.Disposable } {
  const item = vscode.window.createStatusBarItem('implementationNotes.progress', vscode.StatusBarAlignment.Right, 100);
  item.name = vscode.l10n.t('Implementation Notes Progress');
  item.command = 'implementationNotes.checklist.focus';
  const status = { text: '', tooltip: '', visible: false };
  const update = () => {
    const snapshot = checklist.current;
    if (!snapshot) {
      status.visible = false;
      item.hide();
      return;
    }
    // One measure everywhere (badge, status bar): items left moves on every fill; sections done is in the tooltip.
    const p = progress(snapshot.analysis);
    const left = remaining(snapshot.analysis);
    const text = left.total === 0 ? vscode.l10n.t('$(checklist) done') : vscode.l10n.t('$(checklist) {0} left', left.total);
    const tooltip = left.total === 0
      ? vscode.l10n.t('Implementation notes: nothing left to fill; {0} of {1} sections done. Click to open the checklist.', p.sectionsDone, p.sections)
      : vscode.l10n.t(
        'Implementation notes: {0} left ({1}); {2} of {3} sections done. Click to open the checklist.',
        left.total, leftParts(left.placeholders, left.emptySections, left.missingSections), p.sectionsDone, p.sections,
      );
    status.text = restricted() ? `$(shield) ${text}` : text;
    status.tooltip = restricted()
      ? tooltip + '\n\n' + vscode.l10n.t("Restricted Mode: the built-in template is used; the workspace's template and .impl-notes.yaml are not loaded.")
      : tooltip;
    status.visible = true;
    item.text = status.text;
    item.tooltip = status.tooltip;
    item.show();
  };
  update();
  return { status, disposable: vscode.Disposable.from(item, onDidRefresh(update)) };
}
