import * as vscode from 'vscode';
import { markAsNotesEdit } from '../../core';
import type { NotesAnalyzer } from '../analysis/analyzer';
import { isReadOnly } from './insertTemplate';
import { eolOf } from '../util/ranges';

/** A message shown when a notes-only command runs elsewhere, with the actions it offers. */
export interface NotNotesNotice {
  message: string;
  actions: { title: string; command: string; arguments: unknown[] }[];
}

/**
 * The palette hides the notes-only commands outside notes documents; when one
 * still runs (a keybinding of the user's, a link), this says why in one
 * sentence and offers to make the file notes, then runs the command again.
 */
export class NotNotesNotices implements vscode.Disposable {
  private readonly shown = new vscode.EventEmitter<NotNotesNotice>();
  /** Each notice as it is shown (the integration suite reads it). */
  readonly onDidShow = this.shown.event;

  show(document: vscode.TextDocument | undefined, command: string): void {
    const notice: NotNotesNotice = document?.languageId === 'markdown'
      ? {
        message: vscode.l10n.t('Implementation Notes: {0} is not an implementation notes document.', vscode.workspace.asRelativePath(document.uri)),
        actions: [{ title: vscode.l10n.t('Treat This File as Implementation Notes'), command: 'implementationNotes.treatAsNotes', arguments: [document.uri, command] }],
      }
      : { message: vscode.l10n.t('Implementation Notes: open an implementation notes document first.'), actions: [] };
    this.shown.fire(notice);
    void vscode.window.showInformationMessage(notice.message, ...notice.actions.map((a) => a.title)).then((title) => {
      const action = notice.actions.find((a) => a.title === title);
      if (action) void vscode.commands.executeCommand(action.command, ...action.arguments);
    });
  }

  dispose(): void {
    this.shown.dispose();
  }
}

/**
 * Treat This File as Implementation Notes: front matter `type:
 * implementation-notes` (one undo step). Front matter rather than the `files`
 * setting: it travels with the file, works for untitled and out-of-workspace
 * files, and the CLI reads it too, so CI agrees. Then runs `then`, the
 * command that asked.
 */
export function registerTreatAsNotes(analyzer: NotesAnalyzer): vscode.Disposable {
  return vscode.commands.registerCommand('implementationNotes.treatAsNotes', async (uri?: vscode.Uri, then?: string): Promise<boolean> => {
    const document = uri ? await vscode.workspace.openTextDocument(uri) : vscode.window.activeTextEditor?.document;
    if (!document || document.languageId !== 'markdown') return false;
    if (isReadOnly(document)) {
      void vscode.window.showWarningMessage(vscode.l10n.t('Implementation Notes: this document is read-only.'));
      return false;
    }
    const text = document.getText();
    const mark = markAsNotesEdit(text, eolOf(document));
    if (mark) {
      const edit = new vscode.WorkspaceEdit();
      edit.replace(document.uri, new vscode.Range(document.positionAt(mark.start), document.positionAt(mark.end)), mark.newText);
      if (!(await vscode.workspace.applyEdit(edit))) return false;
    }
    await vscode.window.showTextDocument(document);
    const notes = (await analyzer.analyzeNow(document)) !== undefined;
    if (notes && then) await vscode.commands.executeCommand(then);
    return notes;
  });
}
