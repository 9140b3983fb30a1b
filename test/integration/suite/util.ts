import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';

// The helpers every VS Code suite shares; this file adds the Node-side ones of this suite.
import type { ChecklistItem, ChecklistProvider } from '../../../src/extension/views/checklist';
import { countBadge, countOf } from '../../../src/extension/views/countBadges';
import { api } from '../../vscodeShared/helpers';
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

/**
 * The tree as VS Code draws it, read through the workbench's own list
 * commands (not through the provider): each row in the order shown, with
 * the row it is drawn under (`list.focusParent`). `Parent > Row`, or `Row`
 * at the top level. Moves the focus into the view.
 */
export async function drawnRows(): Promise<string[]> {
  const { checklistView } = await api();
  const titleOf = (row: ChecklistItem | undefined): string => (!row ? '?' : row.kind === 'missing' ? row.missing.title : row.section.title);
  // The row under the keyboard focus: selecting it tells the extension host which element it is.
  const focused = async (): Promise<ChecklistItem | undefined> => {
    const changed = new Promise<void>((resolve) => {
      const timer = setTimeout(() => { listener.dispose(); resolve(); }, 400);
      const listener = checklistView.onDidChangeSelection(() => { clearTimeout(timer); listener.dispose(); resolve(); });
    });
    await vscode.commands.executeCommand('list.select');
    await changed;
    return checklistView.selection.at(0);
  };
  await vscode.commands.executeCommand('implementationNotes.checklist.focus');
  await vscode.commands.executeCommand('list.focusFirst');
  const order: ChecklistItem[] = [];
  for (let row = await focused(); row && order.length < 200; ) {
    order.push(row);
    await vscode.commands.executeCommand('list.focusDown');
    const next = await focused();
    if (!next || next.id === row.id) break;
    row = next;
  }
  const out: string[] = [];
  for (const [i, row] of order.entries()) {
    await vscode.commands.executeCommand('list.focusFirst');
    for (let k = 0; k < i; k++) await vscode.commands.executeCommand('list.focusDown');
    await vscode.commands.executeCommand('list.focusParent');
    const parent = await focused();
    out.push(parent && parent.id !== row.id ? `${titleOf(parent)} > ${titleOf(row)}` : titleOf(row));
  }
  return out;
}

/** The provider's rows in the same form as `drawnRows`: what the tree should draw. */
export function expectedRows(checklist: ChecklistProvider): string[] {
  const out: string[] = [];
  const title = (tree: vscode.TreeItem) => labelOf(tree);
  const walk = (items: ChecklistItem[], parent: string | undefined) => {
    for (const item of items) {
      const label = title(checklist.getTreeItem(item));
      out.push(parent === undefined ? label : `${parent} > ${label}`);
      walk(checklist.getChildren(item), label);
    }
  };
  walk(checklist.getChildren(), undefined);
  return out;
}
