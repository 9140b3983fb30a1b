import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { ChecklistItem, ChecklistProvider } from '../../../src/extension/checklistView';
import { api, closeAllEditors, eventually, fixture, selectionText, TEMPLATE_PLACEHOLDERS, templateText, untitled } from './util';

type Row = string;

const labelOf = (tree: vscode.TreeItem): string => (typeof tree.label === 'string' ? tree.label : (tree.label?.label ?? ''));

/** The tree as a user reads it: indented `label (description)`. */
function rowsOf(checklist: ChecklistProvider): Row[] {
  const out: Row[] = [];
  const walk = (items: ChecklistItem[], depth: number) => {
    for (const item of items) {
      const tree = checklist.getTreeItem(item);
      out.push(`${'  '.repeat(depth)}${labelOf(tree)}${tree.description ? ` (${tree.description})` : ''}`);
      walk(checklist.getChildren(item), depth + 1);
    }
  };
  walk(checklist.getChildren(), 0);
  return out;
}

const rows = async (): Promise<Row[]> => rowsOf((await api()).checklist);

/** `label: icon, collapsible state` for every item, depth first. */
function shapesOf(checklist: ChecklistProvider): string[] {
  const out: string[] = [];
  const walk = (items: ChecklistItem[]) => {
    for (const item of items) {
      const tree = checklist.getTreeItem(item);
      const state = ['none', 'collapsed', 'expanded'][tree.collapsibleState ?? 0];
      out.push(`${labelOf(tree)}: ${(tree.iconPath as vscode.ThemeIcon).id}, ${state}, ${tree.contextValue}`);
      walk(checklist.getChildren(item));
    }
  };
  walk(checklist.getChildren());
  return out;
}

async function rowsWhen(check: (r: Row[]) => boolean): Promise<Row[]> {
  const { checklist } = await api();
  let last: Row[] = [];
  return eventually(checklist.onDidRefresh, () => {
    // Not a snapshot left over from the previous document (untitled names are reused).
    const shown = checklist.current;
    const document = vscode.window.activeTextEditor?.document;
    if (shown && (shown.document !== document || shown.version !== document.version)) return undefined;
    last = rowsOf(checklist);
    return check(last) ? last : undefined;
  }, 20000, 'checklist rows').catch((e: unknown) => {
    throw new Error(`${e instanceof Error ? e.message : String(e)}; last rows: ${JSON.stringify(last)}`);
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
    const { checklist, statusBar } = await api();
    assert.deepEqual(shapesOf(checklist), [
      'Implementation Notes: Phase 1: circle-large-outline, expanded, section.done',
      'Phase Information: circle-large-outline, none, section.todo',
      'Decisions: circle-large-outline, expanded, section.done',
      'Decision 1: Stream instead of batch: circle-large-outline, none, section.todo',
      'Risks: circle-slash, none, section.empty',
    ]);
    // Ids are stable and unique: the same for the same heading in a later snapshot.
    const ids = (): string[] => {
      const out: string[] = [];
      const walk = (items: ChecklistItem[]): void => {
        for (const i of items) {
          out.push(checklist.getTreeItem(i).id!);
          walk(checklist.getChildren(i));
        }
      };
      walk(checklist.getChildren());
      return out;
    };
    const before = ids();
    assert.equal(new Set(before).size, 5);
    checklist.refresh();
    assert.deepEqual(ids(), before);
    // Two placeholders and one empty section left.
    assert.equal(checklist.badge?.value, 3);
    assert.equal(checklist.badge?.tooltip, '3 left: 2 placeholders, 1 empty sections, 0 missing sections');
    assert.equal(checklist.message, undefined);
    assert.equal(checklist.active.activeIsNotes, true);
    assert.equal(statusBar.visible, true);
    // Badge and status bar show the same measure: items left.
    assert.equal(statusBar.text, '$(checklist) 3 left');
    assert.match(statusBar.tooltip, /3 left \(2 placeholders, 1 empty sections, 0 missing sections\); 0 of 5 sections done/);
    const tooltip = checklist.getTreeItem(checklist.getChildren()[0]).tooltip as vscode.MarkdownString;
    assert.match(tooltip.value, /^\*\*Implementation Notes: Phase 1\*\* \(level 1\)/);
  });

  test('the default template in an untitled document: all 63 sections, every placeholder', async () => {
    await untitled(templateText());
    const tree = await rowsWhen((r) => r.length > 0);
    assert.equal(tree.length, 63);
    assert.deepEqual(tree.slice(0, 6), [
      `Implementation Notes Template (${TEMPLATE_PLACEHOLDERS} placeholders in subsections)`,
      '  Phase Information (4 placeholders)',
      '  Technical Implementation Details (47 placeholders in subsections)',
      '    Architecture Decisions (12 placeholders in subsections)',
      '      Decision 1: [Decision Title] (6 placeholders)',
      '      Decision 2: [Decision Title] (6 placeholders)',
    ]);
    assert.equal(tree[tree.length - 1], '    Subject Matter Experts (11 placeholders)');
    const { checklist, statusBar } = await api();
    assert.equal(checklist.badge?.value, TEMPLATE_PLACEHOLDERS);
    assert.equal(statusBar.text, `$(checklist) ${TEMPLATE_PLACEHOLDERS} left`);
    assert.ok(statusBar.tooltip.includes(`${TEMPLATE_PLACEHOLDERS} placeholders, 0 empty sections, 0 missing sections); 0 of 63 sections done`), statusBar.tooltip);
  });

  test('follows edits: a filled section leaves the list', async () => {
    const editor = await untitled('# Implementation Notes\n\n## Owner\n[Name]\n\n## Scope\n[Scope]\n');
    await rowsWhen((r) => r.length === 3);
    await editor.edit((b) => b.replace(new vscode.Range(3, 0, 3, 6), 'Ada'));
    const tree = await rowsWhen((r) => r.length === 2);
    assert.deepEqual(tree, ['Implementation Notes (1 placeholder in subsections)', '  Scope (1 placeholder)']);
    const { checklist, statusBar } = await api();
    await eventually(checklist.onDidRefresh, () => statusBar.text === '$(checklist) 1 left', 20000, 'status bar');
    assert.equal(checklist.badge?.value, 1);
    await editor.edit((b) => b.replace(new vscode.Range(6, 0, 6, 7), 'Everything'));
    assert.deepEqual(await rowsWhen((r) => r.length === 0), []);
    assert.equal(checklist.badge, undefined);
    assert.equal(checklist.message, 'All sections are filled.');
    assert.equal(statusBar.text, '$(checklist) done');
    assert.equal(statusBar.visible, true);
  });

  test('typing over a placeholder lowers the counts up the tree', async () => {
    const editor = await untitled('# Implementation Notes\n\n## Plan\n\n### Step\n[One] [Two] [Three]\n\n## Empty\n');
    assert.deepEqual(await rowsWhen((r) => r.length === 4), [
      'Implementation Notes (3 placeholders in subsections)',
      '  Plan (3 placeholders in subsections)',
      '    Step (3 placeholders)',
      '  Empty (empty)',
    ]);
    assert.equal((await api()).checklist.badge?.value, 4);
    await editor.edit((b) => b.replace(new vscode.Range(5, 0, 5, 5), 'one'));
    assert.deepEqual(await rowsWhen((r) => r[2] === '    Step (2 placeholders)'), [
      'Implementation Notes (2 placeholders in subsections)',
      '  Plan (2 placeholders in subsections)',
      '    Step (2 placeholders)',
      '  Empty (empty)',
    ]);
    assert.equal((await api()).checklist.badge?.value, 3);
    // Only the empty section left: its done parent says why it is listed.
    await editor.edit((b) => b.replace(new vscode.Range(5, 0, 5, 21), 'all done'));
    assert.deepEqual(await rowsWhen((r) => r.length === 2), ['Implementation Notes (1 empty subsection)', '  Empty (empty)']);
  });

  test('the toggle shows every section, done ones too', async () => {
    await untitled('# Implementation Notes\n\n## Owner\nAda\n\n## Scope\n[Scope]\n');
    await rowsWhen((r) => r.length === 2);
    const { checklist } = await api();
    await vscode.commands.executeCommand('implementationNotes.showAllSections');
    assert.equal(checklist.showingAll, true);
    assert.deepEqual(await rows(), ['Implementation Notes (1 placeholder in subsections)', '  Owner (done)', '  Scope (1 placeholder)']);
    assert.deepEqual(shapesOf(checklist), [
      // A parent whose subsection needs filling shows "to do", never a check.
      'Implementation Notes: circle-large-outline, expanded, section.done',
      'Owner: pass-filled, none, section.done',
      'Scope: circle-large-outline, none, section.todo',
    ]);
    await vscode.commands.executeCommand('implementationNotes.showSectionsToFill');
    assert.equal(checklist.showingAll, false);
    assert.deepEqual(await rows(), ['Implementation Notes (1 placeholder in subsections)', '  Scope (1 placeholder)']);
  });

  test('showing all sections of a filled document: every one done', async () => {
    const { document } = await untitled('# Implementation Notes\n\n## Owner\nAda\n');
    const { checklist } = await api();
    await eventually(checklist.onDidRefresh, () => checklist.current?.document === document && checklist.message !== undefined, 20000, 'all filled');
    assert.equal(checklist.message, 'All sections are filled.');
    assert.deepEqual(await rows(), []);
    await vscode.commands.executeCommand('implementationNotes.showAllSections');
    assert.deepEqual(shapesOf(checklist), ['Implementation Notes: pass-filled, expanded, section.done', 'Owner: pass-filled, none, section.done']);
    assert.deepEqual(await rows(), ['Implementation Notes (done)', '  Owner (done)']);
  });

  test('clicking a section reveals it and selects its first placeholder', async () => {
    const editor = await untitled('# Implementation Notes\n\n## Owner\nAda\n\n## Scope\nWe cover [Scope] and [More]\n');
    await rowsWhen((r) => r.length === 2);
    const { checklist } = await api();
    const [root] = checklist.getChildren();
    const [scope] = checklist.getChildren(root);
    const tree = checklist.getTreeItem(scope);
    assert.equal(tree.command?.command, 'implementationNotes.revealSection');
    await vscode.commands.executeCommand(tree.command.command, ...((tree.command.arguments ?? []) as unknown[]));
    assert.equal(selectionText(editor), '[Scope]');
    assert.deepEqual([editor.selection.start.line, editor.selection.start.character], [6, 9]);
    assert.equal(checklist.getParent(scope)?.section.title, 'Implementation Notes');
    assert.equal(checklist.getParent(root), undefined);
  });

  test('revealing an empty section puts the cursor at its heading', async () => {
    const editor = await untitled('# Implementation Notes\n\n## Owner\n[Name]\n\n## Risks\n\n## Scope\nAll of it.\n');
    await rowsWhen((r) => r.length === 3);
    const { checklist } = await api();
    const [, risks] = checklist.getChildren(checklist.getChildren()[0]);
    const command = checklist.getTreeItem(risks).command!;
    await vscode.commands.executeCommand(command.command, ...((command.arguments ?? []) as unknown[]));
    assert.equal(editor.selection.isEmpty, true);
    assert.deepEqual([editor.selection.active.line, editor.selection.active.character], [5, 0]);
  });

  test('revealing an item from before an edit finds its heading where it moved', async () => {
    const editor = await untitled('# Implementation Notes\n\n## Owner\n[Name]\n\n## Scope\n[Scope]\n');
    await rowsWhen((r) => r.length === 3);
    const { checklist } = await api();
    const [, scope] = checklist.getChildren(checklist.getChildren()[0]);
    const command = checklist.getTreeItem(scope).command!;
    await editor.edit((b) => b.insert(new vscode.Position(2, 0), '## Added\n[Other]\n\n'));
    await vscode.commands.executeCommand(command.command, ...((command.arguments ?? []) as unknown[]));
    assert.equal(selectionText(editor), '[Scope]');
    assert.equal(editor.selection.start.line, 9);
  });

  test('revealing a section of a notes document shown beside: that editor is used', async () => {
    const notes = await untitled('# Implementation Notes\n\n## Owner\n[Name]\n');
    await rowsWhen((r) => r.length === 2);
    const { checklist } = await api();
    const [, owner] = checklist.getChildren().flatMap((i) => [i, ...checklist.getChildren(i)]);
    const command = checklist.getTreeItem(owner).command!;
    const other = await vscode.workspace.openTextDocument({ language: 'plaintext', content: 'other' });
    await vscode.window.showTextDocument(other, vscode.ViewColumn.Beside);
    await vscode.commands.executeCommand(command.command, ...((command.arguments ?? []) as unknown[]));
    const active = vscode.window.activeTextEditor!;
    assert.equal(active.document, notes.document);
    assert.equal(active.viewColumn, notes.viewColumn);
    assert.equal(selectionText(active), '[Name]');
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
    const { checklist, statusBar } = await api();
    assert.equal(checklist.active.activeIsNotes, true);
    assert.equal(statusBar.visible, true);
    await untitled('# Shopping list\n\n[Milk]\n');
    assert.deepEqual(await rowsWhen((r) => r.length === 0), []);
    assert.equal(checklist.active.activeIsNotes, false);
    assert.equal(checklist.current, undefined);
    assert.equal(checklist.badge, undefined);
    assert.equal(checklist.message, undefined);
    assert.equal(statusBar.visible, false);
  });

  test('a notes document turning into plain Markdown leaves the list; turning back returns', async () => {
    const editor = await untitled('# Implementation Notes\n\n[Fill]\n');
    await rowsWhen((r) => r.length === 1);
    const { checklist } = await api();
    await editor.edit((b) => b.replace(new vscode.Range(0, 2, 0, 22), 'Groceries'));
    await rowsWhen((r) => r.length === 0);
    assert.equal(checklist.active.activeIsNotes, false);
    await editor.edit((b) => b.replace(new vscode.Range(0, 2, 0, 11), 'Implementation Notes'));
    assert.deepEqual(await rowsWhen((r) => r.length === 1), ['Implementation Notes (1 placeholder)']);
    assert.equal(checklist.active.activeIsNotes, true);
  });

  test('with no editor open the list is empty and the status bar hidden', async () => {
    await untitled('# Implementation Notes\n\n[Fill]\n');
    await rowsWhen((r) => r.length === 1);
    await closeAllEditors();
    assert.deepEqual(await rowsWhen((r) => r.length === 0), []);
    const { checklist, statusBar } = await api();
    assert.equal(checklist.active.activeIsNotes, false);
    assert.equal(statusBar.visible, false);
  });
});
