import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { ChecklistItem, ChecklistProvider } from '../../../src/extension/checklistView';
import { api, closeAllEditors, eventually, fixture, selectionText, untitled } from './util';

type Row = string;

/** The tree as a user reads it: indented `label (description)`. */
function rowsOf(checklist: ChecklistProvider): Row[] {
  const out: Row[] = [];
  const walk = (items: ChecklistItem[], depth: number) => {
    for (const item of items) {
      const tree = checklist.getTreeItem(item);
      out.push(`${'  '.repeat(depth)}${tree.label}${tree.description ? ` (${tree.description})` : ''}`);
      walk(checklist.getChildren(item), depth + 1);
    }
  };
  walk(checklist.getChildren(), 0);
  return out;
}

const rows = async (): Promise<Row[]> => rowsOf((await api()).checklist);

async function rowsWhen(check: (r: Row[]) => boolean): Promise<Row[]> {
  const { checklist } = await api();
  let last: Row[] = [];
  return eventually(checklist.onDidRefresh, () => {
    last = rowsOf(checklist);
    return check(last) ? last : undefined;
  }, 20000, 'checklist rows').catch((e: Error) => {
    throw new Error(`${e.message}; last rows: ${JSON.stringify(last)}`);
  });
}

suite('checklist', () => {
  teardown(async () => {
    const { checklist } = await api();
    await checklist.setShowAll(false);
    await closeAllEditors();
  });

  test('lists the sections to fill, nested, with counts; the status bar shows progress', async () => {
    const document = await vscode.workspace.openTextDocument(fixture('docs', 'phase-1.md'));
    await vscode.window.showTextDocument(document);
    const tree = await rowsWhen((r) => r.length > 0);
    assert.deepEqual(tree, [
      'Implementation Notes: Phase 1 (2 placeholders in subsections)',
      '  Phase Information (1 placeholder)',
      '  Decisions (1 placeholder in subsections)',
      '    Decision 1: Stream instead of batch (1 placeholder)',
      '  Risks (empty)',
    ]);
    const { statusBar } = await api();
    assert.equal(statusBar.text, '$(checklist) 0/5 sections');
  });

  test('follows edits: a filled section leaves the list', async () => {
    const editor = await untitled('# Implementation Notes\n\n## Owner\n[Name]\n\n## Scope\n[Scope]\n');
    await rowsWhen((r) => r.length === 3);
    await editor.edit((b) => b.replace(new vscode.Range(3, 0, 3, 6), 'Ada'));
    const tree = await rowsWhen((r) => r.length === 2);
    assert.deepEqual(tree, ['Implementation Notes (1 placeholder in subsections)', '  Scope (1 placeholder)']);
    const { statusBar } = await api();
    await eventually((await api()).checklist.onDidRefresh, () => statusBar.text === '$(checklist) 1/3 sections', 20000, 'status bar');
  });

  test('the toggle shows every section, done ones too', async () => {
    await untitled('# Implementation Notes\n\n## Owner\nAda\n\n## Scope\n[Scope]\n');
    await rowsWhen((r) => r.length === 2);
    const { checklist } = await api();
    await vscode.commands.executeCommand('implementationNotes.showAllSections');
    assert.equal(checklist.showingAll, true);
    assert.deepEqual(await rows(), ['Implementation Notes (1 placeholder in subsections)', '  Owner (done)', '  Scope (1 placeholder)']);
    await vscode.commands.executeCommand('implementationNotes.showSectionsToFill');
    assert.deepEqual(await rows(), ['Implementation Notes (1 placeholder in subsections)', '  Scope (1 placeholder)']);
  });

  test('clicking a section reveals it and selects its first placeholder', async () => {
    const editor = await untitled('# Implementation Notes\n\n## Owner\nAda\n\n## Scope\nWe cover [Scope] and [More]\n');
    await rowsWhen((r) => r.length === 2);
    const { checklist } = await api();
    const [root] = checklist.getChildren();
    const [scope] = checklist.getChildren(root);
    const tree = checklist.getTreeItem(scope);
    assert.equal(tree.command?.command, 'implementationNotes.revealSection');
    await vscode.commands.executeCommand(tree.command!.command, ...(tree.command!.arguments ?? []));
    assert.equal(selectionText(editor), '[Scope]');
    assert.deepEqual([editor.selection.start.line, editor.selection.start.character], [6, 9]);
    assert.equal(checklist.getParent(scope)?.section.title, 'Implementation Notes');
  });

  test('items handed back from another document resolve to nothing, not to its sections', async () => {
    await untitled('# Implementation Notes\n\n## A\n[A]\n\n## B\n[B]\n');
    await rowsWhen((r) => r.length === 3);
    const { checklist } = await api();
    const [oldRoot] = checklist.getChildren();
    await untitled('# Implementation Notes\n\n## Other\n### Deeper\n[X]\n');
    await rowsWhen((r) => r.length === 3 && r[1] === '  Other (1 placeholder in subsections)');
    assert.deepEqual(checklist.getChildren(oldRoot), []);
    assert.equal(checklist.getParent(oldRoot), undefined);
  });

  test('empty for a Markdown file that is not notes', async () => {
    await untitled('# Implementation Notes\n\n[Fill]\n');
    await rowsWhen((r) => r.length === 1);
    await untitled('# Shopping list\n\n[Milk]\n');
    assert.deepEqual(await rowsWhen((r) => r.length === 0), []);
  });
});
