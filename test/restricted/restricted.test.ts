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
    // Neither the config's ignore list nor the folder's implementationNotes.ignore
    // regex (.vscode/settings.json, both ignore [Owner]) is applied, and
    // `[TICKET-ID]` in code is not a placeholder of the built-in template.
    assert.deepEqual(diagnostics.map((d) => d.message).sort(), [
      'Placeholder [Link to ticket] is not filled in',
      'Placeholder [Owner] is not filled in',
    ]);
    // The status bar says so once the checklist has caught up with the active document.
    const api = vscode.extensions.getExtension('implementation-notes.implementation-notes')!.exports as {
      statusBar: { text: string; tooltip: string };
      checklist: { onDidRefresh: vscode.Event<void> };
    };
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`status bar: '${api.statusBar.text}'`)), 30000);
      const check = () => {
        if (/^\$\(shield\) \$\(checklist\) (\d+ left|done)$/.test(api.statusBar.text) && api.statusBar.tooltip.includes(' of 3 sections done')) {
          clearTimeout(timer);
          listener.dispose();
          resolve();
        }
      };
      const listener = api.checklist.onDidRefresh(check);
      check();
    });
  });

  test("the workspace's files glob is ignored: a document only it would make notes is not checked", async () => {
    const folder = vscode.workspace.workspaceFolders![0].uri;
    // The fixture does set both: what this suite shows is that they are not used.
    const onDisk = JSON.parse(new TextDecoder().decode(await vscode.workspace.fs.readFile(vscode.Uri.joinPath(folder, '.vscode', 'settings.json'))));
    assert.deepEqual(onDisk['implementationNotes.files'], ['other/**/*.md']);
    const config = vscode.workspace.getConfiguration('implementationNotes', folder);
    // Restricted: the folder's value is not used, only the default (the folder New Notes proposes).
    assert.deepEqual(config.get('files'), config.inspect('files')?.defaultValue);
    assert.deepEqual(config.get('files'), ['docs/implementation-notes/**/*.md']);
    assert.deepEqual(config.get('ignore'), []);

    const plain = vscode.Uri.joinPath(folder, 'other', 'plain.md');
    const editor = await vscode.window.showTextDocument(plain);
    const api = vscode.extensions.getExtension('implementation-notes.implementation-notes')!.exports as {
      analyzer: { analyzeNow(d: vscode.TextDocument): Promise<unknown>; isNotes(d: vscode.TextDocument): boolean };
    };
    assert.equal(await api.analyzer.analyzeNow(editor.document), undefined);
    assert.equal(api.analyzer.isNotes(editor.document), false);
    assert.deepEqual(vscode.languages.getDiagnostics(plain).filter((d) => d.source === 'Implementation Notes'), []);
  });
});
