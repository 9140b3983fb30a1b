// Loading the analysis bundle (dist/worker.js) through a V8 code cache kept
// between runs: in the CLI's worker (dist/cli-worker.js) and, for small files,
// in the CLI's own thread. A pre-commit hook starts the CLI on every commit,
// and in a one-file run compiling the bundle and the parser's functions on
// their first call was a fifth of the analysis. Node's own compile cache
// (`module.enableCompileCache`) is not in Node 20; this works on every Node
// the package supports.
import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import { createRequire, wrap } from 'node:module';
import * as os from 'node:os';
import * as path from 'node:path';
import { Script } from 'node:vm';
import { threadId } from 'node:worker_threads';

export interface CachedBundle {
  exports: unknown;
  /**
   * Writes the cache if the run had none (or V8 refused it). Call it after
   * the bundle did its work once: the functions compiled by then, the
   * parser's included, go into the cache. Later calls do nothing.
   */
  saveCache(): void;
}

/** Runs a CommonJS bundle as `require` would, with its code cache; `requireOverride` answers the bundle's own `require` calls first. */
export function loadCached(bundle: string, requireOverride?: (id: string) => unknown): CachedBundle {
  const source = fs.readFileSync(bundle, 'utf8');
  const cacheFile = codeCacheFile(source);
  const cached = cacheFile === undefined ? undefined : readOrUndefined(cacheFile);
  const script = new Script(wrap(source), { filename: bundle, cachedData: cached });
  let saveNeeded = cacheFile !== undefined && (cached === undefined || script.cachedDataRejected === true);
  const bundleRequire = createRequire(bundle);
  const require = requireOverride ? Object.assign((id: string): unknown => requireOverride(id) ?? bundleRequire(id), bundleRequire) : bundleRequire;
  const module = { exports: {} as unknown };
  (script.runInThisContext() as (...args: unknown[]) => void)(module.exports, require, module, bundle, path.dirname(bundle));
  return {
    exports: module.exports,
    saveCache() {
      if (!saveNeeded || cacheFile === undefined) return;
      saveNeeded = false;
      writeAtomically(cacheFile, script.createCachedData());
    },
  };
}

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
  const temporary = `${file}.${process.pid}-${threadId}.tmp`;
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
