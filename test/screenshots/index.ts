// Drives the real workbench into the states the README shows; the runner
// (`npm run screenshots`) takes a picture at each `SCREENSHOT <name>` line.
// Pauses here are for the renderer to settle, not for assertions: this is no test.
import * as vscode from 'vscode';
import { diagnosticsWhen } from '../vscodeShared/helpers';

const pause = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function shot(name: string): Promise<void> {
  await pause(3000);
  console.log(`SCREENSHOT ${name}`);
  await pause(2500);
}

export async function run(): Promise<void> {
  const folder = vscode.workspace.workspaceFolders![0].uri;
  await vscode.commands.executeCommand('workbench.action.closeAuxiliaryBar').then(undefined, () => undefined);

  // 1. The example notes with their diagnostics and the Problems panel.
  const example = await vscode.workspace.openTextDocument(vscode.Uri.joinPath(folder, 'phase-2-search-indexing.md'));
  const editor = await vscode.window.showTextDocument(example);
  await diagnosticsWhen(example.uri, (d) => d.length > 0, 60000);
  editor.revealRange(new vscode.Range(16, 0, 40, 0), vscode.TextEditorRevealType.AtTop);
  editor.selection = new vscode.Selection(18, 17, 18, 33);
  await vscode.commands.executeCommand('implementationNotes.checklist.focus');
  await vscode.commands.executeCommand('workbench.panel.markers.view.focus');
  await shot('diagnostics');

  // 2. The checklist in its own view.
  await vscode.commands.executeCommand('workbench.action.closePanel');
  await vscode.commands.executeCommand('implementationNotes.checklist.focus');
  await shot('checklist');

  // 3. A quick fix on a date placeholder.
  await vscode.window.showTextDocument(example);
  const line = example.getText().split('\n').findIndex((l) => l.includes('**Next Review**: [Date]'));
  const column = example.lineAt(line).text.indexOf('[Date]');
  editor.selection = new vscode.Selection(line, column + 1, line, column + 1);
  editor.revealRange(new vscode.Range(line - 8, 0, line, 0), vscode.TextEditorRevealType.AtTop);
  await pause(500);
  await vscode.commands.executeCommand('editor.action.quickFix');
  await shot('quick-fix');
  await vscode.commands.executeCommand('hideCodeActionWidget').then(undefined, () => undefined);

  // 4. The template just inserted: every placeholder a tab stop.
  const fresh = await vscode.workspace.openTextDocument({ language: 'markdown', content: '' });
  await vscode.window.showTextDocument(fresh);
  await vscode.commands.executeCommand('implementationNotes.insertTemplate');
  await diagnosticsWhen(fresh.uri, (d) => d.length > 0, 60000);
  await shot('insert-template');
  await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
  console.log('0 passed, 0 failed');
}
