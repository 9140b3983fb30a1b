import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { AnalysisService, type AnalysisRequest, type AnalysisResult } from '../core';
import { WorkerClient } from '../worker/client';
import { spawnThread } from '../worker/thread';

/** Runs the analyses of a CLI run: in worker threads, each file with a time and a memory limit. */
export interface Analyzer {
  analyze(request: AnalysisRequest): Promise<AnalysisResult>;
  close(): Promise<void>;
}

export interface AnalyzerOptions {
  fileCount: number;
  /** Worker threads; by default one per core (at most 4), one per 8 files. */
  workers?: number;
  /** Milliseconds one file's analysis may take. */
  timeLimit: number;
  /** Heap megabytes of each worker. */
  memoryLimit: number;
  /** The bundled worker; by default `worker.js` beside the CLI bundle. */
  script?: string;
}

/** Without a bundled worker (running from sources) there is no way to stop an analysis: it runs inline. */
class InlineAnalyzer implements Analyzer {
  private readonly service = new AnalysisService();
  async analyze(request: AnalysisRequest): Promise<AnalysisResult> {
    return this.service.analyze(request, true);
  }
  async close(): Promise<void> {}
}

class WorkerPool implements Analyzer {
  private readonly clients: WorkerClient[] = [];

  constructor(script: string, size: number, timeLimit: number, memoryLimit: number) {
    for (let i = 0; i < size; i++) {
      const spawn = () => spawnThread(script, { resourceLimits: { maxOldGenerationSizeMb: memoryLimit } });
      this.clients.push(new WorkerClient({ spawn, memoryLimitMb: memoryLimit, timeLimit: () => timeLimit }));
    }
  }

  async analyze(request: AnalysisRequest): Promise<AnalysisResult> {
    const client = this.clients.reduce((least, c) => (c.load < least.load ? c : least));
    const result = await client.analyze(request, true);
    // Each CLI file has its own key, so nothing supersedes it.
    if (!result) throw new Error('the analysis was superseded');
    return result;
  }

  async close(): Promise<void> {
    await Promise.all(this.clients.map((c) => c.dispose()));
  }
}

/** `IMPL_NOTES_WORKERS=N` sets the pool size: for measurements. */
function envWorkers(): number | undefined {
  const value = Number(process.env.IMPL_NOTES_WORKERS);
  return Number.isInteger(value) && value > 0 ? value : undefined;
}

/** Files per worker: below this a worker's start-up costs more than it saves. */
const FILES_PER_WORKER = 8;

export function createAnalyzer(options: AnalyzerOptions): Analyzer {
  const script = options.script ?? path.join(__dirname, 'worker.js');
  if (!fs.existsSync(script)) return new InlineAnalyzer();
  const cores = typeof os.availableParallelism === 'function' ? os.availableParallelism() : os.cpus().length;
  const wanted = options.workers ?? envWorkers() ?? Math.min(cores, 4);
  const size = Math.max(1, Math.min(wanted, Math.ceil(options.fileCount / FILES_PER_WORKER)));
  return new WorkerPool(script, size, options.timeLimit, options.memoryLimit);
}
