import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { ChecklistItem, ChecklistProvider } from '../../../src/extension/views/checklist';
import { api, closeAllEditors, eventually, rowText, untitled } from './util';

const DOC = '# Implementation Notes\n\n## Deliverables\n- [x] API docs\n- [ ] Runbook\n- [~] Video\n- [ ] Blog (optional)\n\n## Phases\n- [ ] Phase 1\n- [ ] Phase 2\n';


/** Every row as the sidebar shows it, `label (description)`, done sections too. */
function rowsOf(checklist: ChecklistProvider): string[] {
  const out: string[] = [];
  const walk = (items: ChecklistItem[]) => {
    for (const item of items) {
      const tree = checklist.getTreeItem(item);
      out.push(rowText(tree));
      walk(checklist.getChildren(item));
    }
  };
  walk(checklist.getChildren());
  return out;
}

async function actionsAt(uri: vscode.Uri, line: number): Promise<string[]> {
  const actions = (await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', uri, new vscode.Range(line, 3, line, 3), vscode.CodeActionKind.QuickFix.value)) ?? [];
  return actions.map((a) => a.title);
}

suite('task lists', () => {
  suiteSetup(async () => (await api()).checklist.setShowAll(true));
  suiteTeardown(async () => (await api()).checklist.setShowAll(false));
  teardown(closeAllEditors);

  test('the checklist shows "1/2 tasks done" per section; a section of open tasks only is not done', async () => {
    await untitled(DOC);
    const { checklist } = await api();
    const rows = await eventually(checklist.onDidRefresh, () => {
      const r = rowsOf(checklist);
      return r.length === 2 ? r : undefined;
    }, 20000, 'checklist rows');
    // Only open tasks: the section is to do, not done; its icon is no check mark.
    assert.deepEqual(rows, ['Deliverables (done · 1/2 tasks done)', 'Phases (to do · 0/2 tasks done)']);
    const phases = checklist.getChildren()[1];
    assert.equal((checklist.getTreeItem(phases).iconPath as vscode.ThemeIcon).id, 'circle-large-outline');
  });

  test('the tasks.notApplicable setting takes the place of the built-in markers; the rows follow at once', async () => {
    await untitled(DOC);
    const { checklist } = await api();
    const rowsBecome = (want: string) => eventually(checklist.onDidRefresh, () => (rowsOf(checklist).join('|') === want ? true : undefined), 20000, want);
    await rowsBecome('Deliverables (done · 1/2 tasks done)|Phases (to do · 0/2 tasks done)');
    const setting = vscode.workspace.getConfiguration('implementationNotes');
    try {
      // "Runbook" now ends a task that does not apply, and "(optional)" no longer does.
      await setting.update('tasks.notApplicable', ['Runbook', 'PHASE 2'], vscode.ConfigurationTarget.Global);
      await rowsBecome('Deliverables (done · 1/2 tasks done)|Phases (to do · 0/1 tasks done)');
      await setting.update('tasks.notApplicable', ['(optional)', 'runbook'], vscode.ConfigurationTarget.Global);
      await rowsBecome('Deliverables (done · 1/1 tasks done)|Phases (to do · 0/2 tasks done)');
    } finally {
      await setting.update('tasks.notApplicable', undefined, vscode.ConfigurationTarget.Global);
    }
    await rowsBecome('Deliverables (done · 1/2 tasks done)|Phases (to do · 0/2 tasks done)');
  });

  test('a quick fix and the Toggle Task command tick and untick a task; the counts follow', async () => {
    const editor = await untitled(DOC);
    const { uri } = editor.document;
    const { checklist, analyzer } = await api();
    // This document's own analysis: the checklist may still show the previous test's rows of the same text.
    await eventually(analyzer.onDidChangeAnalysis, () => analyzer.current(editor.document) !== undefined && analyzer.isNotes(editor.document), 20000, 'the analysis of this document');
    await eventually(checklist.onDidRefresh, () => (rowsOf(checklist).length === 2 ? true : undefined), 20000, 'checklist rows');
    assert.deepEqual(await actionsAt(uri, 4), ['Mark Task Done']);
    assert.deepEqual(await actionsAt(uri, 3), ['Mark Task Not Done']);
    assert.deepEqual(await actionsAt(uri, 5), [], 'a not-applicable task [~] has no toggle');
    assert.deepEqual(await actionsAt(uri, 2), [], 'a heading is no task');

    const actions = (await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', uri, new vscode.Range(4, 3, 4, 3), vscode.CodeActionKind.QuickFix.value));
    assert.ok(await vscode.workspace.applyEdit(actions[0].edit!));
    assert.equal(editor.document.lineAt(4).text, '- [x] Runbook');

    editor.selections = [new vscode.Selection(9, 0, 9, 0), new vscode.Selection(10, 4, 10, 4)];
    assert.equal(await vscode.commands.executeCommand('implementationNotes.toggleTask'), true);
    assert.equal(editor.document.lineAt(9).text, '- [x] Phase 1');
    assert.equal(editor.document.lineAt(10).text, '- [x] Phase 2');
    await eventually(checklist.onDidRefresh, () => (rowsOf(checklist).join('|') === 'Deliverables (done · 2/2 tasks done)|Phases (done · 2/2 tasks done)' ? true : undefined), 20000, 'counts after the toggles');

    assert.equal(await vscode.commands.executeCommand('implementationNotes.toggleTask', uri, 3), true);
    assert.equal(editor.document.lineAt(3).text, '- [ ] API docs');
  });
});
