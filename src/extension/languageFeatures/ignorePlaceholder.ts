import * as vscode from 'vscode';
import { isMap, isSeq, parseDocument } from 'yaml';
import type { NotesConfigService } from '../settings/notesConfig';
import { SECTION } from '../settings/settings';

/**
 * Ignore Placeholder Text: adds a placeholder text to the `ignore` list of the
 * `.impl-notes.yaml` that applies (keeping its comments and layout), or else
 * to the workspace's `implementationNotes.ignore` setting.
 */
export function registerIgnorePlaceholder(configs: NotesConfigService, log: vscode.LogOutputChannel): vscode.Disposable {
  return vscode.commands.registerCommand('implementationNotes.ignorePlaceholder', async (uri: vscode.Uri, text: string) => {
    const { configFile } = await configs.forDocument(uri);
    try {
      if (configFile) {
        await addToConfigFile(configFile, text);
        vscode.window.setStatusBarMessage(vscode.l10n.t('$(check) {0} is now ignored ({1})', text, vscode.workspace.asRelativePath(configFile)), 4000);
      } else {
        const settings = vscode.workspace.getConfiguration(SECTION, uri);
        const current = settings.get<string[]>('ignore', []);
        if (!current.includes(text)) {
          const target = vscode.workspace.getWorkspaceFolder(uri) ? vscode.ConfigurationTarget.WorkspaceFolder : vscode.ConfigurationTarget.Global;
          await settings.update('ignore', [...current, text], target);
        }
        vscode.window.setStatusBarMessage(vscode.l10n.t('$(check) {0} is now ignored (setting implementationNotes.ignore)', text), 4000);
      }
      return true;
    } catch (err) {
      log.error(`could not ignore ${text}`, err);
      void vscode.window.showErrorMessage(vscode.l10n.t('Implementation Notes: could not add {0} to the ignore list: {1}', text, (err as Error).message));
      return false;
    }
  });
}

async function addToConfigFile(file: vscode.Uri, text: string): Promise<void> {
  const source = new TextDecoder().decode(await vscode.workspace.fs.readFile(file));
  const doc = parseDocument(source);
  if (doc.errors.length > 0) throw new Error(`${vscode.workspace.asRelativePath(file)} is not valid YAML: fix it first`);
  if (!isMap(doc.contents) && doc.contents !== null) throw new Error(`${vscode.workspace.asRelativePath(file)} is not a mapping`);
  const ignore = doc.get('ignore');
  if (isSeq(ignore)) {
    if (ignore.items.some((item) => String((item as { value?: unknown }).value ?? item) === text)) return;
    ignore.add(doc.createNode(text));
  } else {
    doc.set('ignore', doc.createNode([text]));
  }
  await vscode.workspace.fs.writeFile(file, new TextEncoder().encode(doc.toString()));
}
