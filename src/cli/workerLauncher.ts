// The CLI's analysis worker (dist/cli-worker.js): it runs the analysis bundle
// (dist/worker.js) through a V8 code cache kept between runs. A pre-commit
// hook starts the CLI on every commit, and in a one-file run compiling the
// bundle and the parser's functions on their first call was a fifth of the
// worker's time. Node's own compile cache (`module.enableCompileCache`) is
// not in Node 20; this one works on every Node the package supports.
import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import { createRequire, wrap } from 'node:module';
import * as os from 'node:os';
import * as path from 'node:path';
import { Script } from 'node:vm';
import * as threads from 'node:worker_threads';
import type { WorkerReply } from '../worker/protocol';

const bundle = path.join(__dirname, 'worker.js');
const source = fs.readFileSync(bundle, 'utf8');
const cacheFile = codeCacheFile(source);
const cached = cacheFile === undefined ? undefined : readOrUndefined(cacheFile);
const script = new Script(wrap(source), { filename: bundle, cachedData: cached });
const saveNeeded = cacheFile !== undefined && (cached === undefined || script.cachedDataRejected === true);

// The bundle talks through this port: before its first result goes out (the
// CLI may stop the worker right after it), the code compiled so far, the
// parser's included, is saved for the next run.
const realPort = threads.parentPort!;
let saved = !saveNeeded;
const port = {
  postMessage(reply: WorkerReply): void {
    if (!saved && !('started' in reply)) {
      saved = true;
      if (cacheFile !== undefined) writeAtomically(cacheFile, script.createCachedData());
    }
    realPort.postMessage(reply);
  },
  on(event: 'message', listener: (message: unknown) => void) {
    realPort.on(event, listener);
    return port;
  },
};
const bundleRequire = createRequire(bundle);
const requireWithPort = Object.assign((id: string): unknown => (id === 'node:worker_threads' || id === 'worker_threads' ? { ...threads, parentPort: port } : bundleRequire(id)), bundleRequire);
const module = { exports: {} };
(script.runInThisContext() as (...args: unknown[]) => void)(module.exports, requireWithPort, module, bundle, __dirname);

/**
 * Where the cache of this bundle for this Node lives: NODE_COMPILE_CACHE's
 * folder if set, else one in the temporary folder. None when
 * NODE_DISABLE_COMPILE_CACHE is set, or when the folder cannot be made ours
 * alone (a folder another user owns or may write to could hand us code).
 */
function codeCacheFile(text: string): string | undefined {
  if (process.env.NODE_DISABLE_COMPILE_CACHE) return undefined;
  const folder = process.env.NODE_COMPILE_CACHE || path.join(os.tmpdir(), 'impl-notes-compile-cache');
  try {
    fs.mkdirSync(folder, { recursive: true, mode: 0o700 });
    const stat = fs.lstatSync(folder);
    if (!stat.isDirectory() || (stat.mode & 0o022) !== 0 || (typeof process.getuid === 'function' && stat.uid !== process.getuid())) return undefined;
  } catch {
    return undefined;
  }
  const key = createHash('sha256').update(`${process.version} ${process.arch}\n`).update(text).digest('hex').slice(0, 32);
  return path.join(folder, `impl-notes-worker-${key}.cache`);
}

function readOrUndefined(file: string): Buffer | undefined {
  try {
    return fs.readFileSync(file);
  } catch {
    return undefined;
  }
}

/** A write that fails (a read-only folder, a full disk) only costs the next run its cache. */
function writeAtomically(file: string, data: Buffer): void {
  const temporary = `${file}.${process.pid}-${threads.threadId}.tmp`;
  try {
    fs.writeFileSync(temporary, data, { mode: 0o600 });
    fs.renameSync(temporary, file);
  } catch {
    try {
      fs.rmSync(temporary, { force: true });
    } catch {
      // Nothing was written, or it cannot be removed either.
    }
  }
}
