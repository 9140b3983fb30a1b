import * as vscode from 'vscode';
import { toggleTaskEdit } from '../../core';
import type { NotesAnalyzer } from '../analysis/analyzer';

const COMMAND = 'implementationNotes.toggleTask';

/** The edit that toggles the task on `line`, or undefined when the line holds no task (docs/spec.md, "Task lists"). */
function toggleOn(document: vscode.TextDocument, line: number): { edit: vscode.TextEdit; done: boolean } | undefined {
  if (line < 0 || line >= document.lineCount) return undefined;
  // One line's text: the look costs that line, on every caret move the code actions are asked for.
  const edit = toggleTaskEdit(document.lineAt(line).text, 0);
  if (!edit) return undefined;
  return { edit: new vscode.TextEdit(new vscode.Range(line, edit.start, line, edit.end), edit.newText), done: edit.done };
}

/** "Mark Task Done" / "Mark Task Not Done" where the caret is on a task of a notes document. */
class TaskToggleActions implements vscode.CodeActionProvider {
  static readonly providedCodeActionKinds = [vscode.CodeActionKind.QuickFix];

  constructor(private readonly analyzer: NotesAnalyzer) {}

  provideCodeActions(document: vscode.TextDocument, range: vscode.Range): vscode.CodeAction[] {
    if (!this.analyzer.isNotes(document)) return [];
    const toggle = toggleOn(document, range.start.line);
    if (!toggle) return [];
    const action = new vscode.CodeAction(toggle.done ? vscode.l10n.t('Mark Task Done') : vscode.l10n.t('Mark Task Not Done'), vscode.CodeActionKind.QuickFix);
    action.edit = new vscode.WorkspaceEdit();
    action.edit.set(document.uri, [toggle.edit]);
    return [action];
  }
}

/**
 * The Toggle Task command: the task on each caret's line of the active
 * editor, or on `line` of the document at `uri` (how other views call it).
 */
async function toggleTask(uri?: vscode.Uri, line?: number): Promise<boolean> {
  const editor = vscode.window.activeTextEditor;
  const document = uri ? await vscode.workspace.openTextDocument(uri) : editor?.document;
  if (!document) return false;
  const lines = line !== undefined ? [line] : editor && editor.document === document ? [...new Set(editor.selections.map((s) => s.active.line))] : [];
  const edits = lines.map((l) => toggleOn(document, l)?.edit).filter((e): e is vscode.TextEdit => e !== undefined);
  if (edits.length === 0) {
    void vscode.window.showInformationMessage(vscode.l10n.t('No task on this line: a task is a list item starting with [ ] or [x].'));
    return false;
  }
  const edit = new vscode.WorkspaceEdit();
  edit.set(document.uri, edits);
  return vscode.workspace.applyEdit(edit);
}

export function registerTaskToggle(analyzer: NotesAnalyzer, wrap: (provider: vscode.CodeActionProvider) => vscode.CodeActionProvider): vscode.Disposable {
  return vscode.Disposable.from(
    vscode.commands.registerCommand(COMMAND, toggleTask),
    vscode.languages.registerCodeActionsProvider({ language: 'markdown' }, wrap(new TaskToggleActions(analyzer)), {
      providedCodeActionKinds: TaskToggleActions.providedCodeActionKinds,
    }),
  );
}
