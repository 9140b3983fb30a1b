import * as vscode from 'vscode';
import { AnalysisService, type AnalysisRequest, type AnalysisResult } from '../core';

/** Where analyses run: a worker thread on the desktop, inline where workers are not available. */
export interface AnalysisBackend extends vscode.Disposable {
  /** Resolves to undefined when a newer request for the same document superseded this one. */
  analyze(request: AnalysisRequest): Promise<AnalysisResult | undefined>;
  forget(key: string): void;
}

class InlineBackend implements AnalysisBackend {
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
  if (IMPL_NOTES_TARGET === 'web') return new InlineBackend();
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { WorkerBackend } = require('./workerBackend') as typeof import('./workerBackend');
  return new WorkerBackend(vscode.Uri.joinPath(extensionUri, 'dist', 'worker.js'), log);
}
