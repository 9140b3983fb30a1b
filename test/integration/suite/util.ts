import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';

// The helpers every VS Code suite shares; this file adds the Node-side ones of this suite.
import { countBadge, countOf } from '../../../src/extension/views/countBadges';
export { api, closeAllEditors, diagnosticsWhen, EXTENSION_ID, eventually, SOURCE, summarize, TEMPLATE_PLACEHOLDERS } from '../../vscodeShared/helpers';

export const workspaceRoot = (): vscode.Uri => vscode.workspace.workspaceFolders![0].uri;
export const fixture = (...parts: string[]): vscode.Uri => vscode.Uri.joinPath(workspaceRoot(), ...parts);
export const repoRoot = path.resolve(__dirname, '../../..');

let opened = 0;

/**
 * A new untitled document in an editor, never seen before, holding exactly
 * `content` (its line breaks kept), with the cursor at the start. Each gets a
 * name of its own: an `Untitled-N` name comes back once its document is
 * closed, and while the workbench still holds the closed one (or its backup),
 * `openTextDocument` can hand back the old text.
 */
export async function untitled(content = '', language = 'markdown'): Promise<vscode.TextEditor> {
  const extension = language === 'markdown' ? 'md' : 'txt';
  const uri = vscode.Uri.from({ scheme: 'untitled', path: `/test-${process.pid}-${++opened}.${extension}` });
  let document = await vscode.workspace.openTextDocument(uri);
  if (document.languageId !== language) document = await vscode.languages.setTextDocumentLanguage(document, language);
  const editor = await vscode.window.showTextDocument(document);
  if (content) {
    const eol = content.includes('\r\n') ? vscode.EndOfLine.CRLF : vscode.EndOfLine.LF;
    const applied = await editor.edit((b) => {
      b.setEndOfLine(eol);
      b.insert(new vscode.Position(0, 0), content);
    });
    if (!applied) throw new Error(`could not fill ${uri.toString()}`);
  }
  if (editor.document.getText() !== content) throw new Error(`${uri.toString()} does not hold the text it was given`);
  editor.selection = new vscode.Selection(0, 0, 0, 0);
  return editor;
}

export const templateText = (): string => fs.readFileSync(path.join(repoRoot, 'src/core/template/implementation-notes.md'), 'utf8');

export const selectionText = (editor: vscode.TextEditor): string => editor.document.getText(editor.selection);

export const labelOf = (tree: vscode.TreeItem): string => (typeof tree.label === 'string' ? tree.label : (tree.label?.label ?? ''));

/** The badge a row shows at its right edge (the count left), as VS Code draws it from the row's resourceUri. */
export const badgeOf = (tree: vscode.TreeItem): string | undefined => {
  const count = countOf(tree.resourceUri);
  return count === undefined ? undefined : countBadge(count);
};

/** A row as the sidebar shows it: `label (description) [badge]`. */
export const rowText = (tree: vscode.TreeItem): string => {
  const badge = badgeOf(tree);
  return `${labelOf(tree)}${tree.description ? ` (${tree.description})` : ''}${badge ? ` [${badge}]` : ''}`;
};
