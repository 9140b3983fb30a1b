// What every VS Code suite shares (integration, multiroot, restricted, web,
// smoke, screenshots). runTest.mjs bundles it into each suite, the web one for
// the browser's worker extension host: no Node API in this file.
import * as vscode from 'vscode';
import { analyze, defaultTemplateText } from '../../src/core';
import type { TestHooks } from '../../src/extension/extension.shared';

export const EXTENSION_ID = 'implementation-notes.implementation-notes';
export const SOURCE = 'Implementation Notes';

/** The default template's placeholders, counted by the core: what Insert Template leaves to fill. */
export const TEMPLATE_PLACEHOLDERS = analyze(defaultTemplateText).placeholders.length;

/** Our diagnostics for a document (other extensions' are left out). */
export const ourDiagnostics = (uri: vscode.Uri): vscode.Diagnostic[] => vscode.languages.getDiagnostics(uri).filter((d) => d.source === SOURCE);

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

/** Our diagnostics for a document, once they satisfy `ready` (no sleeps: waits on the event). */
export function diagnosticsWhen(uri: vscode.Uri, ready: (d: vscode.Diagnostic[]) => boolean, timeoutMs = 20000): Promise<vscode.Diagnostic[]> {
  return new Promise((resolve, reject) => {
    const now = ourDiagnostics(uri);
    if (ready(now)) { resolve(now); return; }
    const timer = setTimeout(() => {
      listener.dispose();
      reject(new Error(`diagnostics for ${uri.toString(true)} not ready after ${timeoutMs} ms; last: ${ourDiagnostics(uri).length}`));
    }, timeoutMs);
    const listener = vscode.languages.onDidChangeDiagnostics((e) => {
      if (!e.uris.some((u) => u.toString() === uri.toString())) return;
      const current = ourDiagnostics(uri);
      if (ready(current)) {
        clearTimeout(timer);
        listener.dispose();
        resolve(current);
      }
    });
  });
}

/** `L:C-L:C code` for each diagnostic, 1-based like the CLI (docs/spec.md, "Positions"), sorted. */
export const summarize = (diagnostics: readonly vscode.Diagnostic[]): string[] =>
  diagnostics
    .map((d) => `${d.range.start.line + 1}:${d.range.start.character + 1}-${d.range.end.line + 1}:${d.range.end.character + 1} ${String(typeof d.code === 'object' ? d.code.value : d.code)}`)
    .sort();

/** The extension's test hooks (handed out in a test run only), activating it if need be. */
export async function api(): Promise<TestHooks> {
  const extension = vscode.extensions.getExtension<TestHooks | undefined>(EXTENSION_ID)!;
  const hooks = extension.isActive ? extension.exports : await extension.activate();
  if (!hooks) throw new Error('the extension exported no test hooks: it is not running as the extension under test');
  return hooks;
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
