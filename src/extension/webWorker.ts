import type { WorkerReply } from '../worker/analysisWorker';
import type { AnalysisWorker } from './workerBackend';

interface WebWorker {
  postMessage(message: unknown): void;
  terminate(): void;
  addEventListener(type: 'message', listener: (event: { data: WorkerReply }) => void): void;
  addEventListener(type: 'error', listener: (event: { message?: string }) => void): void;
}
type WebWorkerConstructor = new (url: string, options?: { name?: string }) => WebWorker;

/** The web worker constructor of this host, if it has one (the web extension host is itself a worker). */
export function webWorkerConstructor(): WebWorkerConstructor | undefined {
  return (globalThis as { Worker?: WebWorkerConstructor }).Worker;
}

/** The web extension's analysis worker: a web worker running dist/web/worker.js. */
export function spawnWebWorker(Worker: WebWorkerConstructor, url: string): AnalysisWorker {
  const worker = new Worker(url, { name: 'implementation-notes-analysis' });
  return {
    postMessage: (message) => worker.postMessage(message),
    terminate: () => worker.terminate(),
    onReply: (listener) => worker.addEventListener('message', (event) => listener(event.data)),
    onError: (listener) => worker.addEventListener('error', (event) => listener(new Error(event.message ?? 'the analysis web worker failed'))),
    onExit: () => undefined,
  };
}
