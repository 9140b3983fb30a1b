// Broken references of notes files that are not open (docs/spec.md,
// "Progress", "References in the editor"): the fixture repository
// test/fixtures/workspace/workspace-references (committed: the headless
// server's watcher may never watch a folder made while it runs) has finished
// notes whose Eviction component names a file the code does not have yet.
// Asserted as a user sees it: the Notes in Workspace row and, with scope
// `workspace`, the Problems panel at the CLI's ranges; then the file appears
// and both clear, without the notes being opened or read again.
import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { JsonReport } from '../../../src/core';
import type { WorkspaceRow } from '../../../src/extension/views/workspaceNotes';
import { api, closeAllEditors, diagnosticsWhen, eventually, repoRoot, summarize, workspaceRoot } from './util';

const repo = path.join(workspaceRoot().fsPath, 'workspace-references');
const notes = vscode.Uri.file(path.join(repo, 'docs', 'notes.md'));
/** The file the notes name that is not there: created by the test, removed after it. */
const later = vscode.Uri.file(path.join(repo, 'src', 'eviction.py'));

const referenceProblems = (d: vscode.Diagnostic[]) => d.filter((x) => x.code === 'broken-reference' || x.code === 'unknown-symbol');
/** The row's tooltip as read (MarkdownString.appendText writes spaces as `&nbsp;`). */
const tooltipOf = (item: vscode.TreeItem) => (typeof item.tooltip === 'string' ? item.tooltip : (item.tooltip?.value ?? '')).replaceAll('&nbsp;', ' ');

suite('notes in workspace: broken references of unopened files', () => {
  const config = () => vscode.workspace.getConfiguration('implementationNotes', workspaceRoot());

  const many = path.join(repo, `many-${process.pid}`);

  suiteTeardown(async () => {
    fs.rmSync(later.fsPath, { force: true });
    fs.rmSync(many, { recursive: true, force: true });
    await config().update('diagnostics.scope', undefined, vscode.ConfigurationTarget.Workspace);
    await eventually(vscode.workspace.onDidChangeConfiguration, () => config().get('diagnostics.scope') === 'open', 20000, 'scope back to open');
    await closeAllEditors();
    await vscode.commands.executeCommand('workbench.action.closeSidebar');
  });

  test('the row shows them and never reads "done"; scope workspace: the problems at the CLI ranges; the file appearing clears both', async function () {
    this.timeout(240000);
    fs.rmSync(later.fsPath, { force: true });
    await closeAllEditors();
    const { workspace } = await api();
    const isOpen = () => vscode.workspace.textDocuments.some((d) => d.uri.toString() === notes.toString());
    assert.ok(!isOpen(), 'the notes are not open');

    await vscode.commands.executeCommand('implementationNotes.workspace.focus');
    await workspace.notes.rescan();
    const rowOf = () => workspace.files().find((r) => r.uri.toString() === notes.toString());
    const broken = (row: WorkspaceRow | undefined) => row?.references?.findings?.length;
    const row = await eventually(workspace.onDidRefresh, () => broken(rowOf()) === 2 && rowOf(), 60000, 'the row with its 2 broken references');
    assert.ok(row.result.kind === 'notes' && row.result.progress.left.total === 0, 'nothing left to fill: only the references are wrong');
    const item = workspace.getTreeItem({ kind: 'file', row });
    assert.match(String(item.description), /^2 broken/, `the row says so: ${String(item.description)}`);
    assert.doesNotMatch(String(item.description), /done/);
    assert.equal((item.iconPath as vscode.ThemeIcon).id, 'warning');
    assert.notEqual(item.contextValue, 'notesFile.done');
    assert.match(tooltipOf(item), /Nothing left to fill[\s\S]*1 broken reference, 1 unknown symbol/);
    // Sorted with the files that have as much left, above the finished ones.
    const order = workspace.files().map((r) => r.uri.toString());
    const finished = workspace.files().filter((r) => r.result.kind === 'notes' && r.result.progress.left.total === 0 && !broken(r));
    for (const done of finished) assert.ok(order.indexOf(notes.toString()) < order.indexOf(done.uri.toString()), `above the finished ${done.path}`);

    // Scope `workspace`: the same problems as the CLI reports for the file, at its ranges, with the severity settings.
    await config().update('diagnostics.scope', 'workspace', vscode.ConfigurationTarget.Workspace);
    const problems = referenceProblems(await diagnosticsWhen(notes, (d) => referenceProblems(d).length === 2, 60000));
    const cli = spawnSync(process.execPath, [path.join(repoRoot, 'dist', 'cli.js'), 'check', '--format', 'json', '--root', '.', 'docs/notes.md'], { cwd: repo, encoding: 'utf8' });
    const report = JSON.parse(cli.stdout) as JsonReport;
    const fromCli = report.files[0].references.filter((r) => r.code !== undefined);
    assert.equal(fromCli.length, 2, cli.stdout);
    assert.deepEqual(
      summarize(problems),
      fromCli.map((r) => `${r.line}:${r.column}-${r.line}:${r.endColumn} ${r.code}`).sort(),
    );
    assert.deepEqual(problems.map((d) => d.message).sort(), fromCli.map((r) => r.message).sort());
    assert.ok(problems.every((d) => d.severity === vscode.DiagnosticSeverity.Warning));
    assert.ok(!isOpen(), 'still not opened');

    // The missing file appears (through VS Code): the row is resolved again from the scan's analysis, no rescan.
    await workspace.notes.done; // the rescan the scope's change started
    const scanned = rowOf()!.result;
    const edit = new vscode.WorkspaceEdit();
    edit.createFile(later, { contents: new TextEncoder().encode('class Evictor:\n    def drop(self):\n        pass\n') });
    assert.ok(await vscode.workspace.applyEdit(edit));
    await diagnosticsWhen(notes, (d) => referenceProblems(d).length === 0, 60000);
    const fixed = await eventually(workspace.onDidRefresh, () => broken(rowOf()) === 0 && rowOf(), 60000, 'the row without broken references');
    assert.equal(fixed.result, scanned, 'the notes file was not scanned again');
    const fixedItem = workspace.getTreeItem({ kind: 'file', row: fixed });
    assert.match(String(fixedItem.description), /^done/);
    assert.equal((fixedItem.iconPath as vscode.ThemeIcon).id, 'pass-filled');

    // It goes again (through workspace.fs: the file watcher's event): back to broken.
    await vscode.workspace.fs.delete(later);
    await diagnosticsWhen(notes, (d) => referenceProblems(d).length === 2, 90000);
    await eventually(workspace.onDidRefresh, () => broken(rowOf()) === 2, 60000, 'the row broken again');
    assert.ok(!isOpen(), 'never opened');

    // Opened, its row follows the editor's own check: still 2 broken, never "done" on the way.
    await vscode.window.showTextDocument(notes);
    const open = await eventually(workspace.onDidRefresh, () => rowOf()?.source === 'editor' && broken(rowOf()) === 2 && rowOf(), 60000, 'the open document\'s row');
    assert.match(String(workspace.getTreeItem({ kind: 'file', row: open }).description), /^2 broken/);
  });

  test('200 unopened notes files with 20 references each: every row resolved, each with its own broken one (measured)', async function () {
    this.timeout(240000);
    const FILES = 200;
    fs.mkdirSync(many, { recursive: true });
    const lines = Array.from({ length: 19 }, (_, i) => `- \`src/store.py#L${(i % 8) + 1}\``);
    for (let i = 0; i < FILES; i++) {
      const text = `# Implementation Notes: Part ${i}\n\n## Components\n\n**Location**: \`src/store.py\`\n\n${lines.join('\n')}\n- \`src/part-${i}.py\`\n`;
      fs.writeFileSync(path.join(many, `part-${i}.md`), text);
    }
    const { workspace } = await api();
    await vscode.commands.executeCommand('implementationNotes.workspace.focus');
    const started = performance.now();
    await workspace.notes.rescan();
    const scannedMs = performance.now() - started;
    const rows = () => workspace.files().filter((r) => r.uri.fsPath.startsWith(many + path.sep));
    const done = await eventually(workspace.onDidRefresh, () => {
      const now = rows();
      return now.length === FILES && now.every((r) => r.references?.resolving === false) && now;
    }, 120000, `${FILES} rows resolved`);
    const resolvedMs = performance.now() - started;
    for (const row of done) {
      assert.deepEqual(row.references?.findings?.map((f) => f.message), [`\`src/part-${path.basename(row.path, '.md').slice(5)}.py\` does not exist in the repository`], row.path);
    }
    console.log(`      ${FILES} files, ${FILES * 21} references: scanned in ${scannedMs.toFixed(0)} ms, every row resolved ${resolvedMs.toFixed(0)} ms after the scan began`);
  });
});
