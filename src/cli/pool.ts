import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { AnalysisRequest, AnalysisResult } from '../core';
import { WorkerClient } from '../worker/client';
import { spawnThread } from '../worker/thread';

/** Runs the analyses of a CLI run: in worker threads, each file with a time and a memory limit. */
export interface Analyzer {
  /** Sizes the pool for the files of the run: one worker is started at creation, more for many files. */
  sizeFor(fileCount: number): void;
  analyze(request: AnalysisRequest): Promise<AnalysisResult>;
  /** `withProcess`: the process ends next; idle workers are left to end with it rather than stopped. */
  close(withProcess?: boolean): Promise<void>;
}

export interface AnalyzerOptions {
  /** Worker threads; by default one per core (at most 4), one per 8 files. */
  workers?: number;
  /** Milliseconds one file's analysis may take. */
  timeLimit: number;
  /** Heap megabytes of each worker. */
  memoryLimit: number;
  /** The bundled worker; by default `cli-worker.js` beside the CLI bundle (worker.js through a code cache). */
  script?: string;
}

class WorkerPool implements Analyzer {
  private readonly clients: WorkerClient[] = [];

  constructor(
    private readonly script: string,
    private readonly maxSize: number,
    private readonly timeLimit: number,
    private readonly memoryLimit: number,
  ) {
    // Started before the files are even listed: a worker's start-up is most of a one-file run.
    this.grow().start();
  }

  private grow(): WorkerClient {
    const limits = { resourceLimits: { maxOldGenerationSizeMb: this.memoryLimit } };
    const client = new WorkerClient({ spawn: () => spawnThread(this.script, limits), memoryLimitMb: this.memoryLimit, timeLimit: () => this.timeLimit });
    this.clients.push(client);
    return client;
  }

  sizeFor(fileCount: number): void {
    const size = Math.max(1, Math.min(this.maxSize, Math.ceil(fileCount / FILES_PER_WORKER)));
    while (this.clients.length < size) this.grow();
  }

  async analyze(request: AnalysisRequest): Promise<AnalysisResult> {
    const client = this.clients.reduce((least, c) => (c.load < least.load ? c : least));
    const result = await client.analyze(request, true);
    // Each CLI file has its own key, so nothing supersedes it.
    if (!result) throw new Error('the analysis was superseded');
    return result;
  }

  async close(withProcess = false): Promise<void> {
    if (withProcess) this.clients.forEach((c) => c.release());
    else await Promise.all(this.clients.map((c) => c.dispose()));
  }
}

/** `IMPL_NOTES_WORKERS=N` sets the pool size: for measurements. */
function envWorkers(): number | undefined {
  const value = Number(process.env.IMPL_NOTES_WORKERS);
  return Number.isInteger(value) && value > 0 ? value : undefined;
}

/** Files per worker: below this a worker's start-up costs more than it saves. */
const FILES_PER_WORKER = 8;

/**
 * The analyses always run in a worker, the only place an analysis can be
 * stopped at its limits; so the main thread's bundle has no Markdown parser.
 */
export function createAnalyzer(options: AnalyzerOptions): Analyzer {
  const script = options.script ?? path.join(__dirname, 'cli-worker.js');
  if (!fs.existsSync(script)) throw new Error(`the analysis worker ${script} is missing (run \`npm run build\` when running from the sources)`);
  const cores = typeof os.availableParallelism === 'function' ? os.availableParallelism() : os.cpus().length;
  return new WorkerPool(script, options.workers ?? envWorkers() ?? Math.min(cores, 4), options.timeLimit, options.memoryLimit);
}
