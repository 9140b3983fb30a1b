import * as vscode from 'vscode';
import { adjacentPlaceholder, fillEverywhereEdits, type FoundPlaceholder } from '../../core';
import type { DocumentAnalysis, NotesAnalyzer } from '../analysis/analyzer';
import { isReadOnly } from './insertTemplate';
import { toRange, toTextEdit } from '../util/ranges';
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

/** The active editor and its analysis, when it shows a notes document; else the "not notes" notice for `command`. */
type NotesEditor = (command: string) => Promise<{ editor: vscode.TextEditor; result: DocumentAnalysis } | undefined>;

function notesEditorOf(analyzer: NotesAnalyzer, notices: NotNotesNotices): NotesEditor {
  return async (command) => {
    const editor = vscode.window.activeTextEditor;
    const result = editor ? await analyzer.analyzeNow(editor.document) : undefined;
    if (!editor || !result) {
      notices.show(editor?.document, command);
      return undefined;
    }
    return { editor, result };
  };
}

function selectAndReveal(editor: vscode.TextEditor, range: vscode.Range): void {
  editor.selection = new vscode.Selection(range.start, range.end);
  editor.revealRange(range, vscode.TextEditorRevealType.InCenterIfOutsideViewport);
}

/** Resolves to the status bar message it showed, if any ("Wrapped to the top", as the editor's find says). */
async function goToPlaceholder(notesEditor: NotesEditor, direction: 1 | -1): Promise<string | undefined> {
  const found = await notesEditor(direction === 1 ? 'implementationNotes.nextPlaceholder' : 'implementationNotes.previousPlaceholder');
  if (!found) return undefined;
  const { editor, result } = found;
  const offset = editor.document.offsetAt(editor.selection.start);
  const index = adjacentPlaceholder(result.analysis, offset, direction);
  if (index < 0) return status(vscode.l10n.t('$(check) No placeholders left'));
  const p = result.analysis.placeholders[index];
  selectAndReveal(editor, toRange(result.lines, p.start, p.end));
  const wrapped = direction === 1 ? p.start <= offset : p.start >= offset;
  if (!wrapped) return undefined;
  return status(direction === 1 ? vscode.l10n.t('Wrapped to the top') : vscode.l10n.t('Wrapped to the bottom'));
}

/** The placeholder to fill: the one given, the one at the cursor, else the user's pick (most frequent first). */
async function placeholderToFill(editor: vscode.TextEditor, placeholders: readonly FoundPlaceholder[], given: string | undefined): Promise<string | undefined> {
  if (given !== undefined) return given;
  const at = editor.document.offsetAt(editor.selection.active);
  const atCursor = placeholders.find((p) => p.start <= at && at <= p.end)?.text;
  if (atCursor !== undefined) return atCursor;
  const counts = new Map<string, number>();
  for (const p of placeholders) counts.set(p.text, (counts.get(p.text) ?? 0) + 1);
  if (counts.size === 0) {
    void vscode.window.showInformationMessage(vscode.l10n.t('Implementation Notes: no placeholders left in this document.'));
    return undefined;
  }
  const picked = await vscode.window.showQuickPick(
    [...counts].sort((a, b) => b[1] - a[1]).map(([label, n]) => ({ label, description: `${n} ×` })),
    { placeHolder: vscode.l10n.t('Which placeholder do you want to fill everywhere?') },
  );
  return picked?.label;
}

/** Fills every occurrence of one placeholder in one edit; resolves to the number replaced. */
async function fillEverywhere(analyzer: NotesAnalyzer, notesEditor: NotesEditor, args: FillEverywhereArgs): Promise<number> {
  const found = await notesEditor('implementationNotes.fillPlaceholderEverywhere');
  if (!found) return 0;
  const { editor, result } = found;
  if (isReadOnly(editor.document)) {
    void vscode.window.showWarningMessage(vscode.l10n.t('Implementation Notes: this document is read-only.'));
    return 0;
  }
  const text = await placeholderToFill(editor, result.analysis.placeholders, args.placeholder);
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
}

/** Go to Next / Previous Placeholder, Fill Placeholder, Fill Placeholder Everywhere…. */
export function registerNavigation(analyzer: NotesAnalyzer, notices: NotNotesNotices): vscode.Disposable {
  const notesEditor = notesEditorOf(analyzer, notices);
  return vscode.Disposable.from(
    vscode.commands.registerCommand('implementationNotes.nextPlaceholder', () => goToPlaceholder(notesEditor, 1)),
    vscode.commands.registerCommand('implementationNotes.previousPlaceholder', () => goToPlaceholder(notesEditor, -1)),
    vscode.commands.registerCommand('implementationNotes.fillPlaceholder', async (uri: vscode.Uri, range: vscode.Range) => {
      selectAndReveal(await vscode.window.showTextDocument(uri), range);
    }),
    vscode.commands.registerCommand('implementationNotes.fillPlaceholderEverywhere', (args: FillEverywhereArgs = {}) => fillEverywhere(analyzer, notesEditor, args)),
  );
}
