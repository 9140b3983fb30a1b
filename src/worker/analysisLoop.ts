// The analysis worker's message loop without its transport, so a web worker
// (the web extension's) runs the same protocol as the worker thread in
// analysisWorker.ts: newer requests for a document replace older ones still
// waiting, and `started` tells the host's watchdog when to start counting.
import { DocumentAnalyzer, type AnalysisRequest } from '../core';
import type { WorkerMessage, WorkerReply } from './protocol';

/** Returns the handler of incoming messages; `post` sends replies, `later` yields to the event loop. */
export function analysisLoop(post: (reply: WorkerReply) => void, later: (run: () => void) => void): (message: WorkerMessage) => void {
  const service = new DocumentAnalyzer();
  const pending = new Map<string, { id: number; request: AnalysisRequest; once?: boolean }>();
  const superseded: number[] = [];
  let scheduled = false;

  const drain = (): void => {
    scheduled = false;
    for (const id of superseded.splice(0)) post({ id, superseded: true });
    const next = pending.entries().next();
    if (next.done) return;
    const [key, { id, request, once }] = next.value;
    pending.delete(key);
    post({ started: id });
    try {
      post({ id, result: service.analyze(request, once) });
    } catch (err) {
      post({ id, error: err instanceof Error ? (err.stack ?? err.message) : String(err) });
    }
    schedule();
  };
  const schedule = (): void => {
    if (!scheduled && (pending.size > 0 || superseded.length > 0)) {
      scheduled = true;
      later(drain);
    }
  };
  return (message) => {
    const key = message.type === 'forget' ? message.key : message.request.key;
    const waiting = pending.get(key);
    if (waiting) superseded.push(waiting.id);
    pending.delete(key);
    if (message.type === 'forget') service.forget(key);
    else pending.set(key, { id: message.id, request: message.request, once: message.once });
    schedule();
  };
}
