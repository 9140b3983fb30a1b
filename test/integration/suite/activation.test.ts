import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { closeAllEditors, summarize, diagnosticsWhen, EXTENSION_ID, fixture, repoRoot, TEMPLATE_PLACEHOLDERS } from './util';

suite('activation', () => {
  teardown(closeAllEditors);

  test('activates on a Markdown document and reports its placeholders', async () => {
    const extension = vscode.extensions.getExtension(EXTENSION_ID);
    assert.ok(extension, 'the extension is installed in the test host');
    const doc = await vscode.workspace.openTextDocument(fixture('docs', 'phase-1.md'));
    await vscode.window.showTextDocument(doc);
    assert.equal(doc.languageId, 'markdown');
    const diagnostics = await diagnosticsWhen(doc.uri, (d) => d.length > 0);
    assert.ok(extension.isActive);
    assert.deepEqual(summarize(diagnostics), ['13:1-13:9 empty-section', '5:21-5:27 placeholder', '11:17-11:34 placeholder'].sort());
  });

  test('a plain Markdown file gets no diagnostics', async () => {
    const doc = await vscode.workspace.openTextDocument(fixture('README.md'));
    await vscode.window.showTextDocument(doc);
    // The notes document is analysed after this one is opened: once it has
    // diagnostics, the plain file has had its turn too.
    const notes = await vscode.workspace.openTextDocument(fixture('docs', 'phase-1.md'));
    // Shown beside (problems follow the tabs), the plain file's tab kept open.
    await vscode.window.showTextDocument(notes, { viewColumn: vscode.ViewColumn.Beside, preserveFocus: true });
    await diagnosticsWhen(notes.uri, (d) => d.length > 0);
    assert.ok(vscode.window.tabGroups.all.some((g) => g.tabs.some((t) => t.input instanceof vscode.TabInputText && t.input.uri.toString() === doc.uri.toString())));
    assert.deepEqual(vscode.languages.getDiagnostics(doc.uri), []);
  });

  test('the real API: an edit to an untitled document reads back; the template is analysed', async () => {
    const started = performance.now();
    const doc = await vscode.workspace.openTextDocument({ language: 'markdown', content: '' });
    const template = fs.readFileSync(path.join(repoRoot, 'src/core/template/implementation-notes.md'), 'utf8');
    const edit = new vscode.WorkspaceEdit();
    edit.insert(doc.uri, new vscode.Position(0, 0), template);
    assert.ok(await vscode.workspace.applyEdit(edit));
    assert.equal(doc.getText(), template);
    const diagnostics = await diagnosticsWhen(doc.uri, (d) => d.length === TEMPLATE_PLACEHOLDERS);
    const firstAnalysisMs = performance.now() - started;
    assert.equal(diagnostics.filter((d) => d.code === 'placeholder').length, TEMPLATE_PLACEHOLDERS);
    // Recorded for `npm run bench`: figures from the real VS Code.
    const api = vscode.extensions.getExtension(EXTENSION_ID)!.exports as { activationMs?: number } | undefined;
    fs.mkdirSync(path.join(repoRoot, 'out'), { recursive: true });
    fs.writeFileSync(path.join(repoRoot, 'out', 'activation.json'), JSON.stringify({
      when: new Date().toISOString(), vscode: vscode.version, activateMs: api?.activationMs ?? NaN, firstAnalysisMs,
    }));
  });
});
