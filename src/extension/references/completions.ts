import * as vscode from 'vscode';
import { declaredNames, isInside, joinPath, languageOf, MAX_SEARCHED_BYTES, pathCompletions, referenceCompletionAt, referenceLabels, type RepositoryFiles } from '../../core';
import type { NotesAnalyzer } from '../analysis/analyzer';
import { workspaceHost } from '../settings/notesConfig';
import type { ReferenceService } from './referenceService';

/** Paths offered at once at most: the list says it is incomplete past this, and VS Code asks again as the user types. */
const MAX_PATH_ITEMS = 500;
/** Symbols offered at most per request. */
const MAX_SYMBOL_ITEMS = 2000;

/**
 * Completes references in notes documents (docs/spec.md, "Completing
 * references"): repository paths inside a `**Location**:` value and inline
 * code (relative to the root; folders first, then files, one segment at a
 * time), and the names declared in the component's Location files inside
 * a Key Classes/Functions list.
 */
class ReferenceCompletions implements vscode.CompletionItemProvider {
  constructor(
    private readonly analyzer: NotesAnalyzer,
    private readonly service: ReferenceService,
  ) {}

  async provideCompletionItems(document: vscode.TextDocument, position: vscode.Position, token: vscode.CancellationToken): Promise<vscode.CompletionList | undefined> {
    const result = await this.analyzer.analyzeNow(document);
    if (!result || token.isCancellationRequested || result.version !== document.version) return undefined;
    const offset = result.lines.offsetAt(position);
    const context = referenceCompletionAt(result.analysis, referenceLabels(result.template), offset);
    if (!context) return undefined;
    const root = await this.service.rootOf(document.uri);
    if (!root || token.isCancellationRequested) return undefined;
    const files = await this.service.files(root);
    if (token.isCancellationRequested) return undefined;
    if (context.kind === 'path') {
      const segment = context.typed.lastIndexOf('/') + 1;
      const range = new vscode.Range(document.positionAt(document.offsetAt(position) - (context.typed.length - segment)), position);
      const { items, complete } = pathCompletions(files, context.typed, MAX_PATH_ITEMS);
      return new vscode.CompletionList(items.map((item, i) => {
        const name = item.path.slice(context.typed.slice(0, segment).length);
        const completion = new vscode.CompletionItem({ label: name, description: item.path }, item.folder ? vscode.CompletionItemKind.Folder : vscode.CompletionItemKind.File);
        completion.range = range;
        completion.sortText = `${item.folder ? 0 : 1}${String(i).padStart(4, '0')}`;
        // A folder goes on with its contents.
        if (item.folder) completion.command = { command: 'editor.action.triggerSuggest', title: vscode.l10n.t('Complete the path') };
        return completion;
      }), !complete);
    }
    if (context.scope.length === 0) return undefined;
    const range = new vscode.Range(document.positionAt(document.offsetAt(position) - context.typed.length), position);
    const items: vscode.CompletionItem[] = [];
    const seen = new Set<string>();
    for (const rel of this.locate(files, document.uri, context.scope)) {
      const names = await this.declared(root, rel);
      for (const [name, line] of names) {
        if (seen.has(name) || items.length >= MAX_SYMBOL_ITEMS) continue;
        seen.add(name);
        const item = new vscode.CompletionItem({ label: name, description: `${rel}:${line}` }, /^\p{Lu}/u.test(name) ? vscode.CompletionItemKind.Class : vscode.CompletionItemKind.Function);
        item.range = range;
        items.push(item);
      }
    }
    return new vscode.CompletionList(items, items.length >= MAX_SYMBOL_ITEMS);
  }

  /** The listed files the Location paths name: from the notes file's folder first, then the root, as references resolve. */
  private locate(files: RepositoryFiles, document: vscode.Uri, scope: readonly string[]): string[] {
    const folder = document.path.slice(0, document.path.lastIndexOf('/'));
    const out: string[] = [];
    for (const path of scope) {
      for (const absolute of [joinPath(folder, path), joinPath(files.root, path)]) {
        if (!isInside(files.root, absolute) || absolute === files.root) continue;
        const rel = absolute.slice(files.root === '/' ? 1 : files.root.length + 1);
        if (files.isFile(rel)) {
          out.push(rel);
          break;
        }
      }
    }
    return out;
  }

  /** The names a source file of a known language declares; nothing for others, and for files past the searched size. */
  private async declared(root: vscode.Uri, rel: string): Promise<Map<string, number>> {
    const language = languageOf(rel);
    if (language === undefined) return new Map();
    try {
      const path = root.path.endsWith('/') ? root.path + rel : `${root.path}/${rel}`;
      const bytes = await workspaceHost(root).readFile(path, MAX_SEARCHED_BYTES);
      return declaredNames(new TextDecoder('utf-8').decode(bytes), language);
    } catch {
      return new Map(); // unreadable or too large: no names offered (the check says why)
    }
  }
}

export function registerReferenceCompletions(analyzer: NotesAnalyzer, service: ReferenceService): vscode.Disposable {
  return vscode.languages.registerCompletionItemProvider({ language: 'markdown' }, new ReferenceCompletions(analyzer, service), '/', '`');
}
