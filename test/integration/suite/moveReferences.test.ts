// References follow files that move in VS Code (docs/spec.md, "When files
// move"): a rename through a WorkspaceEdit (as the Explorer does, firing
// onWillRenameFiles) updates a notes file's Location field, link, inline-code
// path and Code Structure line in one undo step (`always`), changes nothing
// with `never`, and follows a folder; completions in a Location field and a
// Key Classes/Functions list.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { api, closeAllEditors, eventually, workspaceRoot } from './util';

const NOTES = [
  '# Implementation Notes: Moves',
  '',
  '## Key Components',
  '',
  '### Indexer',
  '',
  '**Location**: `src/search/indexer.ts`',
  '',
  '**Key Classes/Functions**:',
  '- `Indexer`: builds the index',
  '',
  'See [the indexer](src/search/indexer.ts#L1) and `src/search/indexer.ts:2`, then `src/main.ts`.',
  '',
  '## Code Structure',
  '',
  '```',
  'src/',
  '├── search/',
  '│   └── indexer.ts',
  '└── main.ts',
  'notes.md',
  '```',
  '',
].join('\n');

const SOURCES: Record<string, string> = {
  'src/search/indexer.ts': 'export class Indexer {}\nexport function buildIndex(): void {}\n',
  'src/main.ts': 'import { Indexer } from "./search/indexer";\nnew Indexer();\n',
};

suite('references on file moves', () => {
  const settingsFile = path.join(workspaceRoot().fsPath, '.vscode', 'settings.json');
  const originalSettings = fs.readFileSync(settingsFile, 'utf8');
  const folders: string[] = [];
  let made = 0;

  suiteTeardown(async () => {
    await closeAllEditors();
    for (const folder of folders) fs.rmSync(folder, { recursive: true, force: true });
    fs.writeFileSync(settingsFile, originalSettings);
    const config = () => vscode.workspace.getConfiguration('implementationNotes', workspaceRoot());
    await eventually(vscode.workspace.onDidChangeConfiguration, () => config().get('updateReferencesOnFileMove') === 'prompt', 20000, 'fixture settings restored');
  });

  const setting = async (value: 'always' | 'never') => {
    await vscode.workspace.getConfiguration('implementationNotes', workspaceRoot()).update('updateReferencesOnFileMove', value, vscode.ConfigurationTarget.Workspace);
  };

  /** A fresh folder of the workspace with the sources and the notes, made by VS Code (so the file list knows them), the notes open and resolved. */
  async function project(): Promise<{ base: vscode.Uri; editor: vscode.TextEditor; at: (rel: string) => vscode.Uri }> {
    const name = `moves-${process.pid}-${++made}`;
    const base = vscode.Uri.joinPath(workspaceRoot(), name);
    folders.push(base.fsPath);
    const at = (rel: string) => vscode.Uri.joinPath(base, ...rel.split('/'));
    const edit = new vscode.WorkspaceEdit();
    for (const [rel, text] of Object.entries(SOURCES)) edit.createFile(at(rel), { contents: Buffer.from(text) });
    edit.createFile(at('notes.md'), { contents: Buffer.from(NOTES) });
    assert.ok(await vscode.workspace.applyEdit(edit), 'the project is created');
    const { references } = await api();
    const editor = await vscode.window.showTextDocument(at('notes.md'));
    // Every reference resolves: the file list holds the new files.
    await eventually(references.onDidResolve, () => {
      const resolved = references.resolved(editor.document.uri);
      return resolved && resolved.length > 0 && resolved.every((r) => r.status === 'ok');
    }, 60000, `the references of ${name}/notes.md resolved`);
    return { base, editor, at };
  }

  const rename = async (from: vscode.Uri, to: vscode.Uri) => {
    const edit = new vscode.WorkspaceEdit();
    edit.renameFile(from, to);
    assert.ok(await vscode.workspace.applyEdit(edit), 'the rename is applied');
  };

  test('always: a rename updates the Location, the link, the inline code and the tree line, in one undo step', async function () {
    this.timeout(120000);
    await setting('always');
    const { editor, at } = await project();
    await rename(at('src/search/indexer.ts'), at('src/search/index.ts'));
    const expected = NOTES.replace('`src/search/indexer.ts`', '`src/search/index.ts`')
      .replace('(src/search/indexer.ts#L1)', '(src/search/index.ts#L1)')
      .replace('`src/search/indexer.ts:2`', '`src/search/index.ts:2`')
      .replace('│   └── indexer.ts', '│   └── index.ts');
    assert.equal(editor.document.getText(), expected);
    assert.ok(fs.existsSync(at('src/search/index.ts').fsPath), 'the file moved');

    await vscode.window.showTextDocument(editor.document);
    await vscode.commands.executeCommand('undo');
    await eventually(vscode.workspace.onDidChangeTextDocument, () => editor.document.getText() === NOTES, 20000, 'one undo restores the notes');
    // The same step moves the file back.
    assert.ok(fs.existsSync(at('src/search/indexer.ts').fsPath) && !fs.existsSync(at('src/search/index.ts').fsPath), 'the undo moves the file back');
  });

  test('never: a rename changes nothing', async function () {
    this.timeout(120000);
    await setting('never');
    const { editor, at } = await project();
    await rename(at('src/main.ts'), at('src/app.ts'));
    assert.ok(fs.existsSync(at('src/app.ts').fsPath), 'the file moved');
    assert.equal(editor.document.getText(), NOTES);
    assert.equal(editor.document.isDirty, false);
  });

  test('always: a folder move updates every path inside it and renames its tree line; a closed notes file too', async function () {
    this.timeout(120000);
    await setting('always');
    const { editor, at } = await project();
    // A second notes file, closed, two folders down, naming the same folder from the root's side.
    const other = at('docs/deep/other.md');
    const name = path.basename(at('').fsPath);
    const otherText = `# Implementation Notes: Other\n\nSee [search](../../src/search/) and \`${name}/src/search/indexer.ts#L2\`.\n`;
    const create = new vscode.WorkspaceEdit();
    create.createFile(other, { contents: Buffer.from(otherText) });
    assert.ok(await vscode.workspace.applyEdit(create));
    await rename(at('src/search'), at('src/find'));
    assert.equal(editor.document.getText(), NOTES.replaceAll('src/search/indexer.ts', 'src/find/indexer.ts').replace('├── search/', '├── find/'));
    const otherNow = await vscode.workspace.openTextDocument(other);
    assert.equal(otherNow.getText(), `# Implementation Notes: Other\n\nSee [search](../../src/find/) and \`${name}/src/find/indexer.ts#L2\`.\n`);
  });

  test('completions: paths in a Location field, symbols of its file in a Key Classes/Functions list', async function () {
    this.timeout(120000);
    const { editor, base } = await project();
    const name = path.basename(base.fsPath);
    const labels = async (position: vscode.Position) => {
      const list = await vscode.commands.executeCommand<vscode.CompletionList>('vscode.executeCompletionItemProvider', editor.document.uri, position);
      return list.items.map((i) => (typeof i.label === 'string' ? i.label : i.label.label));
    };
    // The Key Classes/Functions list under the component's Location (`src/search/indexer.ts`).
    const item = NOTES.split('\n').indexOf('- `Indexer`: builds the index') + 1;
    await editor.edit((b) => b.insert(new vscode.Position(item, 0), '- `\n'));
    const symbols = await labels(new vscode.Position(item, 3));
    assert.ok(symbols.includes('Indexer') && symbols.includes('buildIndex'), `symbols offered: ${symbols.join(', ')}`);
    // A Location field being typed, root-relative: the folder's entries, folders first.
    const line = `**Location**: ${name}/src/`;
    const end = editor.document.lineCount - 1;
    await editor.edit((b) => b.insert(new vscode.Position(end, 0), `### Other\n\n${line}`));
    const paths = await labels(new vscode.Position(end + 2, line.length));
    assert.ok(paths.includes('search/') && paths.includes('main.ts'), `paths offered: ${paths.join(', ')}`);
    assert.ok(paths.indexOf('search/') < paths.indexOf('main.ts'), 'folders first');
  });
});
