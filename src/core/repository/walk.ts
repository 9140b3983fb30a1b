import { describeHostError, joinPath, type NotesHost } from '../host';
import { RepositoryFiles } from './files';

interface WalkOptions {
  /** The walk stops after this many files; the list is then marked incomplete. */
  maxFiles?: number;
  /** Folders deeper than this are not entered. */
  maxDepth?: number;
  /** Folder reads in flight at once. */
  concurrency?: number;
}

/** Enough for any repository we know of; a walk stopped here says so (`complete` false). */
const MAX_WALK_FILES = 200_000;
const MAX_WALK_DEPTH = 64;

/**
 * Folders the walk does not enter: version-control data and installed
 * packages (what `git ls-files --exclude-standard` leaves out in practice).
 * Other dot-folders (`.github`, `.vscode`) are part of the repository.
 */
const SKIPPED_FOLDERS = new Set(['.git', '.hg', '.svn', 'node_modules']);

interface WalkResult {
  files: RepositoryFiles;
  /** Folders that could not be read, with the reason (the walk goes on without them). */
  problems: { path: string; message: string }[];
}

/**
 * The repository's files by walking `root` through the host, for hosts
 * without git. Only folders reached without a symbolic link are entered
 * (so a link loop ends at once and nothing outside the root is listed); a
 * link to a folder is listed as one entry, as `git ls-files` lists it, so a
 * reference to a link that leaves the root is found and then reported as
 * outside, not as missing.
 */
export async function walkRepository(host: NotesHost, root: string, options: WalkOptions = {}): Promise<WalkResult> {
  const maxFiles = options.maxFiles ?? MAX_WALK_FILES;
  const maxDepth = options.maxDepth ?? MAX_WALK_DEPTH;
  const concurrency = options.concurrency ?? 8;
  const paths: string[] = [];
  const problems: WalkResult['problems'] = [];
  const entered = new Set<string>();
  const realRoot = await host.realpath(root).catch(() => root);
  let complete = true;

  const queue: { dir: string; rel: string; depth: number }[] = [{ dir: root, rel: '', depth: 0 }];
  const visit = async (dir: string, rel: string, depth: number): Promise<void> => {
    let entries;
    try {
      const real = await host.realpath(dir);
      // Only a folder reached without a link is entered, once: a link to a folder is one entry, as git lists it.
      if (entered.has(real) || real !== (rel === '' ? realRoot : joinPath(realRoot, rel))) {
        if (rel !== '') paths.push(rel);
        return;
      }
      entered.add(real);
      entries = await host.readDirectory(dir);
    } catch (err) {
      problems.push({ path: rel === '' ? '.' : rel, message: describeHostError(err) });
      return;
    }
    for (const { name, kind } of entries) {
      const childRel = rel === '' ? name : `${rel}/${name}`;
      if (kind === 'directory') {
        if (SKIPPED_FOLDERS.has(name)) continue;
        if (depth + 1 > maxDepth) complete = false;
        else queue.push({ dir: `${dir === '/' ? '' : dir}/${name}`, rel: childRel, depth: depth + 1 });
      } else if (kind === 'file') {
        if (paths.length >= maxFiles) {
          complete = false;
          return;
        }
        paths.push(childRel);
      }
      // Other entries (FIFOs, sockets, dangling links) are not files of the repository, as for git.
    }
  };

  const running = new Set<Promise<void>>();
  let head = 0;
  while (head < queue.length || running.size > 0) {
    while (head < queue.length && running.size < concurrency && paths.length < maxFiles) {
      const next = queue[head++];
      const task = visit(next.dir, next.rel, next.depth).finally(() => running.delete(task));
      running.add(task);
    }
    if (running.size === 0) {
      // Folders left over at the file bound.
      if (head < queue.length) complete = false;
      break;
    }
    await Promise.race(running);
  }
  // Sorted by code unit, as `git ls-files` lists: the same list whatever order the reads finished in.
  paths.sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  return { files: new RepositoryFiles(root, paths, complete), problems };
}
