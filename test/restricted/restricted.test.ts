import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { api, diagnosticsWhen, eventually, ourDiagnostics } from '../vscodeShared/helpers';

suite('restricted mode', () => {
  test('an untrusted workspace loads neither its config nor its template', async () => {
    assert.equal(vscode.workspace.isTrusted, false, 'the workspace opens in Restricted Mode');
    const b = vscode.Uri.joinPath(vscode.workspace.workspaceFolders![0].uri, 'notes', 'b.md');
    await vscode.window.showTextDocument(b);
    const diagnostics = await diagnosticsWhen(b, (d) => d.length > 0, 30000);
    // Neither the config's ignore list nor the folder's implementationNotes.ignore
    // regex (.vscode/settings.json, both ignore [Owner]) is applied, and
    // `[TICKET-ID]` in code is not a placeholder of the built-in template.
    assert.deepEqual(diagnostics.map((d) => d.message).sort(), [
      'Placeholder [Link to ticket] is not filled in',
      'Placeholder [Owner] is not filled in',
    ]);
    // The status bar says so once the checklist has caught up with the active document.
    const { checklist, statusBar } = await api();
    await eventually(
      checklist.onDidRefresh,
      () => /^\$\(shield\) \$\(checklist\) (\d+ left|done)$/.test(statusBar.text) && statusBar.tooltip.includes(' of 3 sections done'),
      30000,
      'the status bar says Restricted Mode',
    );
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
    const { analyzer } = await api();
    assert.equal(await analyzer.analyzeNow(editor.document), undefined);
    assert.equal(analyzer.isNotes(editor.document), false);
    assert.deepEqual(ourDiagnostics(plain), []);
  });
});
