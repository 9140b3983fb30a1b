import * as vscode from 'vscode';
import { matchesAnyGlob, ResolutionCache, resolveReferences, RepositoryFiles, walkRepository, type Analysis, type LineIndex, type NotesHost, type Reference, type ResolvedReference } from '../../core';
import type { DocumentAnalysis, NotesAnalyzer } from '../analysis/analyzer';
import { workspaceHost, type NotesConfigService } from '../settings/notesConfig';
import type { NotesSettings } from '../settings/settings';

/** Files listed per repository at most, as the core's walk bounds them: past this the list says it is incomplete. */
const MAX_LISTED_FILES = 200_000;
/**
 * Over `workspace.fs`, which reads whole files only: a file up to this many
 * times the searched part is read whole for its first part; a larger one is
 * not searched (the finding says why).
 */
const WHOLE_READ_FACTOR = 8;
/** File events are applied at once; the re-check of the documents they may touch waits this long after the last one. */
const RECHECK_DEBOUNCE_MS = 100;
/** Files that appeared are listed this long after the first of a burst: one `git check-ignore` for a build's thousands. */
const IGNORE_CHECK_DEBOUNCE_MS = 50;
/** Changed paths named per root and re-check at most; past this a change says "everything" (a checkout, a build). */
const MAX_NAMED_CHANGES = 10_000;

/** What the host adds to `workspace.fs` for a repository root; each undefined where it does not serve (the web, remote schemes). */
export interface RepositoryPlatform {
  /** The host's own file access (real paths, so a link that leaves the repository is found; reads of a file's first part). */
  fileHost?(root: vscode.Uri): NotesHost | undefined;
  /** `git ls-files` of the root, as the CLI lists it; undefined when it is not in a work tree or git cannot run. */
  gitFiles?(root: vscode.Uri): Promise<string[] | undefined>;
  /** Of `paths` (relative to the root), those .gitignore excludes; undefined when git cannot tell. */
  gitIgnored?(root: vscode.Uri, paths: readonly string[]): Promise<Set<string> | undefined>;
}

/** One document's references resolved, valid for exactly one analysis of it. */
export interface DocumentReferences {
  document: vscode.TextDocument;
  version: number;
  /** The analysis's line index: reference offsets are over its text. */
  lines: LineIndex;
  /** The repository root the references were resolved against. */
  root: vscode.Uri;
  references: readonly ResolvedReference[];
}

type Resolution = DocumentReferences & { analysis: Analysis };

/** Files of repositories appeared, went or changed (after the re-check's wait): what other readers of `resolveFile` re-resolve. */
export interface RepositoryChange {
  /** The roots whose files changed, each with the changed paths (relative to it; a folder's files included), or `undefined`: too many to name. Absent: every root, as the roots were found again. */
  roots?: Map<string, { root: vscode.Uri; paths: string[] | undefined }>;
}

interface Pending {
  /** Bumped by every request for the document: an older request's result is dropped. */
  generation: number;
  /** The resolution on its way for the current generation. */
  running?: Promise<Resolution | undefined>;
}

/** One repository: its file list, kept current by the watcher, and what has been read of its files. */
interface Repository {
  root: vscode.Uri;
  host: NotesHost;
  files: Promise<RepositoryFiles>;
  cache: ResolutionCache;
  /** Listed by git: a file that appears is listed only if .gitignore does not exclude it, as `git ls-files` would. */
  listedByGit: boolean;
  /** Files that appeared (relative paths), waiting for one `git check-ignore` before they are listed. */
  appeared: Set<string>;
  appearedTimer?: ReturnType<typeof setTimeout>;
}

/**
 * The editor's reference check (docs/spec.md, "References"): after each
 * analysis of a notes document, its references are resolved against the
 * repository in the core (`resolveReferences`) over `workspace.fs`, the
 * same on the desktop and the web. One file list per repository root, built
 * once with `findFiles` (or the core's walk where the file system has no
 * search) and kept current by one watcher: files are added and removed per
 * event, changed files forgotten by the cache, never a full rescan.
 */
export class ReferenceService implements vscode.Disposable {
  private readonly resolutions = new Map<string, Resolution>();
  private readonly pending = new Map<string, Pending>();
  private readonly repositories = new Map<string, Repository>();
  /** Whether a folder (its URI string) holds `.git`: one stat per folder while the answer lives. */
  private readonly gitFolders = new Map<string, Promise<boolean>>();
  /** Each document folder's root, as last found: what `rootFor` answers. */
  private readonly knownRoots = new Map<string, vscode.Uri>();
  private readonly resolvedEmitter = new vscode.EventEmitter<vscode.Uri>();
  private readonly disposables: vscode.Disposable[] = [this.resolvedEmitter];
  /** Roots whose documents are re-checked at the next timer (files there appeared, went or changed), with the paths changed while they are few. */
  private dirtyRoots = new Map<string, { root: vscode.Uri; paths: string[] | undefined }>();
  private readonly filesEmitter = new vscode.EventEmitter<RepositoryChange>();
  /** Files of repositories changed, or the roots were found again: fired with the open documents' re-check. */
  readonly onDidChangeFiles = this.filesEmitter.event;
  private recheckTimer: ReturnType<typeof setTimeout> | undefined;
  /** A document's references were resolved anew (or dropped): links, diagnostics and hovers read `resolved` again. */
  readonly onDidResolve = this.resolvedEmitter.event;

  constructor(
    private readonly analyzer: NotesAnalyzer,
    private readonly configs: NotesConfigService,
    private readonly settings: NotesSettings,
    private readonly log: vscode.LogOutputChannel,
    private readonly platform: RepositoryPlatform = {},
  ) {
    const watcher = vscode.workspace.createFileSystemWatcher('**/*');
    this.disposables.push(
      this.filesEmitter,
      watcher,
      watcher.onDidCreate((uri) => void this.created(uri)),
      watcher.onDidDelete((uri) => this.deleted(uri)),
      watcher.onDidChange((uri) => this.changed(uri)),
      // VS Code's own file operations are known at once, whatever the disk watcher reports (or excludes).
      vscode.workspace.onDidCreateFiles((e) => e.files.forEach((uri) => void this.created(uri))),
      vscode.workspace.onDidDeleteFiles((e) => e.files.forEach((uri) => this.deleted(uri))),
      vscode.workspace.onDidRenameFiles((e) => e.files.forEach(({ oldUri, newUri }) => {
        this.deleted(oldUri);
        void this.created(newUri);
      })),
      vscode.workspace.onDidChangeWorkspaceFolders(() => this.reset()),
      analyzer.onDidChangeAnalysis((document) => void this.resolve(document)),
      analyzer.onDidForget((uri) => this.drop(uri)),
    );
    for (const document of vscode.workspace.textDocuments) if (analyzer.current(document)) void this.resolve(document);
  }

  dispose(): void {
    clearTimeout(this.recheckTimer);
    this.pending.clear();
    for (const d of this.disposables) d.dispose();
  }

  /** The current analysis's references, resolved; undefined while they are being resolved, or when the check is off. */
  resolved(uri: vscode.Uri): readonly ResolvedReference[] | undefined {
    return this.currentResolution(uri)?.references;
  }

  /** The current analysis's references with what their offsets need (its line index) and the root they were resolved against. */
  resolution(uri: vscode.Uri): DocumentReferences | undefined {
    return this.currentResolution(uri);
  }

  /** `resolution`, waiting for the document's current version to be analysed and resolved when that is on its way. */
  async resolutionNow(document: vscode.TextDocument): Promise<DocumentReferences | undefined> {
    const current = this.currentResolution(document.uri);
    if (current) return current;
    const analysis = await this.analyzer.analyzeNow(document);
    if (!analysis || analysis.version !== document.version) return undefined;
    const running = this.pending.get(document.uri.toString())?.running ?? this.resolve(document);
    const done = await running;
    return done && done.version === document.version ? done : this.currentResolution(document.uri);
  }

  /** Whether a resolution of the document's current analysis is on its way (the last one shown is older). */
  isResolving(document: vscode.TextDocument): boolean {
    return this.pending.get(document.uri.toString())?.running !== undefined;
  }

  /**
   * The repository root of a document, as last found (see `rootOf`):
   * undefined before the first look-up for its folder, and for a document
   * outside every workspace folder.
   */
  rootFor(uri: vscode.Uri): vscode.Uri | undefined {
    const known = this.knownRoots.get(folderKey(uri));
    if (known) return known;
    if (isVirtualDocument(uri)) return vscode.workspace.workspaceFolders?.[0]?.uri;
    void this.rootOf(uri);
    return undefined;
  }

  /**
   * The repository root of a document (docs/spec.md, "Resolving
   * references"): the nearest folder holding `.git`, looking up from the
   * document's folder to its workspace folder; else the folder of the
   * `.impl-notes.yaml` that applies; else the workspace folder. Untitled
   * and virtual documents: the (first) workspace folder. A document outside
   * every workspace folder has none: nothing outside the workspace is read.
   */
  async rootOf(uri: vscode.Uri): Promise<vscode.Uri | undefined> {
    if (isVirtualDocument(uri)) return vscode.workspace.workspaceFolders?.[0]?.uri;
    const folder = vscode.workspace.getWorkspaceFolder(uri);
    if (!folder) return undefined;
    const key = folderKey(uri);
    let root: vscode.Uri | undefined;
    for (let dir = vscode.Uri.joinPath(uri, '..'); ; dir = vscode.Uri.joinPath(dir, '..')) {
      if (!isWithin(folder.uri, dir)) break;
      if (await this.holdsGit(dir)) {
        root = dir;
        break;
      }
      if (dir.path === folder.uri.path || dir.path === '/') break;
    }
    if (!root) {
      const config = await this.configs.forDocument(uri);
      root = config.configFile ? vscode.Uri.joinPath(config.configFile, '..') : folder.uri;
    }
    this.knownRoots.set(key, root);
    return root;
  }

  /** The repository's file list: built once per root, kept current by the watcher. */
  files(root: vscode.Uri): Promise<RepositoryFiles> {
    return this.repository(root).files;
  }

  private repository(root: vscode.Uri): Repository {
    const key = root.toString();
    let repository = this.repositories.get(key);
    if (!repository) {
      const host = this.platform.fileHost?.(root) ?? withPrefixReads(workspaceHost(root));
      const created: Repository = { root, host, files: Promise.resolve(new RepositoryFiles(root.path, [])), cache: new ResolutionCache(), listedByGit: false, appeared: new Set() };
      const files = this.listFiles(root, host).then(({ files, byGit }) => {
        created.listedByGit = byGit;
        return files;
      });
      created.files = files;
      repository = created;
      this.repositories.set(key, repository);
      // A failed list is built again on next use rather than kept.
      files.catch(() => {
        if (this.repositories.get(key) === repository) this.repositories.delete(key);
      });
    }
    return repository;
  }

  /**
   * The root's files as the CLI lists them where the host can run git (a
   * work tree: `git ls-files`, .gitignore honoured); else one search for
   * every file under the root; where the file system has no search (an
   * empty answer), the core's walk.
   */
  private async listFiles(root: vscode.Uri, host: NotesHost): Promise<{ files: RepositoryFiles; byGit: boolean }> {
    const started = Date.now();
    const fromGit = await this.platform.gitFiles?.(root);
    if (fromGit) {
      const files = new RepositoryFiles(root.path, fromGit.slice(0, MAX_LISTED_FILES), fromGit.length <= MAX_LISTED_FILES);
      this.log.info(`references: ${files.size} files listed by git under ${root.toString(true)} in ${Date.now() - started} ms`);
      return { files, byGit: true };
    }
    return { files: await this.searchFiles(root, host), byGit: false };
  }

  private async searchFiles(root: vscode.Uri, host: NotesHost): Promise<RepositoryFiles> {
    const started = Date.now();
    const folder = vscode.workspace.getWorkspaceFolder(root);
    const { glob, others } = excludesOf(folder);
    const uris = await vscode.workspace.findFiles(new vscode.RelativePattern(root, '**/*'), glob, MAX_LISTED_FILES + 1);
    const prefix = root.path.endsWith('/') ? root.path : `${root.path}/`;
    const paths: string[] = [];
    for (const uri of uris) {
      if (!uri.path.startsWith(prefix)) continue;
      const rel = uri.path.slice(prefix.length);
      if (others.length === 0 || !matchesAnyGlob(rel, others)) paths.push(rel);
    }
    if (paths.length > 0) {
      paths.sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
      const files = new RepositoryFiles(root.path, paths.slice(0, MAX_LISTED_FILES), paths.length <= MAX_LISTED_FILES);
      this.log.info(`references: ${files.size} files listed under ${root.toString(true)} in ${Date.now() - started} ms`);
      return files;
    }
    // A file system without a search provider answers nothing: walk it instead (bounded, links not followed).
    const walked = await walkRepository(host, root.path);
    for (const problem of walked.problems) this.log.warn(`references: ${problem.path} under ${root.toString(true)} cannot be listed: ${problem.message}`);
    this.log.info(`references: ${walked.files.size} files walked under ${root.toString(true)} in ${Date.now() - started} ms`);
    return walked.files;
  }

  private async holdsGit(dir: vscode.Uri): Promise<boolean> {
    const key = dir.toString();
    let found = this.gitFolders.get(key);
    if (!found) {
      // A folder (a clone) or a file (a worktree, a submodule): both make a root.
      found = Promise.resolve(vscode.workspace.fs.stat(vscode.Uri.joinPath(dir, '.git'))).then(() => true, () => false);
      this.gitFolders.set(key, found);
    }
    return found;
  }

  private enabled(uri: vscode.Uri): boolean {
    return this.settings.for(uri).checkReferences;
  }

  /** Resolves the document's current analysis; stale results (a newer version, a newer request) are dropped. */
  private resolve(document: vscode.TextDocument): Promise<Resolution | undefined> {
    const key = document.uri.toString();
    const analysis = this.analyzer.current(document);
    let pending = this.pending.get(key);
    if (!pending) {
      pending = { generation: 0 };
      this.pending.set(key, pending);
    }
    const generation = ++pending.generation;
    if (!analysis || analysis.analysis.references.length === 0 || !this.enabled(document.uri)) {
      pending.running = undefined;
      const had = this.resolutions.delete(key);
      if (analysis) {
        // No references (or the check is off): an empty resolution, so readers know there is nothing to wait for.
        const root = this.knownRoots.get(folderKey(document.uri)) ?? vscode.workspace.getWorkspaceFolder(document.uri)?.uri;
        if (root) this.resolutions.set(key, { document, analysis: analysis.analysis, lines: analysis.lines, version: analysis.version, root, references: [] });
      }
      if (had || analysis) this.resolvedEmitter.fire(document.uri);
      return Promise.resolve(this.resolutions.get(key));
    }
    const current = () => this.pending.get(key)?.generation === generation;
    const running = this.run(document, analysis, current).then((resolution) => {
      // Done (resolved, or failed and dropped) unless a newer request took over: readers look again.
      if (current()) {
        pending.running = undefined;
        this.resolvedEmitter.fire(document.uri);
      }
      return resolution;
    });
    pending.running = running;
    return running;
  }

  /**
   * A file's references (read from disk, not an open document: the
   * workspace scan's) resolved as an open document's are: its root, the
   * same file list and cache. Undefined when the file is outside every
   * workspace folder, or `current` says the answer is no longer wanted.
   * Throws when the repository cannot be listed.
   */
  async resolveFile(uri: vscode.Uri, references: readonly Reference[], current: () => boolean = () => true): Promise<{ root: vscode.Uri; references: ResolvedReference[] } | undefined> {
    const root = await this.rootOf(uri);
    if (!root || !current()) return undefined;
    const resolved = await this.resolveAgainst(root, uri, references, current);
    return resolved && { root, references: resolved };
  }

  /** The references resolved against the root's repository (its file list built on first use); undefined once `current` says no. */
  private async resolveAgainst(root: vscode.Uri, uri: vscode.Uri, references: readonly Reference[], current: () => boolean): Promise<ResolvedReference[] | undefined> {
    const repository = this.repository(root);
    const files = await repository.files;
    if (!current()) return undefined;
    repository.cache.startCheck();
    return resolveReferences(references, { host: repository.host, files, document: documentPath(uri, root), cache: repository.cache });
  }

  private async run(document: vscode.TextDocument, analysis: DocumentAnalysis, current: () => boolean): Promise<Resolution | undefined> {
    const key = document.uri.toString();
    const started = performance.now();
    try {
      const root = await this.rootOf(document.uri);
      if (!current()) return undefined;
      if (!root) {
        this.resolutions.delete(key);
        return undefined;
      }
      const references = await this.resolveAgainst(root, document.uri, analysis.analysis.references, current);
      if (!references || !current() || document.isClosed || document.version !== analysis.version) return undefined;
      const resolution: Resolution = { document, analysis: analysis.analysis, lines: analysis.lines, version: analysis.version, root, references };
      this.resolutions.set(key, resolution);
      this.log.trace(`references: ${references.length} resolved in ${document.uri.toString(true)} v${analysis.version} in ${(performance.now() - started).toFixed(1)} ms`);
      return resolution;
    } catch (err) {
      this.log.error(`references of ${document.uri.toString(true)} could not be resolved`, err);
      if (current()) this.resolutions.delete(key);
      return undefined;
    }
  }

  private currentResolution(uri: vscode.Uri): Resolution | undefined {
    const resolution = this.resolutions.get(uri.toString());
    if (!resolution) return undefined;
    const analysis = this.analyzer.current(resolution.document);
    return analysis && analysis.analysis === resolution.analysis ? resolution : undefined;
  }

  private drop(uri: vscode.Uri): void {
    const key = uri.toString();
    this.pending.delete(key);
    if (this.resolutions.delete(key)) this.resolvedEmitter.fire(uri);
  }

  /** Workspace folders changed: roots and lists are found again on next use. */
  private reset(): void {
    this.repositories.clear();
    this.gitFolders.clear();
    this.knownRoots.clear();
    this.dirtyRoots.clear();
    for (const document of vscode.workspace.textDocuments) if (this.analyzer.current(document)) void this.resolve(document);
    this.filesEmitter.fire({});
  }

  /** The repositories (their lists already built) whose root holds `uri`, with its path relative to each. */
  private owners(uri: vscode.Uri): { repository: Repository; rel: string }[] {
    const out: { repository: Repository; rel: string }[] = [];
    for (const repository of this.repositories.values()) {
      const root = repository.root;
      if (root.scheme !== uri.scheme || root.authority !== uri.authority || !isWithin(root, uri) || uri.path === root.path) continue;
      out.push({ repository, rel: uri.path.slice(root.path.endsWith('/') ? root.path.length : root.path.length + 1) });
    }
    return out;
  }

  /** A file or folder appeared: listed (a folder's files with one search under it), and its documents re-checked. */
  private async created(uri: vscode.Uri): Promise<void> {
    if (isGitEntry(uri)) {
      this.gitChanged();
      return;
    }
    if (isInsideGit(uri)) return;
    const owners = this.owners(uri);
    if (owners.length === 0) return;
    const stat = await Promise.resolve(vscode.workspace.fs.stat(uri)).catch(() => undefined);
    if (!stat) return;
    let inside: string[] = [];
    if (stat.type & vscode.FileType.Directory) {
      const found = await vscode.workspace.findFiles(new vscode.RelativePattern(uri, '**/*'), excludesOf(vscode.workspace.getWorkspaceFolder(uri)).glob, MAX_LISTED_FILES);
      const prefix = `${uri.path}/`;
      inside = found.filter((u) => u.path.startsWith(prefix)).map((u) => u.path.slice(prefix.length));
    }
    for (const { repository, rel } of owners) {
      const files = await repository.files.catch(() => undefined);
      if (!files) continue;
      repository.cache.forget(uri.path);
      const appeared = stat.type & vscode.FileType.Directory ? inside.map((child) => `${rel}/${child}`) : stat.type & vscode.FileType.File ? [rel] : [];
      if (repository.listedByGit && this.platform.gitIgnored) this.listAfterIgnoreCheck(repository, appeared);
      else this.listAppeared(repository, files, appeared, rel);
    }
  }

  /** Files that appeared are listed and the root's documents re-checked; `changed`: the path the event named. */
  private listAppeared(repository: Repository, files: RepositoryFiles, appeared: readonly string[], changed = appeared[0]): void {
    for (const rel of appeared) {
      files.add(rel);
      repository.cache.forget(absolutePath(repository.root, rel));
    }
    if (changed !== undefined) this.markDirty(repository.root, changed, appeared);
  }

  /**
   * In a repository listed by git, files that appeared are listed only if
   * .gitignore does not exclude them (a build's output, installed
   * packages), so that the editor's list stays the CLI's. A burst of events
   * makes one `git check-ignore`; if git cannot tell, they are listed.
   */
  private listAfterIgnoreCheck(repository: Repository, appeared: readonly string[]): void {
    for (const rel of appeared) repository.appeared.add(rel);
    if (repository.appearedTimer !== undefined) return;
    repository.appearedTimer = setTimeout(() => {
      repository.appearedTimer = undefined;
      const paths = [...repository.appeared];
      void Promise.all([repository.files, this.platform.gitIgnored!(repository.root, paths).catch(() => undefined)]).then(([files, ignored]) => {
        if (this.repositories.get(repository.root.toString()) !== repository) return;
        // A path deleted while git was asked has left `appeared`: it is not listed.
        const kept = paths.filter((rel) => repository.appeared.delete(rel) && !ignored?.has(rel));
        if (kept.length > 0) this.listAppeared(repository, files, kept);
      }, () => undefined);
    }, IGNORE_CHECK_DEBOUNCE_MS);
  }

  /** A file or folder went: unlisted (a folder with every file under it). */
  private deleted(uri: vscode.Uri): void {
    if (isGitEntry(uri)) {
      this.gitChanged();
      return;
    }
    if (isInsideGit(uri)) return;
    for (const { repository, rel } of this.owners(uri)) {
      forgetAppeared(repository.appeared, rel);
      void repository.files.then((files) => {
        repository.cache.forget(uri.path);
        let under: string[] = [];
        if (!files.remove(rel) && files.isFolder(rel)) {
          const prefix = `${rel}/`;
          under = [...files].filter((f) => f.startsWith(prefix));
          for (const file of under) {
            files.remove(file);
            repository.cache.forget(`${uri.path}/${file.slice(prefix.length)}`);
          }
        }
        this.markDirty(repository.root, rel, under);
      }, () => undefined);
    }
  }

  /** A file changed on disk: what was read of it is forgotten. */
  private changed(uri: vscode.Uri): void {
    if (isInsideGit(uri)) return;
    for (const { repository, rel } of this.owners(uri)) {
      repository.cache.forget(uri.path);
      this.markDirty(repository.root, rel);
    }
  }

  /** A `.git` appeared or went: the roots may have changed. */
  private gitChanged(): void {
    this.reset();
  }

  /** `rel` (and the files of a folder, `under`) changed in the root: its documents are re-checked at the next timer. */
  private markDirty(root: vscode.Uri, rel: string, under: readonly string[] = []): void {
    const key = root.toString();
    let dirty = this.dirtyRoots.get(key);
    if (!dirty) {
      dirty = { root, paths: [] };
      this.dirtyRoots.set(key, dirty);
    }
    if (dirty.paths && dirty.paths.length + 1 + under.length <= MAX_NAMED_CHANGES) dirty.paths.push(rel, ...under);
    else dirty.paths = undefined;
    clearTimeout(this.recheckTimer);
    this.recheckTimer = setTimeout(() => this.recheck(), RECHECK_DEBOUNCE_MS);
  }

  /** Re-resolves the notes documents whose references were resolved against a root where files changed, and tells the other readers. */
  private recheck(): void {
    const roots = this.dirtyRoots;
    this.dirtyRoots = new Map();
    for (const resolution of [...this.resolutions.values()]) {
      if (roots.has(resolution.root.toString()) && !resolution.document.isClosed) void this.resolve(resolution.document);
    }
    this.filesEmitter.fire({ roots });
  }
}

/** A `workspace.fs` host that also reads a file's first part (see WHOLE_READ_FACTOR). */
function withPrefixReads(host: NotesHost): NotesHost {
  return {
    ...host,
    async readPrefix(path, limit) {
      const bytes = await host.readFile(path, limit * WHOLE_READ_FACTOR);
      return bytes.length > limit ? { bytes: bytes.subarray(0, limit), complete: false } : { bytes, complete: true };
    },
  };
}

/** The document's path in the root's path space: untitled and virtual documents sit at the root. */
function documentPath(uri: vscode.Uri, root: vscode.Uri): string {
  if (uri.scheme === root.scheme && uri.authority === root.authority) return uri.path;
  const name = uri.path.slice(uri.path.lastIndexOf('/') + 1) || 'untitled.md';
  return root.path.endsWith('/') ? root.path + name : `${root.path}/${name}`;
}

function isVirtualDocument(uri: vscode.Uri): boolean {
  return uri.scheme === 'untitled' || vscode.workspace.getWorkspaceFolder(uri) === undefined && uri.scheme !== 'file';
}

function folderKey(uri: vscode.Uri): string {
  return vscode.Uri.joinPath(uri, '..').toString();
}

function isWithin(folder: vscode.Uri, uri: vscode.Uri): boolean {
  if (folder.scheme !== uri.scheme || folder.authority !== uri.authority) return false;
  const prefix = folder.path.endsWith('/') ? folder.path : `${folder.path}/`;
  return uri.path === folder.path || uri.path.startsWith(prefix);
}

function isGitEntry(uri: vscode.Uri): boolean {
  return uri.path.endsWith('/.git');
}

/** Git's own files (`.git/index.lock`): never files of the repository, whatever the watcher reports. */
function isInsideGit(uri: vscode.Uri): boolean {
  return uri.path.includes('/.git/');
}

/** `rel` (a file, or a folder with the files under it) no longer waits to be listed. */
function forgetAppeared(appeared: Set<string>, rel: string): void {
  if (appeared.size === 0 || appeared.delete(rel)) return;
  const prefix = `${rel}/`;
  for (const path of appeared) if (path.startsWith(prefix)) appeared.delete(path);
}

function absolutePath(root: vscode.Uri, rel: string): string {
  return root.path.endsWith('/') ? root.path + rel : `${root.path}/${rel}`;
}

/**
 * What the file list leaves out: files.exclude (the keys set to true) and
 * installed packages, as `git ls-files` leaves out what .gitignore names in
 * practice. Keys with braces of their own cannot go inside the glob's braces:
 * they are matched after.
 */
function excludesOf(folder: vscode.WorkspaceFolder | undefined): { glob: string; others: string[] } {
  const plain = ['**/node_modules/**'];
  const others: string[] = [];
  const map = vscode.workspace.getConfiguration(undefined, folder?.uri).get<Record<string, unknown>>('files.exclude') ?? {};
  for (const [glob, on] of Object.entries(map)) {
    if (on !== true) continue;
    if (/[{}]/.test(glob)) others.push(glob);
    else plain.push(glob);
  }
  return { glob: `{${plain.join(',')}}`, others };
}
