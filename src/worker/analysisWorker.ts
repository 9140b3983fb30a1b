// The analysis worker of the desktop extension and of the CLI: it runs the
// core off the main thread, so typing never waits for a parse and a slow file
// can be stopped.
import { parentPort } from 'node:worker_threads';
import { AnalysisService, type AnalysisRequest } from '../core';
import type { WorkerMessage, WorkerReply } from './protocol';

const reply = (message: WorkerReply) => parentPort!.postMessage(message);

const service = new AnalysisService();
// Newer requests for a document replace older ones still waiting.
const pending = new Map<string, { id: number; request: AnalysisRequest; once?: boolean }>();
const superseded: number[] = [];
let scheduled = false;

function drain(): void {
  scheduled = false;
  for (const id of superseded.splice(0)) reply({ id, superseded: true });
  const next = pending.entries().next();
  if (next.done) return;
  const [key, { id, request, once }] = next.value;
  pending.delete(key);
  reply({ started: id });
  try {
    reply({ id, result: service.analyze(request, once) });
  } catch (err) {
    reply({ id, error: err instanceof Error ? (err.stack ?? err.message) : String(err) });
  }
  schedule();
}

function schedule(): void {
  if (!scheduled && (pending.size > 0 || superseded.length > 0)) {
    scheduled = true;
    setImmediate(drain);
  }
}

parentPort!.on('message', (message: WorkerMessage) => {
  if (message.type === 'forget') {
    const waiting = pending.get(message.key);
    if (waiting) superseded.push(waiting.id);
    pending.delete(message.key);
    service.forget(message.key);
  } else {
    const waiting = pending.get(message.request.key);
    if (waiting) superseded.push(waiting.id);
    pending.set(message.request.key, { id: message.id, request: message.request, once: message.once });
  }
  schedule();
});
