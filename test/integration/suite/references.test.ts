// The reference check in the editor (docs/spec.md, "References"): the small
// repository test/fixtures/workspace/references (committed: the headless
// server's watcher may never watch a folder made while it runs), whose notes
// name a moved file, a renamed symbol, a path outside, a line past the end
// and a Code Structure tree.
// Asserted as a user sees it: the Problems panel's ranges, the links and
// where opening them lands, the hover, the quick fix, and the watcher.
import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { api, closeAllEditors, diagnosticsWhen, eventually, repoRoot, summarize, workspaceRoot } from './util';

/** The fixture repository: its `.impl-notes.yaml` makes it the root of its notes (docs/spec.md, "Resolving references"). */
const repo = path.join(workspaceRoot().fsPath, 'references');
const notesFile = path.join(repo, 'docs', 'notes.md');
const NOTES = fs.readFileSync(notesFile, 'utf8');
const APP = fs.readFileSync(path.join(repo, 'src', 'app.go'), 'utf8');
/** A file outside the workspace, and a link to it inside the repository (made before the file list is). */
const secret = path.join(os.tmpdir(), `impl-notes-secret-${process.pid}.txt`);
const link = path.join(repo, 'src', 'link.txt');

/** `L:C-L:C code` (1-based, as `summarize` prints) of the `nth` occurrence of `needle` in `text`. */
function spanOf(text: string, needle: string, code: string, nth = 0): string {
  let at = -1;
  for (let i = 0; i <= nth; i++) at = text.indexOf(needle, at + 1);
  assert.ok(at >= 0, `${needle} not in the notes`);
  const pos = (offset: number) => {
    const before = text.slice(0, offset);
    const line = before.split('\n').length;
    return `${line}:${offset - before.lastIndexOf('\n')}`;
  };
  return `${pos(at)}-${pos(at + needle.length)} ${code}`;
}

/** The range of the first `needle` in the document; a backtick or line break at its end only marks where it ends (not part of the range). */
const rangeOf = (document: vscode.TextDocument, needle: string): vscode.Range => {
  const at = document.getText().indexOf(needle);
  assert.ok(at >= 0, `${needle} not in the document`);
  return new vscode.Range(document.positionAt(at), document.positionAt(at + needle.length - (needle.endsWith('`') || needle.endsWith('\n') ? 1 : 0)));
};

suite('references in the editor', () => {
  let document: vscode.TextDocument;
  const files = () => vscode.workspace.getConfiguration('files');

  // The web workbench of the offline host saves after a delay by default: the edits here must never reach the fixture.
  suiteSetup(async () => {
    fs.writeFileSync(secret, 'not for the notes\n');
    fs.rmSync(link, { force: true });
    fs.symlinkSync(secret, link);
    await files().update('autoSave', 'off', vscode.ConfigurationTarget.Global);
    await eventually(vscode.workspace.onDidChangeConfiguration, () => files().get('autoSave') === 'off', 20000, 'auto save off');
  });

  setup(async () => {
    document = await vscode.workspace.openTextDocument(notesFile);
    await vscode.window.showTextDocument(document);
  });

  teardown(closeAllEditors);

  suiteTeardown(async () => {
    await closeAllEditors();
    // What the watcher test writes, should it stop half-way.
    fs.rmSync(path.join(repo, 'src', 'gone.py'), { force: true });
    fs.rmSync(link, { force: true });
    fs.rmSync(secret, { force: true });
    fs.writeFileSync(path.join(repo, 'src', 'app.go'), APP);
    assert.equal(fs.readFileSync(notesFile, 'utf8'), NOTES, 'the fixture notes were never saved');
    await files().update('autoSave', undefined, vscode.ConfigurationTarget.Global);
  });

  const referenceDiagnostics = (d: vscode.Diagnostic[]) => d.filter((x) => x.code === 'broken-reference' || x.code === 'unknown-symbol');

  test('broken references and unknown symbols at the CLI ranges, with the candidates named', async () => {
    const { references } = await api();
    const diagnostics = referenceDiagnostics(await diagnosticsWhen(document.uri, (d) => referenceDiagnostics(d).length === 6));
    assert.deepEqual(summarize(diagnostics), [
      spanOf(NOTES, 'src/search/indexer.py', 'broken-reference'),
      spanOf(NOTES, 'SearchIndexer', 'unknown-symbol'),
      spanOf(NOTES, 'src/app.go:9', 'broken-reference'),
      spanOf(NOTES, '../../../etc/passwd', 'broken-reference'),
      spanOf(NOTES, 'src/gone.py', 'broken-reference'),
      spanOf(NOTES, 'missing.py', 'broken-reference'),
    ].sort());
    const message = (needle: string) => diagnostics.find((d) => d.range.isEqual(rangeOf(document, needle)))?.message;
    assert.equal(message('src/search/indexer.py'), '`src/search/indexer.py` does not exist in the repository; moved to `src/index/indexer.py`?');
    assert.equal(message('SearchIndexer'), '`SearchIndexer` is not declared in `src/index/indexer.py`; renamed to `SearchIndex`?');
    assert.match(message('src/app.go:9') ?? '', /line 9 of `src\/app\.go` past the end of the file: it has 3 lines/);
    assert.match(message('../../../etc/passwd') ?? '', /outside the repository/);
    for (const d of diagnostics) {
      assert.equal(d.source, 'Implementation Notes');
      assert.equal(d.severity, vscode.DiagnosticSeverity.Warning);
    }
    // No .git up to the workspace folder: the root is the folder of the .impl-notes.yaml that applies.
    assert.equal(references.rootFor(document.uri)?.fsPath, repo);
  });

  test('a link inside the repository to a file outside it: reported as outside, never read (no link, no hover)', async () => {
    const editor = await vscode.window.showTextDocument(document);
    await diagnosticsWhen(document.uri, (d) => referenceDiagnostics(d).length === 6);
    await editor.edit((b) => b.insert(new vscode.Position(document.lineCount, 0), '\nAlso `src/link.txt#L1`.\n'));
    const diagnostics = await diagnosticsWhen(document.uri, (d) => referenceDiagnostics(d).length === 7);
    const range = rangeOf(document, 'src/link.txt#L1');
    const found = diagnostics.find((d) => d.range.isEqual(range));
    assert.equal(found?.message, '`src/link.txt` is a symbolic link to a place outside the repository (not read)');
    const links = (await vscode.commands.executeCommand<vscode.DocumentLink[]>('vscode.executeLinkProvider', document.uri, 100)) ?? [];
    assert.ok(!links.some((l) => l.range.isEqual(range)));
    const hovers = (await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', document.uri, range.start.translate(0, 1))) ?? [];
    assert.ok(!JSON.stringify(hovers).includes('not for the notes'));
  });

  test('links: files, lines, declarations and folders; opening one lands at its line', async () => {
    await diagnosticsWhen(document.uri, (d) => referenceDiagnostics(d).length === 6);
    const links = (await vscode.commands.executeCommand<vscode.DocumentLink[]>('vscode.executeLinkProvider', document.uri, 100)) ?? [];
    const ours = (needle: string) => {
      const range = rangeOf(document, needle);
      const found = links.filter((l) => l.range.isEqual(range) && l.tooltip !== undefined && !/Follow link/.test(l.tooltip));
      assert.equal(found.length, 1, `one link of ours on ${needle}: ${JSON.stringify(links.filter((l) => l.range.start.line === range.start.line))}`);
      return found[0];
    };
    const file = (rel: string, fragment = '') => vscode.Uri.file(path.join(repo, rel)).with({ fragment }).toString();
    assert.equal(ours('src/query/parser.py').target?.toString(), file('src/query/parser.py'));
    assert.equal(ours('src/query/parser.py').tooltip, 'Open src/query/parser.py');
    assert.equal(ours('src/app.go#L3').target?.toString(), file('src/app.go', 'L3'));
    assert.equal(ours('src/app.go#L3').tooltip, 'Open src/app.go at line 3');
    assert.equal(ours('parse_query()').target?.toString(), file('src/query/parser.py', 'L2'));
    assert.equal(ours('parse_query()').tooltip, 'Open the declaration of parse_query (src/query/parser.py:2)');
    // A line past the end still opens its file; a moved file, an unknown symbol and a path outside have no link.
    assert.equal(ours('src/app.go:9').target?.toString(), file('src/app.go'));
    for (const broken of ['src/search/indexer.py', 'SearchIndexer', '../../../etc/passwd']) {
      assert.ok(!links.some((l) => l.range.isEqual(rangeOf(document, broken)) && l.tooltip?.startsWith('Open')), broken);
    }
    const folder = ours('src/query/`');
    assert.equal(folder.tooltip, 'Reveal src/query in the Explorer');
    assert.equal(folder.target?.scheme, 'command');
    assert.equal(folder.target?.path, 'revealInExplorer');
    const [argument] = JSON.parse(decodeURIComponent(folder.target?.query ?? '')) as { path: string }[];
    assert.equal(argument.path, vscode.Uri.file(path.join(repo, 'src/query')).path);
    // The tree's lines are links too.
    assert.equal(ours('indexer.py\n').target?.toString(), file('src/index/indexer.py'));

    // Opened as Ctrl+click opens it: the editor's open-link action at the caret. The editor finds a shown
    // document's links a while after it is shown: the action is tried again until the target opens.
    for (const [needle, rel, line] of [['src/app.go#L3', 'src/app.go', 2], ['parse_query()', 'src/query/parser.py', 1]] as const) {
      const arrived = () => {
        const active = vscode.window.activeTextEditor;
        return active?.document.uri.fsPath === path.join(repo, rel) && active.selection.active.line === line ? active : undefined;
      };
      let opened: vscode.TextEditor | undefined;
      for (let attempt = 0; attempt < 10 && !opened; attempt++) {
        const editor = await vscode.window.showTextDocument(document, { preview: false });
        const at = rangeOf(document, needle).start.translate(0, 2);
        editor.selection = new vscode.Selection(at, at);
        await vscode.commands.executeCommand('editor.action.openLink');
        opened = await eventually(vscode.window.onDidChangeTextEditorSelection, arrived, 3000, `${rel} open at line ${line + 1}`).catch(() => undefined);
      }
      assert.ok(opened, `${needle} opens ${rel} at line ${line + 1}`);
    }
  });

  test('hover on a symbol shows its declaring line; on a line reference, the line', async () => {
    await diagnosticsWhen(document.uri, (d) => referenceDiagnostics(d).length === 6);
    const hoverText = async (needle: string) => {
      const hovers = (await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', document.uri, rangeOf(document, needle).start.translate(0, 1))) ?? [];
      return hovers.flatMap((h) => h.contents.map((c) => (c instanceof vscode.MarkdownString ? c.value : ''))).join('\n---\n');
    };
    const symbol = await hoverText('parse_query()');
    assert.match(symbol, /`parse_query` is declared in \[src\/query\/parser\\\.py:2\]\(file:\/\/[^)]*#L2\)/);
    assert.match(symbol, /```python\ndef parse_query\(q: str\) -> str:\n```/);
    // The line's own indentation is dropped.
    assert.match(await hoverText('src/app.go#L3'), /```go\nconst Answer = 42\n```/);
  });

  test('quick fixes change a moved path and a renamed symbol, one undo step each; none without a single candidate', async () => {
    const editor = await vscode.window.showTextDocument(document);
    const diagnostics = await diagnosticsWhen(document.uri, (d) => referenceDiagnostics(d).length === 6);
    const fixesAt = async (needle: string) => {
      const range = rangeOf(document, needle);
      const actions = (await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', document.uri, range, vscode.CodeActionKind.QuickFix.value)) ?? [];
      return actions.filter((a) => a.title.startsWith('Change to'));
    };
    assert.deepEqual((await fixesAt('src/gone.py')).map((a) => a.title), []);
    assert.deepEqual((await fixesAt('../../../etc/passwd')).map((a) => a.title), []);

    const [moved] = await fixesAt('src/search/indexer.py');
    assert.equal(moved.title, 'Change to `src/index/indexer.py`');
    assert.ok(moved.isPreferred);
    assert.ok(await vscode.workspace.applyEdit(moved.edit!));
    assert.equal(document.getText(), NOTES.replace('src/search/indexer.py', 'src/index/indexer.py'));
    await diagnosticsWhen(document.uri, (d) => referenceDiagnostics(d).length === 5);

    const [renamed] = await fixesAt('SearchIndexer');
    assert.equal(renamed.title, 'Change to `SearchIndex`');
    assert.ok(await vscode.workspace.applyEdit(renamed.edit!));
    const left = referenceDiagnostics(await diagnosticsWhen(document.uri, (d) => referenceDiagnostics(d).length === 4));
    assert.ok(!left.some((d) => d.range.start.line === diagnostics.find((x) => x.code === 'unknown-symbol')!.range.start.line));
    assert.ok(!left.some((d) => d.code === 'unknown-symbol'));

    await vscode.commands.executeCommand('undo');
    assert.equal(editor.document.getText(), NOTES.replace('src/search/indexer.py', 'src/index/indexer.py'));
    await diagnosticsWhen(document.uri, (d) => referenceDiagnostics(d).length === 5);
  });

  test('the watcher: a missing file written on disk clears its finding; deleting it brings it back', async function () {
    this.timeout(240000);
    await diagnosticsWhen(document.uri, (d) => referenceDiagnostics(d).length === 6);
    const gone = rangeOf(document, 'src/gone.py');
    const hasGone = (d: vscode.Diagnostic[]) => d.some((x) => x.range.isEqual(gone));
    const written = path.join(repo, 'src', 'gone.py');
    // Another program writes the file: only the disk watcher tells (the headless server's can take over 30 s).
    fs.writeFileSync(written, 'BACK = True\n');
    await diagnosticsWhen(document.uri, (d) => !hasGone(d) && referenceDiagnostics(d).length === 5, 90000);
    fs.rmSync(written);
    await diagnosticsWhen(document.uri, (d) => hasGone(d) && referenceDiagnostics(d).length === 6, 90000);
    // A change on disk is read again: the line named past the end exists once the file grows.
    fs.writeFileSync(path.join(repo, 'src/app.go'), `${APP}\n\n\n\n\n\n`);
    try {
      await diagnosticsWhen(document.uri, (d) => referenceDiagnostics(d).length === 5, 90000);
    } finally {
      fs.writeFileSync(path.join(repo, 'src/app.go'), APP);
    }
    await diagnosticsWhen(document.uri, (d) => referenceDiagnostics(d).length === 6, 90000);
  });

  test('in a git repository, a file that appears where .gitignore excludes it stays missing, as in the CLI', async function () {
    this.timeout(120000);
    // A repository of its own (a .git up to the workspace folder makes the root): its list comes from git.
    const dir = path.join(workspaceRoot().fsPath, `gitignored-${process.pid}`);
    fs.rmSync(dir, { recursive: true, force: true });
    fs.mkdirSync(path.join(dir, 'docs'), { recursive: true });
    try {
      assert.equal(spawnSync('git', ['init', '-q'], { cwd: dir }).status, 0);
      fs.writeFileSync(path.join(dir, '.gitignore'), 'dist/\n');
      const notes = '---\ntype: implementation-notes\n---\n# Implementation Notes: Build\n\n- **Location**: `src/main.ts`, `dist/main.js`\n';
      fs.writeFileSync(path.join(dir, 'docs', 'notes.md'), notes);
      const uri = vscode.Uri.file(path.join(dir, 'docs', 'notes.md'));
      await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(uri));
      const broken = (d: vscode.Diagnostic[]) => summarize(d.filter((x) => x.code === 'broken-reference'));
      const both = [spanOf(notes, 'src/main.ts', 'broken-reference'), spanOf(notes, 'dist/main.js', 'broken-reference')].sort();
      await diagnosticsWhen(uri, (d) => JSON.stringify(broken(d)) === JSON.stringify(both), 30000);
      assert.equal((await api()).references.rootFor(uri)?.fsPath, dir);

      // A build writes its output and a source file appears, through VS Code (the events come at once).
      const edit = new vscode.WorkspaceEdit();
      edit.createFile(vscode.Uri.file(path.join(dir, 'src', 'main.ts')), { contents: Buffer.from('export const main = 1;\n') });
      edit.createFile(vscode.Uri.file(path.join(dir, 'dist', 'main.js')), { contents: Buffer.from('exports.main = 1;\n') });
      assert.ok(await vscode.workspace.applyEdit(edit));
      const onlyDist = [spanOf(notes, 'dist/main.js', 'broken-reference')];
      await diagnosticsWhen(uri, (d) => JSON.stringify(broken(d)) === JSON.stringify(onlyDist), 30000);

      // The CLI on the same repository says the same.
      const cli = spawnSync(process.execPath, [path.join(repoRoot, 'dist', 'cli.js'), 'check', '--format', 'json', 'docs/notes.md'], { cwd: dir, encoding: 'utf8' });
      const report = JSON.parse(cli.stdout) as { files: { references: { text: string; status: string }[] }[] };
      assert.deepEqual(report.files[0].references.map((r) => `${r.text} ${r.status}`), ['src/main.ts ok', 'dist/main.js missing']);
    } finally {
      await closeAllEditors();
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  test('implementationNotes.checkReferences off: no reference findings, no links of ours; on again: back', async () => {
    await diagnosticsWhen(document.uri, (d) => referenceDiagnostics(d).length === 6);
    const config = vscode.workspace.getConfiguration('implementationNotes', document.uri);
    await config.update('checkReferences', false, vscode.ConfigurationTarget.Workspace);
    try {
      await diagnosticsWhen(document.uri, (d) => referenceDiagnostics(d).length === 0);
      const links = (await vscode.commands.executeCommand<vscode.DocumentLink[]>('vscode.executeLinkProvider', document.uri, 100)) ?? [];
      assert.ok(!links.some((l) => l.tooltip?.startsWith('Open the declaration')));
    } finally {
      await config.update('checkReferences', undefined, vscode.ConfigurationTarget.Workspace);
    }
    await diagnosticsWhen(document.uri, (d) => referenceDiagnostics(d).length === 6);
  });

  test('edit to diagnostics on notes with 500 references (measured)', async function () {
    this.timeout(120000);
    const many = Array.from({ length: 500 }, (_, i) => `- \`src/${i % 2 === 0 ? 'app.go' : 'query/parser.py'}#L${(i % 3) + 1}\``).join('\n');
    const text = NOTES.replace('## Code Structure', `## References\n\n${many}\n\n## Code Structure`);
    const editor = await vscode.window.showTextDocument(document);
    await editor.edit((b) => b.replace(new vscode.Range(0, 0, document.lineCount, 0), text));
    const { references } = await api();
    const before = await eventually(references.onDidResolve, () => (references.resolved(document.uri)?.length ?? 0) > 500 && references.resolved(document.uri)?.length, 30000, 'the 500 references resolved');
    await diagnosticsWhen(document.uri, (d) => referenceDiagnostics(d).length === 6);
    const { analyzer } = await api();
    const times: string[] = [];
    for (let i = 0; i < 5; i++) {
      const started = performance.now();
      let analysed = 0;
      let resolved = 0;
      const listeners = [
        analyzer.onDidChangeAnalysis((d) => {
          if (d === document && analyzer.current(document)) analysed = performance.now();
        }),
        references.onDidResolve((uri) => {
          if (uri.toString() === document.uri.toString() && references.resolved(uri)) resolved = performance.now();
        }),
      ];
      const line = rangeOf(document, '## References').start.line + 2;
      // A new broken line reference at the top of the list: its diagnostic marks the end of the re-check.
      await editor.edit((b) => b.insert(new vscode.Position(line, 0), `- \`src/app.go#L${100 + i}\`\n`));
      await diagnosticsWhen(document.uri, (d) => referenceDiagnostics(d).length === 7 + i, 30000);
      listeners.forEach((l) => l.dispose());
      const done = performance.now();
      times.push(`${(done - started).toFixed(0)} (resolved ${(resolved - analysed).toFixed(1)} after the analysis, shown ${(done - resolved).toFixed(1)} after)`);
    }
    assert.equal(references.resolved(document.uri)?.length, before + 5);
    const delay = vscode.workspace.getConfiguration('implementationNotes').get<number>('diagnostics.delay');
    console.log(`[references] edit to reference diagnostics, ${before + 5} references: ${times.join(', ')} ms (debounce ${String(delay)} ms included)`);
    await vscode.commands.executeCommand('workbench.action.files.revert');
  });
});
