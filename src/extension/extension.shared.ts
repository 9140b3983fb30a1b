import * as vscode from 'vscode';
import { ActiveNotes } from './activeNotes';
import type { AnalysisBackend } from './analysisBackend';
import { NotesAnalyzer } from './analyzer';
import { mainThreadTimings, timedCodeActions, timedEvent, type MainThreadTimings } from './mainThreadTimings';
import { registerChecklist, type ChecklistProvider, type ChecklistTreeView } from './checklistView';
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
import { registerPatternSettingsCheck } from './patternSettings';
import { registerReferenceCompletions } from './references/completions';
import { registerReferenceHover } from './references/hover';
import { registerReferenceLinks } from './references/links';
import { registerReferenceFixes } from './references/quickFixes';
import { ReferenceService } from './references/referenceService';
import { registerUpdateOnMove } from './references/updateOnMove';
import { registerStatusBar, type ProgressStatus } from './statusBar';
import { NotNotesNotices, registerTreatAsNotes } from './treatAsNotes';
import { registerWalkthroughProgress, type WalkthroughProgress } from './walkthrough';
import { WorkspaceNotes } from './workspaceScan';
import { registerWorkspaceView, WORKSPACE_VIEW, type WorkspaceNotesProvider } from './workspaceView';

/** What `activate` hands to other extensions and to the integration tests. */
export interface ImplementationNotesApi {
  /** How long `activate` took, in milliseconds. */
  activationMs: number;
  analyzer: NotesAnalyzer;
  checklist: ChecklistProvider;
  /** The checklist's tree view, read-only: its selected row. */
  checklistView: ChecklistTreeView;
  /** The "Notes in Workspace" view's rows. */
  workspace: WorkspaceNotesProvider;
  /** What the status bar item shows. */
  statusBar: ProgressStatus;
  /** Opt-in timing of our own main-thread work (off until a phase is started). */
  timings: MainThreadTimings;
  /** The messages shown when a notes-only command runs outside notes. */
  notices: NotNotesNotices;
  /** What the walkthrough's completion events read. */
  walkthrough: WalkthroughProgress;
  /** The reference check: each notes document's references, resolved against its repository. */
  references: ReferenceService;
}

/** What differs between the desktop and the web extension. */
export interface ExtensionHost {
  /** Where analyses run: a worker thread, a web worker, or inline. */
  createBackend(extensionUri: vscode.Uri, log: vscode.LogOutputChannel): AnalysisBackend;
  /** Features of this host only (the desktop's CLI tasks). */
  register?(context: vscode.ExtensionContext): vscode.Disposable[];
}

// Wiring only: each feature lives in its own file and registers itself here;
// extension.ts (desktop) and extension.browser.ts (web) call this.
export function activateWith(context: vscode.ExtensionContext, host: ExtensionHost): ImplementationNotesApi {
  const started = performance.now();
  const log = vscode.window.createOutputChannel('Implementation Notes', { log: true });
  const configs = new NotesConfigService(log);
  const backend = host.createBackend(context.extensionUri, log);
  const analyzer = new NotesAnalyzer(configs, backend, log);
  const active = new ActiveNotes(analyzer);
  const references = new ReferenceService(analyzer, configs, log);
  const checklist = registerChecklist(active, context.workspaceState, () => configs.restricted);
  // Main-thread timings wrap the handlers here, where they are registered; feature code holds no probes
  // (the analyzer's and the chunked diagnostics' run in later turns, after an await: theirs stay inside).
  const statusBar = registerStatusBar(checklist.provider, timedEvent('statusBar', checklist.provider.onDidRefresh), () => configs.restricted);
  const workspaceNotes = new WorkspaceNotes(configs, analyzer, backend, log, WORKSPACE_VIEW);
  const workspace = registerWorkspaceView(workspaceNotes, () => configs.restricted);
  const notices = new NotNotesNotices();
  const walkthrough = registerWalkthroughProgress(analyzer, context.globalState);
  context.subscriptions.push(
    log,
    configs,
    backend,
    analyzer,
    references,
    active,
    workspaceNotes,
    registerDiagnostics(analyzer, timedEvent('diagnostics', analyzer.onDidChangeAnalysis), workspaceNotes, references),
    checklist.disposable,
    workspace.disposable,
    statusBar.disposable,
    registerInsertTemplate(configs, log),
    registerNewNotes(configs, log),
    notices,
    walkthrough,
    registerTreatAsNotes(analyzer),
    registerNavigation(analyzer, notices),
    registerInsertBlock(analyzer, notices, log),
    registerCompletions(analyzer),
    registerReferenceCompletions(analyzer, references),
    registerUpdateOnMove(analyzer, configs, backend, workspaceNotes, references, log),
    registerCodeActions(analyzer, (provider) => timedCodeActions('codeActions', provider)),
    registerMissingSections(analyzer, (provider) => timedCodeActions('codeActions.missing', provider)),
    registerReferenceLinks(references),
    registerReferenceHover(references),
    registerReferenceFixes(references, (provider) => timedCodeActions('codeActions.references', provider)),
    registerIgnorePlaceholder(configs, log),
    registerPatternSettingsCheck(log),
    ...(host.register?.(context) ?? []),
  );
  return { activationMs: performance.now() - started, analyzer, checklist: checklist.provider, checklistView: checklist.view, workspace: workspace.provider, statusBar: statusBar.status, timings: mainThreadTimings, notices, walkthrough, references };
}
