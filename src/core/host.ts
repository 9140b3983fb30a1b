// What the core needs from a file system, handed in by each entry point (the
// CLI passes Node's fs, the extension `workspace.fs`), as
// vscode-markdown-languageservice takes an IWorkspace. Paths are absolute and
// `/`-separated: a file path for the CLI, a URI's path for the extension.

type EntryKind = 'file' | 'directory' | 'other';

export interface HostStat {
  kind: EntryKind;
  /** Why an `other` entry is not a file or a folder, for messages: "a FIFO", "a dangling symbolic link". */
  what?: string;
}

export interface HostEntry {
  name: string;
  kind: EntryKind;
}

export interface NotesHost {
  /** Reads a regular file; fails with a `HostError` past `limit` bytes, however large the file says it is. */
  readFile(path: string, limit: number): Promise<Uint8Array>;
  /**
   * Reads at most the first `limit` bytes of a regular file; `complete` is
   * false when the file goes on. Optional: without it, a file past the limit
   * cannot be read at all (`readFile` fails).
   */
  readPrefix?(path: string, limit: number): Promise<{ bytes: Uint8Array; complete: boolean }>;
  readDirectory(path: string): Promise<HostEntry[]>;
  /** Undefined when nothing is there; a dangling link is there (an `other`). */
  stat(path: string): Promise<HostStat | undefined>;
  /** The path with every symbolic link resolved; a host without links returns it as is. */
  realpath(path: string): Promise<string>;
  /**
   * Whether the entry at `path` is itself a symbolic link (not followed);
   * fails when nothing is there. Optional, for a host whose calls are cheap
   * (the CLI's): with it, a check asks it once per folder and file instead
   * of each file's real path, and asks real paths only past a link.
   */
  isLink?(path: string): Promise<boolean>;
}

/** An error whose message is already fit for the user. */
export class HostError extends Error {}

/** The parent folder of an absolute `/`-separated path; `/` is its own parent. */
export function parentPath(path: string): string {
  const trimmed = path.length > 1 && path.endsWith('/') ? path.slice(0, -1) : path;
  const slash = trimmed.lastIndexOf('/');
  return slash <= 0 ? '/' : trimmed.slice(0, slash);
}

/** `relative` resolved against folder `base`, with `.` and `..` segments folded (never above `/`). */
export function joinPath(base: string, relative: string): string {
  // Most paths have nothing to fold: joined as they are (a check joins every reference's path once or twice).
  if (isPlain(relative) && base.startsWith('/') && (base === '/' || isPlain(base.slice(1)))) return base === '/' ? `/${relative}` : `${base}/${relative}`;
  const segments: string[] = [];
  const start = relative.startsWith('/') ? relative : `${base}/${relative}`;
  for (const segment of start.split('/')) {
    if (segment === '' || segment === '.') continue;
    if (segment === '..') segments.pop();
    else segments.push(segment);
  }
  return '/' + segments.join('/');
}

/** A path of non-empty segments, none of them `.` or `..`: `a/b.ts`, not `./a`, `a//b`, `a/` or `a/..`. */
function isPlain(path: string): boolean {
  if (path === '' || path.startsWith('/') || path.endsWith('/') || path.includes('//')) return false;
  if (path === '.' || path === '..' || path.startsWith('./') || path.startsWith('../') || path.endsWith('/.') || path.endsWith('/..')) return false;
  return !path.includes('/./') && !path.includes('/../');
}

/** A relative path from folder `from` to `to`, both relative to a root (`''` the root itself): `./x` or `../x`. */
export function relativeBetween(from: string, to: string): string {
  const a = from === '' ? [] : from.split('/');
  const b = to.split('/');
  let common = 0;
  while (common < a.length && common < b.length - 1 && a[common] === b[common]) common++;
  const ups = a.length - common;
  return (ups === 0 ? './' : '../'.repeat(ups)) + b.slice(common).join('/');
}

/** Whether `path` is `folder` itself or inside it (both already normalised). */
export function isInside(folder: string, path: string): boolean {
  const prefix = folder.endsWith('/') ? folder : folder + '/';
  return path === folder || path.startsWith(prefix);
}

/** Notes files and templates above this size are refused rather than parsed for minutes. */
export const MAX_NOTES_BYTES = 10 * 1024 * 1024;
/** A config file is a few lines: anything near this is not one. */
export const MAX_CONFIG_BYTES = 1024 * 1024;

/** Megabytes for messages: `10`, `0.5`. */
function megabytes(bytes: number): string {
  return (bytes / (1024 * 1024)).toFixed(1).replace(/\.0$/, '');
}

/** The message of a file refused for its size while being read. */
export function tooLargeMessage(limit: number, size?: number): string {
  if (size === undefined) return `too large to check (over the limit of ${megabytes(limit)} MB)`;
  return `too large to check (${megabytes(size)} MB; the limit is ${megabytes(limit)} MB)`;
}

/**
 * Markdown text from a file's bytes, refusing binary files and invalid UTF-8.
 * The decoder drops a leading BOM (`ignoreBOM` false): the one place the
 * CLI's text loses it; the analysis takes the text as it is from here.
 */
export function decodeText(bytes: Uint8Array): string {
  if (bytes.subarray(0, 8192).includes(0)) throw new HostError('a binary file, not Markdown text');
  try {
    return new TextDecoder('utf-8', { fatal: true, ignoreBOM: false }).decode(bytes);
  } catch {
    throw new HostError('not valid UTF-8 text');
  }
}

/** The user-facing reason of a failed host call. */
export function describeHostError(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}
