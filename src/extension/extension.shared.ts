import * as vscode from 'vscode';
import { ActiveNotes } from './views/activeNotes';
import type { AnalysisBackend } from './analysis/backend';
import { NotesAnalyzer } from './analysis/analyzer';
import { mainThreadTimings, timedCodeActions, timedEvent, type MainThreadTimings } from './util/mainThreadTimings';
import { registerChecklist, type ChecklistProvider, type ChecklistTreeView } from './views/checklist';
import { registerCountBadges } from './views/countBadges';
import { registerCodeActions } from './languageFeatures/codeActions';
import { registerCompletions } from './languageFeatures/completions';
import { registerDiagnostics } from './languageFeatures/diagnostics';
import { registerIgnorePlaceholder } from './languageFeatures/ignorePlaceholder';
import { registerInsertBlock } from './commands/insertBlock';
import { registerInsertTemplate } from './commands/insertTemplate';
import { registerMissingSections } from './languageFeatures/missingSections';
import { registerNavigation } from './commands/navigation';
import { registerNewNotes } from './commands/newNotes';
import { NotesConfigService } from './settings/notesConfig';
import { NotesSettings } from './settings/settings';
import { registerPatternSettingsCheck } from './settings/patternSettings';
import { registerReferenceCompletions } from './references/completions';
import { registerReferenceHover } from './references/hover';
import { registerReferenceLinks } from './references/links';
import { registerReferenceFixes } from './references/quickFixes';
import { ReferenceService, type RepositoryPlatform } from './references/referenceService';
import { registerUpdateOnMove } from './references/updateOnMove';
import { registerStatusBar, type ProgressStatus } from './views/statusBar';
import { registerTaskToggle } from './languageFeatures/taskToggle';
import { NotNotesNotices, registerTreatAsNotes } from './commands/treatAsNotes';
import { registerWalkthroughProgress, type WalkthroughProgress } from './views/walkthrough';
import { WorkspaceNotes } from './views/workspaceNotes';
import { registerWorkspaceView, WORKSPACE_VIEW, type WorkspaceNotesProvider } from './views/workspaceView';

/**
 * The internals the integration tests drive and read (rows, views, timings).
 * `activate` hands them out only to a test run (ExtensionMode.Test): an
 * installed extension exports nothing, so no other extension comes to
 * depend on them.
 */
export interface TestHooks {
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
  createBackend(extensionUri: vscode.Uri, log: vscode.LogOutputChannel, settings: NotesSettings): AnalysisBackend;
  /** Features of this host only (the desktop's CLI tasks). */
  register?(context: vscode.ExtensionContext): vscode.Disposable[];
  /** The reference check's file access and listing on this host (the desktop's disk and git); none: `workspace.fs`. */
  repositories?: RepositoryPlatform;
}

// Wiring only: each feature lives in its own file and registers itself here;
// extension.ts (desktop) and extension.browser.ts (web) call this.
export function activateWith(context: vscode.ExtensionContext, host: ExtensionHost): TestHooks | undefined {
  const started = performance.now();
  const log = vscode.window.createOutputChannel('Implementation Notes', { log: true });
  // First: it drops stale values before any feature's configuration listener runs.
  const settings = new NotesSettings();
  const configs = new NotesConfigService(log, settings);
  const backend = host.createBackend(context.extensionUri, log, settings);
  const analyzer = new NotesAnalyzer(configs, settings, backend, log);
  const active = new ActiveNotes(analyzer);
  const references = new ReferenceService(analyzer, configs, settings, log, host.repositories);
  // Before the views: their first rows read whether badges are drawn.
  const countBadges = registerCountBadges(() => {
    checklist.provider.refresh();
    workspace.provider.redraw();
  });
  const checklist = registerChecklist(active, context.workspaceState, () => configs.restricted);
  // Main-thread timings wrap the handlers here, where they are registered; feature code holds no probes
  // (the analyzer's and the chunked diagnostics' run in later turns, after an await: theirs stay inside).
  const statusBar = registerStatusBar(checklist.provider, timedEvent('statusBar', checklist.provider.onDidRefresh), () => configs.restricted);
  const workspaceNotes = new WorkspaceNotes(configs, settings, analyzer, backend, log, WORKSPACE_VIEW, references);
  const workspace = registerWorkspaceView(workspaceNotes, () => configs.restricted);
  const notices = new NotNotesNotices();
  const walkthrough = registerWalkthroughProgress(analyzer, context.globalState);
  context.subscriptions.push(
    settings,
    log,
    configs,
    backend,
    analyzer,
    references,
    active,
    workspaceNotes,
    registerDiagnostics(analyzer, timedEvent('diagnostics', analyzer.onDidChangeAnalysis), workspaceNotes, settings, references),
    countBadges,
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
    registerTaskToggle(analyzer, (provider) => timedCodeActions('codeActions.tasks', provider)),
    registerReferenceLinks(references),
    registerReferenceHover(references, settings),
    registerReferenceFixes(references, (provider) => timedCodeActions('codeActions.references', provider)),
    registerIgnorePlaceholder(configs, log),
    registerPatternSettingsCheck(log, settings),
    ...(host.register?.(context) ?? []),
  );
  if (context.extensionMode !== vscode.ExtensionMode.Test) return undefined;
  return { activationMs: performance.now() - started, analyzer, checklist: checklist.provider, checklistView: checklist.view, workspace: workspace.provider, statusBar: statusBar.status, timings: mainThreadTimings, notices, walkthrough, references };
}
