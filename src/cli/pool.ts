import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { AnalysisRequest, AnalysisResult } from '../core';
import { WorkerClient } from '../worker/client';
import { spawnThread } from '../worker/thread';
import { InProcessAnalysis } from './inProcess';

/** Runs the analyses of a CLI run, each file with a time limit (and, in a worker thread, a memory limit). */
export interface Analyzer {
  /** Sizes the run for its files: starts the worker threads it will use. */
  sizeFor(fileCount: number): void;
  analyze(request: AnalysisRequest): Promise<AnalysisResult>;
  /** `withProcess`: the process ends next; idle workers are left to end with it rather than stopped. */
  close(withProcess?: boolean): Promise<void>;
  /** Worker threads started so far. */
  readonly threads: number;
}

export interface AnalyzerOptions {
  /** Worker threads, all files analysed in them; by default one per core (at most 4), one per 8 files. */
  workers?: number;
  /** Milliseconds one file's analysis may take. */
  timeLimit: number;
  /** Heap megabytes of each worker. */
  memoryLimit: number;
  /** The bundled worker; by default `cli-worker.js` beside the CLI bundle (worker.js through a code cache). */
  script?: string;
  /**
   * The analysis bundle (dist/worker.js) to run small files in this thread
   * with, in runs of a few files; none: every file goes to a worker thread.
   */
  inProcessBundle?: string;
}

/**
 * Files up to this many characters, in runs of up to FILES_PER_WORKER files,
 * are analysed in the CLI's own thread: a worker thread's start-up alone
 * (about 50 ms on Node 20) cost more than such a file's analysis. V8 stops
 * them at the time limit as a worker would be stopped. The memory limit is
 * a worker's: the most any hostile shape we know of takes at this size is
 * about 80 MB (`npm run bench` prints them), so a run given an explicit
 * --memory-limit uses workers only (see main.ts).
 */
const IN_PROCESS_MAX_CHARS = 32 * 1024;

/** Files per worker: below this a worker's start-up costs more than it saves. */
const FILES_PER_WORKER = 8;

class CliAnalyzer implements Analyzer {
  private readonly clients: WorkerClient[] = [];
  private inProcess: InProcessAnalysis | undefined;

  constructor(
    private readonly script: string,
    private readonly maxSize: number,
    private readonly timeLimit: number,
    private readonly memoryLimit: number,
    inProcessBundle: string | undefined,
  ) {
    if (inProcessBundle !== undefined) this.inProcess = new InProcessAnalysis(inProcessBundle);
    // Started before the files are even listed: a worker's start-up is most of a short run.
    else this.grow();
  }

  get threads(): number {
    return this.clients.length;
  }

  private grow(): WorkerClient {
    const limits = { resourceLimits: { maxOldGenerationSizeMb: this.memoryLimit } };
    const client = new WorkerClient({ spawn: () => spawnThread(this.script, limits), memoryLimitMb: this.memoryLimit, timeLimit: () => this.timeLimit });
    this.clients.push(client);
    client.start();
    return client;
  }

  sizeFor(fileCount: number): void {
    // Many files: the workers' parallelism wins over their start-up.
    if (fileCount > FILES_PER_WORKER) this.inProcess = undefined;
    if (this.inProcess) return;
    const size = Math.max(1, Math.min(this.maxSize, Math.ceil(fileCount / FILES_PER_WORKER)));
    while (this.clients.length < size) this.grow();
  }

  async analyze(request: AnalysisRequest): Promise<AnalysisResult> {
    if (this.inProcess?.usable && request.text.length <= IN_PROCESS_MAX_CHARS) return this.inProcess.analyze(request, this.timeLimit);
    if (this.clients.length === 0) this.grow();
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

/**
 * The analyses run where a limit can stop them: a worker thread, or for a
 * small file this thread under V8's own time limit; so the main thread's
 * bundle has no Markdown parser, and loads the analysis bundle only when a
 * small file needs it.
 */
export function createAnalyzer(options: AnalyzerOptions): Analyzer {
  const script = options.script ?? path.join(__dirname, 'cli-worker.js');
  for (const file of [script, options.inProcessBundle]) {
    if (file !== undefined && !fs.existsSync(file)) throw new Error(`the analysis worker ${file} is missing (run \`npm run build\` when running from the sources)`);
  }
  const cores = typeof os.availableParallelism === 'function' ? os.availableParallelism() : os.cpus().length;
  const workers = options.workers ?? envWorkers();
  // A number of workers asked for is a number of workers used.
  const inProcessBundle = workers === undefined ? options.inProcessBundle : undefined;
  return new CliAnalyzer(script, workers ?? Math.min(cores, 4), options.timeLimit, options.memoryLimit, inProcessBundle);
}
