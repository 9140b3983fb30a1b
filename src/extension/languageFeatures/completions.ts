import * as vscode from 'vscode';
import { blockDefinition, blockKindsAt, blockLevel, blockSnippet, blockText, nextBlockNumber, type BlockKind } from '../../core';
import type { NotesAnalyzer } from '../analysis/analyzer';
import { eolOf } from '../util/ranges';

/**
 * A block's name and description in the editor's language (the core's
 * definitions hold the template's English, which the snippets file uses).
 */
function blockTexts(kind: BlockKind): { label: string; description: string } {
  switch (kind) {
    case 'decision':
      return { label: vscode.l10n.t('Decision'), description: vscode.l10n.t('An architecture decision: context, options, decision, rationale, consequences') };
    case 'challenge':
      return { label: vscode.l10n.t('Challenge'), description: vscode.l10n.t('An implementation challenge: problem, root cause, solution, alternatives, lessons') };
    case 'component':
      return { label: vscode.l10n.t('Component'), description: vscode.l10n.t('A key component: purpose, location, classes, dependencies, configuration') };
    case 'metric':
      return { label: vscode.l10n.t('Metric row'), description: vscode.l10n.t('A row of the Performance Metrics table') };
    case 'dependency':
      return { label: vscode.l10n.t('Dependency row'), description: vscode.l10n.t('A row of the New Dependencies Added table') };
    case 'risk':
      return { label: vscode.l10n.t('Risk'), description: vscode.l10n.t('A dependency risk and its mitigation') };
    case 'debt':
      return { label: vscode.l10n.t('Debt item'), description: vscode.l10n.t('A technical debt item: what, why, and the plan to address it') };
  }
}

/**
 * Offers the template's repeated blocks already numbered for the document at
 * hand ("Decision 3" after Decision 2) on a line of their own: at a line start
 * or while typing a prefix (`dec…`), in implementation notes only. The blocks
 * that belong in the section at the cursor come first, and above the plain
 * (unnumbered) snippets of the same prefix.
 */
class BlockCompletions implements vscode.CompletionItemProvider {
  constructor(private readonly analyzer: NotesAnalyzer) {}

  async provideCompletionItems(document: vscode.TextDocument, position: vscode.Position, token: vscode.CancellationToken): Promise<vscode.CompletionItem[] | undefined> {
    const line = document.lineAt(position.line).text;
    const word = /^\s*([\w-]*)$/.exec(line.slice(0, position.character));
    if (!word || line.slice(position.character).trim() !== '') return undefined;
    const result = await this.analyzer.analyzeNow(document); // undefined: not notes
    if (!result || token.isCancellationRequested) return undefined;
    const { analysis, lines } = result;
    const range = new vscode.Range(position.line, position.character - word[1].length, position.line, position.character);
    const eol = eolOf(document);
    return blockKindsAt(analysis, lines.offsetAt(position)).map((kind, i) => {
      const block = blockDefinition(kind);
      const n = nextBlockNumber(analysis, kind);
      const level = blockLevel(analysis, kind);
      const texts = blockTexts(kind);
      const item = new vscode.CompletionItem(`${texts.label} ${n}`, vscode.CompletionItemKind.Snippet);
      item.insertText = new vscode.SnippetString(blockSnippet(block, n, { eol, level }));
      // The snippet's own prefix: scored exactly as the plain snippet, ours sorts first ("0" before "z-") and is preselected.
      item.filterText = block.prefix;
      item.preselect = true;
      item.detail = vscode.l10n.t('Implementation Notes: {0}', texts.description);
      item.documentation = new vscode.MarkdownString().appendCodeblock(blockText(block, n, { level }), 'markdown');
      item.range = range;
      item.sortText = `0${i}`;
      return item;
    });
  }
}

export function registerCompletions(analyzer: NotesAnalyzer): vscode.Disposable {
  return vscode.languages.registerCompletionItemProvider({ language: 'markdown' }, new BlockCompletions(analyzer));
}
