import * as vscode from 'vscode';
import { missingSectionEdit, type MissingSection } from '../../core';
import type { NotesAnalyzer } from '../analysis/analyzer';
import { DIAGNOSTIC_SOURCE } from './diagnostics';

type Mode = 'template' | 'not-applicable';

/** Which missing section a command is about: stable across re-analyses (template order, parent heading). */
export interface MissingSectionRef {
  uri: vscode.Uri;
  templateIndex: number;
  anchorTitle: string;
}

const INSERT_MISSING = 'implementationNotes.insertMissingSection';
const INSERT_MISSING_NA = 'implementationNotes.insertMissingNotApplicable';

/** Quick fixes on `missing-section` diagnostics: the two insert commands. */
class MissingSectionFixes implements vscode.CodeActionProvider {
  static readonly providedCodeActionKinds = [vscode.CodeActionKind.QuickFix];

  constructor(private readonly analyzer: NotesAnalyzer) {}

  provideCodeActions(document: vscode.TextDocument, _range: vscode.Range, context: vscode.CodeActionContext): vscode.CodeAction[] {
    const result = this.analyzer.current(document);
    if (!result) return [];
    const out: vscode.CodeAction[] = [];
    for (const diagnostic of context.diagnostics) {
      if (diagnostic.source !== DIAGNOSTIC_SOURCE || diagnostic.code !== 'missing-section') continue;
      const line = diagnostic.range.start.line;
      const missing = result.analysis.missing.find(
        (m) => result.lines.positionAt(result.analysis.sections[m.anchor].start).line === line && diagnostic.message === `Section "${m.title}" is missing`,
      );
      if (!missing) continue;
      const ref: MissingSectionRef = { uri: document.uri, templateIndex: missing.templateIndex, anchorTitle: result.analysis.sections[missing.anchor].title };
      out.push(this.action(vscode.l10n.t('Insert section "{0}" from template', missing.title), INSERT_MISSING, ref, diagnostic, true));
      out.push(this.action(vscode.l10n.t('Insert section "{0}" as not applicable', missing.title), INSERT_MISSING_NA, ref, diagnostic, false));
    }
    return out;
  }

  private action(title: string, command: string, ref: MissingSectionRef, diagnostic: vscode.Diagnostic, preferred: boolean): vscode.CodeAction {
    const action = new vscode.CodeAction(title, vscode.CodeActionKind.QuickFix);
    action.diagnostics = [diagnostic];
    action.isPreferred = preferred;
    action.command = { command, title, arguments: [ref] };
    return action;
  }
}

/**
 * Inserts the template's section (or its heading with "Not applicable.")
 * where the template's order puts it, as one snippet: one undo step, its
 * placeholders as tab stops.
 */
async function insertMissing(analyzer: NotesAnalyzer, ref: MissingSectionRef | undefined, mode: Mode): Promise<boolean> {
  if (!ref || !(ref.uri instanceof vscode.Uri) || typeof ref.templateIndex !== 'number') return false;
  const key = ref.uri.toString();
  const shown = vscode.window.visibleTextEditors.find((e) => e.document.uri.toString() === key);
  const document = shown?.document ?? (await vscode.workspace.openTextDocument(ref.uri));
  const editor = await vscode.window.showTextDocument(document, { viewColumn: shown?.viewColumn });
  const result = await analyzer.analyzeNow(document);
  if (!result || result.version !== document.version) return false;
  const missing = findMissing(result.analysis.missing, result.analysis.sections, ref);
  if (!missing) {
    void vscode.window.showInformationMessage(vscode.l10n.t('Implementation Notes: that section is no longer missing.'));
    return false;
  }
  const edit = missingSectionEdit(result.analysis.text, missing, result.template, mode);
  const at = result.lines.positionAt(edit.start);
  return editor.insertSnippet(new vscode.SnippetString(edit.snippet), new vscode.Position(at.line, at.character), { undoStopBefore: true, undoStopAfter: true });
}

function findMissing(list: readonly MissingSection[], sections: readonly { title: string }[], ref: MissingSectionRef): MissingSection | undefined {
  const candidates = list.filter((m) => m.templateIndex === ref.templateIndex);
  return candidates.find((m) => sections[m.anchor]?.title === ref.anchorTitle) ?? candidates[0];
}

/** Reveals where a missing section would go (the checklist's click). */
async function revealMissing(analyzer: NotesAnalyzer, ref: MissingSectionRef): Promise<void> {
  const key = ref.uri.toString();
  const shown = vscode.window.visibleTextEditors.find((e) => e.document.uri.toString() === key);
  const document = shown?.document ?? (await vscode.workspace.openTextDocument(ref.uri));
  const editor = await vscode.window.showTextDocument(document, { viewColumn: shown?.viewColumn });
  const result = await analyzer.analyzeNow(document);
  const missing = result && findMissing(result.analysis.missing, result.analysis.sections, ref);
  if (!result || !missing) return;
  const at = result.lines.positionAt(missing.insertAt);
  editor.selection = new vscode.Selection(at.line, at.character, at.line, at.character);
  editor.revealRange(new vscode.Range(at.line, 0, at.line, 0), vscode.TextEditorRevealType.InCenterIfOutsideViewport);
}

/** Tree items carry their reference in `ref`; code actions pass it directly. */
const refOf = (arg: unknown): MissingSectionRef | undefined => {
  const value = arg as { ref?: MissingSectionRef } & Partial<MissingSectionRef>;
  return value?.ref ?? (value?.uri ? (value as MissingSectionRef) : undefined);
};

/** `wrap`: how extension.shared.ts instruments the provider (main-thread timings). */
export function registerMissingSections(analyzer: NotesAnalyzer, wrap: (provider: vscode.CodeActionProvider) => vscode.CodeActionProvider): vscode.Disposable {
  return vscode.Disposable.from(
    vscode.languages.registerCodeActionsProvider({ language: 'markdown' }, wrap(new MissingSectionFixes(analyzer)), {
      providedCodeActionKinds: MissingSectionFixes.providedCodeActionKinds,
    }),
    vscode.commands.registerCommand(INSERT_MISSING, (arg: unknown) => insertMissing(analyzer, refOf(arg), 'template')),
    vscode.commands.registerCommand(INSERT_MISSING_NA, (arg: unknown) => insertMissing(analyzer, refOf(arg), 'not-applicable')),
    vscode.commands.registerCommand('implementationNotes.revealMissingSection', (arg: unknown) => {
      const ref = refOf(arg);
      return ref ? revealMissing(analyzer, ref) : undefined;
    }),
  );
}
