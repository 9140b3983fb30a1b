// Issue 14: what a new user trips over in the first hour, checked as a user sees it.
import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { NotNotesNotice } from '../../../src/extension/commands/treatAsNotes';
import { registerWalkthroughProgress } from '../../../src/extension/views/walkthrough';
import { api, closeAllEditors, diagnosticsWhen, eventually, fixture, repoRoot, selectionText, TEMPLATE_PLACEHOLDERS, templateText, untitled } from './util';

const at = (editor: vscode.TextEditor): [number, number] => [editor.selection.start.line, editor.selection.start.character];

/** What `impl-notes check --format json` reports for a file, in the terms of `asCliWords` below. */
function cliFindings(file: string): string[] {
  const run = spawnSync(process.execPath, [path.join(repoRoot, 'dist', 'cli.js'), 'check', '--format', 'json', file], {
    env: { ...process.env, ELECTRON_RUN_AS_NODE: '1' },
    encoding: 'utf8',
  });
  assert.equal(run.status, 1, run.stderr);
  const [report] = JSON.parse(run.stdout).files;
  return [
    ...report.placeholders.map((p: { line: number; column: number; endColumn: number }) => `${p.line}:${p.column}-${p.line}:${p.endColumn} placeholder`),
    ...report.sections.filter((s: { status: string }) => s.status === 'empty').map((s: { line: number }) => `${s.line}:1 empty-section`),
    ...(report.missing ?? []).map((m: { line: number }) => `${m.line}:1 missing-section`),
  ].sort();
}

/** Diagnostics as the CLI words them: placeholders by range, the other findings by their start. */
const asCliWords = (diagnostics: readonly vscode.Diagnostic[]): string[] =>
  diagnostics
    .map((d) => {
      const start = `${d.range.start.line + 1}:${d.range.start.character + 1}`;
      return d.code === 'placeholder' ? `${start}-${d.range.end.line + 1}:${d.range.end.character + 1} ${codeOf(d)}` : `${start} ${codeOf(d)}`;
    })
    .sort();

suite('first hour: new notes', () => {
  const relative = 'docs/implementation-notes/phase-3-billing-export.md';
  const target = () => fixture(...relative.split('/'));
  const cleanUp = async () => {
    await closeAllEditors();
    await vscode.workspace.fs.delete(fixture('docs', 'implementation-notes'), { recursive: true }).then(undefined, () => undefined);
  };
  setup(cleanUp);
  teardown(cleanUp);

  test('New Notes: front matter, the title "Implementation Notes: <phase>", first placeholder selected, Tab to the next, saved', async () => {
    const created = await vscode.commands.executeCommand<vscode.Uri>('implementationNotes.newNotes', { phase: 'Phase 3: Billing export', fileName: relative });
    assert.equal(created?.toString(), target().toString());
    const expected = '---\ntype: implementation-notes\n---\n\n' + templateText()
      .replace('# Implementation Notes Template', '# Implementation Notes: Phase 3: Billing export')
      .replace('[Phase Number and Name]', 'Phase 3: Billing export');
    assert.equal(new TextDecoder().decode(await vscode.workspace.fs.readFile(target())), expected);
    const editor = vscode.window.activeTextEditor!;
    assert.equal(editor.document.uri.toString(), target().toString());
    assert.equal(editor.document.getText(), expected);
    // The dirty flag reaches the extension host in a message of its own, after the save.
    await eventually(vscode.workspace.onDidChangeTextDocument, () => !editor.document.isDirty, 20000, 'the new file saved');
    assert.equal(selectionText(editor), '[Start Date - End Date]');
    assert.deepEqual(at(editor), [8, 25]);
    await vscode.commands.executeCommand('jumpToNextSnippetPlaceholder');
    assert.equal(selectionText(editor), '[Name]');
    assert.deepEqual(at(editor), [9, 20]);
  });

  test('a New Notes file renamed and indented stays notes, with the same diagnostics as the CLI', async () => {
    // The fixture workspace turns missing sections off; the CLI reports them, so they are on here.
    const settings = vscode.workspace.getConfiguration('implementationNotes');
    await settings.update('missingSections', true, vscode.ConfigurationTarget.Workspace);
    try {
      await renamedAndIndentedAgreeWithTheCli();
    } finally {
      await settings.update('missingSections', false, vscode.ConfigurationTarget.Workspace);
    }
  });

  async function renamedAndIndentedAgreeWithTheCli(): Promise<void> {
    await vscode.commands.executeCommand('implementationNotes.newNotes', { phase: 'Phase 3: Billing export', fileName: relative });
    const editor = vscode.window.activeTextEditor!;
    const uri = editor.document.uri;
    await diagnosticsWhen(uri, (d) => d.filter((x) => x.code === 'placeholder').length === 227);
    for (const title of ['# Phase 3: Billing export', '    # Phase 3: Billing export']) {
      const titleLine = editor.document.lineAt(4);
      assert.ok(await editor.edit((b) => b.replace(titleLine.range, title)));
      assert.ok(await editor.document.save());
      const expected = cliFindings(target().fsPath);
      assert.equal(expected.filter((f) => f.endsWith(' placeholder')).length, 227);
      const shown = await diagnosticsWhen(uri, (d) => asCliWords(d).join() === expected.join());
      assert.deepEqual(asCliWords(shown), expected);
      editor.selection = new vscode.Selection(0, 0, 0, 0);
      await vscode.commands.executeCommand('implementationNotes.nextPlaceholder');
      assert.equal(selectionText(editor), '[Start Date - End Date]', title);
    }
  }

  test('placeholders are information by default; warning is one setting away', async () => {
    const settings = vscode.workspace.getConfiguration('implementationNotes');
    assert.equal(settings.inspect('severity.placeholder')?.defaultValue, 'information');
    const editor = await untitled('# Implementation Notes\n\n## Owner\n[Name]\n');
    const uri = editor.document.uri;
    const [shown] = await diagnosticsWhen(uri, (d) => d.length === 1);
    assert.equal(shown.severity, vscode.DiagnosticSeverity.Information);
    try {
      await settings.update('severity.placeholder', 'warning', vscode.ConfigurationTarget.Global);
      await diagnosticsWhen(uri, (d) => d.length === 1 && d[0].severity === vscode.DiagnosticSeverity.Warning);
    } finally {
      await settings.update('severity.placeholder', undefined, vscode.ConfigurationTarget.Global);
    }
    await diagnosticsWhen(uri, (d) => d.length === 1 && d[0].severity === vscode.DiagnosticSeverity.Information);
  });
});

suite('first hour: commands outside notes', () => {
  teardown(closeAllEditors);
  const notesOnly = ['nextPlaceholder', 'previousPlaceholder', 'fillPlaceholderEverywhere', 'insertDecision', 'insertChallenge'].map((c) => `implementationNotes.${c}`);

  test('the palette offers the notes-only commands in notes documents only', () => {
    const manifest = JSON.parse(fs.readFileSync(path.join(repoRoot, 'package.json'), 'utf8'));
    const palette: { command: string; when: string }[] = manifest.contributes.menus.commandPalette;
    for (const command of notesOnly) {
      assert.equal(palette.find((m) => m.command === command)?.when, 'editorLangId == markdown && implementationNotes.activeIsNotes', command);
    }
    assert.equal(palette.find((m) => m.command === 'implementationNotes.treatAsNotes')?.when, 'editorLangId == markdown && !implementationNotes.activeIsNotes');
  });

  test('run in a plain Markdown file, each says so in one sentence and offers to treat the file as notes', async () => {
    const { notices } = await api();
    const editor = await untitled('# Readme\n\nSome [text] here.\n');
    const name = vscode.workspace.asRelativePath(editor.document.uri);
    for (const command of notesOnly) {
      const shown = new Promise<NotNotesNotice>((resolve) => {
        const listener = notices.onDidShow((n) => {
          listener.dispose();
          resolve(n);
        });
      });
      await vscode.commands.executeCommand(command);
      const notice = await shown;
      assert.equal(notice.message, `Implementation Notes: ${name} is not an implementation notes document.`, command);
      assert.doesNotMatch(notice.message, /`/);
      assert.deepEqual(notice.actions.map((a) => a.title), ['Treat This File as Implementation Notes']);
    }
    assert.equal(editor.document.getText(), '# Readme\n\nSome [text] here.\n');
    assert.deepEqual(vscode.languages.getDiagnostics(editor.document.uri).filter((d) => d.source === 'Implementation Notes'), []);
  });

  test('the action adds front matter, then the command runs', async () => {
    const { notices } = await api();
    const editor = await untitled('# Readme\n\nSome [text] here.\n');
    const shown = new Promise<NotNotesNotice>((resolve) => {
      const listener = notices.onDidShow((n) => {
        listener.dispose();
        resolve(n);
      });
    });
    await vscode.commands.executeCommand('implementationNotes.nextPlaceholder');
    const [action] = (await shown).actions;
    assert.equal(await vscode.commands.executeCommand(action.command, ...action.arguments), true);
    assert.equal(editor.document.getText(), '---\ntype: implementation-notes\n---\n\n# Readme\n\nSome [text] here.\n');
    assert.equal(selectionText(editor), '[text]');
    assert.deepEqual(at(editor), [6, 5]);
    const [diagnostic] = await diagnosticsWhen(editor.document.uri, (d) => d.length === 1);
    assert.equal(diagnostic.range.start.line, 6);
    await vscode.commands.executeCommand('undo');
    assert.equal(editor.document.getText(), '# Readme\n\nSome [text] here.\n');
  });
});

/**
 * Opens the suggest widget (Ctrl+Space) and accepts what it has selected
 * (Enter). The API has no event for the widget showing, so accepting is
 * retried until the text changes.
 */
async function acceptSuggestion(editor: vscode.TextEditor): Promise<void> {
  const before = editor.document.version;
  await vscode.commands.executeCommand('editor.action.triggerSuggest');
  for (let i = 0; i < 200 && editor.document.version === before; i++) {
    await new Promise((resolve) => setTimeout(resolve, 100));
    await vscode.commands.executeCommand('acceptSelectedSuggestion');
  }
  assert.notEqual(editor.document.version, before, 'no suggestion was accepted');
}

suite('first hour: editing', () => {
  teardown(closeAllEditors);

  test('decision + Ctrl+Space in notes: the numbered block comes first and is preselected (Enter inserts Decision 3)', async () => {
    const text = templateText();
    const line = text.slice(0, text.indexOf('### Code Structure')).split('\n').length - 2;
    const editor = await untitled(text);
    await diagnosticsWhen(editor.document.uri, (d) => d.length === TEMPLATE_PLACEHOLDERS);
    assert.equal(editor.document.lineAt(line).text, '');
    editor.selection = new vscode.Selection(line, 0, line, 0);
    assert.ok(await editor.edit((b) => b.insert(new vscode.Position(line, 0), 'decision')));
    await acceptSuggestion(editor);
    assert.equal(editor.document.lineAt(line).text, '#### Decision 3: [Decision Title]');
    assert.equal(selectionText(editor), '[Decision Title]');
  });

  test('decision + Ctrl+Space outside notes: the plain snippet', async () => {
    const editor = await untitled('# Shopping\n\n');
    editor.selection = new vscode.Selection(2, 0, 2, 0);
    assert.ok(await editor.edit((b) => b.insert(new vscode.Position(2, 0), 'decision')));
    await acceptSuggestion(editor);
    assert.equal(editor.document.lineAt(2).text, '#### Decision 1: [Decision Title]');
    assert.equal(selectionText(editor), '1');
  });

  test('Next / Previous Placeholder say in the status bar when they wrap', async () => {
    const editor = await untitled('# Implementation Notes\n\n[One] text [Two]\n');
    await diagnosticsWhen(editor.document.uri, (d) => d.length === 2);
    editor.selection = new vscode.Selection(0, 0, 0, 0);
    const next = () => vscode.commands.executeCommand<string | undefined>('implementationNotes.nextPlaceholder');
    const previous = () => vscode.commands.executeCommand<string | undefined>('implementationNotes.previousPlaceholder');
    assert.equal(await next(), undefined);
    assert.equal(selectionText(editor), '[One]');
    assert.equal(await next(), undefined);
    assert.equal(selectionText(editor), '[Two]');
    assert.equal(await next(), 'Wrapped to the top');
    assert.equal(selectionText(editor), '[One]');
    assert.equal(await previous(), 'Wrapped to the bottom');
    assert.equal(selectionText(editor), '[Two]');
    assert.equal(await previous(), undefined);
    assert.equal(selectionText(editor), '[One]');
  });
});

/** A Memento in memory: the walkthrough's state without the profile's. */
class MemoryMemento implements vscode.Memento {
  private readonly values = new Map<string, unknown>();
  keys(): readonly string[] {
    return [...this.values.keys()];
  }
  get<T>(key: string, defaultValue?: T): T {
    return (this.values.has(key) ? this.values.get(key) : defaultValue) as T;
  }
  async update(key: string, value: unknown): Promise<void> {
    this.values.set(key, value);
  }
}

suite('first hour: walkthrough', () => {
  teardown(closeAllEditors);

  test('its steps complete on state as well as on commands; the CI step has a button and names the package', () => {
    const manifest = JSON.parse(fs.readFileSync(path.join(repoRoot, 'package.json'), 'utf8'));
    const nls = JSON.parse(fs.readFileSync(path.join(repoRoot, 'package.nls.json'), 'utf8'));
    const [walkthrough] = manifest.contributes.walkthroughs;
    const events = Object.fromEntries(walkthrough.steps.map((s: { id: string; completionEvents: string[] }) => [s.id, s.completionEvents.filter((e) => e.startsWith('onContext:'))]));
    assert.deepEqual(events, {
      insert: ['onContext:implementationNotes.activeIsNotes'],
      fill: ['onContext:implementationNotes.filledPlaceholder'],
      checklist: ['onContext:view.implementationNotes.checklist.visible'],
      ci: [],
    });
    const ci = walkthrough.steps.find((s: { id: string }) => s.id === 'ci');
    assert.match(nls[ci.description.slice(1, -1)], /\[Run the Check Task\]\(command:workbench\.action\.tasks\.runTask\?/);
    assert.ok(ci.completionEvents.includes('onCommand:workbench.action.tasks.runTask'));
    const media = fs.readFileSync(path.join(repoRoot, ci.media.markdown), 'utf8');
    assert.match(media, /npx --package implementation-notes impl-notes check/);
    assert.doesNotMatch(media, /npx impl-notes check docs/);
  });

  test('"a placeholder filled" is set by filling one in a notes document, and remembered', async () => {
    const { analyzer } = await api();
    const state = new MemoryMemento();
    const progress = registerWalkthroughProgress(analyzer, state);
    try {
      const editor = await untitled('# Implementation Notes\n\n[One] and [Two]\n');
      await diagnosticsWhen(editor.document.uri, (d) => d.length === 2);
      assert.equal(progress.filledPlaceholder, false);
      assert.ok(await editor.edit((b) => b.replace(new vscode.Range(2, 0, 2, 5), 'First')));
      await diagnosticsWhen(editor.document.uri, (d) => d.length === 1);
      assert.equal(progress.filledPlaceholder, true);
      assert.equal(state.get('implementationNotes.filledPlaceholder'), true);
    } finally {
      progress.dispose();
    }
    const later = registerWalkthroughProgress(analyzer, state);
    assert.equal(later.filledPlaceholder, true);
    later.dispose();
  });
});

function codeOf(d: vscode.Diagnostic): string | number | undefined {
  return typeof d.code === 'object' ? d.code.value : d.code;
}
