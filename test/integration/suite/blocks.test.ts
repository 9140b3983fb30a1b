import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { closeAllEditors, diagnosticsWhen, EXTENSION_ID, templateText, untitled } from './util';

suite('snippets and completions', () => {
  teardown(closeAllEditors);

  test('the decision and challenge snippets are contributed for Markdown', () => {
    const extension = vscode.extensions.getExtension(EXTENSION_ID)!;
    const contributed = extension.packageJSON.contributes.snippets as { language: string; path: string }[];
    assert.deepEqual(contributed.map((s) => s.language), ['markdown']);
    const snippets = JSON.parse(fs.readFileSync(path.join(extension.extensionPath, contributed[0].path), 'utf8'));
    const prefixes = Object.values(snippets).map((s) => (s as { prefix: string }).prefix);
    assert.deepEqual(prefixes, ['decision', 'challenge', 'component', 'metric-row', 'dependency-row', 'risk', 'debt-item']);
  });

  test('expanding the decision snippet gives the template\'s decision block', async () => {
    const editor = await untitled();
    await vscode.commands.executeCommand('editor.action.insertSnippet', { langId: 'markdown', name: 'Implementation Notes: Decision' });
    assert.equal(editor.document.getText(), [
      '#### Decision 1: [Decision Title]',
      '- **Context**: [Why this decision was needed]',
      '- **Options Considered**: [Alternative approaches]',
      '- **Decision**: [What was chosen]',
      '- **Rationale**: [Why this option was chosen]',
      '- **Consequences**: [Implications of this decision]',
    ].join('\n'));
    assert.equal(editor.document.getText(editor.selection), '1');
  });

  test('completions offer the blocks numbered for this document', async () => {
    const editor = await untitled(templateText() + '\n');
    await diagnosticsWhen(editor.document.uri, (d) => d.length === 228);
    const end = new vscode.Position(editor.document.lineCount - 1, 0);
    const list = await vscode.commands.executeCommand<vscode.CompletionList>('vscode.executeCompletionItemProvider', editor.document.uri, end);
    const labels = list.items.filter((i) => String(i.detail ?? '').startsWith('Implementation Notes')).map((i) => (typeof i.label === 'string' ? i.label : i.label.label));
    assert.deepEqual(labels, ['Decision 3', 'Challenge 3', 'Component 3', 'Metric row 4', 'Dependency row 3', 'Risk 3', 'Debt item 3']);
  });

  test('no block completions in a Markdown file that is not notes', async () => {
    const editor = await untitled('# Shopping\n\n');
    const list = await vscode.commands.executeCommand<vscode.CompletionList>('vscode.executeCompletionItemProvider', editor.document.uri, new vscode.Position(2, 0));
    assert.equal(list.items.filter((i) => String(i.detail ?? '').startsWith('Implementation Notes')).length, 0);
  });
});
