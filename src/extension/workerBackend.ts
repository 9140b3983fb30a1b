import * as vscode from 'vscode';
import type { AnalysisRequest, AnalysisResult } from '../core';
import type { WorkerMessage, WorkerReply } from '../worker/analysisWorker';
import type { AnalysisBackend } from './analysisBackend';
import { readSettings } from './settings';

/** The analysis worker as the backend sees it: a worker thread on the desktop, a web worker on the web. */
export interface AnalysisWorker {
  postMessage(message: WorkerMessage): void;
  terminate(): void;
  onReply(listener: (reply: WorkerReply) => void): void;
  onError(listener: (error: Error) => void): void;
  /** Worker threads exit; web workers only fail. */
  onExit(listener: (code: number) => void): void;
}

interface Waiter {
  request: AnalysisRequest;
  resolve: (r: AnalysisResult | undefined) => void;
  reject: (e: Error) => void;
}

/**
 * Runs analyses in a worker (dist/worker.js on the desktop, dist/web/worker.js
 * on the web). If the worker dies, the
 * waiting requests fail with a clear error and the next request starts a
 * new worker. A watchdog stops an analysis that runs past
 * `implementationNotes.analysisTimeLimit` (micromark is superlinear on some
 * inputs, such as a paragraph of ten thousand brackets): the worker is
 * replaced, the other documents' requests go to the new one, and the slow
 * document is left alone until it is reopened.
 */
export class WorkerBackend implements AnalysisBackend {
  private worker: AnalysisWorker | undefined;
  private nextId = 1;
  private readonly waiting = new Map<number, Waiter>();
  private watchdog: ReturnType<typeof setTimeout> | undefined;
  /** Documents whose analysis ran out of time: not analysed again until forgotten. */
  private readonly stopped = new Set<string>();

  constructor(
    private readonly spawn: () => AnalysisWorker,
    private readonly log: vscode.LogOutputChannel,
  ) {}

  analyze(request: AnalysisRequest): Promise<AnalysisResult | undefined> {
    if (this.stopped.has(request.key)) return Promise.resolve(undefined);
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      this.waiting.set(id, { request, resolve, reject });
      this.post(id, request);
    });
  }

  forget(key: string): void {
    this.stopped.delete(key);
    this.worker?.postMessage({ type: 'forget', key });
  }

  dispose(): void {
    clearTimeout(this.watchdog);
    this.worker?.terminate();
    this.worker = undefined;
    this.failAll(new Error('the analysis worker was stopped'));
  }

  private post(id: number, request: AnalysisRequest): void {
    this.ensureWorker().postMessage({ type: 'analyze', id, request });
  }

  private ensureWorker(): AnalysisWorker {
    if (this.worker) return this.worker;
    const worker = this.spawn();
    worker.onReply((reply) => {
      if (worker !== this.worker) return;
      if ('started' in reply) {
        this.watch(reply.started);
        return;
      }
      clearTimeout(this.watchdog);
      const waiter = this.waiting.get(reply.id);
      if (!waiter) return;
      this.waiting.delete(reply.id);
      if ('error' in reply) waiter.reject(new Error(reply.error));
      else waiter.resolve('result' in reply ? reply.result : undefined);
    });
    worker.onError((err) => {
      this.log.error('analysis worker failed', err);
      if (this.worker === worker) this.worker = undefined;
      this.failAll(err);
    });
    worker.onExit((code) => {
      if (this.worker === worker) {
        this.worker = undefined;
        if (code !== 0) this.log.warn(`analysis worker exited with code ${code}`);
        this.failAll(new Error(`the analysis worker exited (code ${code})`));
      }
    });
    this.worker = worker;
    return worker;
  }

  /** The worker began request `id`: it has the document's time limit to answer. */
  private watch(id: number): void {
    clearTimeout(this.watchdog);
    const waiter = this.waiting.get(id);
    if (!waiter) return;
    const limit = readSettings(vscode.Uri.parse(waiter.request.key)).analysisTimeLimit;
    this.watchdog = setTimeout(() => this.stop(id, limit), limit);
  }

  private stop(id: number, limit: number): void {
    const waiter = this.waiting.get(id);
    if (!waiter) return;
    const { key, text } = waiter.request;
    const worker = this.worker;
    this.worker = undefined;
    worker?.terminate();
    this.waiting.delete(id);
    this.stopped.add(key);
    const uri = vscode.Uri.parse(key);
    const seconds = limit / 1000;
    this.log.error(`analysis of ${uri.toString(true)} (${text.length} characters) took over ${seconds} s (implementationNotes.analysisTimeLimit): stopped; it is not analysed again until reopened`);
    void vscode.window.showWarningMessage(
      vscode.l10n.t(
        'Implementation Notes: checking {0} took longer than {1} seconds, so it was stopped. Reopen the document to check it again, or raise the implementationNotes.analysisTimeLimit setting.',
        vscode.workspace.asRelativePath(uri),
        seconds,
      ),
    );
    waiter.reject(new Error(`the analysis took over ${seconds} s and was stopped`));
    for (const [otherId, other] of this.waiting) {
      if (other.request.key === key) {
        this.waiting.delete(otherId);
        other.resolve(undefined);
      } else {
        // The other documents were not at fault: a new worker takes their requests.
        this.post(otherId, other.request);
      }
    }
  }

  private failAll(error: Error): void {
    clearTimeout(this.watchdog);
    for (const waiter of this.waiting.values()) waiter.reject(error);
    this.waiting.clear();
  }
}
