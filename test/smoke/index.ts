// A smoke suite for the packaged extension: the .vsix installed into the test
// VS Code, not the development copy.
import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { diagnosticsWhen, EXTENSION_ID, TEMPLATE_PLACEHOLDERS } from '../vscodeShared/helpers';

export async function run(): Promise<void> {
  const extension = vscode.extensions.getExtension(EXTENSION_ID);
  assert.ok(extension, 'the installed extension is present');
  assert.ok(!extension.extensionPath.startsWith(process.env.IMPL_NOTES_REPO ?? '\u0000'), `loaded from the .vsix install (${extension.extensionPath}), not the repository`);
  // An installed extension hands out no internals: only a test run of the extension under test gets its hooks.
  assert.equal(await extension.activate(), undefined, 'the installed extension exports nothing');
  const document = await vscode.workspace.openTextDocument({ language: 'markdown', content: '' });
  await vscode.window.showTextDocument(document);
  await vscode.commands.executeCommand('implementationNotes.insertTemplate');
  const diagnostics = await diagnosticsWhen(document.uri, (d) => d.length === TEMPLATE_PLACEHOLDERS, 30000);
  assert.equal(diagnostics.length, TEMPLATE_PLACEHOLDERS);
  console.log(`  ✔ the installed .vsix activates, inserts the template and reports its ${TEMPLATE_PLACEHOLDERS} placeholders (from ${extension.extensionPath})`);
  checkBundledCli(extension.extensionPath);
  console.log(`  ✔ the .vsix's bundled CLI runs, and loads yaml for a config file`);
  console.log('2 passed, 0 failed');
}

/** What the impl-notes check task runs: dist/cli.js of the installed extension, with its lazily loaded parts. */
function checkBundledCli(extensionPath: string): void {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'impl-notes-smoke-'));
  try {
    fs.writeFileSync(path.join(dir, '.impl-notes.yaml'), 'ignore: ["[Skip]"]\n');
    fs.writeFileSync(path.join(dir, 'notes.md'), '# Notes\n\n[Skip] [Keep]\n');
    const run = spawnSync(process.execPath, [path.join(extensionPath, 'dist', 'cli.js'), 'check', 'notes.md'], { cwd: dir, encoding: 'utf8' });
    assert.equal(run.status, 1, run.stderr);
    assert.equal(run.stdout, 'notes.md:3:8: Placeholder [Keep] is not filled in [placeholder]\n1 file checked: 1 placeholder and 0 empty sections in 1 file.\n');
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
