// Missing sections (docs/spec.md, "Missing sections") and problems that follow
// the tabs, as a user sees them in the real VS Code. The fixture workspace
// turns missing sections off for the other suites; this one turns them on.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { ChecklistItem, ChecklistProvider } from '../../../src/extension/views/checklist';
import { decorationOf } from '../../../src/extension/views/countBadges';
import { api, badgeOf, closeAllEditors, diagnosticsWhen, eventually, fixture, rowText, TEMPLATE_PLACEHOLDERS, templateText, untitled } from './util';

const CHAPTER = '## Security Implementation\n';
const NEXT = '## Testing Implementation\n';

/** The template without its Security Implementation chapter (and its subsections). */
const withoutSecurity = (text: string): string => text.slice(0, text.indexOf(CHAPTER)) + text.slice(text.indexOf(NEXT));

function rowsOf(checklist: ChecklistProvider): string[] {
  const out: string[] = [];
  const walk = (items: ChecklistItem[], depth: number) => {
    for (const item of items) {
      const tree = checklist.getTreeItem(item);
      out.push(`${'  '.repeat(depth)}${rowText(tree)} ${tree.contextValue}`);
      walk(checklist.getChildren(item), depth + 1);
    }
  };
  walk(checklist.getChildren(), 0);
  return out;
}

async function actionsAt(uri: vscode.Uri, range: vscode.Range): Promise<vscode.CodeAction[]> {
  return (await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', uri, range, vscode.CodeActionKind.QuickFix.value)) ?? [];
}

const missingOnes = (d: vscode.Diagnostic[]) => d.filter((x) => x.code === 'missing-section');

suite('missing sections', () => {
  suiteSetup(async () => {
    await vscode.workspace.getConfiguration('implementationNotes').update('missingSections', true, vscode.ConfigurationTarget.Workspace);
  });
  suiteTeardown(async () => {
    await vscode.workspace.getConfiguration('implementationNotes').update('missingSections', false, vscode.ConfigurationTarget.Workspace);
  });
  teardown(closeAllEditors);

  test('delete a chapter: the diagnostic, the checklist row and the badge; insert it from the template, one undo step', async () => {
    const template = templateText();
    const editor = await untitled(template);
    const uri = editor.document.uri;
    const { checklist } = await api();
    await diagnosticsWhen(uri, (d) => d.length === TEMPLATE_PLACEHOLDERS);
    await eventually(checklist.onDidRefresh, () => checklist.badge?.value === TEMPLATE_PLACEHOLDERS, 20000, 'the badge counts every placeholder');

    const start = editor.document.positionAt(template.indexOf(CHAPTER));
    const end = editor.document.positionAt(template.indexOf(NEXT));
    assert.ok(await editor.edit((b) => b.delete(new vscode.Range(start, end))));
    const deleted = withoutSecurity(template);
    assert.equal(editor.document.getText(), deleted);

    const diagnostics = await diagnosticsWhen(uri, (d) => missingOnes(d).length === 1);
    const [missing] = missingOnes(diagnostics);
    assert.equal(missing.message, 'Section "Security Implementation" is missing');
    assert.equal(missing.severity, vscode.DiagnosticSeverity.Information);
    assert.deepEqual([missing.range.start.line, missing.range.start.character], [0, 0]);

    const rows = await eventually(checklist.onDidRefresh, () => {
      const r = checklist.current?.document === editor.document && checklist.current.version === editor.document.version ? rowsOf(checklist) : [];
      return r.some((row) => row.includes('Security Implementation')) ? r : undefined;
    }, 20000, 'the missing row');
    // 1 left at the right edge (the section itself, as its parent counts it), the title in the warning
    // colour of its icon: what a long title, cut before "missing", still shows.
    const at = rows.indexOf('Security Implementation (missing) [1] missing');
    assert.ok(at > 0, JSON.stringify(rows));
    assert.match(rows[at - 1], /^ {2}Bottlenecks Identified/, 'after the last row of Performance Considerations, where the template puts it');
    assert.match(rows[at + 1], /^Testing Implementation/);
    const placeholdersLeft = diagnostics.filter((d) => d.code === 'placeholder').length;
    assert.ok(placeholdersLeft < TEMPLATE_PLACEHOLDERS);
    assert.equal(checklist.badge?.value, placeholdersLeft + 1);
    assert.match(checklist.badge?.tooltip ?? '', /, 1 missing section$/);

    const actions = await actionsAt(uri, missing.range);
    assert.deepEqual(
      actions.filter((a) => a.title.includes('Security Implementation')).map((a) => `${a.title}${a.isPreferred ? ' *' : ''}`),
      ['Insert section "Security Implementation" from template *', 'Insert section "Security Implementation" as not applicable'],
    );
    const insert = actions.find((a) => a.title.endsWith('from template'))!;
    await vscode.commands.executeCommand(insert.command!.command, ...(insert.command!.arguments ?? []));
    assert.equal(editor.document.getText(), template);
    assert.equal(editor.document.getText(editor.selection), '[Security Measure 1]', 'the first placeholder is the first tab stop');
    await diagnosticsWhen(uri, (d) => missingOnes(d).length === 0 && d.length === TEMPLATE_PLACEHOLDERS);

    await vscode.commands.executeCommand('undo');
    assert.equal(editor.document.getText(), deleted, 'one undo step takes the whole insertion back');
  });

  test('insert as not applicable from the checklist row', async () => {
    const editor = await untitled(withoutSecurity(templateText()));
    const { checklist } = await api();
    const item = await eventually(checklist.onDidRefresh, () => {
      return checklist.current?.document === editor.document && checklist.current.version === editor.document.version ? checklist.getChildren().find((i) => i.kind === 'missing') : undefined;
    }, 20000, 'the missing row');
    const tree = checklist.getTreeItem(item);
    assert.equal((tree.iconPath as vscode.ThemeIcon).id, 'diff-added');
    const decoration = decorationOf(tree.resourceUri!);
    assert.deepEqual([decoration?.badge, decoration?.color], ['1', new vscode.ThemeColor('list.warningForeground')], 'the badge and title colour');
    await vscode.commands.executeCommand(tree.command!.command, ...(tree.command!.arguments ?? []));
    const where = editor.document.getText().indexOf(NEXT);
    assert.deepEqual(editor.selection.active, editor.document.positionAt(where), 'clicking the row puts the cursor where it goes');

    await vscode.commands.executeCommand('implementationNotes.insertMissingNotApplicable', item);
    assert.ok(editor.document.getText().includes(`\n\n${CHAPTER}\nNot applicable.\n\n${NEXT}`));
    await diagnosticsWhen(editor.document.uri, (d) => missingOnes(d).length === 0 && d.length > 0);
  });

  test('a done chapter that lacks a subsection is to do: no check, "1 left"', async () => {
    const text = templateText().replace(/\[[^\]\n]*\]/g, 'x');
    const cutFrom = text.indexOf('### Test Strategy\n');
    const editor = await untitled(text.slice(0, cutFrom) + text.slice(text.indexOf('### Test Results Summary\n')));
    const { checklist } = await api();
    const testing = await eventually(checklist.onDidRefresh, () =>
      // This document's snapshot: the last test's untitled document may have had the same version.
      checklist.current?.document === editor.document && checklist.current.version === editor.document.version ? checklist.getChildren().find((i) => i.kind !== 'missing' && i.section.title === 'Testing Implementation') : undefined,
    20000, 'the Testing Implementation row');
    const tree = checklist.getTreeItem(testing);
    assert.equal((tree.iconPath as vscode.ThemeIcon).id, 'circle-large-outline');
    assert.equal(badgeOf(tree), '1');
    assert.equal(tree.description, undefined);
    assert.deepEqual(checklist.getChildren(testing).map((i) => checklist.getTreeItem(i).label), ['Test Strategy']);
  });

  test('problems follow the tabs: gone within a second of the last tab closing, back when shown again', async () => {
    const uri = fixture('docs', 'phase-1.md');
    const document = await vscode.workspace.openTextDocument(uri);
    await vscode.window.showTextDocument(document);
    const before = await diagnosticsWhen(uri, (d) => d.length > 0);
    assert.ok(missingOnes(before).length > 0, 'phase-1.md misses sections of the template');

    await vscode.commands.executeCommand('workbench.action.closeActiveEditor');
    await diagnosticsWhen(uri, (d) => d.length === 0, 1000);

    await vscode.window.showTextDocument(document);
    const after = await diagnosticsWhen(uri, (d) => d.length === before.length, 5000);
    assert.deepEqual(after.map((d) => d.message), before.map((d) => d.message));
  });
});
