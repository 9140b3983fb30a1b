// Drives the real workbench into the states the README shows; the runner
// (`npm run screenshots`) takes a picture at each `SCREENSHOT <name>` line.
// Pauses here are for the renderer to settle, not for assertions: this is no test.
import * as vscode from 'vscode';
import { diagnosticsWhen } from '../vscodeShared/helpers';
import { defaultTemplate } from '../../src/core';
import type { TestHooks } from '../../src/extension/extension';

const pause = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function shot(name: string): Promise<void> {
  await pause(3000);
  console.log(`SCREENSHOT ${name}`);
  await pause(2500);
}

/** The examples' own code, as a filled Code Structure names it (the team notes' references resolve). */
const TREE = '```\nexamples/\n├── search/\n│   └── query.py\n└── indexer/\n    ├── queue.py\n    └── writer.py\n```';

/**
 * Notes at different stages: some placeholders filled, one without its
 * security chapter, one finished, and one finished but naming code the
 * examples do not have (a broken reference and an unknown symbol).
 */
async function writeTeamNotes(dir: vscode.Uri): Promise<void> {
  const template = defaultTemplate().text;
  const fill = (phase: string, share: number, drop?: RegExp, locations = ['search/query.py', 'indexer/writer.py']) => {
    let n = 0;
    let located = 0;
    let text = template.replace('# Implementation Notes Template', `# Implementation Notes: ${phase}`).replace('[Phase Number and Name]', phase);
    text = text.replace(/^```\nproject_root\/[\s\S]*?^```/m, TREE);
    text = text.replace(/\[File path\]/g, () => locations[located++ % locations.length]);
    text = text.replace(/\[[^[\]\n]{1,120}\](?!\()/g, (m) => ((n++ * 37) % 100 < share * 100 ? 'Written up.' : m));
    return drop ? text.replace(drop, '') : text;
  };
  const sessions = fill('Phase 6: Sessions', 1, undefined, ['auth/sessions.py', 'indexer/writer.py']).replace('`ClassName`', '`SessionStore`');
  const files: [string, string][] = [
    ['phase-1-authentication.md', fill('Phase 1: Authentication', 1)],
    ['phase-6-sessions.md', sessions],
    ['phase-3-billing.md', fill('Phase 3: Billing', 0.6, /^## Security Implementation[\s\S]*?(?=^## )/m)],
    ['phase-4-exports.md', fill('Phase 4: Exports', 0.15)],
    ['api/phase-5-webhooks.md', fill('Phase 5: Webhooks', 0.85)],
  ];
  for (const [name, text] of files) await vscode.workspace.fs.writeFile(vscode.Uri.joinPath(dir, name), new TextEncoder().encode(text));
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

  // 5. Notes in Workspace: a few more notes files beside the example, for the picture only.
  const team = vscode.Uri.joinPath(folder, 'team');
  try {
    await writeTeamNotes(team);
    const api = vscode.extensions.getExtension<TestHooks>('implementation-notes.implementation-notes')!.exports;
    await vscode.window.showTextDocument(example);
    await vscode.commands.executeCommand('implementationNotes.workspace.focus');
    await api.workspace.notes.rescan();
    // Every file's row (the checklist above collapsed), least complete first.
    await vscode.commands.executeCommand('implementationNotes.checklist.focus');
    await vscode.commands.executeCommand('list.collapseAll');
    await vscode.commands.executeCommand('implementationNotes.workspace.focus');
    await shot('workspace');
  } finally {
    await vscode.workspace.fs.delete(team, { recursive: true });
  }
  console.log('0 passed, 0 failed');
}
