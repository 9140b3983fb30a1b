import * as nodeFs from 'node:fs/promises';
import * as path from 'node:path';

/** The slice of `node:fs/promises` the CLI uses, so tests can hand in their own. */
export type CliFileSystem = Pick<typeof nodeFs, 'readFile' | 'stat' | 'readdir' | 'realpath' | 'writeFile' | 'mkdir'>;

/** Files above this size are refused with a message rather than parsed for minutes. */
const MAX_FILE_BYTES = 10 * 1024 * 1024;

export interface PathProblem {
  path: string;
  message: string;
}

/**
 * Expands the PATH arguments: a file as given; a directory searched for `*.md`
 * (skipping `node_modules` and dot-folders), its files sorted by their whole
 * relative path by UTF-16 code unit and reported as `DIR/relative/path`.
 */
export async function expandPaths(
  fs: CliFileSystem,
  cwd: string,
  inputs: readonly string[],
): Promise<{ files: string[]; problems: PathProblem[] }> {
  const files: string[] = [];
  const problems: PathProblem[] = [];
  const seen = new Set<string>();
  const add = (shown: string) => {
    const key = path.resolve(cwd, shown);
    if (!seen.has(key)) {
      seen.add(key);
      files.push(shown);
    }
  };
  for (const input of inputs) {
    const absolute = path.resolve(cwd, input);
    let stat;
    try {
      stat = await fs.stat(absolute);
    } catch (err) {
      problems.push({ path: input, message: describeError(err) });
      continue;
    }
    if (stat.isDirectory()) {
      const relative: string[] = [];
      await walk(fs, absolute, '', new Set([await fs.realpath(absolute)]), relative, problems, input);
      relative.sort(compareCodeUnits);
      const prefix = input.endsWith('/') || input.endsWith(path.sep) ? input : input + '/';
      for (const rel of relative) add(prefix + rel);
    } else {
      add(input);
    }
  }
  return { files, problems };
}

async function walk(
  fs: CliFileSystem,
  dir: string,
  rel: string,
  ancestors: Set<string>,
  out: string[],
  problems: PathProblem[],
  shownRoot: string,
): Promise<void> {
  let entries;
  try {
    entries = await fs.readdir(dir, { withFileTypes: true });
  } catch (err) {
    problems.push({ path: joinShown(shownRoot, rel), message: describeError(err) });
    return;
  }
  for (const entry of entries) {
    const name = entry.name;
    const childRel = rel === '' ? name : `${rel}/${name}`;
    const absolute = path.join(dir, name);
    let isDir = entry.isDirectory();
    let isFile = entry.isFile();
    if (entry.isSymbolicLink()) {
      try {
        const target = await fs.stat(absolute);
        isDir = target.isDirectory();
        isFile = target.isFile();
      } catch {
        continue; // a dangling link is no notes file
      }
    }
    if (isDir) {
      if (name.startsWith('.') || name === 'node_modules') continue;
      const real = await fs.realpath(absolute).catch(() => absolute);
      if (ancestors.has(real)) continue; // a symlink loop back into this walk
      ancestors.add(real);
      await walk(fs, absolute, childRel, ancestors, out, problems, shownRoot);
      ancestors.delete(real);
    } else if (isFile && name.endsWith('.md')) {
      out.push(childRel);
    }
  }
}

function joinShown(root: string, rel: string): string {
  if (rel === '') return root;
  return (root.endsWith('/') ? root : root + '/') + rel;
}

/** Plain `<`/`>` on strings compares UTF-16 code units, unlike `localeCompare`. */
function compareCodeUnits(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/**
 * Reads a notes file as text, refusing what is not one: too large, binary,
 * not UTF-8. A leading BOM is dropped by the decoder.
 */
export async function readText(fs: CliFileSystem, file: string): Promise<string> {
  const stat = await fs.stat(file);
  if (stat.isDirectory()) throw new CliError('is a directory');
  if (stat.size > MAX_FILE_BYTES) {
    throw new CliError(`too large to check (${mb(stat.size)} MB; the limit is ${mb(MAX_FILE_BYTES)} MB)`);
  }
  const bytes = await fs.readFile(file);
  if (bytes.subarray(0, 8192).includes(0)) throw new CliError('a binary file, not Markdown text');
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    throw new CliError('not valid UTF-8 text');
  }
}

function mb(bytes: number): string {
  return (bytes / (1024 * 1024)).toFixed(1).replace(/\.0$/, '');
}

/** An error whose message is already fit for the user. */
class CliError extends Error {}

const ERRNO_MESSAGES: Record<string, string> = {
  ENOENT: 'no such file or directory',
  EACCES: 'permission denied',
  EPERM: 'permission denied',
  EISDIR: 'is a directory',
  ENOTDIR: 'not a directory',
  ELOOP: 'too many levels of symbolic links',
  EEXIST: 'already exists',
};

export function describeError(err: unknown): string {
  if (err instanceof CliError) return err.message;
  const code = (err as NodeJS.ErrnoException | undefined)?.code;
  if (code && ERRNO_MESSAGES[code]) return ERRNO_MESSAGES[code];
  return err instanceof Error ? err.message : String(err);
}
