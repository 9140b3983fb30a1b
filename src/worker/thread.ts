import { Worker, type ResourceLimits } from 'node:worker_threads';
import type { WorkerTransport } from './protocol';

export interface ThreadOptions {
  name?: string;
  /** Heap limits of the worker: past them the running analysis fails, not the process. */
  resourceLimits?: ResourceLimits;
  /** An idle worker does not keep the process alive (the extension host's case). */
  unref?: boolean;
}

/** A worker thread running `script` (dist/worker.js): the desktop's and the CLI's transport. */
export function spawnThread(script: string, options: ThreadOptions = {}): WorkerTransport {
  const worker = new Worker(script, { name: options.name, resourceLimits: options.resourceLimits });
  if (options.unref) worker.unref();
  return {
    postMessage: (message) => worker.postMessage(message),
    terminate: () => worker.terminate(),
    onReply: (listener) => worker.on('message', listener),
    onError: (listener) => worker.on('error', (err: Error & { code?: string }) => listener(err, err.code === 'ERR_WORKER_OUT_OF_MEMORY')),
    onExit: (listener) => worker.on('exit', listener),
    unref: () => worker.unref(),
  };
}
