import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { Worker } from 'node:worker_threads';
import { AnalysisService, type AnalysisRequest, type AnalysisResult } from '../core';
import type { WorkerReply } from '../worker/analysisWorker';

/** Runs analyses, in worker threads when there are enough files to gain from them. */
export interface Analyzer {
  analyze(request: AnalysisRequest): Promise<AnalysisResult>;
  close(): Promise<void>;
}

class InlineAnalyzer implements Analyzer {
  private readonly service = new AnalysisService();
  async analyze(request: AnalysisRequest): Promise<AnalysisResult> {
    return this.service.analyze(request, true);
  }
  async close(): Promise<void> {}
}

class WorkerPool implements Analyzer {
  private readonly workers: Worker[] = [];
  private readonly load: number[] = [];
  private readonly waiting = new Map<number, { resolve: (r: AnalysisResult) => void; reject: (e: Error) => void; worker: number }>();
  private nextId = 1;

  constructor(script: string, size: number) {
    // Loaded here, not at start: worker_threads costs a one-file run ~10 ms.
    const { Worker } = require('node:worker_threads') as typeof import('node:worker_threads');
    for (let i = 0; i < size; i++) {
      const worker = new Worker(script);
      worker.on('message', (reply: WorkerReply) => {
        if ('started' in reply) return;
        const waiter = this.waiting.get(reply.id);
        if (!waiter) return;
        this.waiting.delete(reply.id);
        this.load[waiter.worker]--;
        if ('result' in reply) waiter.resolve(reply.result);
        else waiter.reject(new Error('error' in reply ? reply.error : 'analysis superseded'));
      });
      worker.on('error', (err) => {
        for (const [id, waiter] of this.waiting) {
          if (waiter.worker === i) {
            this.waiting.delete(id);
            waiter.reject(err);
          }
        }
      });
      this.workers.push(worker);
      this.load.push(0);
    }
  }

  analyze(request: AnalysisRequest): Promise<AnalysisResult> {
    const index = this.load.indexOf(Math.min(...this.load));
    const id = this.nextId++;
    this.load[index]++;
    return new Promise((resolve, reject) => {
      this.waiting.set(id, { resolve, reject, worker: index });
      const worker = this.workers[index];
      worker.postMessage({ type: 'analyze', id, request, once: true });
    });
  }

  async close(): Promise<void> {
    await Promise.all(this.workers.map((w) => w.terminate()));
  }
}

/** `IMPL_NOTES_WORKERS=1` runs inline: for measurements and debugging. */
function envWorkers(): number | undefined {
  const value = Number(process.env.IMPL_NOTES_WORKERS);
  return Number.isInteger(value) && value > 0 ? value : undefined;
}

/** Below this many files a worker's start-up costs more than it saves. */
const MIN_FILES_FOR_WORKERS = 8;

/**
 * Worker threads run the bundled `worker.js` beside the CLI bundle; when that
 * is missing (running from sources) or there is one core, analysis runs inline.
 */
export function createAnalyzer(fileCount: number, requested = envWorkers()): Analyzer {
  const script = path.join(__dirname, 'worker.js');
  const cores = typeof os.availableParallelism === 'function' ? os.availableParallelism() : os.cpus().length;
  const size = Math.min(requested ?? Math.min(cores, 4), Math.ceil(fileCount / MIN_FILES_FOR_WORKERS));
  if (size < 2 || !fs.existsSync(script)) return new InlineAnalyzer();
  return new WorkerPool(script, size);
}
