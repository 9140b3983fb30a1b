// The web extension (vscode.dev, github.dev): analyses in a web worker; no
// processes, so no CLI tasks.
import * as vscode from 'vscode';
import { spawnWebWorker, webWorkerConstructor } from '../worker/webWorker';
import { InlineBackend } from './analysis/backend';
import { activateWith, type TestHooks } from './extension.shared';
import { WorkerBackend } from './analysis/workerBackend';

export type { TestHooks } from './extension.shared';

export function activate(context: vscode.ExtensionContext): TestHooks | undefined {
  return activateWith(context, {
    createBackend: (extensionUri, log, settings) => {
      const Worker = webWorkerConstructor();
      if (!Worker) {
        log.warn('this host has no web workers: documents are analysed inline, with no time limit');
        return new InlineBackend();
      }
      // The extension's own URI may be one a worker cannot load (vscode-remote:
      // when served by a remote); a blob URL of the script always can be.
      const script = vscode.Uri.joinPath(extensionUri, 'dist', 'web', 'worker.js');
      let url: Promise<string> | undefined;
      const scriptUrl = () =>
        (url ??= Promise.resolve(vscode.workspace.fs.readFile(script)).then((bytes) => URL.createObjectURL(new Blob([bytes], { type: 'text/javascript' }))));
      return new WorkerBackend(() => spawnWebWorker(Worker, scriptUrl), log, settings);
    },
  });
}

export function deactivate(): void {}
