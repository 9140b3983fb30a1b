import * as vscode from 'vscode';
import type { NotesAnalyzer } from '../analysis/analyzer';

/** Context key (and global state) of the walkthrough's "Fill a placeholder" step. */
const FILLED_KEY = 'implementationNotes.filledPlaceholder';

export interface WalkthroughProgress extends vscode.Disposable {
  /** A placeholder has been filled in some notes document, in this session or an earlier one. */
  readonly filledPlaceholder: boolean;
}

/**
 * Keeps the context key the walkthrough's fill step completes on: set once a
 * notes document has fewer placeholders than at its previous analysis, and
 * remembered, so the step is ticked for work done before the walkthrough
 * opened (its other steps complete on the active notes document and the
 * checklist's visibility, which are state too).
 */
export function registerWalkthroughProgress(analyzer: NotesAnalyzer, state: vscode.Memento): WalkthroughProgress {
  let filled = state.get<boolean>(FILLED_KEY, false);
  void vscode.commands.executeCommand('setContext', FILLED_KEY, filled);
  /** The last placeholder count of each open notes document (forgotten on close). */
  const counts = new Map<string, number>();
  const disposables = [
    analyzer.onDidChangeAnalysis((document) => {
      const result = filled ? undefined : analyzer.current(document);
      if (!result) return;
      const key = document.uri.toString();
      const before = counts.get(key);
      const now = result.analysis.placeholders.length;
      counts.set(key, now);
      if (before === undefined || now >= before) return;
      filled = true;
      counts.clear();
      void state.update(FILLED_KEY, true);
      void vscode.commands.executeCommand('setContext', FILLED_KEY, true);
    }),
    analyzer.onDidForget((uri) => counts.delete(uri.toString())),
  ];
  return {
    get filledPlaceholder() { return filled; },
    dispose: () => {
      for (const d of disposables) d.dispose();
    },
  };
}
