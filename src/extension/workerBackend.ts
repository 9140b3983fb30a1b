import { Worker } from 'node:worker_threads';
import * as vscode from 'vscode';
import type { AnalysisRequest, AnalysisResult } from '../core';
import type { AnalysisBackend } from './analysisBackend';

type Reply = { id: number; result?: AnalysisResult; error?: string; superseded?: boolean };

/**
 * Runs analyses in a worker thread (dist/worker.js). If the worker dies, the
 * waiting requests fail with a clear error and the next request starts a
 * new worker.
 */
export class WorkerBackend implements AnalysisBackend {
  private worker: Worker | undefined;
  private nextId = 1;
  private readonly waiting = new Map<number, { resolve: (r: AnalysisResult | undefined) => void; reject: (e: Error) => void }>();

  constructor(
    private readonly script: vscode.Uri,
    private readonly log: vscode.LogOutputChannel,
  ) {}

  analyze(request: AnalysisRequest): Promise<AnalysisResult | undefined> {
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      this.waiting.set(id, { resolve, reject });
      this.ensureWorker().postMessage({ type: 'analyze', id, request });
    });
  }

  forget(key: string): void {
    this.worker?.postMessage({ type: 'forget', key });
  }

  dispose(): void {
    void this.worker?.terminate();
    this.worker = undefined;
    this.failAll(new Error('the analysis worker was stopped'));
  }

  private ensureWorker(): Worker {
    if (this.worker) return this.worker;
    const worker = new Worker(this.script.fsPath, { name: 'implementation-notes-analysis' });
    worker.on('message', (reply: Reply) => {
      const waiter = this.waiting.get(reply.id);
      if (!waiter) return;
      this.waiting.delete(reply.id);
      if (reply.error) waiter.reject(new Error(reply.error));
      else waiter.resolve(reply.superseded ? undefined : reply.result);
    });
    worker.on('error', (err) => {
      this.log.error('analysis worker failed', err);
      if (this.worker === worker) this.worker = undefined;
      this.failAll(err);
    });
    worker.on('exit', (code) => {
      if (this.worker === worker) {
        this.worker = undefined;
        if (code !== 0) this.log.warn(`analysis worker exited with code ${code}`);
        this.failAll(new Error(`the analysis worker exited (code ${code})`));
      }
    });
    worker.unref();
    this.worker = worker;
    return worker;
  }

  private failAll(error: Error): void {
    for (const waiter of this.waiting.values()) waiter.reject(error);
    this.waiting.clear();
  }
}
