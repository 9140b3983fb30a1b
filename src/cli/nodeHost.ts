import * as fs from 'node:fs';
import type { Stats } from 'node:fs';
import * as nodeFs from 'node:fs/promises';
import { HostError, tooLargeMessage, type HostEntry, type HostStat, type NotesHost } from '../core';

/** The core's host over Node's fs, plus the two writes `new` makes. */
export interface CliHost extends NotesHost {
  writeNew(path: string, text: string): Promise<void>;
  mkdirs(path: string): Promise<void>;
}

const ERRNO_MESSAGES: Record<string, string> = {
  ENOENT: 'no such file or directory',
  EACCES: 'permission denied',
  EPERM: 'permission denied',
  EISDIR: 'is a directory',
  ENOTDIR: 'not a directory',
  ELOOP: 'too many levels of symbolic links',
  EEXIST: 'already exists',
  ENXIO: 'no such device or address',
  // Node's own message repeats the path, which may be thousands of characters long.
  ENAMETOOLONG: 'file name too long',
};

export function describeError(err: unknown): string {
  if (err instanceof HostError) return err.message;
  const code = (err as NodeJS.ErrnoException | undefined)?.code;
  if (code && ERRNO_MESSAGES[code]) return ERRNO_MESSAGES[code];
  return err instanceof Error ? err.message : String(err);
}

/** Node's errors, with the code kept (callers test EEXIST) and a message fit for the user. */
function friendly(err: unknown): Error {
  if (err instanceof HostError) return err;
  return Object.assign(new HostError(describeError(err)), { code: (err as NodeJS.ErrnoException).code });
}

function kindOf(stat: Stats): HostStat {
  if (stat.isFile()) return { kind: 'file' };
  if (stat.isDirectory()) return { kind: 'directory' };
  if (stat.isFIFO()) return { kind: 'other', what: 'a FIFO (named pipe), not a regular file' };
  if (stat.isSocket()) return { kind: 'other', what: 'a socket, not a regular file' };
  if (stat.isCharacterDevice() || stat.isBlockDevice()) return { kind: 'other', what: 'a device, not a regular file' };
  return { kind: 'other', what: 'not a regular file' };
}

const CHUNK = 64 * 1024;

/**
 * Node's callback calls as promises. The reads go through these rather than
 * `fs/promises`: a FileHandle costs several times the read of a small file
 * (252 small files: 7 ms this way, 19 ms through FileHandle; `npm run bench`).
 */
function call<T>(start: (done: (err: NodeJS.ErrnoException | null, value: T) => void) => void): Promise<T> {
  return new Promise((resolve, reject) => start((err, value) => (err ? reject(friendly(err)) : resolve(value))));
}
const read = (fd: number, buffer: Buffer, offset: number, length: number) => call<number>((done) => fs.read(fd, buffer, offset, length, null, done));
const close = (fd: number) => fs.close(fd, () => undefined);

/**
 * Opens `path` without blocking, then asks fstat and reads into `buffer` at
 * once: one promise for the three calls of most reads. `first` is the bytes
 * read, or the read's error (a FIFO's, a folder's), which the caller weighs
 * after the file's kind.
 */
function openStatAndRead(path: string, buffer: Buffer): Promise<{ fd: number; stat: Stats; first: number | NodeJS.ErrnoException }> {
  return new Promise((resolve, reject) => {
    fs.open(path, fs.constants.O_RDONLY | fs.constants.O_NONBLOCK, (openError, fd) => {
      if (openError) {
        reject(friendly(openError));
        return;
      }
      let stat: Stats | NodeJS.ErrnoException | undefined;
      let first: number | NodeJS.ErrnoException | undefined;
      const settle = () => {
        if (stat === undefined || first === undefined) return;
        if (stat instanceof Error) {
          close(fd);
          reject(friendly(stat));
        } else {
          resolve({ fd, stat, first });
        }
      };
      fs.fstat(fd, (err, value) => {
        stat = err ?? value;
        settle();
      });
      fs.read(fd, buffer, 0, buffer.length, null, (err, bytesRead) => {
        first = err ?? bytesRead;
        settle();
      });
    });
  });
}

/** Refuses anything but a regular file, and (for a whole read) a file that says it is over the limit. */
function refuseUnlessRegular(stat: Stats, limit: number, prefix: boolean): void {
  const kind = kindOf(stat);
  if (kind.kind === 'directory') throw new HostError('is a directory');
  if (kind.kind !== 'file') throw new HostError(kind.what ?? 'not a regular file');
  if (stat.size > limit && !prefix) throw new HostError(tooLargeMessage(limit, stat.size));
}

/**
 * Opens without blocking (a FIFO with no writer would wait forever), then
 * asks what the file is and reads its first chunk at once: most files a
 * check reads are smaller than a chunk, so one read is all. Anything but a
 * regular file is refused whatever that read returned. At most `limit`
 * bytes are read: the size `stat` reports is not trusted (it is 0 for
 * /dev/zero and /proc).
 */
async function readRegularFile(path: string, limit: number, prefix = false): Promise<{ bytes: Uint8Array; complete: boolean }> {
  let buffer = Buffer.allocUnsafe(Math.min(CHUNK, limit + 1));
  const { fd, stat, first } = await openStatAndRead(path, buffer);
  try {
    refuseUnlessRegular(stat, limit, prefix);
    if (typeof first !== 'number') throw friendly(first);
    let total = first;
    // A short read of a regular file is its end; past the first chunk, read on up to one byte over the limit.
    if (total === buffer.length) {
      for (;;) {
        if (total > limit) {
          if (!prefix) throw new HostError(tooLargeMessage(limit));
          return { bytes: buffer.subarray(0, limit), complete: false };
        }
        const grown = Buffer.allocUnsafe(Math.min(limit + 1, Math.max(stat.size + 1, buffer.length + CHUNK)));
        buffer.copy(grown, 0, 0, total);
        buffer = grown;
        const wanted = buffer.length - total;
        const bytesRead = await read(fd, buffer, total, wanted);
        total += bytesRead;
        if (bytesRead < wanted) break;
      }
    }
    return { bytes: buffer.subarray(0, total), complete: true };
  } finally {
    // Not waited for: the bytes are in, and nothing is written through this descriptor.
    close(fd);
  }
}

/**
 * readRegularFile through Node's synchronous calls: opened without
 * blocking, refused unless fstat says it is a regular file (nothing is read
 * of anything else), then read into a buffer of the size fstat gives and
 * on, while reads fill it, up to one byte over the limit.
 */
function readRegularFileSync(path: string, limit: number, prefix = false): { bytes: Uint8Array; complete: boolean } {
  let fd: number;
  try {
    fd = fs.openSync(path, fs.constants.O_RDONLY | fs.constants.O_NONBLOCK);
  } catch (err) {
    throw friendly(err);
  }
  try {
    const stat = fs.fstatSync(fd);
    refuseUnlessRegular(stat, limit, prefix);
    let buffer = Buffer.allocUnsafe(Math.min(limit + 1, stat.size + 1));
    let total = 0;
    for (;;) {
      const wanted = buffer.length - total;
      const bytesRead = fs.readSync(fd, buffer, total, wanted, null);
      total += bytesRead;
      // A short read of a regular file is its end.
      if (bytesRead < wanted) return { bytes: buffer.subarray(0, total), complete: true };
      if (total > limit) {
        if (!prefix) throw new HostError(tooLargeMessage(limit));
        return { bytes: buffer.subarray(0, limit), complete: false };
      }
      const grown = Buffer.allocUnsafe(Math.min(limit + 1, buffer.length + CHUNK));
      buffer.copy(grown, 0, 0, total);
      buffer = grown;
    }
  } catch (err) {
    throw friendly(err);
  } finally {
    fs.closeSync(fd);
  }
}

/** A synchronous call's result as a settled promise, its error made fit for the user. */
function settled<T>(call: () => T): Promise<T> {
  try {
    return Promise.resolve(call());
  } catch (err) {
    return Promise.reject(friendly(err));
  }
}

export const nodeHost: CliHost = {
  readFile: async (path, limit) => (await readRegularFile(path, limit)).bytes,
  readPrefix: (path, limit) => readRegularFile(path, limit, true),
  async readDirectory(path) {
    const entries = await nodeFs.readdir(path, { withFileTypes: true }).catch((err: unknown) => {
      throw friendly(err);
    });
    const out: HostEntry[] = [];
    for (const entry of entries) {
      if (!entry.isSymbolicLink()) {
        out.push({ name: entry.name, kind: entry.isFile() ? 'file' : entry.isDirectory() ? 'directory' : 'other' });
        continue;
      }
      const target = await nodeHost.stat(`${path}/${entry.name}`).catch(() => undefined);
      out.push({ name: entry.name, kind: target?.kind ?? 'other' });
    }
    return out;
  },
  async stat(path) {
    try {
      return kindOf(await nodeFs.stat(path));
    } catch (err) {
      const code = (err as NodeJS.ErrnoException).code;
      if (code !== 'ENOENT') throw friendly(err);
    }
    // Nothing there, or a link to nothing: only the second is an entry.
    const link = await nodeFs.lstat(path).catch(() => undefined);
    return link?.isSymbolicLink() ? { kind: 'other', what: 'a dangling symbolic link' } : undefined;
  },
  async realpath(path) {
    return nodeFs.realpath(path).catch((err: unknown) => {
      throw friendly(err);
    });
  },
  async writeNew(path, text) {
    // 'wx' fails if the file exists: never overwrite somebody's notes.
    await nodeFs.writeFile(path, text, { flag: 'wx' }).catch((err: unknown) => {
      throw friendly(err);
    });
  },
  async mkdirs(path) {
    await nodeFs.mkdir(path, { recursive: true }).catch((err: unknown) => {
      throw friendly(err);
    });
  },
};

/**
 * nodeHost with the calls the reference check makes per file (reads, real
 * paths, link checks) through Node's synchronous fs: the CLI's. The check
 * waits for each answer anyway, and on a local disk such a call takes
 * microseconds, while an asynchronous one is a hand-off to the thread pool
 * and back that costs more than the call itself (the bench's 252 named
 * files on 2 cores: less than half the CPU time; `npm run bench --
 * --references`). Never the editor's: it would hold up the extension host.
 */
export const syncNodeHost: CliHost = {
  ...nodeHost,
  readFile: (path, limit) => settled(() => readRegularFileSync(path, limit).bytes),
  readPrefix: (path, limit) => settled(() => readRegularFileSync(path, limit, true)),
  realpath: (path) => settled(() => fs.realpathSync.native(path)),
  // POSIX only: Windows has reparse points that lstat does not call links, which realpath resolves.
  ...(process.platform === 'win32' ? {} : { isLink: (path: string) => settled(() => fs.lstatSync(path).isSymbolicLink()) }),
};
