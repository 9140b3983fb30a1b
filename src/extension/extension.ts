// The desktop extension: analyses in a worker thread, and the CLI as tasks.
import * as vscode from 'vscode';
import { spawnThread } from '../worker/thread';
import { activateWith, type ImplementationNotesApi } from './extension.shared';
import { registerTasks } from './commands/tasks';
import { WorkerBackend } from './analysis/workerBackend';

export type { ImplementationNotesApi } from './extension.shared';

export function activate(context: vscode.ExtensionContext): ImplementationNotesApi {
  return activateWith(context, {
    createBackend: (extensionUri, log, settings) => {
      const script = vscode.Uri.joinPath(extensionUri, 'dist', 'worker.js').fsPath;
      // unref: an idle worker never keeps the extension host alive.
      return new WorkerBackend(() => spawnThread(script, { name: 'implementation-notes-analysis', unref: true }), log, settings);
    },
    register: (context) => [registerTasks(context.extensionUri)],
  });
}

export function deactivate(): void {}
