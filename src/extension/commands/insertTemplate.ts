import * as vscode from 'vscode';
import { analyze, toSnippet, type TemplateModel } from '../../core';
import type { NotesConfigService } from '../settings/notesConfig';

const snippets = new WeakMap<TemplateModel, string>();

/** The template as a snippet: its placeholders become tab stops. */
function templateSnippet(template: TemplateModel): vscode.SnippetString {
  let body = snippets.get(template);
  if (body === undefined) {
    body = toSnippet(template.text, analyze(template.text, { template }).placeholders);
    snippets.set(template, body);
  }
  return new vscode.SnippetString(body);
}

/**
 * Implementation Notes: Insert Template. At the cursor of a Markdown editor,
 * replacing only the selection, as one undoable edit; otherwise in a new
 * untitled Markdown document.
 */
export function registerInsertTemplate(configs: NotesConfigService, log: vscode.LogOutputChannel): vscode.Disposable {
  return vscode.commands.registerCommand('implementationNotes.insertTemplate', async () => {
    let editor = vscode.window.activeTextEditor;
    const template = await configs.templateFor(editor?.document.uri ?? vscode.workspace.workspaceFolders?.[0]?.uri);
    if (!editor || editor.document.languageId !== 'markdown') {
      const document = await vscode.workspace.openTextDocument({ language: 'markdown', content: '' });
      editor = await vscode.window.showTextDocument(document);
    } else if (isReadOnly(editor.document)) {
      void vscode.window.showWarningMessage(vscode.l10n.t('Implementation Notes: this document is read-only, so the template was not inserted.'));
      return false;
    }
    const inserted = await editor.insertSnippet(templateSnippet(template), editor.selections);
    if (!inserted) {
      log.warn(`inserting the template into ${editor.document.uri.toString(true)} was refused by the editor`);
      void vscode.window.showWarningMessage(vscode.l10n.t('Implementation Notes: the template could not be inserted (is the document read-only?).'));
    }
    return inserted;
  });
}

export function isReadOnly(document: vscode.TextDocument): boolean {
  return vscode.workspace.fs.isWritableFileSystem(document.uri.scheme) === false;
}
