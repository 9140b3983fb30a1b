import * as vscode from 'vscode';
import { createAnalysisBackend } from './analysisBackend';
import { NotesAnalyzer } from './analyzer';
import { registerDiagnostics } from './diagnostics';
import { NotesConfigService } from './notesConfig';

/** What `activate` hands to other extensions and to the integration tests. */
export interface ImplementationNotesApi {
  /** How long `activate` took, in milliseconds. */
  activationMs: number;
  analyzer: NotesAnalyzer;
}

// Wiring only: each feature lives in its own file and registers itself here.
export function activate(context: vscode.ExtensionContext): ImplementationNotesApi {
  const started = performance.now();
  const log = vscode.window.createOutputChannel('Implementation Notes', { log: true });
  const configs = new NotesConfigService(log);
  const backend = createAnalysisBackend(context.extensionUri, log);
  const analyzer = new NotesAnalyzer(configs, backend, log);
  context.subscriptions.push(log, configs, backend, analyzer, registerDiagnostics(analyzer));
  return { activationMs: performance.now() - started, analyzer };
}

export function deactivate(): void {}
