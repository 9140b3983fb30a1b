// The desktop extension: analyses in a worker thread, and the CLI as tasks.
import * as vscode from 'vscode';
import { nodeHost } from '../cli/nodeHost';
import { gitCheckIgnore, gitLsFiles } from '../cli/repository';
import { spawnThread } from '../worker/thread';
import { activateWith, type TestHooks } from './extension.shared';
import { registerTasks } from './commands/tasks';
import { WorkerBackend } from './analysis/workerBackend';

export type { TestHooks } from './extension.shared';

export function activate(context: vscode.ExtensionContext): TestHooks | undefined {
  return activateWith(context, {
    createBackend: (extensionUri, log, settings) => {
      const script = vscode.Uri.joinPath(extensionUri, 'dist', 'worker.js').fsPath;
      // unref: an idle worker never keeps the extension host alive.
      return new WorkerBackend(() => spawnThread(script, { name: 'implementation-notes-analysis', unref: true }), log, settings);
    },
    register: (context) => [registerTasks(context.extensionUri)],
    repositories: {
      // The CLI's host: real paths (a link out of the repository is found, never read) and reads of a file's first part.
      // A URI's path is the file's path on POSIX; Windows drive paths stay on workspace.fs.
      fileHost: (root) => (onDisk(root) ? nodeHost : undefined),
      // The CLI's list (.gitignore honoured), so the editor and CI agree; git runs only in a trusted workspace.
      gitFiles: (root) => (onDisk(root) && vscode.workspace.isTrusted ? gitLsFiles(root.fsPath) : Promise.resolve(undefined)),
      // Files that appear later are listed as git would list them: what .gitignore excludes is left out.
      gitIgnored: (root, paths) => (onDisk(root) && vscode.workspace.isTrusted ? gitCheckIgnore(root.fsPath, paths) : Promise.resolve(undefined)),
    },
  });
}

const onDisk = (uri: vscode.Uri) => uri.scheme === 'file' && process.platform !== 'win32';

export function deactivate(): void {}
