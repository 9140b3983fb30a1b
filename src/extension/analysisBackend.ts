import * as vscode from 'vscode';
import { AnalysisService, type AnalysisRequest, type AnalysisResult } from '../core';
import { spawnWebWorker, webWorkerConstructor } from './webWorker';
import { WorkerBackend } from './workerBackend';

/** Where analyses run: a worker thread on the desktop, a web worker on the web, inline only where neither exists. */
export interface AnalysisBackend extends vscode.Disposable {
  /** Resolves to undefined when a newer request for the same document superseded this one. */
  analyze(request: AnalysisRequest): Promise<AnalysisResult | undefined>;
  forget(key: string): void;
}

export class InlineBackend implements AnalysisBackend {
  private readonly service = new AnalysisService();

  async analyze(request: AnalysisRequest): Promise<AnalysisResult | undefined> {
    return this.service.analyze(request);
  }

  forget(key: string): void {
    this.service.forget(key);
  }

  dispose(): void {}
}

// Set by esbuild per target; the web bundle never loads worker_threads.
declare const IMPL_NOTES_TARGET: 'node' | 'web';

export function createAnalysisBackend(extensionUri: vscode.Uri, log: vscode.LogOutputChannel): AnalysisBackend {
  if (IMPL_NOTES_TARGET === 'web') {
    const Worker = webWorkerConstructor();
    if (!Worker) {
      log.warn('this host has no web workers: documents are analysed inline, with no time limit');
      return new InlineBackend();
    }
    const url = vscode.Uri.joinPath(extensionUri, 'dist', 'web', 'worker.js').toString(true);
    return new WorkerBackend(() => spawnWebWorker(Worker, url), log);
  }
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { spawnNodeWorker } = require('./nodeWorker') as typeof import('./nodeWorker');
  const script = vscode.Uri.joinPath(extensionUri, 'dist', 'worker.js').fsPath;
  return new WorkerBackend(() => spawnNodeWorker(script), log);
}
