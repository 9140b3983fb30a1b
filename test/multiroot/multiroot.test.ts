import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { diagnosticsWhen } from '../vscodeShared/helpers';

const folder = (name: string) => vscode.workspace.workspaceFolders!.find((f) => f.name === name)!;

suite('multi-root workspace', () => {
  test('each folder uses its own .impl-notes.yaml (ignore list and template)', async () => {
    assert.deepEqual(vscode.workspace.workspaceFolders!.map((f) => f.name), ['workspace', 'workspace-b']);
    const b = vscode.Uri.joinPath(folder('workspace-b').uri, 'notes', 'b.md');
    await vscode.window.showTextDocument(b);
    const inB = await diagnosticsWhen(b, (d) => d.length > 0, 30000);
    // [Owner] is ignored by B's config; `[TICKET-ID]` counts in code because it is in B's template.
    assert.deepEqual(inB.map((d) => `${d.range.start.line + 1}:${d.range.start.character + 1} ${d.message}`).sort(), [
      '7:23 Placeholder [Link to ticket] is not filled in',
      '7:6 Placeholder [TICKET-ID] is not filled in',
    ]);

    const a = vscode.Uri.joinPath(folder('workspace').uri, 'docs', 'phase-1.md');
    await vscode.window.showTextDocument(a);
    const inA = await diagnosticsWhen(a, (d) => d.length > 0, 30000);
    assert.equal(inA.length, 3, 'folder A keeps the default template and no ignore list');
  });

  test('one check task per folder', async () => {
    const tasks = await vscode.tasks.fetchTasks({ type: 'impl-notes' });
    assert.deepEqual(tasks.map((t) => (t.scope as vscode.WorkspaceFolder).name).sort(), ['workspace', 'workspace-b']);
  });
});
