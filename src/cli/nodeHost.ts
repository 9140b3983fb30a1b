import { constants, type Stats } from 'node:fs';
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
 * Opens without blocking (a FIFO with no writer would wait forever), checks
 * the opened file is a regular one, then reads at most `limit` bytes: the
 * size `stat` reports is not trusted (it is 0 for /dev/zero).
 */
async function readRegularFile(path: string, limit: number, prefix = false): Promise<{ bytes: Uint8Array; complete: boolean }> {
  const handle = await nodeFs.open(path, constants.O_RDONLY | constants.O_NONBLOCK).catch((err: unknown) => {
    throw friendly(err);
  });
  try {
    const stat = await handle.stat();
    const kind = kindOf(stat);
    if (kind.kind === 'directory') throw new HostError('is a directory');
    if (kind.kind !== 'file') throw new HostError(kind.what ?? 'not a regular file');
    if (stat.size > limit && !prefix) throw new HostError(tooLargeMessage(limit, stat.size));
    if (prefix) return await readPrefix(handle, Math.min(stat.size, limit), limit);
    const chunks: Buffer[] = [];
    let total = 0;
    for (;;) {
      const { bytesRead, buffer } = await handle.read(Buffer.alloc(CHUNK), 0, CHUNK, null);
      if (bytesRead === 0) break;
      total += bytesRead;
      if (total > limit) throw new HostError(tooLargeMessage(limit));
      chunks.push(bytesRead === CHUNK ? buffer : buffer.subarray(0, bytesRead));
    }
    return { bytes: Buffer.concat(chunks, total), complete: true };
  } catch (err) {
    throw friendly(err);
  } finally {
    await handle.close();
  }
}

/**
 * The first `limit` bytes, in one read of the size the file says it has
 * (plus one byte, which says whether it goes on): a short read of a
 * regular file is its end. A file that grew, or says 0 bytes (/proc), is
 * read on in chunks up to the limit.
 */
async function readPrefix(handle: nodeFs.FileHandle, expected: number, limit: number): Promise<{ bytes: Uint8Array; complete: boolean }> {
  let buffer = Buffer.allocUnsafe(expected + 1);
  let total = 0;
  for (;;) {
    if (total === buffer.length) {
      if (total > limit) return { bytes: buffer.subarray(0, limit), complete: false };
      const grown = Buffer.allocUnsafe(Math.min(limit + 1, buffer.length + CHUNK));
      buffer.copy(grown, 0, 0, total);
      buffer = grown;
    }
    const wanted = buffer.length - total;
    const { bytesRead } = await handle.read(buffer, total, wanted, null);
    total += bytesRead;
    if (bytesRead < wanted) return { bytes: buffer.subarray(0, total), complete: true };
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
