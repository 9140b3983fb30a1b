import * as vscode from 'vscode';
import { analyze, newNotesPath, newNotesText, notesFileName, toSnippet, type TemplateModel } from '../../core';
import type { NotesConfigService } from '../settings/notesConfig';

interface NewNotesArgs {
  phase?: string;
  /** Relative to the first workspace folder. */
  fileName?: string;
}

/**
 * New Implementation Notes…: asks for the phase, proposes a file in the
 * configured folder, never overwrites, and opens the new notes.
 */
export function registerNewNotes(configs: NotesConfigService, log: vscode.LogOutputChannel): vscode.Disposable {
  return vscode.commands.registerCommand('implementationNotes.newNotes', async (args: NewNotesArgs = {}) => {
    const folder = vscode.workspace.workspaceFolders?.[0];
    const phase =
      args.phase ??
      (await vscode.window.showInputBox({
        title: vscode.l10n.t('New Implementation Notes'),
        prompt: vscode.l10n.t('Phase name (it goes into the Phase placeholder and the file name)'),
        placeHolder: vscode.l10n.t('Phase 2: Search indexing'),
        validateInput: (v) => (v.trim() === '' ? vscode.l10n.t('Enter a phase name') : undefined),
      }));
    if (phase === undefined) return undefined;
    const settings = configs.settings.for(folder);
    const template = await configs.templateFor(folder?.uri);
    const text = newNotesText(analyze(template.text, { template }), phase, settings.fillDates ? new Date() : undefined);

    if (!folder) {
      const document = await vscode.workspace.openTextDocument({ language: 'markdown' });
      await openWithTabStops(document, text, template);
      return document.uri;
    }
    const proposed = proposedPath(settings.newNotesFolder, notesFileName(phase), log);
    if (proposed === undefined) return undefined;
    let relative = args.fileName ?? proposed;
    for (;;) {
      if (args.fileName === undefined) {
        const answer = await vscode.window.showInputBox({
          title: vscode.l10n.t('New Implementation Notes'),
          prompt: vscode.l10n.t('File to create, relative to {0}', folder.name),
          value: relative,
          valueSelection: [relative.lastIndexOf('/') + 1, relative.length - 3],
          validateInput: (v) => (v.trim() === '' ? vscode.l10n.t('Enter a file name') : undefined),
        });
        if (answer === undefined) return undefined;
        relative = answer.trim();
      }
      const target = vscode.Uri.joinPath(folder.uri, relative);
      if (await exists(target)) {
        const message = vscode.l10n.t('Implementation Notes: {0} already exists; it was not overwritten.', relative);
        if (args.fileName !== undefined) {
          void vscode.window.showWarningMessage(message);
          return undefined;
        }
        void vscode.window.showWarningMessage(vscode.l10n.t('{0} Choose another name.', message));
        continue;
      }
      try {
        await vscode.workspace.fs.createDirectory(vscode.Uri.joinPath(target, '..'));
        await vscode.workspace.fs.writeFile(target, new TextEncoder().encode(text));
      } catch (err) {
        log.error(`could not create ${target.toString(true)}`, err);
        void vscode.window.showErrorMessage(vscode.l10n.t('Implementation Notes: could not create {0}: {1}', relative, (err as Error).message));
        return undefined;
      }
      await openWithTabStops(await vscode.workspace.openTextDocument(target), text, template);
      return target;
    }
  });
}

/** The configured folder and the file name, or undefined (with a message) for a folder outside the workspace. */
function proposedPath(folder: string, fileName: string, log: vscode.LogOutputChannel): string | undefined {
  const proposed = newNotesPath(folder, fileName);
  if ('path' in proposed) return proposed.path;
  const reason =
    proposed.problem === 'absolute'
      ? vscode.l10n.t('it must be a folder relative to the workspace folder, not an absolute path')
      : vscode.l10n.t('it must not leave the workspace folder with ..');
  log.warn(`newNotes.folder ${JSON.stringify(folder)} refused: ${proposed.problem}`);
  void vscode.window.showErrorMessage(
    vscode.l10n.t('Implementation Notes: the implementationNotes.newNotes.folder setting ({0}) cannot be used: {1}. No file was created.', folder, reason),
  );
  return undefined;
}

/**
 * Shows the new notes with the first placeholder selected and the others as
 * tab stops, as Insert Template does: the text goes in again as a snippet
 * (same text), then a file is saved so it does not open dirty.
 */
async function openWithTabStops(document: vscode.TextDocument, text: string, template: TemplateModel): Promise<void> {
  const editor = await vscode.window.showTextDocument(document);
  const snippet = new vscode.SnippetString(toSnippet(text, analyze(text, { template }).placeholders));
  const all = new vscode.Range(new vscode.Position(0, 0), document.lineAt(document.lineCount - 1).range.end);
  if (!(await editor.insertSnippet(snippet, all, { undoStopBefore: false, undoStopAfter: false }))) return;
  if (!document.isUntitled) await document.save();
}

async function exists(uri: vscode.Uri): Promise<boolean> {
  try {
    await vscode.workspace.fs.stat(uri);
    return true;
  } catch {
    return false;
  }
}
