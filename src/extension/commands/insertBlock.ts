import * as vscode from 'vscode';
import { cursorPlacement, placementSnippet, planBlock, type BlockKind } from '../../core';
import type { NotesAnalyzer } from '../analysis/analyzer';
import { isReadOnly } from './insertTemplate';
import { eolOf, toRange } from '../util/ranges';
import type { NotNotesNotices } from './treatAsNotes';

/**
 * Insert Decision / Insert Challenge: the next numbered block, after the last
 * one of its kind (else at the end of its section, else at the cursor), as a
 * snippet whose placeholders are tab stops; one undo step. Resolves to
 * whether a block was inserted.
 */
export function registerInsertBlock(analyzer: NotesAnalyzer, notices: NotNotesNotices, log: vscode.LogOutputChannel): vscode.Disposable {
  const insert = async (kind: BlockKind, attempt = 1): Promise<boolean> => {
    const editor = vscode.window.activeTextEditor;
    const result = editor?.document.languageId === 'markdown' ? await analyzer.analyzeNow(editor.document) : undefined;
    if (!editor || !result) {
      notices.show(editor?.document, kind === 'decision' ? 'implementationNotes.insertDecision' : 'implementationNotes.insertChallenge');
      return false;
    }
    const document = editor.document;
    if (isReadOnly(document)) {
      void vscode.window.showWarningMessage(vscode.l10n.t('Implementation Notes: this document is read-only.'));
      return false;
    }
    if (document.version !== result.version) {
      // Edited while it was analysed: plan on the current text.
      if (attempt < 3) return insert(kind, attempt + 1);
      void vscode.window.showInformationMessage(
        kind === 'decision'
          ? vscode.l10n.t('Implementation Notes: the document kept changing, so a decision was not inserted. Try again.')
          : vscode.l10n.t('Implementation Notes: the document kept changing, so a challenge was not inserted. Try again.'),
      );
      return false;
    }
    const eol = eolOf(document);
    const plan = planBlock(result.analysis, kind, eol);
    const placement =
      plan.placement ??
      cursorPlacement(result.analysis.text, result.lines.offsetAt(editor.selection.start), result.lines.offsetAt(editor.selection.end), eol);
    const range = toRange(result.lines, placement.start, placement.end);
    const snippet = new vscode.SnippetString(placementSnippet(placement, plan.block, plan.number, { eol, level: plan.level }));
    const inserted = await editor.insertSnippet(snippet, range);
    if (!inserted) {
      log.warn(`inserting ${plan.block.label} ${plan.number} into ${document.uri.toString(true)} was refused by the editor`);
      void vscode.window.showWarningMessage(
        kind === 'decision'
          ? vscode.l10n.t('Implementation Notes: Decision {0} could not be inserted.', plan.number)
          : vscode.l10n.t('Implementation Notes: Challenge {0} could not be inserted.', plan.number),
      );
      return false;
    }
    editor.revealRange(editor.selection, vscode.TextEditorRevealType.InCenterIfOutsideViewport);
    return true;
  };
  const run = (kind: BlockKind) => async (): Promise<boolean> => {
    try {
      return await insert(kind);
    } catch (err) {
      log.error(`inserting a ${kind} failed`, err);
      void vscode.window.showErrorMessage(
        kind === 'decision'
          ? vscode.l10n.t('Implementation Notes: the decision could not be inserted (see the Implementation Notes output).')
          : vscode.l10n.t('Implementation Notes: the challenge could not be inserted (see the Implementation Notes output).'),
      );
      return false;
    }
  };
  return vscode.Disposable.from(
    vscode.commands.registerCommand('implementationNotes.insertDecision', run('decision')),
    vscode.commands.registerCommand('implementationNotes.insertChallenge', run('challenge')),
  );
}
