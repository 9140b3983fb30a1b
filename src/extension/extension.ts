import * as vscode from 'vscode';
import { ActiveNotes } from './activeNotes';
import { createAnalysisBackend } from './analysisBackend';
import { NotesAnalyzer } from './analyzer';
import { mainThreadTimings, type MainThreadTimings } from './mainThreadTimings';
import { registerChecklist, type ChecklistProvider } from './checklistView';
import { registerCodeActions } from './codeActions';
import { registerCompletions } from './completions';
import { registerDiagnostics } from './diagnostics';
import { registerIgnorePlaceholder } from './ignorePlaceholder';
import { registerInsertBlock } from './insertBlock';
import { registerInsertTemplate } from './insertTemplate';
import { registerMissingSections } from './missingSections';
import { registerNavigation } from './navigation';
import { registerNewNotes } from './newNotes';
import { NotesConfigService } from './notesConfig';
import { registerStatusBar, type ProgressStatus } from './statusBar';
import { registerTasks } from './tasks';

/** What `activate` hands to other extensions and to the integration tests. */
export interface ImplementationNotesApi {
  /** How long `activate` took, in milliseconds. */
  activationMs: number;
  analyzer: NotesAnalyzer;
  checklist: ChecklistProvider;
  /** What the status bar item shows. */
  statusBar: ProgressStatus;
  /** Opt-in timing of our own main-thread work (off until a phase is started). */
  timings: MainThreadTimings;
}

// Wiring only: each feature lives in its own file and registers itself here.
export function activate(context: vscode.ExtensionContext): ImplementationNotesApi {
  const started = performance.now();
  const log = vscode.window.createOutputChannel('Implementation Notes', { log: true });
  const configs = new NotesConfigService(log);
  const backend = createAnalysisBackend(context.extensionUri, log);
  const analyzer = new NotesAnalyzer(configs, backend, log);
  const active = new ActiveNotes(analyzer);
  const checklist = registerChecklist(active, context.workspaceState, () => configs.restricted);
  const statusBar = registerStatusBar(checklist.provider, () => configs.restricted);
  context.subscriptions.push(
    log,
    configs,
    backend,
    analyzer,
    active,
    registerDiagnostics(analyzer),
    checklist.disposable,
    statusBar.disposable,
    registerInsertTemplate(configs, log),
    registerNewNotes(configs, log),
    registerNavigation(analyzer),
    registerInsertBlock(analyzer, log),
    registerCompletions(analyzer),
    registerCodeActions(analyzer),
    registerMissingSections(analyzer),
    registerIgnorePlaceholder(configs, log),
    registerTasks(context.extensionUri),
  );
  return { activationMs: performance.now() - started, analyzer, checklist: checklist.provider, statusBar: statusBar.status, timings: mainThreadTimings };
}

export function deactivate(): void {}
