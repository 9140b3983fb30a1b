import { Script } from 'node:vm';
import type { AnalysisRequest, AnalysisResult, DocumentAnalyzer } from '../core';
import { AnalysisLimitError } from '../worker/client';
import { loadCached, type CachedBundle } from './codeCache';

// The analysis runs as a script of its own so that V8 can stop it at the time
// limit (vm's `timeout`): a watchdog thread ends the script's execution, which
// a timer on this thread, blocked by the analysis, never could.
const ENTRY = 'implementationNotes.inProcessAnalysis';
let runner: Script | undefined;

/**
 * The analysis in the CLI's own thread, for small files (see pool.ts): the
 * analysis bundle is loaded, through its code cache, on the first file.
 */
export class InProcessAnalysis {
  private bundle: CachedBundle | undefined;
  private service: DocumentAnalyzer | undefined;
  private stopped = false;

  constructor(private readonly bundlePath: string) {}

  /** False once an analysis was stopped here: it may have left the bundle's state half-changed, so later files go to workers. */
  get usable(): boolean {
    return !this.stopped;
  }

  async analyze(request: AnalysisRequest, timeLimit: number): Promise<AnalysisResult> {
    const service = this.load();
    const global = globalThis as Record<symbol, unknown>;
    const key = Symbol.for(ENTRY);
    global[key] = () => service.analyze(request, true);
    try {
      runner ??= new Script(`globalThis[Symbol.for(${JSON.stringify(ENTRY)})]()`, { filename: 'impl-notes-analysis' });
      const result = runner.runInThisContext({ timeout: timeLimit }) as AnalysisResult;
      this.bundle?.saveCache();
      return result;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ERR_SCRIPT_EXECUTION_TIMEOUT') throw error;
      this.stopped = true;
      throw AnalysisLimitError.time(timeLimit);
    } finally {
      Reflect.deleteProperty(global, key);
    }
  }

  private load(): DocumentAnalyzer {
    if (this.service) return this.service;
    this.bundle = loadCached(this.bundlePath);
    const { DocumentAnalyzer: Service } = this.bundle.exports as { DocumentAnalyzer: new () => DocumentAnalyzer };
    this.service = new Service();
    return this.service;
  }
}
