import * as vscode from 'vscode';

// Wiring only: each feature lives in its own file and registers itself here.
export function activate(context: vscode.ExtensionContext): void {
  const log = vscode.window.createOutputChannel('Implementation Notes', { log: true });
  context.subscriptions.push(log);
  log.info('Implementation Notes activated');
}

export function deactivate(): void {}
