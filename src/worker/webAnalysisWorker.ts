// The analysis worker of the web extension (dist/web/worker.js): a web
// worker, so a long parse never blocks the web extension host, and the host's
// watchdog can stop it at implementationNotes.analysisTimeLimit.
import { analysisLoop } from './analysisLoop';
import type { WorkerMessage } from './protocol';

interface WorkerScope {
  postMessage(message: unknown): void;
  addEventListener(type: 'message', listener: (event: { data: WorkerMessage }) => void): void;
}

const scope = globalThis as unknown as WorkerScope;
const handle = analysisLoop(
  (reply) => scope.postMessage(reply),
  (run) => setTimeout(run, 0),
);
scope.addEventListener('message', (event) => handle(event.data));
