// Notes in Workspace: 50 notes files generated on disk (in a folder of the
// fixture workspace, removed afterwards) are listed with the counts the CLI
// gives on the same files; a file written on disk appears without a reload;
// scope `workspace` puts an unopened file's problems in the Problems panel.
// The scan's main-thread turns are recorded (out/workspace-scan.json, which
// `npm run bench` prints) and their CPU time checked.
import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { notesDocument } from '../../../scripts/bench-docs';
import type { JsonReport } from '../../../src/core';
import { api, badgeOf, closeAllEditors, diagnosticsWhen, eventually, repoRoot, workspaceRoot } from './util';

const FILES = 50;

/** Notes from the bench's generator, some with a chapter or a subsection deleted, one fully filled. */
function generated(i: number): string {
  let text = notesDocument(1, 5000 + i);
  if (i % 3 === 1) text = text.replace(/^## Security Implementation[\s\S]*?(?=^## )/m, '');
  if (i % 5 === 2) text = text.replace(/^### [^\n]*\n[\s\S]*?(?=^##)/m, '');
  if (i === 0) text = text.replace(/\[[^[\]\n]{1,120}\](?!\()/g, 'filled');
  return text;
}

suite('notes in workspace', () => {
  const dir = path.join(workspaceRoot().fsPath, `workspace-scan-${process.pid}`);
  const settingsFile = path.join(workspaceRoot().fsPath, '.vscode', 'settings.json');
  const originalSettings = fs.readFileSync(settingsFile, 'utf8');

  suiteTeardown(async () => {
    await closeAllEditors();
    fs.rmSync(dir, { recursive: true, force: true });
    fs.rmSync(path.join(workspaceRoot().fsPath, `written-by-another-program-${process.pid}.md`), { force: true });
    fs.writeFileSync(settingsFile, originalSettings);
    // The fixture's own settings back (missingSections off) before the next suite counts diagnostics.
    const config = () => vscode.workspace.getConfiguration('implementationNotes', workspaceRoot());
    await eventually(vscode.workspace.onDidChangeConfiguration, () => config().get('missingSections') === false && config().get('diagnostics.scope') === 'open', 20000, 'fixture settings restored');
    await vscode.commands.executeCommand('workbench.action.closeSidebar');
  });

  test('50 notes files on disk: the CLI counts, a new file without reload, problems of unopened files with scope workspace', async function () {
    this.timeout(600000);
    const { workspace, timings } = await api();
    // Missing sections on (the fixture turns them off), as the CLI reports them.
    const config = vscode.workspace.getConfiguration('implementationNotes', workspaceRoot());
    await config.update('missingSections', true, vscode.ConfigurationTarget.Workspace);

    fs.mkdirSync(path.join(dir, 'nested'), { recursive: true });
    const files = Array.from({ length: FILES }, (_, i) => path.join(dir, i % 4 === 0 ? 'nested' : '', `notes-${String(i).padStart(2, '0')}.md`));
    files.forEach((file, i) => fs.writeFileSync(file, generated(i)));
    fs.writeFileSync(path.join(dir, 'readme.md'), '# Readme\n\n[Not notes]\n');
    fs.writeFileSync(path.join(dir, 'binary.md'), Buffer.from([0x23, 0x20, 0x49, 0, 1, 2, 3]));
    // A FIFO never ends a read: the scan must not wait on it.
    spawnSync('mkfifo', [path.join(dir, 'fifo.md')]);

    const inDir = () => workspace.files().filter((r) => r.uri.fsPath.startsWith(dir + path.sep));
    timings.start('workspaceScan');
    const started = performance.now();
    await vscode.commands.executeCommand('implementationNotes.workspace.focus');
    await workspace.notes.rescan();
    const rows = await eventually(workspace.onDidRefresh, () => inDir().filter((r) => r.result.kind === 'notes').length === FILES && inDir(), 120000, `${FILES} notes rows`);
    const scanMs = performance.now() - started;
    const phase = timings.stop().workspaceScan;

    // The CLI on the same folder: per file, placeholders, sections and missing sections.
    const cli = spawnSync(process.execPath, [path.join(repoRoot, 'dist', 'cli.js'), 'check', '--format', 'json', '.'], { cwd: dir, encoding: 'utf8', maxBuffer: 1 << 26 });
    assert.ok(cli.status === 1 || cli.status === 2, `the CLI found work left (exit ${cli.status}): ${cli.stderr}`);
    const report = JSON.parse(cli.stdout) as JsonReport;
    const byPath = new Map(report.files.map((f) => [path.resolve(dir, f.path), f]));
    const expectedNotes = files.length;
    assert.equal(rows.filter((r) => r.result.kind === 'notes').length, expectedNotes);
    for (const file of files) {
      const row = rows.find((r) => r.uri.fsPath === file);
      const fromCli = byPath.get(file);
      assert.ok(row && row.result.kind === 'notes', `${file} is listed`);
      assert.ok(fromCli, `the CLI reported ${file}: ${[...byPath.keys()].slice(0, 3).join(', ')}`);
      assert.deepEqual(
        { placeholders: row.result.progress.left.placeholders, total: row.result.progress.sections, missing: row.result.progress.left.missingSections },
        { placeholders: fromCli.placeholders.length, total: fromCli.sections.length, missing: fromCli.missing.length },
        path.basename(file),
      );
    }
    assert.ok(rows.some((r) => r.result.kind === 'notes' && r.result.progress.left.missingSections > 0), 'some files lack a section');
    const filled = rows.find((r) => r.uri.fsPath === files[0])!;
    assert.equal(filled.result.kind === 'notes' && filled.result.progress.left.placeholders, 0);
    assert.ok(!inDir().some((r) => r.uri.fsPath.endsWith('readme.md')), 'Markdown that is not notes is not listed');
    const binary = inDir().find((r) => r.uri.fsPath.endsWith('binary.md'));
    assert.ok(binary && binary.result.kind === 'error' && /binary/.test(binary.result.error), 'a binary file is a row saying why it was not checked');
    const fifo = inDir().find((r) => r.uri.fsPath.endsWith('fifo.md'));
    assert.ok(fifo && fifo.result.kind === 'error' && /is not a regular file/.test(fifo.result.error), `a FIFO is a row saying it was not read: ${JSON.stringify(fifo?.result)}`);
    // Most left first, by the count each row shows: its badge (past 99, "9+" and the count in the tooltip), or "done".
    const shown = workspace.files().filter((r) => r.result.kind === 'notes').map((r) => {
      const tree = workspace.getTreeItem({ kind: 'file', row: r });
      const badge = badgeOf(tree);
      const left = r.result.kind === 'notes' ? r.result.progress.left.total : NaN;
      // Past 99 the badge cannot hold the count: the row's own figure, once the badge says it is that many.
      if (badge === '9+') return left >= 100 ? left : NaN;
      if (badge !== undefined) return Number(badge);
      // No badge: nothing left, "done", or broken references (wrong, not unfinished: docs/spec.md, "Progress").
      return /^(done|\d+ broken|checking references)/.test(String(tree.description)) ? 0 : NaN;
    });
    assert.ok(shown.length >= FILES && shown.every((n) => !Number.isNaN(n)), `every row shows its count: ${shown.slice(0, 5).join(', ')}`);
    assert.deepEqual(shown, [...shown].sort((a, b) => b - a), 'the rows in the order of the counts they show');
    assert.ok(new Set(shown).size > 2, 'the files differ in what is left');

    // Main thread: our turns during the scan (CPU time of this thread, where the host reports it).
    fs.mkdirSync(path.join(repoRoot, 'out'), { recursive: true });
    fs.writeFileSync(path.join(repoRoot, 'out', 'workspace-scan.json'), JSON.stringify({ when: new Date().toISOString(), files: FILES, scanMs, phase }, null, 2));
    if (!Number.isNaN(phase.longestTurnCpuMs)) assert.ok(phase.longestTurnCpuMs < 50, `longest turn of ours: ${phase.longestTurnCpuMs.toFixed(1)} ms CPU`);

    // A file another program writes on disk appears without a reload, and goes when it is deleted: in the
    // workspace root, which the server's disk watcher watches from the start (it once in a while missed
    // a folder made while it ran, here `nested`, and never reported the files written into it).
    const written = path.join(workspaceRoot().fsPath, `written-by-another-program-${process.pid}.md`);
    const isListed = (file: string) => workspace.files().some((r) => r.uri.fsPath === file);
    fs.writeFileSync(written, generated(7));
    await eventually(workspace.onDidRefresh, () => isListed(written), 60000, 'the file written on disk listed');
    fs.rmSync(written);
    await eventually(workspace.onDidRefresh, () => !isListed(written), 60000, 'the file deleted on disk gone');
    // Files and folders created, renamed and deleted by VS Code (Explorer, refactorings) are known at
    // once, whatever the disk watcher does: here `nested`, the folder it may not watch.
    const added = path.join(dir, 'nested', 'added-later.md');
    const edit = new vscode.WorkspaceEdit();
    edit.createFile(vscode.Uri.file(added), { contents: new TextEncoder().encode(generated(8)) });
    assert.ok(await vscode.workspace.applyEdit(edit));
    await eventually(workspace.onDidRefresh, () => isListed(added), 20000, 'the created file listed');
    const nestedCount = () => inDir().filter((r) => r.uri.fsPath.startsWith(path.join(dir, 'nested') + path.sep)).length;
    const inNested = nestedCount();
    const rename = new vscode.WorkspaceEdit();
    rename.renameFile(vscode.Uri.file(path.join(dir, 'nested')), vscode.Uri.file(path.join(dir, 'moved')));
    assert.ok(await vscode.workspace.applyEdit(rename));
    await eventually(workspace.onDidRefresh, () => nestedCount() === 0 && inDir().filter((r) => r.uri.fsPath.startsWith(path.join(dir, 'moved') + path.sep)).length === inNested, 20000, 'the renamed folder\'s files listed under its new name');
    const removal = new vscode.WorkspaceEdit();
    removal.deleteFile(vscode.Uri.file(files[1]));
    assert.ok(await vscode.workspace.applyEdit(removal));
    await eventually(workspace.onDidRefresh, () => !isListed(files[1]), 20000, 'the deleted file gone');

    // Scope `workspace`: an unopened file's problems in the Problems panel.
    const target = vscode.Uri.file(files[3]);
    assert.ok(!vscode.workspace.textDocuments.some((d) => d.uri.toString() === target.toString()), 'never opened');
    assert.equal(vscode.languages.getDiagnostics(target).length, 0, 'scope open: no problems for an unopened file');
    const fromCli = byPath.get(files[3])!;
    const expected = fromCli.placeholders.length + fromCli.sections.filter((s) => s.status === 'empty').length + fromCli.missing.length;
    await config.update('diagnostics.scope', 'workspace', vscode.ConfigurationTarget.Workspace);
    const problems = await diagnosticsWhen(target, (d) => d.length === expected, 60000);
    assert.equal(problems.length, expected);
    assert.ok(!vscode.workspace.textDocuments.some((d) => d.uri.toString() === target.toString()), 'still not opened as a document');
    // Back to `open`: they go.
    await config.update('diagnostics.scope', undefined, vscode.ConfigurationTarget.Workspace);
    await diagnosticsWhen(target, (d) => d.length === 0, 60000);
  });
});
