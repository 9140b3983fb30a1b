// The CLI's analysis worker (dist/cli-worker.js): it runs the analysis bundle
// (dist/worker.js) through the code cache of codeCache.ts.
import * as path from 'node:path';
import * as threads from 'node:worker_threads';
import type { WorkerReply } from '../worker/protocol';
import { loadCached } from './codeCache';

// The bundle talks through this port: before its first result goes out (the
// CLI may stop the worker right after it), the code compiled so far, the
// parser's included, is saved for the next run. (`bundle` is only read once
// a message has come in, after it is loaded below.)
const realPort = threads.parentPort!;
const port = {
  postMessage(reply: WorkerReply): void {
    if (!('started' in reply)) bundle.saveCache();
    realPort.postMessage(reply);
  },
  on(event: 'message', listener: (message: unknown) => void) {
    realPort.on(event, listener);
    return port;
  },
};
const bundle = loadCached(path.join(__dirname, 'worker.js'), (id) => (id === 'node:worker_threads' || id === 'worker_threads' ? { ...threads, parentPort: port } : undefined));
