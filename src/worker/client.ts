import type { AnalysisRequest, AnalysisResult } from '../core';
import type { WorkerMessage, WorkerReply, WorkerTransport } from './protocol';

/** An analysis stopped for going past a limit: the message names the limit. */
export class AnalysisLimitError extends Error {
  constructor(
    message: string,
    readonly limit: 'time' | 'memory',
  ) {
    super(message);
  }

  static time(limitMs: number): AnalysisLimitError {
    return new AnalysisLimitError(`the analysis took over ${limitMs / 1000} s and was stopped`, 'time');
  }
}

export interface WorkerClientOptions {
  /** Starts a worker: a thread (`spawnThread`) or a web worker (`spawnWebWorker`). */
  spawn: () => WorkerTransport;
  /** The worker's heap limit, if `spawn` sets one: named when it is reached. */
  memoryLimitMb?: number;
  /** Milliseconds a request may run once the worker starts it; undefined for no limit. */
  timeLimit: (request: AnalysisRequest) => number | undefined;
  log?: (message: string) => void;
}

interface Waiter {
  request: AnalysisRequest;
  once: boolean;
  resolve: (result: AnalysisResult | undefined) => void;
  reject: (error: Error) => void;
}

/**
 * One analysis worker and its requests, whatever the host's kind of worker. Worker death is handled here
 * once for every host: the request that was running when the worker ran out
 * of time or memory, or died, fails with an error naming why; the requests
 * queued behind it were not at fault and go to a new worker. A worker that
 * dies before running anything fails everything waiting, with a clear error.
 */
export class WorkerClient {
  private worker: WorkerTransport | undefined;
  private nextId = 1;
  private readonly waiting = new Map<number, Waiter>();
  private running: number | undefined;
  private watchdog: ReturnType<typeof setTimeout> | undefined;

  constructor(private readonly options: WorkerClientOptions) {}

  /** Requests sent and not yet answered. */
  get load(): number {
    return this.waiting.size;
  }

  /** Resolves to undefined when a newer request for the same document superseded this one. */
  analyze(request: AnalysisRequest, once = false): Promise<AnalysisResult | undefined> {
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      this.waiting.set(id, { request, once, resolve, reject });
      this.post({ type: 'analyze', id, request, once });
    });
  }

  /** Starts the worker now rather than at the first request, so that its start-up overlaps the caller's work. */
  start(): void {
    this.ensureWorker();
  }

  forget(key: string): void {
    this.worker?.postMessage({ type: 'forget', key } satisfies WorkerMessage);
  }

  async dispose(): Promise<void> {
    const worker = this.worker;
    this.worker = undefined;
    this.failAll(new Error('the analysis worker was stopped'));
    await worker?.terminate();
  }

  /**
   * Leaves an idle worker to end with the process instead of stopping it:
   * for a CLI at its end, where stopping a thread took tens of milliseconds.
   * A busy one is stopped: nothing will read its answer.
   */
  release(): void {
    if (this.waiting.size === 0) this.worker?.unref();
    else void this.dispose();
  }

  private post(message: WorkerMessage): void {
    this.ensureWorker().postMessage(message);
  }

  private ensureWorker(): WorkerTransport {
    if (this.worker) return this.worker;
    const worker = this.options.spawn();
    worker.onReply((reply) => {
      if (worker === this.worker) this.receive(reply);
    });
    worker.onError((err, outOfMemory) => {
      if (worker === this.worker) this.died(outOfMemory ? this.outOfMemory() : new Error(`the analysis worker failed: ${err.message}`));
    });
    worker.onExit((code) => {
      if (worker === this.worker) this.died(new Error(`the analysis worker exited (code ${code})`));
    });
    this.worker = worker;
    return worker;
  }

  private outOfMemory(): AnalysisLimitError {
    const megabytes = this.options.memoryLimitMb;
    return new AnalysisLimitError(`the analysis ran out of memory${megabytes ? ` (the limit is ${megabytes} MB)` : ''} and was stopped`, 'memory');
  }

  private receive(reply: WorkerReply): void {
    if ('started' in reply) {
      this.watch(reply.started);
      return;
    }
    if (this.running === reply.id) this.settled();
    const waiter = this.waiting.get(reply.id);
    if (!waiter) return;
    this.waiting.delete(reply.id);
    if ('error' in reply) waiter.reject(new Error(reply.error));
    else waiter.resolve('result' in reply ? reply.result : undefined);
  }

  /** The worker began request `id`: it has the request's time limit to answer. */
  private watch(id: number): void {
    this.settled();
    const waiter = this.waiting.get(id);
    if (!waiter) return;
    this.running = id;
    const limit = this.options.timeLimit(waiter.request);
    if (limit === undefined) return;
    this.watchdog = setTimeout(() => {
      const seconds = limit / 1000;
      this.options.log?.(`analysis of ${waiter.request.key} (${waiter.request.text.length} characters) took over ${seconds} s: stopped`);
      this.died(AnalysisLimitError.time(limit));
    }, limit);
  }

  private settled(): void {
    clearTimeout(this.watchdog);
    this.watchdog = undefined;
    this.running = undefined;
  }

  /** The worker is gone (or is being stopped): the running request takes the blame. */
  private died(error: Error): void {
    const worker = this.worker;
    this.worker = undefined;
    void worker?.terminate();
    const culprit = this.running === undefined ? undefined : this.waiting.get(this.running);
    this.settled();
    if (!culprit) {
      this.options.log?.(error.message);
      this.failAll(error);
      return;
    }
    for (const [id, waiter] of this.waiting) {
      if (waiter === culprit) {
        this.waiting.delete(id);
        waiter.reject(error);
      } else if (waiter.request.key === culprit.request.key) {
        // Same document: it would stop the new worker too.
        this.waiting.delete(id);
        waiter.resolve(undefined);
      } else {
        this.post({ type: 'analyze', id, request: waiter.request, once: waiter.once });
      }
    }
  }

  private failAll(error: Error): void {
    this.settled();
    const waiters = [...this.waiting.values()];
    this.waiting.clear();
    for (const waiter of waiters) waiter.reject(error);
  }
}
