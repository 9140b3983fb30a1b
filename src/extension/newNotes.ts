import * as vscode from 'vscode';
import { analyze, newNotesText, notesFileName } from '../core';
import type { NotesConfigService } from './notesConfig';
import { readSettings } from './settings';

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
    const settings = readSettings(folder?.uri);
    const template = await configs.templateFor(folder?.uri);
    const text = newNotesText(analyze(template.text, { template }), phase, settings.fillDates ? new Date() : undefined);

    if (!folder) {
      const document = await vscode.workspace.openTextDocument({ language: 'markdown', content: text });
      await vscode.window.showTextDocument(document);
      return document.uri;
    }
    const proposed = `${settings.newNotesFolder.replace(/[\\/]+$/, '')}/${notesFileName(phase)}`.replace(/^\/+/, '');
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
        const message = `Implementation Notes: ${relative} already exists; it was not overwritten.`;
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
      await vscode.window.showTextDocument(target);
      return target;
    }
  });
}

async function exists(uri: vscode.Uri): Promise<boolean> {
  try {
    await vscode.workspace.fs.stat(uri);
    return true;
  } catch {
    return false;
  }
}
