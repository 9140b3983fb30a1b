import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';

suite('restricted mode', () => {
  test('an untrusted workspace loads neither its config nor its template', async () => {
    assert.equal(vscode.workspace.isTrusted, false, 'the workspace opens in Restricted Mode');
    const b = vscode.Uri.joinPath(vscode.workspace.workspaceFolders![0].uri, 'notes', 'b.md');
    await vscode.window.showTextDocument(b);
    const diagnostics = await new Promise<vscode.Diagnostic[]>((resolve, reject) => {
      const ours = () => vscode.languages.getDiagnostics(b).filter((d) => d.source === 'Implementation Notes');
      const timer = setTimeout(() => reject(new Error('no diagnostics')), 30000);
      const check = () => {
        if (ours().length > 0) {
          clearTimeout(timer);
          listener.dispose();
          resolve(ours());
        }
      };
      const listener = vscode.languages.onDidChangeDiagnostics(check);
      check();
    });
    // The config's ignore list is not applied, and `[TICKET-ID]` in code is not
    // a placeholder of the built-in template.
    assert.deepEqual(diagnostics.map((d) => d.message).sort(), [
      'Placeholder [Link to ticket] is not filled in',
      'Placeholder [Owner] is not filled in',
    ]);
    // The status bar says so once the checklist has caught up with the active document.
    const api = vscode.extensions.getExtension('implementation-notes.implementation-notes')!.exports as {
      statusBar: vscode.StatusBarItem;
      checklist: { onDidRefresh: vscode.Event<void> };
    };
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`status bar: '${api.statusBar.text}'`)), 30000);
      const check = () => {
        if (/^\$\(shield\) \$\(checklist\) \d+\/3 sections$/.test(api.statusBar.text)) {
          clearTimeout(timer);
          listener.dispose();
          resolve();
        }
      };
      const listener = api.checklist.onDidRefresh(check);
      check();
    });
  });
});
