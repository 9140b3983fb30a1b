import * as vscode from 'vscode';
import { createAnalysisBackend } from './analysisBackend';
import { NotesAnalyzer } from './analyzer';
import { registerDiagnostics } from './diagnostics';
import { NotesConfigService } from './notesConfig';

// Wiring only: each feature lives in its own file and registers itself here.
export function activate(context: vscode.ExtensionContext): void {
  const log = vscode.window.createOutputChannel('Implementation Notes', { log: true });
  const configs = new NotesConfigService(log);
  const backend = createAnalysisBackend(context.extensionUri, log);
  const analyzer = new NotesAnalyzer(configs, backend, log);
  context.subscriptions.push(log, configs, backend, analyzer, registerDiagnostics(analyzer));
}

export function deactivate(): void {}
