import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { closeAllEditors, eventually, EXTENSION_ID, selectionText, templateText, untitled } from './util';

const DECISION_3 = [
  '#### Decision 3: [Decision Title]',
  '- **Context**: [Why this decision was needed]',
  '- **Options Considered**: [Alternative approaches]',
  '- **Decision**: [What was chosen]',
  '- **Rationale**: [Why this option was chosen]',
  '- **Consequences**: [Implications of this decision]',
].join('\n');

const CHALLENGE_3 = [
  '### Challenge 3: [Challenge Description]',
  '- **Problem**: [Detailed description of the problem]',
  '- **Root Cause**: [Why this problem occurred]',
  '- **Solution**: [How it was solved]',
  '- **Alternative Approaches**: [Other solutions considered]',
  '- **Lessons Learned**: [What we learned]',
].join('\n');

/** `line:character` of the selection's start and end, and the selected text. */
const where = (editor: vscode.TextEditor) => {
  const { start, end } = editor.selection;
  return `${start.line}:${start.character}-${end.line}:${end.character} ${selectionText(editor)}`;
};

/** The 0-based line of the first occurrence of `needle`. */
const lineOf = (text: string, needle: string) => text.slice(0, text.indexOf(needle)).split(/\r\n|\r|\n/).length - 1;

async function completionLabels(editor: vscode.TextEditor, position: vscode.Position): Promise<vscode.CompletionItem[]> {
  const list = await vscode.commands.executeCommand<vscode.CompletionList>('vscode.executeCompletionItemProvider', editor.document.uri, position);
  return list.items.filter((i) => (i.detail ?? '').startsWith('Implementation Notes:'));
}

const label = (item: vscode.CompletionItem) => (typeof item.label === 'string' ? item.label : item.label.label);

suite('blocks: snippets, completions, Insert Decision / Challenge', () => {
  teardown(closeAllEditors);

  test('Insert Decision on the template adds Decision 3 right after Decision 2, its title selected; Tab moves on; one undo', async () => {
    const editor = await untitled(templateText());
    assert.equal(await vscode.commands.executeCommand('implementationNotes.insertDecision'), true);
    const before = '- **Consequences**: [Implications of this decision]\n\n### Code Structure';
    const expected = templateText().replace(before, `- **Consequences**: [Implications of this decision]\n\n${DECISION_3}\n\n### Code Structure`);
    assert.notEqual(expected, templateText());
    assert.equal(editor.document.getText(), expected);
    const line = lineOf(expected, '#### Decision 3:');
    assert.equal(line, 25);
    assert.equal(where(editor), `${line}:17-${line}:33 [Decision Title]`);
    await eventually(vscode.window.onDidChangeTextEditorVisibleRanges, () => editor.visibleRanges.some((r) => r.contains(editor.selection)), 20000, 'the new block revealed');

    await vscode.commands.executeCommand('jumpToNextSnippetPlaceholder');
    assert.equal(where(editor), `${line + 1}:15-${line + 1}:45 [Why this decision was needed]`);

    await vscode.commands.executeCommand('undo');
    assert.equal(editor.document.getText(), templateText());
  });

  test('Insert Challenge on the template adds Challenge 3 after Challenge 2', async () => {
    const editor = await untitled(templateText());
    assert.equal(await vscode.commands.executeCommand('implementationNotes.insertChallenge'), true);
    const before = '- **Lessons Learned**: [What we learned]\n\n## Performance Considerations';
    const expected = templateText().replace(before, `- **Lessons Learned**: [What we learned]\n\n${CHALLENGE_3}\n\n## Performance Considerations`);
    assert.equal(editor.document.getText(), expected);
    const line = lineOf(expected, '### Challenge 3:');
    assert.equal(where(editor), `${line}:17-${line}:40 [Challenge Description]`);
  });

  test('with no decision yet, Decision 1 lands at the end of Architecture Decisions, one level below it', async () => {
    const text = '# Implementation Notes\n\n## Architecture Decisions\nWe chose boring technology.\n\n\n## Code Structure\nSee src.\n';
    const editor = await untitled(text);
    editor.selection = new vscode.Selection(7, 0, 7, 0); // the cursor elsewhere does not matter
    assert.equal(await vscode.commands.executeCommand('implementationNotes.insertDecision'), true);
    assert.equal(
      editor.document.getText(),
      '# Implementation Notes\n\n## Architecture Decisions\nWe chose boring technology.\n\n' + DECISION_3.replace('#### Decision 3', '### Decision 1') + '\n\n## Code Structure\nSee src.\n',
    );
    assert.equal(where(editor), '5:16-5:32 [Decision Title]');
  });

  test('a CRLF document gets CRLF line breaks', async () => {
    const text = '# Implementation Notes\r\n\r\n## Implementation Challenges and Solutions\r\n\r\n### Challenge 4: Flaky CI\r\n- **Problem**: timeouts\r\n\r\n## Next\r\n';
    const editor = await untitled(text);
    assert.equal(editor.document.eol, vscode.EndOfLine.CRLF);
    assert.equal(await vscode.commands.executeCommand('implementationNotes.insertChallenge'), true);
    const block = CHALLENGE_3.replace('Challenge 3', 'Challenge 5').replace(/\n/g, '\r\n');
    assert.equal(editor.document.getText(), text.replace('timeouts\r\n\r\n', `timeouts\r\n\r\n${block}\r\n\r\n`));
    assert.equal(where(editor), '7:17-7:40 [Challenge Description]');
  });

  test('notes without an Architecture Decisions section: at the cursor, on lines of its own', async () => {
    const editor = await untitled('# Implementation Notes\n\nSome text here.\n');
    editor.selection = new vscode.Selection(2, 4, 2, 4);
    assert.equal(await vscode.commands.executeCommand('implementationNotes.insertDecision'), true);
    assert.equal(editor.document.getText(), `# Implementation Notes\n\nSome\n\n${DECISION_3.replace('Decision 3', 'Decision 1')}\n\n text here.\n`);
  });

  test('refused, text untouched, in a Markdown file that is not notes and in a plain-text editor', async () => {
    const markdown = await untitled('# Shopping list\n\n- milk\n');
    assert.equal(await vscode.commands.executeCommand('implementationNotes.insertDecision'), false);
    assert.equal(markdown.document.getText(), '# Shopping list\n\n- milk\n');

    const plain = await untitled('# Implementation Notes\n', 'plaintext');
    assert.equal(await vscode.commands.executeCommand('implementationNotes.insertChallenge'), false);
    assert.equal(plain.document.getText(), '# Implementation Notes\n');
  });

  test('completions at a line start offer the blocks numbered for this document, those of the section first', async () => {
    const editor = await untitled(templateText() + '\n');
    const end = new vscode.Position(editor.document.lineCount - 1, 0);
    assert.deepEqual((await completionLabels(editor, end)).map(label), ['Decision 3', 'Challenge 3', 'Component 3', 'Metric row 4', 'Dependency row 3', 'Risk 3', 'Debt item 3']);

    // On the blank line after Decision 2: Decision 3 first; accepting it inserts the numbered block.
    const blank = new vscode.Position(lineOf(templateText(), '### Code Structure') - 1, 0);
    assert.equal(editor.document.lineAt(blank.line).text, '');
    const items = await completionLabels(editor, blank);
    assert.deepEqual(items.map(label).slice(0, 1), ['Decision 3']);
    const item = items[0];
    assert.equal(item.kind, vscode.CompletionItemKind.Snippet);
    assert.ok(item.insertText instanceof vscode.SnippetString);
    assert.ok(item.documentation instanceof vscode.MarkdownString && item.documentation.value.includes('#### Decision 3: [Decision Title]'));
    assert.ok(await editor.insertSnippet(item.insertText, item.range as vscode.Range));
    assert.equal(editor.document.lineAt(blank.line).text, '#### Decision 3: [Decision Title]');
    assert.equal(selectionText(editor), '[Decision Title]');
  });

  test('completions while typing a prefix replace it', async () => {
    const editor = await untitled('# Implementation Notes\n\n## Implementation Challenges and Solutions\n\nchal');
    const items = await completionLabels(editor, new vscode.Position(4, 4));
    assert.deepEqual(items.map(label)[0], 'Challenge 1');
    const range = items[0].range as vscode.Range;
    assert.deepEqual([range.start.line, range.start.character, range.end.line, range.end.character], [4, 0, 4, 4]);
    assert.ok(items[0].filterText?.startsWith('challenge'));
    // Not in the middle of a line's text.
    assert.deepEqual(await completionLabels(editor, new vscode.Position(2, 5)), []);
  });

  test('no block completions in a Markdown file that is not notes', async () => {
    const editor = await untitled('# Shopping\n\n');
    assert.deepEqual(await completionLabels(editor, new vscode.Position(2, 0)), []);
  });

  test('the block snippets are contributed for Markdown, from snippets/markdown.json', () => {
    const extension = vscode.extensions.getExtension(EXTENSION_ID)!;
    const contributed = (extension.packageJSON as { contributes: { snippets: { language: string; path: string }[] } }).contributes.snippets;
    assert.deepEqual(contributed, [{ language: 'markdown', path: './snippets/markdown.json' }]);
    const snippets = JSON.parse(fs.readFileSync(path.join(extension.extensionPath, contributed[0].path), 'utf8')) as Record<string, { prefix: string }>;
    assert.deepEqual(Object.entries(snippets).map(([name, s]) => `${s.prefix} = ${name}`), [
      'decision = Implementation Notes: Decision',
      'challenge = Implementation Notes: Challenge',
      'component = Implementation Notes: Component',
      'metric-row = Implementation Notes: Metric row',
      'dependency-row = Implementation Notes: Dependency row',
      'risk = Implementation Notes: Risk',
      'debt-item = Implementation Notes: Debt item',
    ]);
  });

  test('expanding the decision snippet gives the template\'s block; the number is the first tab stop', async () => {
    const editor = await untitled();
    await vscode.commands.executeCommand('editor.action.insertSnippet', { langId: 'markdown', name: 'Implementation Notes: Decision' });
    assert.equal(editor.document.getText(), DECISION_3.replace('Decision 3', 'Decision 1'));
    assert.equal(where(editor), '0:14-0:15 1');
    await vscode.commands.executeCommand('type', { text: '7' });
    await vscode.commands.executeCommand('jumpToNextSnippetPlaceholder');
    assert.equal(where(editor), '0:17-0:33 [Decision Title]');
    assert.equal(editor.document.lineAt(0).text, '#### Decision 7: [Decision Title]');
  });

  test('expanding the challenge and risk snippets', async () => {
    const editor = await untitled();
    await vscode.commands.executeCommand('editor.action.insertSnippet', { langId: 'markdown', name: 'Implementation Notes: Challenge' });
    assert.equal(editor.document.getText(), CHALLENGE_3.replace('Challenge 3', 'Challenge 1'));
    assert.equal(where(editor), '0:14-0:15 1');

    const risk = await untitled();
    await vscode.commands.executeCommand('editor.action.insertSnippet', { langId: 'markdown', name: 'Implementation Notes: Risk' });
    assert.equal(risk.document.getText(), '- **[Risk 1]**: [Description and mitigation]');
    assert.equal(where(risk), '0:10-0:11 1');
    await vscode.commands.executeCommand('jumpToNextSnippetPlaceholder');
    assert.equal(where(risk), '0:4-0:12 [Risk 1]');
  });
});
