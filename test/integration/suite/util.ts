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
    if (ready(now)) return resolve(now);
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

export async function closeAllEditors(): Promise<void> {
  await vscode.commands.executeCommand('workbench.action.closeAllEditors');
}

/** `L:C-L:C code` for each diagnostic, 1-based like SPEC.md, sorted. */
export const describe = (diagnostics: readonly vscode.Diagnostic[]): string[] =>
  diagnostics
    .map((d) => `${d.range.start.line + 1}:${d.range.start.character + 1}-${d.range.end.line + 1}:${d.range.end.character + 1} ${d.code}`)
    .sort();
