import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { closeAllEditors, diagnosticsWhen, fixture, selectionText, TEMPLATE_PLACEHOLDERS, templateText, untitled } from './util';

suite('commands', () => {
  teardown(closeAllEditors);

  test('Insert Template into an empty document: the whole template, first placeholder selected, a diagnostic per placeholder', async () => {
    const editor = await untitled();
    assert.equal(await vscode.commands.executeCommand('implementationNotes.insertTemplate'), true);
    assert.equal(editor.document.getText(), templateText());
    assert.equal(selectionText(editor), '[Phase Number and Name]');
    assert.deepEqual([editor.selection.start.line, editor.selection.start.character], [3, 11]);
    await diagnosticsWhen(editor.document.uri, (d) => d.length === TEMPLATE_PLACEHOLDERS);

    // Typing over the selected placeholder leaves 227.
    await editor.edit((b) => b.replace(editor.selection, 'Phase 1: Import'));
    const after = await diagnosticsWhen(editor.document.uri, (d) => d.length === 227);
    assert.ok(after.every((d) => d.range.start.line !== 3 || d.range.start.character !== 11));
  });

  test('Insert Template replaces only the selection, and one undo restores the text', async () => {
    const editor = await untitled('before SELECTED after');
    editor.selection = new vscode.Selection(0, 7, 0, 15);
    await vscode.commands.executeCommand('implementationNotes.insertTemplate');
    assert.equal(editor.document.getText(), `before ${templateText()} after`);
    await vscode.commands.executeCommand('undo');
    assert.equal(editor.document.getText(), 'before SELECTED after');
  });

  test('Insert Template with no editor opens a new Markdown document', async () => {
    await closeAllEditors();
    await vscode.commands.executeCommand('implementationNotes.insertTemplate');
    const editor = vscode.window.activeTextEditor!;
    assert.ok(editor.document.isUntitled);
    assert.equal(editor.document.languageId, 'markdown');
    assert.equal(editor.document.getText(), templateText());
  });

  test('diagnostics are cleared when the document closes', async () => {
    const editor = await untitled('# Implementation Notes\n\n[Left]\n');
    const uri = editor.document.uri;
    await diagnosticsWhen(uri, (d) => d.length === 1);
    const closed = new Promise<void>((resolve) => {
      const listener = vscode.workspace.onDidCloseTextDocument((doc) => {
        if (doc.uri.toString() === uri.toString()) {
          listener.dispose();
          resolve();
        }
      });
    });
    await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
    await closed;
    await diagnosticsWhen(uri, (d) => d.length === 0);
    assert.deepEqual(vscode.languages.getDiagnostics(uri), []);
  });

  test('Go to Next / Previous Placeholder select placeholders in order, wrapping around', async () => {
    const editor = await untitled('# Implementation Notes\n\n[One] text [Two]\n\n[Three]\n');
    await diagnosticsWhen(editor.document.uri, (d) => d.length === 3);
    editor.selection = new vscode.Selection(0, 0, 0, 0);
    const seen: string[] = [];
    for (let i = 0; i < 4; i++) {
      await vscode.commands.executeCommand('implementationNotes.nextPlaceholder');
      seen.push(selectionText(editor));
    }
    assert.deepEqual(seen, ['[One]', '[Two]', '[Three]', '[One]']);
    await vscode.commands.executeCommand('implementationNotes.previousPlaceholder');
    assert.equal(selectionText(editor), '[Three]');
    assert.deepEqual([editor.selection.start.line, editor.selection.start.character], [4, 0]);
  });

  test('Fill Placeholder Everywhere replaces every identical placeholder in one undo step', async () => {
    const editor = await untitled(templateText());
    await diagnosticsWhen(editor.document.uri, (d) => d.length === TEMPLATE_PLACEHOLDERS);
    const occurrences = templateText().split('[Name]').length - 1;
    assert.equal(occurrences, 6);
    const count = await vscode.commands.executeCommand('implementationNotes.fillPlaceholderEverywhere', { placeholder: '[Name]', value: 'Ada Lovelace' });
    assert.equal(count, occurrences);
    const expected = templateText().split('[Name]').join('Ada Lovelace');
    assert.equal(editor.document.getText(), expected);
    await diagnosticsWhen(editor.document.uri, (d) => d.length === TEMPLATE_PLACEHOLDERS - occurrences);
    await vscode.commands.executeCommand('undo');
    assert.equal(editor.document.getText(), templateText());
  });

  test('New Implementation Notes creates the file from the template and never overwrites', async () => {
    const relative = 'docs/generated/phase-9-test.md';
    const target = fixture(...relative.split('/'));
    await vscode.workspace.fs.delete(fixture('docs', 'generated'), { recursive: true }).then(undefined, () => undefined);
    try {
      const created = await vscode.commands.executeCommand<vscode.Uri>('implementationNotes.newNotes', { phase: 'Phase 9 – Test', fileName: relative });
      assert.equal(created?.toString(), target.toString());
      const written = new TextDecoder().decode(await vscode.workspace.fs.readFile(target));
      const expected = templateText().replace('Notes Template', 'Notes: Phase 9 – Test').replace('[Phase Number and Name]', 'Phase 9 – Test');
      assert.equal(written, `---\ntype: implementation-notes\n---\n\n${expected}`);
      assert.equal(vscode.window.activeTextEditor?.document.uri.toString(), target.toString());

      await vscode.workspace.fs.writeFile(target, new TextEncoder().encode('# Mine\n'));
      const again = await vscode.commands.executeCommand('implementationNotes.newNotes', { phase: 'Phase 9 – Test', fileName: relative });
      assert.equal(again, undefined);
      assert.equal(new TextDecoder().decode(await vscode.workspace.fs.readFile(target)), '# Mine\n');
    } finally {
      await closeAllEditors();
      await vscode.workspace.fs.delete(fixture('docs', 'generated'), { recursive: true }).then(undefined, () => undefined);
    }
  });
});
