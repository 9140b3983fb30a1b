import * as vscode from 'vscode';
import type { ReferenceFindingCode } from '../../core';
import { DIAGNOSTIC_SOURCE } from '../diagnostics';
import { toRange } from '../ranges';
import type { ReferenceService } from './referenceService';

const CODES: ReadonlySet<string> = new Set<ReferenceFindingCode>(['broken-reference', 'unknown-symbol']);

/**
 * "Change to `src/index/indexer.ts`" on a moved file's reference (one file
 * of that name elsewhere in the repository) and on a renamed symbol (one
 * close name declared where it is looked up): one edit, one undo step.
 * Nothing when there is no single candidate.
 */
class ReferenceFixes implements vscode.CodeActionProvider {
  static readonly providedCodeActionKinds = [vscode.CodeActionKind.QuickFix];

  constructor(private readonly references: ReferenceService) {}

  provideCodeActions(document: vscode.TextDocument, _range: vscode.Range, context: vscode.CodeActionContext): vscode.CodeAction[] {
    const ours = context.diagnostics.filter((d) => d.source === DIAGNOSTIC_SOURCE && typeof d.code === 'string' && CODES.has(d.code));
    if (ours.length === 0) return [];
    const resolution = this.references.resolution(document.uri);
    if (!resolution) return [];
    const { lines, references } = resolution;
    const actions: vscode.CodeAction[] = [];
    for (const diagnostic of ours) {
      const start = lines.offsetAt(diagnostic.range.start);
      const end = lines.offsetAt(diagnostic.range.end);
      const ref = references.find((r) => r.start === start && r.end === end && r.finding?.code === diagnostic.code);
      if (ref?.suggestion === undefined || ref.suggestion === ref.text) continue;
      const action = new vscode.CodeAction(vscode.l10n.t('Change to {0}', `\`${ref.suggestion}\``), vscode.CodeActionKind.QuickFix);
      action.diagnostics = [diagnostic];
      action.isPreferred = true;
      action.edit = new vscode.WorkspaceEdit();
      action.edit.replace(document.uri, toRange(lines, ref.start, ref.end), ref.suggestion);
      actions.push(action);
    }
    return actions;
  }
}

/** `wrap`: how extension.shared.ts instruments the provider (main-thread timings). */
export function registerReferenceFixes(references: ReferenceService, wrap: (provider: vscode.CodeActionProvider) => vscode.CodeActionProvider): vscode.Disposable {
  return vscode.languages.registerCodeActionsProvider({ language: 'markdown' }, wrap(new ReferenceFixes(references)), {
    providedCodeActionKinds: ReferenceFixes.providedCodeActionKinds,
  });
}
