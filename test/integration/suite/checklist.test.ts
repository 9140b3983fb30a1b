import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { ChecklistItem, ChecklistProvider } from '../../../src/extension/views/checklist';
import { api, closeAllEditors, drawnRows, eventually, expectedRows, fixture, labelOf, repoRoot, rowText, selectionText, TEMPLATE_PLACEHOLDERS, templateText, untitled } from './util';

type Row = string;


/** The tree as a user reads it: indented `label (description)`. */
function rowsOf(checklist: ChecklistProvider): Row[] {
  const out: Row[] = [];
  const walk = (items: ChecklistItem[], depth: number) => {
    for (const item of items) {
      const tree = checklist.getTreeItem(item);
      out.push(`${'  '.repeat(depth)}${rowText(tree)}`);
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


/** The checklist's selected row, once `check` accepts it (the view selects rows on its own: it follows the cursor). */
async function selectedWhen(check: (title: string | undefined) => boolean, what: string): Promise<ChecklistItem | undefined> {
  const { checklistView } = await api();
  const title = () => {
    const row = checklistView.selection.at(0);
    return row && (row.kind === 'missing' ? row.missing.title : row.section.title);
  };
  await eventually(checklistView.onDidChangeSelection, () => check(title()), 20000, what).catch((e: unknown) => {
    throw new Error(`${e instanceof Error ? e.message : String(e)}; selected: ${JSON.stringify(title())}`);
  });
  return checklistView.selection.at(0);
}

/**
 * Whether the editor has the keyboard focus: `type` goes to the focused
 * editor only (not to the active one). A typed probe is undone.
 */
async function editorHasFocus(editor: vscode.TextEditor): Promise<boolean> {
  const before = editor.document.getText();
  await vscode.commands.executeCommand('type', { text: 'Z' });
  if (editor.document.getText() === before) return false;
  await vscode.commands.executeCommand('undo');
  assert.equal(editor.document.getText(), before);
  return true;
}

/** Shows the checklist, then gives the focus back to the editor, as a user who opened the sidebar and went on typing. */
async function showChecklistKeepTyping(editor: vscode.TextEditor): Promise<void> {
  const { checklistView } = await api();
  await vscode.commands.executeCommand('implementationNotes.checklist.focus');
  await eventually(checklistView.onDidChangeVisibility, () => checklistView.visible, 20000, 'the checklist shown');
  assert.equal(await editorHasFocus(editor), false, 'the checklist has the focus');
  // The workbench moves the focus after showTextDocument resolves, under load up to a second later:
  // wait for it (this is set-up; the tests assert afterwards that following the cursor keeps it).
  let focused = false;
  for (let attempt = 0; attempt < 20 && !focused; attempt++) {
    await vscode.window.showTextDocument(editor.document, { viewColumn: editor.viewColumn, preserveFocus: false });
    if (attempt > 0) await vscode.commands.executeCommand('workbench.action.focusActiveEditorGroup');
    focused = await editorHasFocus(editor);
    if (!focused) await new Promise((resolve) => setTimeout(resolve, 150));
  }
  assert.equal(focused, true, 'the editor has the focus back');
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
    // The title is no row: the chapters are the top level, and the title is the view's description.
    assert.deepEqual(tree, [
      'Phase Information [1]',
      'Decisions [1]',
      '  Decision 1: Stream instead of batch [1]',
      'Risks (empty)',
    ]);
    const { checklist, checklistView, statusBar } = await api();
    assert.equal(checklistView.description, 'Implementation Notes: Phase 1');
    assert.deepEqual(shapesOf(checklist), [
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
    assert.equal(new Set(before).size, 4);
    checklist.refresh();
    assert.deepEqual(ids(), before);
    // Two placeholders and one empty section left.
    assert.equal(checklist.badge?.value, 3);
    assert.equal(checklist.badge?.tooltip, '3 left: 2 placeholders, 1 empty section');
    assert.equal(checklist.message, undefined);
    assert.equal(checklist.active.activeIsNotes, true);
    assert.equal(statusBar.visible, true);
    // Badge and status bar show the same measure: items left.
    assert.equal(statusBar.text, '$(checklist) 3 left');
    assert.match(statusBar.tooltip, /3 left \(2 placeholders, 1 empty section\); 0 of 5 sections done/);
  });

  test('the default template in an untitled document: all 63 sections, every placeholder', async () => {
    await untitled(templateText());
    const tree = await rowsWhen((r) => r.length > 0);
    assert.equal(tree.length, 62, 'every section but the title');
    assert.deepEqual(tree.slice(0, 5), [
      'Phase Information [4]',
      'Technical Implementation Details [47]',
      '  Architecture Decisions [12]',
      '    Decision 1: [Decision Title] [6]',
      '    Decision 2: [Decision Title] [6]',
    ]);
    assert.equal(tree[tree.length - 1], '  Subject Matter Experts [11]');
    const { checklist, checklistView, statusBar } = await api();
    assert.equal(checklistView.description, 'Implementation Notes Template');
    assert.equal(checklist.badge?.value, TEMPLATE_PLACEHOLDERS);
    assert.equal(statusBar.text, `$(checklist) ${TEMPLATE_PLACEHOLDERS} left`);
    assert.match(statusBar.tooltip, new RegExp(`${TEMPLATE_PLACEHOLDERS} left \\(${TEMPLATE_PLACEHOLDERS} placeholders\\); 0 of 63 sections done`));
  });

  test('follows edits: a filled section leaves the list', async () => {
    const editor = await untitled('# Implementation Notes\n\n## Owner\n[Name]\n\n## Scope\n[Scope]\n');
    await rowsWhen((r) => r.length === 2);
    await editor.edit((b) => b.replace(new vscode.Range(3, 0, 3, 6), 'Ada'));
    const tree = await rowsWhen((r) => r.length === 1);
    assert.deepEqual(tree, ['Scope [1]']);
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
    assert.deepEqual(await rowsWhen((r) => r.length === 3), [
      'Plan [3]',
      '  Step [3]',
      'Empty (empty)',
    ]);
    assert.equal((await api()).checklist.badge?.value, 4);
    await editor.edit((b) => b.replace(new vscode.Range(5, 0, 5, 5), 'one'));
    assert.deepEqual(await rowsWhen((r) => r[1] === '  Step [2]'), [
      'Plan [2]',
      '  Step [2]',
      'Empty (empty)',
    ]);
    assert.equal((await api()).checklist.badge?.value, 3);
    // Only the empty section left.
    await editor.edit((b) => b.replace(new vscode.Range(5, 0, 5, 21), 'all done'));
    assert.deepEqual(await rowsWhen((r) => r.length === 1), ['Empty (empty)']);
  });

  test('the toggle shows every section, done ones too', async () => {
    await untitled('# Implementation Notes\n\n## Owner\nAda\n\n## Scope\n[Scope]\n');
    await rowsWhen((r) => r.length === 1);
    const { checklist } = await api();
    await vscode.commands.executeCommand('implementationNotes.showAllSections');
    assert.equal(checklist.showingAll, true);
    assert.deepEqual(await rows(), ['Owner (done)', 'Scope [1]']);
    assert.deepEqual(shapesOf(checklist), [
      'Owner: pass-filled, none, section.done',
      'Scope: circle-large-outline, none, section.todo',
    ]);
    await vscode.commands.executeCommand('implementationNotes.showSectionsToFill');
    assert.equal(checklist.showingAll, false);
    assert.deepEqual(await rows(), ['Scope [1]']);
  });

  test('a parent with work left in its subsections is to do, never a check', async () => {
    await untitled('# Implementation Notes\n\n## Plan\nIntro.\n\n### Step\n[Step]\n');
    await rowsWhen((r) => r.length === 2);
    assert.deepEqual(shapesOf((await api()).checklist), ['Plan: circle-large-outline, expanded, section.done', 'Step: circle-large-outline, none, section.todo']);
  });

  test('showing all sections of a filled document: every one done', async () => {
    const { document } = await untitled('# Implementation Notes\n\n## Owner\nAda\n');
    const { checklist } = await api();
    await eventually(checklist.onDidRefresh, () => checklist.current?.document === document && checklist.message !== undefined, 20000, 'all filled');
    assert.equal(checklist.message, 'All sections are filled.');
    assert.deepEqual(await rows(), []);
    await vscode.commands.executeCommand('implementationNotes.showAllSections');
    assert.deepEqual(shapesOf(checklist), ['Owner: pass-filled, none, section.done']);
    assert.deepEqual(await rows(), ['Owner (done)']);
  });

  test('clicking a section reveals it and selects its first placeholder', async () => {
    const editor = await untitled('# Implementation Notes\n\n## Owner\nAda\n\n## Scope\nWe cover [Scope] and [More]\n');
    await rowsWhen((r) => r.length === 1);
    const { checklist } = await api();
    const [scope] = checklist.getChildren();
    const tree = checklist.getTreeItem(scope);
    assert.equal(tree.command?.command, 'implementationNotes.revealSection');
    await vscode.commands.executeCommand(tree.command.command, ...((tree.command.arguments ?? []) as unknown[]));
    assert.equal(selectionText(editor), '[Scope]');
    assert.deepEqual([editor.selection.start.line, editor.selection.start.character], [6, 9]);
    assert.equal(checklist.getParent(scope), undefined, 'a chapter is at the top level');
  });

  test('counts as badges at the right edge; with the Explorer\'s badges off, in the row\'s text', async () => {
    const editor = await untitled('# Implementation Notes\n\n## Plan\n[One] [Two]\n\n## Risks\n\n## Scope\nAll of it.\n');
    assert.deepEqual(await rowsWhen((r) => r.length === 2), ['Plan [2]', 'Risks (empty)']);
    const decorations = vscode.workspace.getConfiguration('explorer.decorations');
    await decorations.update('badges', false, vscode.ConfigurationTarget.Global);
    try {
      const { checklist } = await api();
      await eventually(checklist.onDidRefresh, () => (rowsOf(checklist)[0] === 'Plan (2 left)' ? true : undefined), 20000, 'the count in the row');
      assert.deepEqual(rowsOf(checklist), ['Plan (2 left)', 'Risks (empty)']);
      // Edits keep the count where the setting puts it.
      await editor.edit((e) => e.replace(new vscode.Range(3, 0, 3, 5), 'One'));
      assert.deepEqual(await rowsWhen((r) => r[0] === 'Plan (1 left)'), ['Plan (1 left)', 'Risks (empty)']);
    } finally {
      await decorations.update('badges', undefined, vscode.ConfigurationTarget.Global);
    }
    assert.deepEqual(await rowsWhen((r) => r[0] === 'Plan [1]'), ['Plan [1]', 'Risks (empty)']);
  });

  test('the Explorer\'s decoration colours turned off: every row still under its parent', async () => {
    // On any change of explorer.decorations VS Code draws every tree again from the children it
    // kept, without asking, and nests rows under the wrong parent as during a first draw
    // (docs/architecture.md, "The checklist's first draw"); a change from the checklist after it
    // makes VS Code ask again. Two levels of expanded rows, as in the example.
    const document = await vscode.workspace.openTextDocument(vscode.Uri.file(path.join(repoRoot, 'examples', 'phase-2-search-indexing.md')));
    await vscode.window.showTextDocument(document);
    const { checklist } = await api();
    await eventually(checklist.onDidRefresh, () => checklist.current?.document === document, 20000, 'the example analysed');
    await vscode.commands.executeCommand('implementationNotes.checklist.focus');
    const decorations = vscode.workspace.getConfiguration('explorer.decorations');
    await decorations.update('colors', false, vscode.ConfigurationTarget.Global);
    try {
      // What the user sees once the view has settled (no event says the workbench finished drawing).
      await new Promise((resolve) => setTimeout(resolve, 1500));
      assert.deepEqual(await drawnRows(), expectedRows(checklist));
    } finally {
      await decorations.update('colors', undefined, vscode.ConfigurationTarget.Global);
    }
  });

  test('short descriptions, the full title and what is left where in the tooltip; singular and plural', async () => {
    const long = 'A chapter title far too long for the sidebar at its default width of three hundred pixels';
    await untitled(`# Implementation Notes\n\n## Plan\nIntro [One]\n\n### Step\n[Two] [Three]\n\n### Later\n\n## ${long}\n[X]\n`);
    assert.deepEqual(await rowsWhen((r) => r.length === 4), ['Plan [4]', '  Step [2]', '  Later (empty)', `${long} [1]`]);
    const { checklist } = await api();
    const tooltips = checklist.getChildren().flatMap((i) => [i, ...checklist.getChildren(i)]).map((i) => (checklist.getTreeItem(i).tooltip as vscode.MarkdownString).value);
    assert.deepEqual(tooltips, [
      '**Plan**\n\n1 placeholder to fill here.\n\nIn its subsections: 2 placeholders, 1 empty section.',
      '**Step**\n\n2 placeholders to fill here.',
      '**Later**\n\nThis section has no content yet.',
      `**${long}**\n\n1 placeholder to fill here.`,
    ]);
    assert.equal(checklist.badge?.tooltip, '5 left: 4 placeholders, 1 empty section');
  });

  test('the checklist follows the cursor: the section under it is selected, the focus stays in the editor', async () => {
    const editor = await untitled('# Implementation Notes\n\n## Owner\n[Name]\n\n## Plan\n[Plan]\n\n### Step\n[Step]\n\n### Done step\nAll of it.\n');
    await rowsWhen((r) => r.length === 3);
    await showChecklistKeepTyping(editor);
    editor.selection = new vscode.Selection(9, 2, 9, 2);
    await selectedWhen((t) => t === 'Step', 'Step selected');
    // A done section is no row: its parent's row stands for it.
    editor.selection = new vscode.Selection(12, 0, 12, 0);
    await selectedWhen((t) => t === 'Plan', 'Plan selected');
    editor.selection = new vscode.Selection(3, 0, 3, 6);
    await selectedWhen((t) => t === 'Owner', 'Owner selected');
    assert.equal(vscode.window.activeTextEditor, editor);
    assert.equal(await editorHasFocus(editor), true, 'following the cursor never takes the focus');
    // Clicking a row moves the cursor into its section: the row stays selected, nothing else is revealed.
    const { checklist, checklistView } = await api();
    const step = checklist.getChildren(checklist.getChildren()[1])[0];
    const command = checklist.getTreeItem(step).command!;
    await vscode.commands.executeCommand(command.command, ...((command.arguments ?? []) as unknown[]));
    await selectedWhen((t) => t === 'Step', 'Step selected after the click');
    assert.equal(checklistView.selection.length, 1);
  });

  test('after an insert the selected row is the inserted section; ids of the rows after it stay', async () => {
    const editor = await untitled(templateText());
    await rowsWhen((r) => r.length === 62);
    await showChecklistKeepTyping(editor);
    // The focus probe typed and undid: the rows of the document as it is now.
    await rowsWhen((r) => r.length === 62);
    const { checklist } = await api();
    const ids = (): Map<string, string> => {
      const out = new Map<string, string>();
      const walk = (items: ChecklistItem[]): void => {
        for (const i of items) {
          out.set(checklist.getTreeItem(i).label as string, checklist.getTreeItem(i).id!);
          walk(checklist.getChildren(i));
        }
      };
      walk(checklist.getChildren());
      return out;
    };
    const before = ids();
    // The cursor in Decision 2's heading: its row is selected.
    const line = editor.document.getText().split('\n').indexOf('#### Decision 2: [Decision Title]');
    assert.ok(line > 0);
    editor.selection = new vscode.Selection(line, 5, line, 5);
    await selectedWhen((t) => t === 'Decision 2: [Decision Title]', 'Decision 2 selected');
    assert.equal(await vscode.commands.executeCommand('implementationNotes.insertDecision'), true);
    const row = await selectedWhen((t) => t === 'Decision 3: [Decision Title]', 'the inserted Decision 3 selected');
    assert.equal(row && checklist.getTreeItem(row).id, ids().get('Decision 3: [Decision Title]'));
    assert.equal(await editorHasFocus(editor), true);
    const after = ids();
    for (const title of ['Phase Information', 'Decision 2: [Decision Title]', 'Subject Matter Experts']) assert.equal(after.get(title), before.get(title), title);
  });

  test('revealing an empty section puts the cursor at its heading', async () => {
    const editor = await untitled('# Implementation Notes\n\n## Owner\n[Name]\n\n## Risks\n\n## Scope\nAll of it.\n');
    await rowsWhen((r) => r.length === 2);
    const { checklist } = await api();
    const [, risks] = checklist.getChildren();
    const command = checklist.getTreeItem(risks).command!;
    await vscode.commands.executeCommand(command.command, ...((command.arguments ?? []) as unknown[]));
    assert.equal(editor.selection.isEmpty, true);
    assert.deepEqual([editor.selection.active.line, editor.selection.active.character], [5, 0]);
  });

  test('revealing an item from before an edit finds its heading where it moved', async () => {
    const editor = await untitled('# Implementation Notes\n\n## Owner\n[Name]\n\n## Scope\n[Scope]\n');
    await rowsWhen((r) => r.length === 2);
    const { checklist } = await api();
    const [, scope] = checklist.getChildren();
    const command = checklist.getTreeItem(scope).command!;
    await editor.edit((b) => b.insert(new vscode.Position(2, 0), '## Added\n[Other]\n\n'));
    await vscode.commands.executeCommand(command.command, ...((command.arguments ?? []) as unknown[]));
    assert.equal(selectionText(editor), '[Scope]');
    assert.equal(editor.selection.start.line, 9);
  });

  test('revealing a section of a notes document shown beside: that editor is used', async () => {
    const notes = await untitled('# Implementation Notes\n\n## Owner\n[Name]\n');
    await rowsWhen((r) => r.length === 1);
    const { checklist } = await api();
    const [owner] = checklist.getChildren();
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
    await rowsWhen((r) => r.length === 2);
    const { checklist } = await api();
    const [oldRoot] = checklist.getChildren();
    await untitled('# Implementation Notes\n\n## Other\n### Deeper\n[X]\n');
    await rowsWhen((r) => r.length === 2 && r[0] === 'Other [1]');
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
    assert.deepEqual(await rowsWhen((r) => r.length === 1), ['Implementation Notes [1]']);
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
