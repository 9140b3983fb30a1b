import * as path from 'node:path';
import { decodeText, MAX_NOTES_BYTES, type NotesHost } from '../core';
import { describeError } from './nodeHost';

export interface PathProblem {
  path: string;
  message: string;
}

/**
 * Expands the PATH arguments: a file as given; a directory searched for `*.md`
 * (skipping `node_modules` and dot-folders), its files sorted by their whole
 * relative path by UTF-16 code unit and reported as `DIR/relative/path`.
 * Each real file is listed once and each real folder walked once, however
 * many symbolic links reach them (two links per level make 2^depth paths).
 */
export async function expandPaths(host: NotesHost, cwd: string, inputs: readonly string[]): Promise<{ files: string[]; problems: PathProblem[]; inputOf: Map<string, string> }> {
  const files: string[] = [];
  const problems: PathProblem[] = [];
  /** Each listed file's PATH argument: the last resort for its repository root. */
  const inputOf = new Map<string, string>();
  const seenFiles = new Set<string>();
  const walked = new Set<string>();
  let input = '';
  const add = async (shown: string) => {
    const real = await host.realpath(path.resolve(cwd, shown)).catch(() => path.resolve(cwd, shown));
    if (!seenFiles.has(real)) {
      seenFiles.add(real);
      files.push(shown);
      inputOf.set(shown, input);
    }
  };
  for (input of inputs) {
    const absolute = path.resolve(cwd, input);
    let stat;
    try {
      stat = await host.stat(absolute);
    } catch (err) {
      problems.push({ path: input, message: describeError(err) });
      continue;
    }
    if (stat?.kind === 'directory') {
      const relative: string[] = [];
      await walk(host, { dir: absolute, rel: '', shownRoot: input, walked, out: relative, problems });
      relative.sort(compareCodeUnits);
      const prefix = input.endsWith('/') || input.endsWith(path.sep) ? input : input + '/';
      for (const rel of relative) await add(prefix + rel);
    } else if (stat === undefined) {
      problems.push({ path: input, message: 'no such file or directory' });
    } else {
      await add(input); // a FIFO or a device is refused when read, with the reason
    }
  }
  return { files, problems, inputOf };
}

interface Walk {
  dir: string;
  rel: string;
  shownRoot: string;
  /** Real paths of the folders already walked: links back or across are not followed twice. */
  walked: Set<string>;
  out: string[];
  problems: PathProblem[];
}

async function walk(host: NotesHost, w: Walk): Promise<void> {
  let entries;
  try {
    const real = await host.realpath(w.dir);
    if (w.walked.has(real)) return;
    w.walked.add(real);
    entries = await host.readDirectory(w.dir);
  } catch (err) {
    w.problems.push({ path: joinShown(w.shownRoot, w.rel), message: describeError(err) });
    return;
  }
  // Name order makes the path shown for a file reached twice the same on every run.
  entries.sort((a, b) => compareCodeUnits(a.name, b.name));
  for (const { name, kind } of entries) {
    const childRel = w.rel === '' ? name : `${w.rel}/${name}`;
    if (kind === 'directory') {
      if (name.startsWith('.') || name === 'node_modules') continue;
      await walk(host, { ...w, dir: path.join(w.dir, name), rel: childRel });
    } else if (kind === 'file' && name.endsWith('.md')) {
      w.out.push(childRel);
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

/** A notes file (or template) as text: regular files only, at most 10 MB, UTF-8, no BOM. */
export async function readNotes(host: NotesHost, file: string): Promise<string> {
  return decodeText(await host.readFile(file, MAX_NOTES_BYTES));
}
