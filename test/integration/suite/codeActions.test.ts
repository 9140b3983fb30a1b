import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { closeAllEditors, diagnosticsWhen, untitled } from './util';

const DOC = '# Implementation Notes\n\n## Owner\n**Lead**: [Name] and [Name]\n**Date**: [Date]\n\n## Risks\n';

/** The quick fixes offered at a range (Markdown's own refactorings are another kind). */
async function actionsAt(uri: vscode.Uri, range: vscode.Range): Promise<vscode.CodeAction[]> {
  return (await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', uri, range, vscode.CodeActionKind.QuickFix.value)) ?? [];
}

const today = (): string => {
  const d = new Date();
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
};

suite('quick fixes', () => {
  teardown(closeAllEditors);

  test('offered on a placeholder, by title, in order: fill (preferred unless the caret is on it) first, remove this line last', async () => {
    const editor = await untitled(DOC);
    const uri = editor.document.uri;
    const diagnostics = await diagnosticsWhen(uri, (d) => d.length === 4);
    const name = diagnostics.find((d) => d.range.start.line === 3 && d.range.start.character === 10)!;
    const shown = async (range: vscode.Range) => (await actionsAt(uri, range)).map((a) => `${a.title}${a.isPreferred ? ' *' : ''}`);
    const nameFixes = ['Fill all 2 occurrences of [Name]…', 'Ignore [Name] in this workspace', 'Remove this line'];
    // From the line start into the placeholder: the caret is not on it.
    assert.deepEqual(await shown(new vscode.Range(3, 0, 3, 12)), ['Fill [Name] *', ...nameFixes]);
    // Already selected (after Next Placeholder): nothing is preferred.
    assert.deepEqual(await shown(name.range), ['Fill [Name]', ...nameFixes]);
    // The caret on [Date]: today's date first and preferred, never "Fill [Date]".
    assert.deepEqual(await shown(new vscode.Range(4, 12, 4, 12)), [
      `Replace [Date] with today's date (${today()}) *`,
      'Fill [Date]',
      'Ignore [Date] in this workspace',
      'Remove this line',
    ]);
  });

  test('with several date placeholders: one fix puts today into all of them, in one undo step', async () => {
    const text = '# Implementation Notes\n\n**Start**: [Date]\n**Review**: [Review Date] by [Name]\n**End**: [Date]\n';
    const editor = await untitled(text);
    const uri = editor.document.uri;
    await diagnosticsWhen(uri, (d) => d.length === 4);
    const actions = await actionsAt(uri, new vscode.Range(3, 14, 3, 14));
    assert.deepEqual(actions.map((a) => `${a.title}${a.isPreferred ? ' *' : ''}`), [
      `Replace [Review Date] with today's date (${today()}) *`,
      `Replace all 3 date placeholders with today's date (${today()})`,
      'Fill [Review Date]',
      'Ignore [Review Date] in this workspace',
      'Remove this line',
    ]);
    assert.ok(await vscode.workspace.applyEdit(actions[1].edit!));
    assert.equal(editor.document.getText(), text.replace(/\[(?:Review )?Date\]/g, today()));
    const [left] = await diagnosticsWhen(uri, (d) => d.length === 1);
    assert.equal(editor.document.getText(left.range), '[Name]');
    await vscode.commands.executeCommand('undo');
    assert.equal(editor.document.getText(), text);
  });

  test('applying each edit fix gives the expected text', async () => {
    const editor = await untitled(DOC);
    const uri = editor.document.uri;
    let diagnostics = await diagnosticsWhen(uri, (d) => d.length === 4);
    const date = diagnostics.find((d) => d.range.start.line === 4)!;
    const todayFix = (await actionsAt(uri, date.range)).find((a) => a.title.startsWith('Replace [Date]'))!;
    assert.ok(await vscode.workspace.applyEdit(todayFix.edit!));
    assert.equal(editor.document.getText(), DOC.replace('[Date]', today()));

    diagnostics = await diagnosticsWhen(uri, (d) => d.length === 3);
    const name = diagnostics.find((d) => d.code === 'placeholder')!;
    const remove = (await actionsAt(uri, name.range)).find((a) => a.title === 'Remove this line')!;
    assert.ok(await vscode.workspace.applyEdit(remove.edit!));
    assert.equal(editor.document.getText(), DOC.replace('[Date]', today()).replace('**Lead**: [Name] and [Name]\n', ''));

    diagnostics = await diagnosticsWhen(uri, (d) => d.length === 1);
    assert.equal(diagnostics[0].code, 'empty-section');
    const na = (await actionsAt(uri, diagnostics[0].range)).find((a) => a.title === 'Mark this section as not applicable')!;
    assert.ok(await vscode.workspace.applyEdit(na.edit!));
    assert.ok(editor.document.getText().endsWith('## Risks\n\n_Not applicable._\n'));
    await diagnosticsWhen(uri, (d) => d.length === 0);
  });

  test('the fill fix selects the placeholder; fill everywhere and ignore act on all of them', async () => {
    const editor = await untitled(DOC);
    const uri = editor.document.uri;
    const diagnostics = await diagnosticsWhen(uri, (d) => d.length === 4);
    const name = diagnostics.find((d) => d.range.start.line === 3 && d.range.start.character === 21)!;
    const actions = await actionsAt(uri, name.range);
    const fill = actions.find((a) => a.title === 'Fill [Name]')!;
    await vscode.commands.executeCommand(fill.command!.command, ...((fill.command!.arguments ?? []) as unknown[]));
    assert.equal(editor.document.getText(editor.selection), '[Name]');
    assert.deepEqual([editor.selection.start.line, editor.selection.start.character], [3, 21]);

    const everywhere = actions.find((a) => a.title.startsWith('Fill all'))!;
    await vscode.commands.executeCommand(everywhere.command!.command, { ...everywhere.command!.arguments![0], value: 'Grace' });
    assert.equal(editor.document.getText(), DOC.replace(/\[Name\]/g, 'Grace'));

    const settings = vscode.workspace.getConfiguration('implementationNotes');
    try {
      const date = (await diagnosticsWhen(uri, (d) => d.length === 2)).find((d) => d.code === 'placeholder')!;
      const ignore = (await actionsAt(uri, date.range)).find((a) => a.title === 'Ignore [Date] in this workspace')!;
      await vscode.commands.executeCommand(ignore.command!.command, ...((ignore.command!.arguments ?? []) as unknown[]));
      assert.deepEqual(vscode.workspace.getConfiguration('implementationNotes').get('ignore'), ['[Date]']);
      const left = await diagnosticsWhen(uri, (d) => d.length === 1);
      assert.equal(left[0].code, 'empty-section');
    } finally {
      await settings.update('ignore', undefined, vscode.ConfigurationTarget.Global);
    }
  });
});
