// A smoke suite for the packaged extension: the .vsix installed into the test
// VS Code, not the development copy.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';

const EXTENSION_ID = 'implementation-notes.implementation-notes';

export async function run(): Promise<void> {
  const extension = vscode.extensions.getExtension(EXTENSION_ID);
  assert.ok(extension, 'the installed extension is present');
  assert.ok(!extension.extensionPath.startsWith(process.env.IMPL_NOTES_REPO ?? '\u0000'), `loaded from the .vsix install (${extension.extensionPath}), not the repository`);
  await extension.activate();
  const document = await vscode.workspace.openTextDocument({ language: 'markdown', content: '' });
  await vscode.window.showTextDocument(document);
  await vscode.commands.executeCommand('implementationNotes.insertTemplate');
  const count = await new Promise<number>((resolve, reject) => {
    const ours = () => vscode.languages.getDiagnostics(document.uri).filter((d) => d.source === 'Implementation Notes').length;
    const timer = setTimeout(() => reject(new Error(`no diagnostics from the installed extension (have ${ours()})`)), 30000);
    const check = () => {
      if (ours() === 228) {
        clearTimeout(timer);
        listener.dispose();
        resolve(228);
      }
    };
    const listener = vscode.languages.onDidChangeDiagnostics(check);
    check();
  });
  assert.equal(count, 228);
  console.log(`  ✔ the installed .vsix activates, inserts the template and reports its 228 placeholders (from ${extension.extensionPath})`);
  console.log('1 passed, 0 failed');
}
