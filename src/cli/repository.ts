import * as path from 'node:path';
import { RepositoryFiles, ResolutionCache, resolveReferences, walkRepository, type Reference, type ResolvedReference } from '../core';
import type { CliHost } from './nodeHost';

/** `git ls-files` of a large repository is megabytes of names: room for a million of them. */
const GIT_MAX_BUFFER = 512 * 1024 * 1024;

/** Lists a git work tree's files, relative to `root`; undefined when `root` is not in one or git cannot run. */
export type GitLister = (root: string) => Promise<string[] | undefined>;

/**
 * `git ls-files` as the list of the repository: tracked files and untracked
 * ones that .gitignore does not exclude, relative to `root` (a subfolder of a
 * work tree lists its own part), less the tracked files deleted from the work
 * tree (a file just moved is still in the index: it must read as missing,
 * with its new place as the candidate). `core.fsmonitor` is switched off: a
 * repository's own config must not make the check run a command.
 */
export const gitLsFiles: GitLister = async (root) => {
  // Loaded when a document has references: a check without any starts no git and loads no child_process.
  const { execFile } = await import('node:child_process');
  const list = (...args: string[]) => new Promise<string[] | undefined>((resolve) => {
    execFile(
      'git',
      ['-c', 'core.fsmonitor=false', 'ls-files', '-z', ...args],
      { cwd: root, maxBuffer: GIT_MAX_BUFFER, encoding: 'utf8', windowsHide: true },
      (error, stdout) => resolve(error ? undefined : stdout.split('\0').filter((name) => name !== '')),
    );
  });
  const [files, deleted] = await Promise.all([list('--cached', '--others', '--exclude-standard'), list('--deleted')]);
  if (!files || !deleted || deleted.length === 0) return files;
  const gone = new Set(deleted);
  return files.filter((name) => !gone.has(name));
};

/** Of `paths` (relative to `root`), those .gitignore excludes; undefined when git cannot tell. */
export type GitIgnoreFilter = (root: string, paths: readonly string[]) => Promise<Set<string> | undefined>;

/**
 * `git check-ignore` over `paths`, on standard input: what `gitLsFiles`
 * leaves out of a listing (tracked files are never ignored, as there).
 * One process for any number of paths; exit 1 means none is ignored.
 */
export const gitCheckIgnore: GitIgnoreFilter = async (root, paths) => {
  if (paths.length === 0) return new Set();
  const { execFile } = await import('node:child_process');
  return new Promise((resolve) => {
    const child = execFile(
      'git',
      ['-c', 'core.fsmonitor=false', 'check-ignore', '-z', '--stdin'],
      { cwd: root, maxBuffer: GIT_MAX_BUFFER, encoding: 'utf8', windowsHide: true },
      (error, stdout) => resolve(error && error.code !== 1 ? undefined : new Set(stdout.split('\0').filter((name) => name !== ''))),
    );
    child.stdin?.on('error', () => undefined);
    child.stdin?.end(`${paths.join('\0')}\0`);
  });
};

export interface RepositoryOptions {
  host: CliHost;
  /** `--root DIR`, absolute: the root of every checked file. */
  root?: string;
  git?: GitLister;
  /** A folder of the repository could not be walked: said once, the check goes on. */
  warn: (message: string) => void;
}

/**
 * The repositories of one CLI run (docs/spec.md, "Resolving references"):
 * each notes file's root, each root's file list (listed once per run, and
 * only when a document has references), and one cache of what was read.
 */
export class Repositories {
  private readonly lists = new Map<string, Promise<RepositoryFiles>>();
  private readonly gitFolders = new Map<string, Promise<string | undefined>>();
  private readonly cache = new ResolutionCache();

  constructor(private readonly options: RepositoryOptions) {}

  /**
   * The root for a notes file: `--root`, else the nearest folder with
   * `.git` (a folder, or a worktree's file), else the folder of the
   * `.impl-notes.yaml` that applies, else the checked PATH (a folder, or a
   * file's folder).
   */
  async rootFor(file: string, checkedPath: string, configFile: string | undefined): Promise<string> {
    if (this.options.root !== undefined) return this.options.root;
    const git = await this.gitFolder(path.dirname(file));
    if (git !== undefined) return git;
    if (configFile !== undefined) return path.dirname(configFile);
    const kind = await this.options.host.stat(checkedPath).catch(() => undefined);
    return kind?.kind === 'directory' ? checkedPath : path.dirname(checkedPath);
  }

  /** Resolves a notes file's references against its repository. */
  async resolve(file: string, checkedPath: string, configFile: string | undefined, references: readonly Reference[]): Promise<ResolvedReference[]> {
    if (references.length === 0) return [];
    const root = toSlashes(await this.rootFor(file, checkedPath, configFile));
    const files = await this.files(root);
    return resolveReferences(references, { host: this.options.host, files, document: toSlashes(file), cache: this.cache });
  }

  private gitFolder(folder: string): Promise<string | undefined> {
    let found = this.gitFolders.get(folder);
    if (!found) {
      found = this.options.host.stat(path.join(folder, '.git')).then(
        (stat) => stat,
        () => undefined,
      ).then((stat) => {
        if (stat) return folder;
        const parent = path.dirname(folder);
        return parent === folder ? undefined : this.gitFolder(parent);
      });
      this.gitFolders.set(folder, found);
    }
    return found;
  }

  private files(root: string): Promise<RepositoryFiles> {
    let list = this.lists.get(root);
    if (!list) {
      list = this.list(root);
      this.lists.set(root, list);
    }
    return list;
  }

  private async list(root: string): Promise<RepositoryFiles> {
    const names = await (this.options.git ?? gitLsFiles)(root);
    if (names) return new RepositoryFiles(root, path.sep === '/' ? names : names.map(toSlashes));
    const { files, problems } = await walkRepository(this.options.host, root);
    for (const p of problems) this.options.warn(`cannot list ${path.join(root, p.path)}: ${p.message}`);
    if (!files.complete) this.options.warn(`${root}: the repository has more files than the reference check lists (${files.size}); paths past them are reported as missing`);
    return files;
  }
}

function toSlashes(p: string): string {
  return path.sep === '/' ? p : p.split(path.sep).join('/');
}
