import type { WorkerMessage, WorkerReply, WorkerTransport } from './protocol';

interface WebWorker {
  postMessage(message: unknown): void;
  terminate(): void;
  addEventListener(type: 'message', listener: (event: { data: WorkerReply }) => void): void;
  addEventListener(type: 'error', listener: (event: { message?: string }) => void): void;
}
export type WebWorkerConstructor = new (url: string, options?: { name?: string }) => WebWorker;

/** The web worker constructor of this host, if it has one (the web extension host is itself a worker). */
export function webWorkerConstructor(): WebWorkerConstructor | undefined {
  return (globalThis as { Worker?: WebWorkerConstructor }).Worker;
}

/**
 * A web worker (the web extension's transport). Its script URL comes
 * asynchronously (the extension's files are not always at a URL a worker may
 * load: the caller reads the script and hands a blob URL); messages wait
 * until the worker exists, and a script that cannot be had is a worker error.
 */
export function spawnWebWorker(Worker: WebWorkerConstructor, scriptUrl: () => Promise<string>): WorkerTransport {
  const queued: WorkerMessage[] = [];
  const replyListeners: ((reply: WorkerReply) => void)[] = [];
  const errorListeners: ((error: Error, outOfMemory: boolean) => void)[] = [];
  const fail = (error: Error) => errorListeners.forEach((listener) => listener(error, false));
  let worker: WebWorker | undefined;
  let terminated = false;
  scriptUrl().then(
    (url) => {
      if (terminated) return;
      const started = new Worker(url, { name: 'implementation-notes-analysis' });
      started.addEventListener('message', (event) => replyListeners.forEach((listener) => listener(event.data)));
      started.addEventListener('error', (event) => fail(new Error(event.message ?? 'the analysis web worker failed')));
      for (const message of queued.splice(0)) started.postMessage(message);
      worker = started;
    },
    (err: unknown) => fail(err instanceof Error ? err : new Error(String(err))),
  );
  return {
    postMessage: (message) => (worker ? worker.postMessage(message) : queued.push(message)),
    terminate: () => {
      terminated = true;
      worker?.terminate();
    },
    onReply: (listener) => replyListeners.push(listener),
    onError: (listener) => errorListeners.push(listener),
    onExit: () => undefined,
    unref: () => undefined,
  };
}
