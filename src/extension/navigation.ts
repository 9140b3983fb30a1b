import * as vscode from 'vscode';
import { adjacentPlaceholder, fillEverywhereEdits } from '../core';
import type { NotesAnalyzer } from './analyzer';
import { isReadOnly } from './insertTemplate';
import { toRange, toTextEdit } from './ranges';
import type { NotNotesNotices } from './treatAsNotes';

/** A short-lived status bar message; returns its text. */
function status(message: string): string {
  vscode.window.setStatusBarMessage(message, 4000);
  return message;
}

interface FillEverywhereArgs {
  placeholder?: string;
  value?: string;
}

/** Go to Next / Previous Placeholder, Fill Placeholder, Fill Placeholder Everywhere…. */
export function registerNavigation(analyzer: NotesAnalyzer, notices: NotNotesNotices): vscode.Disposable {
  const notesEditor = async (command: string) => {
    const editor = vscode.window.activeTextEditor;
    const result = editor ? await analyzer.analyzeNow(editor.document) : undefined;
    if (!editor || !result) {
      notices.show(editor?.document, command);
      return undefined;
    }
    return { editor, result };
  };

  /** Resolves to the status bar message it showed, if any ("Wrapped to the top", as the editor's find says). */
  const go = async (direction: 1 | -1): Promise<string | undefined> => {
    const found = await notesEditor(direction === 1 ? 'implementationNotes.nextPlaceholder' : 'implementationNotes.previousPlaceholder');
    if (!found) return undefined;
    const { editor, result } = found;
    const offset = editor.document.offsetAt(editor.selection.start);
    const index = adjacentPlaceholder(result.analysis, offset, direction);
    if (index < 0) return status(vscode.l10n.t('$(check) No placeholders left'));
    const p = result.analysis.placeholders[index];
    const range = toRange(result.lines, p.start, p.end);
    editor.selection = new vscode.Selection(range.start, range.end);
    editor.revealRange(range, vscode.TextEditorRevealType.InCenterIfOutsideViewport);
    const wrapped = direction === 1 ? p.start <= offset : p.start >= offset;
    if (!wrapped) return undefined;
    return status(direction === 1 ? vscode.l10n.t('Wrapped to the top') : vscode.l10n.t('Wrapped to the bottom'));
  };

  return vscode.Disposable.from(
    vscode.commands.registerCommand('implementationNotes.nextPlaceholder', () => go(1)),
    vscode.commands.registerCommand('implementationNotes.previousPlaceholder', () => go(-1)),
    vscode.commands.registerCommand('implementationNotes.fillPlaceholder', async (uri: vscode.Uri, range: vscode.Range) => {
      const editor = await vscode.window.showTextDocument(uri);
      editor.selection = new vscode.Selection(range.start, range.end);
      editor.revealRange(range, vscode.TextEditorRevealType.InCenterIfOutsideViewport);
    }),
    vscode.commands.registerCommand('implementationNotes.fillPlaceholderEverywhere', async (args: FillEverywhereArgs = {}) => {
      const found = await notesEditor('implementationNotes.fillPlaceholderEverywhere');
      if (!found) return 0;
      const { editor, result } = found;
      if (isReadOnly(editor.document)) {
        void vscode.window.showWarningMessage(vscode.l10n.t('Implementation Notes: this document is read-only.'));
        return 0;
      }
      const { placeholders } = result.analysis;
      let text = args.placeholder;
      if (text === undefined) {
        const at = editor.document.offsetAt(editor.selection.active);
        text = placeholders.find((p) => p.start <= at && at <= p.end)?.text;
      }
      if (text === undefined) {
        const counts = new Map<string, number>();
        for (const p of placeholders) counts.set(p.text, (counts.get(p.text) ?? 0) + 1);
        if (counts.size === 0) {
          void vscode.window.showInformationMessage(vscode.l10n.t('Implementation Notes: no placeholders left in this document.'));
          return 0;
        }
        const picked = await vscode.window.showQuickPick(
          [...counts].sort((a, b) => b[1] - a[1]).map(([label, n]) => ({ label, description: `${n} ×` })),
          { placeHolder: vscode.l10n.t('Which placeholder do you want to fill everywhere?') },
        );
        text = picked?.label;
      }
      if (text === undefined) return 0;
      const edits = fillEverywhereEdits(result.analysis, text, '');
      if (edits.length === 0) return 0;
      const value =
        args.value ??
        (await vscode.window.showInputBox({
          title: vscode.l10n.t('Fill {0} everywhere', text),
          prompt: vscode.l10n.t('The text that replaces all {0} occurrences of {1}', edits.length, text),
          validateInput: (v) => (v.trim() === '' ? vscode.l10n.t('Enter the text to use') : undefined),
        }));
      if (value === undefined) return 0;
      // The user may have typed meanwhile: replace what is there now.
      const fresh = await analyzer.analyzeNow(editor.document);
      if (!fresh) return 0;
      const replacements = fillEverywhereEdits(fresh.analysis, text, value).map((e) => toTextEdit(fresh.lines, e));
      // One edit call: one undo step for all occurrences.
      const ok = await editor.edit((builder) => replacements.forEach((te) => builder.replace(te.range, te.newText)));
      return ok ? replacements.length : 0;
    }),
  );
}
