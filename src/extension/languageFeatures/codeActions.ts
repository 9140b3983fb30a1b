import * as vscode from 'vscode';
import { fillDateEdits, fillEverywhereEdits, isDatePlaceholder, isoDate, removeLineEdit, type FoundPlaceholder, type TextEdit } from '../../core';
import type { DocumentAnalysis, NotesAnalyzer } from '../analysis/analyzer';
import { DIAGNOSTIC_SOURCE } from './diagnostics';
import { eolOf, toTextEdit } from '../util/ranges';

/** Quick fixes for leftover placeholders and empty sections; every fix is a core edit or a command. */
class PlaceholderFixes implements vscode.CodeActionProvider {
  static readonly providedCodeActionKinds = [vscode.CodeActionKind.QuickFix];

  constructor(private readonly analyzer: NotesAnalyzer) {}

  provideCodeActions(document: vscode.TextDocument, range: vscode.Range, context: vscode.CodeActionContext): vscode.CodeAction[] {
    const result = this.analyzer.current(document);
    if (!result) return [];
    const actions: vscode.CodeAction[] = [];
    for (const diagnostic of context.diagnostics) {
      if (diagnostic.source !== DIAGNOSTIC_SOURCE) continue;
      const offset = document.offsetAt(diagnostic.range.start);
      if (diagnostic.code === 'placeholder') actions.push(...this.placeholderFixes(result, diagnostic, offset, range));
      else if (diagnostic.code === 'empty-section') actions.push(...this.emptySectionFixes(result, diagnostic, offset));
    }
    return actions;
  }

  /**
   * Fill, fill everywhere, today's date (this one, then all of them), ignore,
   * then the destructive "remove this line", last and never preferred. With
   * the caret already on a date placeholder, today's date is preferred, not
   * "Fill" (which would only select what is already under the caret).
   */
  private placeholderFixes(result: DocumentAnalysis, diagnostic: vscode.Diagnostic, offset: number, caret: vscode.Range): vscode.CodeAction[] {
    const placeholder = result.analysis.placeholders.find((p) => p.start === offset);
    if (!placeholder) return [];
    const { document } = result;
    const text = placeholder.text;
    const caretOn = new vscode.Range(document.positionAt(placeholder.start), document.positionAt(placeholder.end)).contains(caret);
    const out: vscode.CodeAction[] = [];

    const fill = this.action(vscode.l10n.t('Fill {0}', text), diagnostic);
    fill.command = { command: 'implementationNotes.fillPlaceholder', title: vscode.l10n.t('Fill Placeholder'), arguments: [document.uri, diagnostic.range] };
    fill.isPreferred = !caretOn;
    out.push(fill);

    const count = fillEverywhereEdits(result.analysis, text, '').length;
    if (count > 1) {
      const everywhere = this.action(vscode.l10n.t('Fill all {0} occurrences of {1}…', count, text), diagnostic);
      everywhere.command = { command: 'implementationNotes.fillPlaceholderEverywhere', title: vscode.l10n.t('Fill Placeholder Everywhere…'), arguments: [{ placeholder: text }] };
      out.push(everywhere);
    }

    if (isDatePlaceholder(text)) out.splice(caretOn ? 0 : out.length, 0, ...this.dateFixes(result, diagnostic, placeholder, caretOn));

    const ignore = this.action(vscode.l10n.t('Ignore {0} in this workspace', text), diagnostic);
    ignore.command = { command: 'implementationNotes.ignorePlaceholder', title: vscode.l10n.t('Ignore Placeholder Text'), arguments: [document.uri, text] };
    out.push(ignore);

    const remove = this.action(vscode.l10n.t('Remove this line'), diagnostic);
    remove.edit = this.edit(result, removeLineEdit(result.analysis.text, placeholder.start));
    remove.isPreferred = false;
    out.push(remove);
    return out;
  }

  /** Today's date into this date placeholder, and into all of them when there are several. */
  private dateFixes(result: DocumentAnalysis, diagnostic: vscode.Diagnostic, placeholder: FoundPlaceholder, preferred: boolean): vscode.CodeAction[] {
    const date = isoDate(new Date());
    const today = this.action(vscode.l10n.t("Replace {0} with today's date ({1})", placeholder.text, date), diagnostic);
    today.edit = this.edit(result, { start: placeholder.start, end: placeholder.end, newText: date });
    today.isPreferred = preferred;
    const all = fillDateEdits(result.analysis, new Date());
    if (all.length < 2) return [today];
    const everyDate = this.action(vscode.l10n.t("Replace all {0} date placeholders with today's date ({1})", all.length, date), diagnostic);
    everyDate.edit = this.edits(result, all);
    return [today, everyDate];
  }

  private emptySectionFixes(result: DocumentAnalysis, diagnostic: vscode.Diagnostic, offset: number): vscode.CodeAction[] {
    const section = result.analysis.sections.find((s) => s.start === offset);
    if (!section) return [];
    const eol = eolOf(result.document);
    const na = this.action(vscode.l10n.t('Mark this section as not applicable'), diagnostic);
    na.edit = this.edit(result, { start: section.headingEnd, end: section.headingEnd, newText: `${eol}${eol}_Not applicable._` });
    return [na];
  }

  private action(title: string, diagnostic: vscode.Diagnostic): vscode.CodeAction {
    const action = new vscode.CodeAction(title, vscode.CodeActionKind.QuickFix);
    action.diagnostics = [diagnostic];
    return action;
  }

  private edit(result: DocumentAnalysis, edit: TextEdit): vscode.WorkspaceEdit {
    return this.edits(result, [edit]);
  }

  private edits(result: DocumentAnalysis, edits: readonly TextEdit[]): vscode.WorkspaceEdit {
    const workspaceEdit = new vscode.WorkspaceEdit();
    workspaceEdit.set(result.document.uri, edits.map((e) => toTextEdit(result.lines, e)));
    return workspaceEdit;
  }
}

/** `wrap`: how extension.shared.ts instruments the provider (main-thread timings). */
export function registerCodeActions(analyzer: NotesAnalyzer, wrap: (provider: vscode.CodeActionProvider) => vscode.CodeActionProvider): vscode.Disposable {
  return vscode.languages.registerCodeActionsProvider({ language: 'markdown' }, wrap(new PlaceholderFixes(analyzer)), {
    providedCodeActionKinds: PlaceholderFixes.providedCodeActionKinds,
  });
}
