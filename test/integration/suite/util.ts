import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';

export const EXTENSION_ID = 'implementation-notes.implementation-notes';
export const SOURCE = 'Implementation Notes';

export const workspaceRoot = (): vscode.Uri => vscode.workspace.workspaceFolders![0].uri;
export const fixture = (...parts: string[]): vscode.Uri => vscode.Uri.joinPath(workspaceRoot(), ...parts);
export const repoRoot = path.resolve(__dirname, '../../..');

/** Our diagnostics for a document, once they satisfy `ready` (no sleeps: waits on the event). */
export function diagnosticsWhen(uri: vscode.Uri, ready: (d: vscode.Diagnostic[]) => boolean, timeoutMs = 20000): Promise<vscode.Diagnostic[]> {
  const ours = () => vscode.languages.getDiagnostics(uri).filter((d) => d.source === SOURCE);
  return new Promise((resolve, reject) => {
    const now = ours();
    if (ready(now)) { resolve(now); return; }
    const timer = setTimeout(() => {
      listener.dispose();
      reject(new Error(`diagnostics for ${uri.toString(true)} not ready after ${timeoutMs} ms; last: ${ours().length}`));
    }, timeoutMs);
    const listener = vscode.languages.onDidChangeDiagnostics((e) => {
      if (!e.uris.some((u) => u.toString() === uri.toString())) return;
      const current = ours();
      if (ready(current)) {
        clearTimeout(timer);
        listener.dispose();
        resolve(current);
      }
    });
  });
}

/** Closes every editor, discarding unsaved changes (closing a dirty one would open a dialog). */
export async function closeAllEditors(): Promise<void> {
  for (let i = 0; i < 100 && vscode.window.tabGroups.all.some((g) => g.tabs.length > 0); i++) {
    const group = vscode.window.tabGroups.all.find((g) => g.tabs.length > 0)!;
    await vscode.window.tabGroups.close(group.tabs[0].isDirty ? [] : group.tabs, true);
    if (group.tabs.length > 0 && group.tabs[0].isDirty) {
      const input = group.tabs[0].input;
      if (input instanceof vscode.TabInputText) await vscode.window.showTextDocument(input.uri, { viewColumn: group.viewColumn });
      await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
    }
  }
}

/** `L:C-L:C code` for each diagnostic, 1-based like the CLI (docs/spec.md, "Positions"), sorted. */
export const describe = (diagnostics: readonly vscode.Diagnostic[]): string[] =>
  diagnostics
    .map((d) => `${d.range.start.line + 1}:${d.range.start.character + 1}-${d.range.end.line + 1}:${d.range.end.character + 1} ${String(typeof d.code === 'object' ? d.code.value : d.code)}`)
    .sort();

import type { ImplementationNotesApi } from '../../../src/extension/extension';

export async function api(): Promise<ImplementationNotesApi> {
  const extension = vscode.extensions.getExtension<ImplementationNotesApi>(EXTENSION_ID)!;
  return extension.isActive ? extension.exports : extension.activate();
}

/** Resolves once `check` passes, re-checking on each event (no sleeps). */
export function eventually<T>(event: vscode.Event<unknown>, check: () => T | undefined | false, timeoutMs = 20000, what = 'condition'): Promise<T> {
  return new Promise((resolve, reject) => {
    const first = check();
    if (first) { resolve(first); return; }
    const timer = setTimeout(() => {
      listener.dispose();
      reject(new Error(`${what} not met within ${timeoutMs} ms`));
    }, timeoutMs);
    const listener = event(() => {
      const value = check();
      if (value) {
        clearTimeout(timer);
        listener.dispose();
        resolve(value);
      }
    });
  });
}

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

export const templateText = (): string => fs.readFileSync(path.join(repoRoot, 'src/core/templates/implementation-notes.md'), 'utf8');

export const selectionText = (editor: vscode.TextEditor): string => editor.document.getText(editor.selection);
