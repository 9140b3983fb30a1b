import * as vscode from 'vscode';
import { blockDefinition, blockInsertion, blockSnippet, escapeSnippetText, nextBlockNumber, type BlockKind } from '../core';
import type { NotesAnalyzer } from './analyzer';
import { isReadOnly } from './insertTemplate';
import { eolOf, toRange } from './ranges';

const MARK = '\u0000';

/** Insert Decision / Insert Challenge: the next numbered block, in its section, as a snippet. */
export function registerInsertBlock(analyzer: NotesAnalyzer): vscode.Disposable {
  const insert = async (kind: BlockKind) => {
    const editor = vscode.window.activeTextEditor;
    const result = editor && editor.document.languageId === 'markdown' ? await analyzer.analyzeNow(editor.document) : undefined;
    if (!editor || !result) {
      void vscode.window.showInformationMessage('Implementation Notes: open an implementation notes document to insert a block.');
      return false;
    }
    if (isReadOnly(editor.document)) {
      void vscode.window.showWarningMessage('Implementation Notes: this document is read-only.');
      return false;
    }
    const block = blockDefinition(kind);
    const n = nextBlockNumber(result.analysis, kind);
    const body = blockSnippet(block, n);
    const at = blockInsertion(result.analysis, kind, MARK, eolOf(editor.document));
    if (!at) {
      // No section of its kind: where the user is.
      return editor.insertSnippet(new vscode.SnippetString(body), editor.selection);
    }
    const [lead, tail] = at.newText.split(MARK);
    const snippet = new vscode.SnippetString(escapeSnippetText(lead) + body.replace(/\$0$/, '') + escapeSnippetText(tail) + '$0');
    const position = toRange(result.lines, at.start, at.start).start;
    const ok = await editor.insertSnippet(snippet, position);
    if (ok) editor.revealRange(editor.selection, vscode.TextEditorRevealType.InCenterIfOutsideViewport);
    return ok;
  };
  return vscode.Disposable.from(
    vscode.commands.registerCommand('implementationNotes.insertDecision', () => insert('decision')),
    vscode.commands.registerCommand('implementationNotes.insertChallenge', () => insert('challenge')),
  );
}
