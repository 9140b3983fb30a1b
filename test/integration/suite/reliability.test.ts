import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { api, closeAllEditors, diagnosticsWhen, eventually, fixture, untitled } from './util';

/** A file system whose files cannot be written: what a read-only document is made of. */
class ReadOnlyFileSystem implements vscode.FileSystemProvider {
  private readonly emitter = new vscode.EventEmitter<vscode.FileChangeEvent[]>();
  readonly onDidChangeFile = this.emitter.event;
  constructor(private readonly files: Map<string, string>) {}
  watch(): vscode.Disposable {
    return new vscode.Disposable(() => undefined);
  }
  stat(uri: vscode.Uri): vscode.FileStat {
    const text = this.files.get(uri.path);
    if (text === undefined) throw vscode.FileSystemError.FileNotFound(uri);
    return { type: vscode.FileType.File, ctime: 0, mtime: 0, size: text.length, permissions: vscode.FilePermission.Readonly };
  }
  readDirectory(): [string, vscode.FileType][] {
    return [...this.files.keys()].map((p) => [p.slice(1), vscode.FileType.File]);
  }
  createDirectory(): void {
    throw vscode.FileSystemError.NoPermissions('read-only');
  }
  readFile(uri: vscode.Uri): Uint8Array {
    return new TextEncoder().encode(this.stat(uri) && this.files.get(uri.path));
  }
  writeFile(): void {
    throw vscode.FileSystemError.NoPermissions('read-only');
  }
  delete(): void {
    throw vscode.FileSystemError.NoPermissions('read-only');
  }
  rename(): void {
    throw vscode.FileSystemError.NoPermissions('read-only');
  }
}

suite('reliability', () => {
  teardown(closeAllEditors);

  test('edits while an analysis is pending: the diagnostics match the final text', async () => {
    const editor = await untitled('# Implementation Notes\n\n## Work\n');
    for (let i = 0; i < 25; i++) {
      // No waiting between keystrokes: each edit supersedes the pending analysis.
      await editor.edit((b) => b.insert(new vscode.Position(3, 0), `[Item ${i}] `));
    }
    const diagnostics = await diagnosticsWhen(editor.document.uri, (d) => d.length === 25);
    assert.ok(diagnostics.every((d) => d.code === 'placeholder'));
  });

  test('closing a document mid-analysis leaves no diagnostics behind', async () => {
    const big = '# Implementation Notes\n\n' + Array.from({ length: 400 }, (_, i) => `## Part ${i}\n[Fill ${i}] and more text\n`).join('\n');
    // A name of its own: closed untitled names are reused by the next untitled document.
    const uri = vscode.Uri.parse(`untitled:/mid-analysis-${Date.now()}.md`);
    const document = await vscode.workspace.openTextDocument(uri);
    await vscode.languages.setTextDocumentLanguage(document, 'markdown');
    const editor = await vscode.window.showTextDocument(document);
    await editor.edit((b) => b.insert(new vscode.Position(0, 0), big));
    await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
    // Another notes document analysed after the close proves the queue moved on.
    const other = await untitled('# Implementation Notes\n\n[After]\n');
    await diagnosticsWhen(other.document.uri, (d) => d.length === 1);
    assert.deepEqual(vscode.languages.getDiagnostics(uri).filter((d) => d.source === 'Implementation Notes'), []);
  });

  test('switching editors quickly: the checklist follows the last one', async () => {
    const a = await untitled('# Implementation Notes\n\n## Alpha\n[A]\n');
    const b = await untitled('# Implementation Notes\n\n## Beta\n[B]\n');
    for (let i = 0; i < 5; i++) {
      await vscode.window.showTextDocument(a.document);
      await vscode.window.showTextDocument(b.document);
    }
    const { checklist } = await api();
    await eventually(checklist.onDidRefresh, () => {
      // The chapters are the top level (the title is no row).
      return checklist.getChildren().map((i) => ('section' in i ? i.section.title : i.missing.title)).join() === 'Beta';
    }, 20000, 'the checklist shows Beta');
  });

  test('a read-only document is left untouched, with a message', async () => {
    const files = new Map([['/notes.md', '# Implementation Notes\n\nRead only.\n']]);
    const registration = vscode.workspace.registerFileSystemProvider('impl-notes-readonly', new ReadOnlyFileSystem(files), { isReadonly: true });
    try {
      const document = await vscode.workspace.openTextDocument(vscode.Uri.parse('impl-notes-readonly:/notes.md'));
      await vscode.window.showTextDocument(document);
      assert.equal(await vscode.commands.executeCommand('implementationNotes.insertTemplate'), false);
      assert.equal(document.getText(), '# Implementation Notes\n\nRead only.\n');
      assert.equal(document.isDirty, false);
    } finally {
      await closeAllEditors();
      registration.dispose();
    }
  });

  test('a config file created or removed on disk applies at once', async () => {
    const folder = fixture('docs', 'configured');
    const notes = vscode.Uri.joinPath(folder, 'notes.md');
    const config = vscode.Uri.joinPath(folder, '.impl-notes.yaml');
    await vscode.workspace.fs.writeFile(notes, new TextEncoder().encode('# Implementation Notes\n\n[Name] and [Role]\n'));
    try {
      await vscode.window.showTextDocument(notes);
      await diagnosticsWhen(notes, (d) => d.length === 2);
      await vscode.workspace.fs.writeFile(config, new TextEncoder().encode('ignore:\n  - "[Name]"\n'));
      const after = await diagnosticsWhen(notes, (d) => d.length === 1);
      assert.equal(after[0].message, 'Placeholder [Role] is not filled in');
      await vscode.workspace.fs.delete(config);
      await diagnosticsWhen(notes, (d) => d.length === 2);
    } finally {
      await closeAllEditors();
      await vscode.workspace.fs.delete(folder, { recursive: true }).then(undefined, () => undefined);
    }
  });

  test('fill everywhere changes nothing but the placeholders, and undoes in one step', async () => {
    const text = '# Implementation Notes\n\n[Name] wrote `[Name]` and [Name of x]\n<!-- [Name] -->\n';
    const editor = await untitled(text);
    await diagnosticsWhen(editor.document.uri, (d) => d.length === 3);
    await vscode.commands.executeCommand('implementationNotes.fillPlaceholderEverywhere', { placeholder: '[Name]', value: 'Ada' });
    assert.equal(editor.document.getText(), '# Implementation Notes\n\nAda wrote `Ada` and [Name of x]\n<!-- [Name] -->\n');
    await vscode.commands.executeCommand('undo');
    assert.equal(editor.document.getText(), text);
  });

  test('an analysis past implementationNotes.analysisTimeLimit is stopped; documents waiting behind it are still checked', async function () {
    this.timeout(60000);
    const settings = vscode.workspace.getConfiguration('implementationNotes');
    await settings.update('analysisTimeLimit', 1, vscode.ConfigurationTarget.Global);
    try {
      // micromark is quadratic on one paragraph of many brackets: this takes far longer than a second.
      const slow = await untitled('# Implementation Notes\n\n' + '[a] x '.repeat(40000) + '\n');
      // Queued behind the slow analysis in the same worker.
      const waiting = await untitled('# Implementation Notes\n\n[Left]\n');
      const diagnostics = await diagnosticsWhen(waiting.document.uri, (d) => d.length === 1);
      assert.equal(diagnostics[0].code, 'placeholder');
      const { analyzer } = await api();
      // Left alone while it stays open: no new attempt, no diagnostics.
      const edit = new vscode.WorkspaceEdit();
      edit.insert(slow.document.uri, new vscode.Position(0, 0), 'x');
      assert.ok(await vscode.workspace.applyEdit(edit));
      assert.equal(await analyzer.analyzeNow(slow.document), undefined);
      assert.deepEqual(vscode.languages.getDiagnostics(slow.document.uri).filter((d) => d.source === 'Implementation Notes'), []);
      // The new worker serves edits as before.
      const more = new vscode.WorkspaceEdit();
      more.insert(waiting.document.uri, new vscode.Position(3, 0), '[More]\n');
      assert.ok(await vscode.workspace.applyEdit(more));
      await diagnosticsWhen(waiting.document.uri, (d) => d.length === 2);
    } finally {
      await settings.update('analysisTimeLimit', undefined, vscode.ConfigurationTarget.Global);
    }
  });

  test('a heading line of 20,000 spaces does not block the extension host', async () => {
    // The former heading regex backtracked cubically on it (hours), on this thread.
    const content = '# Implementation Notes' + ' '.repeat(20000) + 'x\n\n## Owner\n[Owner]\n';
    const document = await vscode.workspace.openTextDocument({ language: 'markdown', content });
    const opened = Date.now();
    // Set just after the open: it runs after the detection the open scheduled.
    const timerFiredAfter = new Promise<number>((resolve) => setTimeout(() => resolve(Date.now() - opened), 0));
    await vscode.window.showTextDocument(document);
    const diagnostics = await diagnosticsWhen(document.uri, (d) => d.length > 0);
    assert.deepEqual(diagnostics.map((d) => `${d.range.start.line + 1}:${d.range.start.character + 1} ${d.message}`), ['4:1 Placeholder [Owner] is not filled in']);
    const waited = await timerFiredAfter;
    assert.ok(waited < 2000, `the timer fired ${waited} ms after the open`);
  });
});
