// A smoke suite for the web extension (dist/web/extension.js), run in VS Code's
// web worker extension host: no Node API there, so no mocha and no `assert`.
import * as vscode from 'vscode';

const EXTENSION_ID = 'implementation-notes.implementation-notes';

function ok(condition: unknown, message: string): asserts condition {
  if (!condition) throw new Error(message);
}

function diagnosticsWhen(uri: vscode.Uri, ready: (n: number) => boolean, timeoutMs = 30000): Promise<number> {
  const count = () => vscode.languages.getDiagnostics(uri).filter((d) => d.source === 'Implementation Notes').length;
  return new Promise((resolve, reject) => {
    if (ready(count())) { resolve(count()); return; }
    const timer = setTimeout(() => {
      listener.dispose();
      reject(new Error(`diagnostics not ready after ${timeoutMs} ms (have ${count()})`));
    }, timeoutMs);
    const listener = vscode.languages.onDidChangeDiagnostics(() => {
      if (ready(count())) {
        clearTimeout(timer);
        listener.dispose();
        resolve(count());
      }
    });
  });
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
  await check('Insert Template gives the template and its 228 placeholders as diagnostics', async () => {
    const document = await vscode.workspace.openTextDocument({ language: 'markdown', content: '' });
    await vscode.window.showTextDocument(document);
    await vscode.commands.executeCommand('implementationNotes.insertTemplate');
    ok(document.getText().startsWith('# Implementation Notes Template\n\n## Phase Information\n'), 'the template was inserted');
    await diagnosticsWhen(document.uri, (n) => n === 228);
    await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
  });
  console.log(`${passed} passed, ${failed} failed`);
  if (failed > 0) throw new Error(`${failed} web checks failed`);
}
