import * as vscode from 'vscode';
import { BLOCKS, blockSnippet, blockText, nextBlockNumber } from '../core';
import type { NotesAnalyzer } from './analyzer';

/**
 * Offers the template's repeated blocks already numbered for the document at
 * hand ("Decision 3" after Decision 2), at the start of a line.
 */
export class BlockCompletions implements vscode.CompletionItemProvider {
  constructor(private readonly analyzer: NotesAnalyzer) {}

  async provideCompletionItems(document: vscode.TextDocument, position: vscode.Position): Promise<vscode.CompletionItem[]> {
    const before = document.lineAt(position.line).text.slice(0, position.character);
    const word = /^\s*([\w-]*)$/.exec(before);
    if (!word || !this.analyzer.isNotes(document)) return [];
    const result = await this.analyzer.analyzeNow(document);
    if (!result) return [];
    const range = new vscode.Range(position.line, position.character - word[1].length, position.line, position.character);
    return BLOCKS.map((block, i) => {
      const n = nextBlockNumber(result.analysis, block.kind);
      const item = new vscode.CompletionItem(`${block.label} ${n}`, vscode.CompletionItemKind.Snippet);
      item.insertText = new vscode.SnippetString(blockSnippet(block, n));
      item.filterText = `${block.prefix} ${block.label} ${n}`;
      item.detail = `Implementation Notes: ${block.description}`;
      item.documentation = new vscode.MarkdownString().appendCodeblock(blockText(block, n), 'markdown');
      item.range = range;
      item.sortText = `0${i}`;
      return item;
    });
  }
}

export function registerCompletions(analyzer: NotesAnalyzer): vscode.Disposable {
  return vscode.languages.registerCompletionItemProvider({ language: 'markdown' }, new BlockCompletions(analyzer));
}
