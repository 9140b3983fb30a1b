// A smoke suite for the web extension (dist/web/extension.js), run in VS Code's
// web worker extension host: no Node API there, so no mocha and no `assert`.
import * as vscode from 'vscode';
import { diagnosticsWhen, EXTENSION_ID, ourDiagnostics, TEMPLATE_PLACEHOLDERS } from '../vscodeShared/helpers';

function ok(condition: unknown, message: string): asserts condition {
  if (!condition) throw new Error(message);
}

export async function run(): Promise<void> {
  let passed = 0;
  let failed = 0;
  const check = async (name: string, body: () => Promise<void>) => {
    try {
      await body();
      passed++;
      console.log(`  ✔ ${name}`);
    } catch (err) {
      failed++;
      console.log(`  ✘ ${name}: ${err instanceof Error ? err.message : String(err)}`);
    }
  };
  console.log('web extension');
  await check('runs in the web worker extension host', async () => {
    // The web worker extension host has no Node globals and is a worker (the
    // test host's uiKind is Web in every mode, so it proves nothing).
    const host = globalThis as { process?: { versions?: { node?: string } }; importScripts?: unknown };
    ok(host.process?.versions?.node === undefined, 'expected no Node.js in the web extension host');
    ok(typeof host.importScripts === 'function', 'expected a web worker global scope');
    const extension = vscode.extensions.getExtension(EXTENSION_ID);
    ok(extension, 'the extension is present');
    await extension.activate();
    ok(extension.isActive, 'the extension is active');
    ok((extension.packageJSON as { browser?: string }).browser === './dist/web/extension.js', 'the browser entry is declared');
  });
  await check('Insert Template gives the template and a diagnostic per placeholder', async () => {
    const document = await vscode.workspace.openTextDocument({ language: 'markdown', content: '' });
    await vscode.window.showTextDocument(document);
    await vscode.commands.executeCommand('implementationNotes.insertTemplate');
    ok(document.getText().startsWith('# Implementation Notes Template\n\n## Phase Information\n'), 'the template was inserted');
    await diagnosticsWhen(document.uri, (d) => d.length === TEMPLATE_PLACEHOLDERS, 30000);
    await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
  });
  await check('a slow analysis runs in a web worker: the host stays responsive, and past analysisTimeLimit it is stopped', async () => {
    const settings = vscode.workspace.getConfiguration('implementationNotes');
    await settings.update('analysisTimeLimit', 1, vscode.ConfigurationTarget.Global);
    try {
      // micromark is quadratic on one paragraph of many brackets: far longer than a second.
      const slow = await vscode.workspace.openTextDocument({ language: 'markdown', content: '# Implementation Notes\n\n' + '[a] x '.repeat(40000) + '\n' });
      const opened = Date.now();
      const timerFiredAfter = new Promise<number>((resolve) => setTimeout(() => resolve(Date.now() - opened), 0));
      await vscode.window.showTextDocument(slow);
      const waiting = await vscode.workspace.openTextDocument({ language: 'markdown', content: '# Implementation Notes\n\n[Left]\n' });
      await vscode.window.showTextDocument(waiting);
      await diagnosticsWhen(waiting.uri, (d) => d.length === 1, 30000);
      const waited = await timerFiredAfter;
      ok(waited < 2000, `a timer set after opening the slow document fired after ${waited} ms`);
      ok(ourDiagnostics(slow.uri).length === 0, 'the slow document was stopped, with no diagnostics');
    } finally {
      await settings.update('analysisTimeLimit', undefined, vscode.ConfigurationTarget.Global);
      // Both untitled documents are dirty: revert them rather than prompt.
      await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
      await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
    }
  });
  await check('references resolve through workspace.fs: the broken ones are problems, the others links', async () => {
    // The fixture repository of the Node suite's references.test.ts (rooted by its .impl-notes.yaml).
    const folder = vscode.workspace.workspaceFolders?.[0];
    ok(folder, 'a workspace folder');
    const document = await vscode.workspace.openTextDocument(vscode.Uri.joinPath(folder.uri, 'references', 'docs', 'notes.md'));
    await vscode.window.showTextDocument(document);
    const codes = (d: vscode.Diagnostic[]) => d.filter((x) => x.code === 'broken-reference' || x.code === 'unknown-symbol');
    const found = codes(await diagnosticsWhen(document.uri, (d) => codes(d).length === 6, 60000));
    ok(found.some((d) => d.message.includes('moved to `src/index/indexer.py`?')), `the moved file's candidate is named: ${found.map((d) => d.message).join(' | ')}`);
    const links = (await vscode.commands.executeCommand<vscode.DocumentLink[]>('vscode.executeLinkProvider', document.uri, 100)) ?? [];
    const parser = links.find((l) => l.tooltip === 'Open the declaration of parse_query (src/query/parser.py:2)');
    ok(parser?.target?.path.endsWith('/references/src/query/parser.py') && parser.target.fragment === 'L2', `a symbol's link opens its declaration: ${JSON.stringify(parser?.target)}`);
    await vscode.commands.executeCommand('workbench.action.closeActiveEditor');
  });
  console.log(`${passed} passed, ${failed} failed`);
  if (failed > 0) throw new Error(`${failed} web checks failed`);
}
