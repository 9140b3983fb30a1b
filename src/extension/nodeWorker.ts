import { Worker } from 'node:worker_threads';
import type { AnalysisWorker } from './workerBackend';

/** The desktop's analysis worker: a worker thread running dist/worker.js. */
export function spawnNodeWorker(script: string): AnalysisWorker {
  const worker = new Worker(script, { name: 'implementation-notes-analysis' });
  // An idle worker never keeps the extension host alive.
  worker.unref();
  return {
    postMessage: (message) => worker.postMessage(message),
    terminate: () => void worker.terminate(),
    onReply: (listener) => worker.on('message', listener),
    onError: (listener) => worker.on('error', listener),
    onExit: (listener) => worker.on('exit', listener),
  };
}
