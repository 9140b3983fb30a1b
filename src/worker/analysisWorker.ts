// The analysis worker of the desktop extension and of the CLI (dist/worker.js):
// it runs the core off the main thread, so typing never waits for a parse and
// a slow file can be stopped. The web extension's worker runs the same loop.
// Loaded outside a worker (the CLI's own thread, for small files: see
// src/cli/pool.ts), it only hands over the analysis.
import { parentPort } from 'node:worker_threads';
import { analysisLoop } from './analysisLoop';
import type { WorkerMessage } from './protocol';

export { DocumentAnalyzer } from '../core/analysis/documentAnalyzer';

if (parentPort) {
  const port = parentPort;
  const handle = analysisLoop(
    (reply) => port.postMessage(reply),
    (run) => setImmediate(run),
  );
  port.on('message', (message: WorkerMessage) => handle(message));
}
