// Issue 14: reopening a notes file must show its diagnostics as fast as the
// first open. Times are recorded in out/reopen.json, never asserted.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { closeAllEditors, summarize, diagnosticsWhen, repoRoot, SOURCE } from './util';

suite('reopening', () => {
  teardown(closeAllEditors);

  test('the example: diagnostics on open, on reopening its tab, at once on reopening it once closed, afresh when changed meanwhile (times in out/reopen.json)', async () => {
    // A copy: the test edits it.
    const copy = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'impl-notes-reopen-')), 'phase-2-search-indexing.md');
    fs.copyFileSync(path.join(repoRoot, 'examples', 'phase-2-search-indexing.md'), copy);
    const uri = vscode.Uri.file(copy);
    const timeline: string[] = [];
    const started = performance.now();
    const mark = (what: string) => timeline.push(`${(performance.now() - started).toFixed(0)} ms ${what}`);
    const listeners = [
      vscode.workspace.onDidOpenTextDocument((d) => d.uri.toString() === uri.toString() && mark('open event')),
      vscode.workspace.onDidCloseTextDocument((d) => d.uri.toString() === uri.toString() && mark('close event')),
      vscode.languages.onDidChangeDiagnostics((e) => e.uris.some((u) => u.toString() === uri.toString()) && mark(`diagnostics: ${vscode.languages.getDiagnostics(uri).filter((d) => d.source === SOURCE).length}`)),
    ];
    try {
      const t0 = performance.now();
      await vscode.window.showTextDocument(uri);
      const first = await diagnosticsWhen(uri, (d) => d.length > 0);
      const firstMs = performance.now() - t0;
      mark('first shown');
      await closeAllEditors();
      mark('tab closed');
      const t1 = performance.now();
      await vscode.window.showTextDocument(uri);
      await diagnosticsWhen(uri, (d) => d.length === first.length);
      const tabReopenMs = performance.now() - t1;
      mark('tab reopened, shown');
      // A document the editor really closed (VS Code may keep a closed tab's document for minutes):
      // changing its language closes and reopens it for the extensions.
      const document = await vscode.workspace.openTextDocument(uri);
      await vscode.languages.setTextDocumentLanguage(document, 'plaintext');
      await diagnosticsWhen(uri, (d) => d.length === 0);
      mark('closed for us');
      let openedAt = Number.NaN;
      const opened = vscode.workspace.onDidOpenTextDocument((d) => {
        if (d.uri.toString() === uri.toString()) openedAt = performance.now();
      });
      listeners.push(opened);
      const t2 = performance.now();
      await vscode.languages.setTextDocumentLanguage(document, 'markdown');
      const again = await diagnosticsWhen(uri, (d) => d.length === first.length);
      const reopenMs = performance.now() - t2;
      const fromOpenEvent = reopenMs - (openedAt - t2);
      mark('reopen shown');
      assert.deepEqual(summarize(again), summarize(first));

      // Changed while closed: analysed afresh, not the kept analysis.
      const plain = await vscode.languages.setTextDocumentLanguage(document, 'plaintext');
      await diagnosticsWhen(uri, (d) => d.length === 0);
      const editor = await vscode.window.showTextDocument(plain);
      assert.ok(await editor.edit((b) => b.insert(new vscode.Position(plain.lineCount - 1, 0), '\n[Added later]\n')));
      const markdown = await vscode.languages.setTextDocumentLanguage(plain, 'markdown');
      const changed = await diagnosticsWhen(uri, (d) => d.length === first.length + 1);
      assert.ok(changed.some((d) => markdown.getText(d.range) === '[Added later]'));
      fs.mkdirSync(path.join(repoRoot, 'out'), { recursive: true });
      fs.writeFileSync(path.join(repoRoot, 'out', 'reopen.json'), JSON.stringify({ firstMs, tabReopenMs, reopenMs, fromOpenEvent, timeline }, null, 2));
      console.log(`    open → diagnostics ${firstMs.toFixed(0)} ms; tab reopen ${tabReopenMs.toFixed(0)} ms; reopen → diagnostics ${reopenMs.toFixed(0)} ms (${fromOpenEvent.toFixed(0)} ms after the open event)\n      ${timeline.join('\n      ')}`);
    } finally {
      listeners.forEach((l) => l.dispose());
      await closeAllEditors();
      fs.rmSync(path.dirname(copy), { recursive: true, force: true });
    }
  });
});
