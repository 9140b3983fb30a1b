// Resolving a document's references against the repository (docs/spec.md,
// "Resolving references"): each path is looked up in the file list, each
// line reference and symbol in the file it names, read through the host at
// most once per check and never outside the repository.

import { describeHostError, isInside, joinPath, parentPath, relativeBetween, type NotesHost } from '../host';
import type { Reference, ReferenceFindingCode, ResolvedReference } from '../references/model';
import { closeNames, ComparisonBudget } from './closeNames';
import { declaredNames, languageOf } from './declarations';
import { baseName, type RepositoryFiles } from './files';

/** Only this much of a file is read and searched for symbols and lines. */
export const MAX_SEARCHED_BYTES = 2 * 1024 * 1024;
/** Source files read for a symbol looked up in the whole repository (or a Location folder), per check. */
const MAX_SEARCHED_FILES = 10_000;
/** Name comparisons for "renamed to" candidates, per check. */
const COMPARISON_BUDGET = 2_000_000;
/** References resolved at once. */
const CONCURRENCY = 16;
/** Files read ahead at once: each holds up to MAX_SEARCHED_BYTES while its names are taken. */
const READS_IN_FLIGHT = 32;
/** Real paths asked at once ahead of the resolution (no bytes held). */
const REAL_PATHS_IN_FLIGHT = 64;
/** Candidates named in a message at most. */
const NAMED_CANDIDATES = 3;

interface ResolveOptions {
  host: NotesHost;
  files: RepositoryFiles;
  /** The notes document: an absolute, `/`-separated path (relative references start from its folder). */
  document: string;
  /** What one check has read and indexed, shared by all its documents; a new one per check by default. */
  cache?: ResolutionCache;
}

/** What is known of a file after reading (the first MAX_SEARCHED_BYTES of) it. */
interface FileContent {
  /** Lines in the part read. */
  lines: number;
  /** The file goes on past the part read. */
  truncated: boolean;
  /** Declared names (whole words for files of other types) and the line of each one's first declaration. */
  names: Map<string, number>;
  /** Why the file could not be read; nothing is known of its lines and names then. */
  problem?: string;
}

/**
 * The reads, real paths and symbol indexes of one check (a CLI run, an
 * editor re-check): each file is read at most once while it lives. The
 * editor keeps one while its file list is current, and forgets a file when
 * the watcher says it changed.
 */
export class ResolutionCache {
  private readonly contents = new Map<string, Promise<FileContent>>();
  private readonly realpaths = new Map<string, Promise<{ real: string } | { problem: string }>>();
  /** Whether each path's last segment is a symbolic link (hosts with isLink); undefined when that cannot be told. */
  private readonly links = new Map<string, Promise<boolean | undefined>>();
  private readonly indexes = new Map<string, RepositoryIndex>();
  /** Name comparisons left for "renamed to" candidates in the current check. */
  budget = new ComparisonBudget(COMPARISON_BUDGET);

  /** A new check on a kept cache (the editor's re-check): the reads stay, the comparison budget is renewed. */
  startCheck(): void {
    this.budget = new ComparisonBudget(COMPARISON_BUDGET);
  }

  /** Forgets what was read of a file (absolute path): it changed, appeared or went. */
  forget(path: string): void {
    this.contents.delete(path);
    this.realpaths.delete(path);
    this.links.delete(path);
    // A repository-wide index may name the file: built again on its next use.
    for (const root of this.indexes.keys()) if (isInside(root, path)) this.indexes.delete(root);
  }

  content(host: NotesHost, path: string): Promise<FileContent> {
    return kept(this.contents, path, () => readContent(host, path));
  }

  realpath(host: NotesHost, path: string): Promise<{ real: string } | { problem: string }> {
    return kept(this.realpaths, path, () => host.realpath(path).then((real) => ({ real }), (err: unknown) => ({ problem: describeHostError(err) })));
  }

  /** Whether the entry at `path` is itself a symbolic link, asked once while the cache lives; undefined when that cannot be told. */
  isLink(host: NotesHost, path: string): Promise<boolean | undefined> {
    return kept(this.links, path, () => (host.isLink ? host.isLink(path).then((link) => link, () => undefined) : Promise.resolve(undefined)));
  }

  repositoryIndex(files: RepositoryFiles): RepositoryIndex {
    let index = this.indexes.get(files.root);
    if (!index || index.files !== files) {
      index = new RepositoryIndex(files);
      this.indexes.set(files.root, index);
    }
    return index;
  }
}

async function readContent(host: NotesHost, path: string): Promise<FileContent> {
  let bytes: Uint8Array;
  let truncated = false;
  try {
    if (host.readPrefix) {
      const read = await host.readPrefix(path, MAX_SEARCHED_BYTES);
      bytes = read.bytes.length > MAX_SEARCHED_BYTES ? read.bytes.subarray(0, MAX_SEARCHED_BYTES) : read.bytes;
      truncated = !read.complete || read.bytes.length > MAX_SEARCHED_BYTES;
    } else {
      bytes = await host.readFile(path, MAX_SEARCHED_BYTES);
    }
  } catch (err) {
    return { lines: 0, truncated: false, names: new Map(), problem: describeHostError(err) };
  }
  if (bytes.subarray(0, 8192).includes(0)) return { lines: 0, truncated: false, names: new Map(), problem: 'a binary file' };
  // Not fatal: a source file in another encoding still has its ASCII names; a cut at the limit may split a character.
  const text = new TextDecoder('utf-8').decode(bytes);
  return { lines: countLines(text), truncated, names: declaredNames(text, languageOf(path)) };
}

/** Lines as an editor shows them, except that an empty file has none; a final line break ends the last line. */
function countLines(text: string): number {
  let lines = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 10 || (c === 13 && text.charCodeAt(i + 1) !== 10)) lines++;
  }
  const last = text.charCodeAt(text.length - 1);
  return text.length > 0 && last !== 10 && last !== 13 ? lines + 1 : lines;
}

/** A path as written, shortened for a message (a 10,000-character path is not repeated whole). */
function quoted(path: string): string {
  return '`' + (path.length > 120 ? path.slice(0, 60) + '…' + path.slice(-40) : path) + '`';
}

/** Written as an absolute path: leaves the repository whatever it names. */
export function isAbsolute(path: string): boolean {
  const c = path.charCodeAt(0);
  if (path.startsWith('/') || path.startsWith('\\') || path === '~' || path.startsWith('~/')) return true;
  // `C:/…`, `C:\…`
  return path.length >= 3 && ((c >= 65 && c <= 90) || (c >= 97 && c <= 122)) && path[1] === ':' && (path[2] === '/' || path[2] === '\\');
}


type Located =
  | { kind: 'file' | 'folder'; rel: string; wrongKind?: undefined }
  | { kind: 'missing'; wrongKind?: 'file' }
  | { kind: 'outside'; why: string };

/** Whether a listed file's real path is inside the root, and if not, why. */
type RealCheck = { ok: true } | { ok: false; outside: boolean; message: string };

/** A resolved reference under construction: the status and what the finding says. */
type Outcome = Pick<ResolvedReference, 'status' | 'target' | 'targetLine' | 'suggestion'> & { code?: ReferenceFindingCode; message?: string };

/** One document's resolution: its folder and the shared state of the check. */
class Resolver {
  /** The notes document's folder relative to the root; undefined when the document is outside the root. */
  private readonly documentFolder: string | undefined;
  private realRoot: Promise<string> | undefined;
  private readonly located = new Map<string, Located>();
  private readonly realChecks = new Map<string, Promise<RealCheck>>();
  private readonly linkFreeFolders = new Map<string, Promise<boolean>>();

  constructor(
    private readonly host: NotesHost,
    private readonly files: RepositoryFiles,
    document: string,
    private readonly cache: ResolutionCache,
  ) {
    const folder = parentPath(document);
    this.documentFolder = isInside(files.root, folder) ? relativeTo(files.root, folder) : undefined;
  }

  /** Where a written path is, trying the document's folder, then the root; a path is often written several times (a Location and its symbols). */
  locate(path: string, wantFolder: boolean, tree: boolean, treeTop?: string): Located {
    const key = `${wantFolder ? 1 : 0}${tree ? 1 : 0}${treeTop ?? ''}\0${path}`;
    return kept(this.located, key, () => this.locateNow(path, wantFolder, tree, treeTop));
  }

  private locateNow(path: string, wantFolder: boolean, tree: boolean, treeTop: string | undefined): Located {
    if (isAbsolute(path)) return { kind: 'outside', why: `${quoted(path)} is an absolute path, outside the repository (not read)` };
    const root = this.files.root;
    const tries: string[] = [];
    // A tree under a lone top line that is a folder of the repository (`src/`): its paths are under it first.
    if (tree && treeTop !== undefined && this.files.isFolder(treeTop)) tries.push(joinPath(root, `${treeTop}/${path}`));
    if (this.documentFolder !== undefined) tries.push(joinPath(this.documentFolder === '' ? root : `${root}/${this.documentFolder}`, path));
    tries.push(joinPath(root, path));
    // A Code Structure tree often starts with the project's own folder: `my-project/src/…`.
    const first = path.split('/', 1)[0];
    if (tree && first === baseName(root)) tries.push(joinPath(root, path.slice(first.length + 1)));
    const inside = tries.filter((absolute) => isInside(root, absolute)).map((absolute) => relativeTo(root, absolute));
    if (inside.length === 0) return { kind: 'outside', why: `${quoted(path)} leads outside the repository (not read)` };
    // Files first, in every place tried: the folder index is built only for a path that is no file.
    const file = inside.find((rel) => this.files.isFile(rel));
    if (file !== undefined && !wantFolder) return { kind: 'file', rel: file };
    const folder = inside.find((rel) => this.files.isFolder(rel));
    if (folder !== undefined) return { kind: 'folder', rel: folder };
    return { kind: 'missing', wrongKind: file !== undefined ? 'file' : undefined };
  }

  /** A listed file's real path stays inside the root; a problem (a link loop, a file deleted since it was listed) otherwise. */
  checkReal(rel: string): Promise<RealCheck> {
    return kept(this.realChecks, rel, () => this.checkRealNow(rel));
  }

  private async checkRealNow(rel: string): Promise<RealCheck> {
    // No link on the way (a host that can tell): the file is where it is listed, inside the root.
    if (this.host.isLink && (await this.linkFree(rel))) return { ok: true };
    this.realRoot ??= this.host.realpath(this.files.root).catch(() => this.files.root);
    const [realRoot, real] = await Promise.all([this.realRoot, this.cache.realpath(this.host, this.absolute(rel))]);
    if ('problem' in real) return { ok: false, outside: false, message: `${quoted(rel)} cannot be resolved: ${real.problem}` };
    if (!isInside(realRoot, real.real)) return { ok: false, outside: true, message: `${quoted(rel)} is a symbolic link to a place outside the repository (not read)` };
    return { ok: true };
  }

  /**
   * Whether no segment of `rel` (a listed path) below the root is a
   * symbolic link, whatever the root's own path holds. Each folder's answer
   * is its parent's and its own, kept: a folder is asked once for all its
   * files, so the work is linear in the paths' length, however deep.
   */
  private linkFree(rel: string): Promise<boolean> {
    const slash = rel.lastIndexOf('/');
    return Promise.all([slash < 0 ? true : this.folderLinkFree(rel.slice(0, slash)), this.cache.isLink(this.host, this.absolute(rel))]).then(
      ([folder, link]) => folder && link === false,
    );
  }

  private folderLinkFree(folder: string): Promise<boolean> {
    return kept(this.linkFreeFolders, folder, () => this.linkFree(folder));
  }

  absolute(rel: string): string {
    return rel === '' ? this.files.root : this.files.root === '/' ? `/${rel}` : `${this.files.root}/${rel}`;
  }

  /** The files and folders of the missing path's base name elsewhere: "moved to" candidates. */
  movedCandidates(path: string, wantFolder: boolean): string[] {
    const trimmed = path.endsWith('/') ? path.slice(0, -1) : path;
    const name = baseName(trimmed);
    if (name === '' || name === '.' || name === '..') return [];
    const exact = this.files.named(name).filter((p) => (wantFolder ? this.files.isFolder(p) : true));
    // The same name in the same case first: `Indexer.ts` is not a candidate when `indexer.ts` exists too.
    const sameCase = exact.filter((p) => baseName(p) === name);
    return (sameCase.length > 0 ? sameCase : exact).sort();
  }

  /** What a fix writes for a moved path: in the reference's own style (relative to the document, or to the root), its line suffix kept. */
  movedSuggestion(ref: Reference, candidate: string): string {
    const written = ref.path ?? '';
    const relative = ref.source === 'link' || written.startsWith('./') || written.startsWith('../');
    let path = relative && this.documentFolder !== undefined ? relativeBetween(this.documentFolder, candidate) : candidate;
    if (relative && !written.startsWith('./') && path.startsWith('./')) path = path.slice(2);
    if (written.endsWith('/')) path += '/';
    if (ref.source === 'link') path = ref.text.includes('%') ? encodeURI(path) : path.replaceAll(' ', '%20');
    return path + lineSuffix(ref);
  }

  async resolve(ref: Reference): Promise<ResolvedReference> {
    const outcome = ref.kind === 'symbol' ? await this.resolveSymbol(ref) : await this.resolvePath(ref);
    const { status, target, targetLine, suggestion, code, message } = outcome;
    // Only the keys that have a value: the result is plain data for JSON and the worker protocol. Object.assign,
    // not a spread: V8 spreads references of several shapes slowly (about 1 ms of the bench's 504 results).
    const resolved: ResolvedReference = Object.assign({}, ref, { status });
    if (target !== undefined) resolved.target = target;
    if (targetLine !== undefined) resolved.targetLine = targetLine;
    if (suggestion !== undefined) resolved.suggestion = suggestion;
    if (code !== undefined && message !== undefined) resolved.finding = { code, message };
    return resolved;
  }

  /** Where a path or tree reference points (its lookup is shared with the read-ahead). */
  private locateRef(ref: Reference): Located {
    const path = ref.path ?? ref.text;
    return this.locate(path, ref.folder === true || path.endsWith('/'), ref.kind === 'tree', ref.treeTop);
  }

  /**
   * Starts what the references will need from the host, together rather than
   * in each reference's turn: the files that line references and
   * Location-scoped symbols read, and the real paths of the files only named.
   */
  readAhead(references: readonly Reference[]): Promise<unknown> {
    const read = new Set<string>();
    for (const path of filesToRead(references)) {
      const where = this.locate(path, false, false);
      if (where.kind === 'file') read.add(where.rel);
    }
    const named = new Set<string>();
    for (const ref of references) {
      if (ref.kind !== 'path' && ref.kind !== 'tree') continue;
      const where = this.locateRef(ref);
      if (where.kind === 'file' && !read.has(where.rel)) named.add(where.rel);
    }
    return Promise.all([
      mapLimit([...read], READS_IN_FLIGHT, (rel) => this.readChecked(rel)),
      // A path each, no bytes held.
      mapLimit([...named], REAL_PATHS_IN_FLIGHT, (rel) => this.checkReal(rel)),
    ]);
  }

  private async resolvePath(ref: Reference): Promise<Outcome> {
    const path = ref.path ?? ref.text;
    const wantFolder = ref.folder === true || path.endsWith('/');
    const where = this.locateRef(ref);
    if (where.kind === 'outside') return { status: 'outside', code: 'broken-reference', message: where.why };
    // Under a top line that is a folder of the repository, a missing line is named with it.
    if (where.kind === 'missing') return this.missing(ref, ref.treeTop !== undefined && this.files.isFolder(ref.treeTop) ? `${ref.treeTop}/${path}` : path, wantFolder, where.wrongKind);
    if (where.kind === 'file') {
      const real = await this.checkReal(where.rel);
      if (!real.ok) return { status: real.outside ? 'outside' : 'missing', code: 'broken-reference', message: real.message };
    }
    if (ref.kind !== 'line' || ref.lines === undefined) return { status: 'ok', target: where.rel };
    const { from, to } = ref.lines;
    if (where.kind === 'folder') return { status: 'missing', target: where.rel, code: 'broken-reference', message: `${quoted(path)} is a folder: it has no line ${from}` };
    const content = await this.cache.content(this.host, this.absolute(where.rel));
    if (content.problem !== undefined) {
      return { status: 'missing', target: where.rel, code: 'broken-reference', message: `the lines of ${quoted(path)} cannot be read: ${content.problem}` };
    }
    const last = Math.max(from, to);
    if (from < 1) return { status: 'missing', target: where.rel, code: 'broken-reference', message: `line ${from} does not exist: lines count from 1` };
    // Past the part read of a larger file the line may well exist: not reported.
    if (last > content.lines && !content.truncated) {
      const size = content.lines === 0 ? 'it is empty' : `it has ${content.lines} ${content.lines === 1 ? 'line' : 'lines'}`;
      const named = from === to ? `line ${from}` : `lines ${from}-${to}`;
      return { status: 'missing', target: where.rel, targetLine: from <= content.lines ? from : undefined, code: 'broken-reference', message: `${named} of ${quoted(path)} past the end of the file: ${size}` };
    }
    return { status: 'ok', target: where.rel, targetLine: from };
  }

  private missing(ref: Reference, path: string, wantFolder: boolean, wrongKind: 'file' | undefined): Outcome {
    if (wrongKind === 'file') return { status: 'missing', code: 'broken-reference', message: `${quoted(path)} is a file, not a folder` };
    const candidates = this.movedCandidates(path, wantFolder);
    let message = `${quoted(path)} does not exist in the repository`;
    if (!this.files.complete) message += ' (its file list was cut short at its size limit)';
    if (candidates.length === 1) {
      return { status: 'missing', code: 'broken-reference', message: `${message}; moved to ${quoted(candidates[0])}?`, suggestion: this.movedSuggestion(ref, candidates[0]) };
    }
    if (candidates.length > 1) message += `; ${candidates.length} of that name elsewhere: ${listed(candidates)}`;
    return { status: 'missing', code: 'broken-reference', message };
  }

  private async resolveSymbol(ref: Reference): Promise<Outcome> {
    const symbol = ref.symbol ?? ref.text;
    const member = memberOf(symbol);
    const scope = ref.scope ?? [];
    if (scope.length === 0) return this.resolveInRepository(ref, symbol, member);
    // The files of the component's Location: each file, the source files of each folder, a moved file's one candidate.
    const searched: string[] = [];
    const unusable: string[] = [];
    let folderFiles = 0;
    for (const entry of scope) {
      const wantFolder = entry.endsWith('/');
      const where = this.locate(entry, wantFolder, false);
      if (where.kind === 'file') {
        searched.push(where.rel);
      } else if (where.kind === 'folder') {
        for (const file of this.files) {
          if (folderFiles >= MAX_SEARCHED_FILES) break;
          if ((where.rel === '' || isInside(where.rel, file)) && languageOf(file) !== undefined) {
            searched.push(file);
            folderFiles++;
          }
        }
      } else if (where.kind === 'missing') {
        const candidates = this.movedCandidates(entry, wantFolder);
        if (candidates.length === 1 && this.files.isFile(candidates[0])) searched.push(candidates[0]);
        else unusable.push(entry);
      } else {
        unusable.push(entry);
      }
    }
    if (searched.length === 0) {
      return { status: 'missing', code: 'unknown-symbol', message: `${quoted(symbol)} cannot be looked up: its Location ${listed(unusable, ' or ')} is not a file of the repository` };
    }
    const pool = new Set<string>();
    const notes: string[] = [];
    for (const rel of searched) {
      const real = await this.checkReal(rel);
      if (!real.ok) {
        notes.push(real.message);
        continue;
      }
      const content = await this.cache.content(this.host, this.absolute(rel));
      const line = content.names.get(member);
      if (line !== undefined) return { status: 'ok', target: rel, targetLine: line };
      if (content.problem !== undefined) notes.push(`${quoted(rel)} cannot be read: ${content.problem}`);
      else if (content.truncated) notes.push(`only the first ${MAX_SEARCHED_BYTES / (1024 * 1024)} MB of ${quoted(rel)} were searched: the file is larger`);
      for (const name of content.names.keys()) pool.add(name);
    }
    const where = searched.length <= NAMED_CANDIDATES ? listed(searched, ' or ') : `the ${searched.length} source files of ${listed(scope, ' or ')}`;
    return this.unknown(ref, symbol, member, `${quoted(member)} is not declared in ${where}`, pool, notes);
  }

  private async resolveInRepository(ref: Reference, symbol: string, member: string): Promise<Outcome> {
    const index = this.cache.repositoryIndex(this.files);
    const found = await index.find(member, symbol, (rel) => this.readChecked(rel));
    if (found) return { status: 'ok', target: found.file, targetLine: found.line };
    const notes: string[] = [];
    if (index.skipped > 0) notes.push(`${index.skipped} of the repository's ${index.sourceFiles} source files were not searched (at most ${MAX_SEARCHED_FILES} are)`);
    if (index.truncated > 0) notes.push(`${index.truncated} ${index.truncated === 1 ? 'file was' : 'files were'} searched in their first ${MAX_SEARCHED_BYTES / (1024 * 1024)} MB only`);
    const where = index.sourceFiles === 0 ? 'the repository, which has no source file of a known language' : 'any source file of the repository';
    return this.unknown(ref, symbol, member, `${quoted(member)} is not declared in ${where}`, index.names.keys(), notes);
  }

  /** A file's content, once its real path is known to stay inside the root; undefined otherwise. */
  private async readChecked(rel: string): Promise<FileContent | undefined> {
    const real = await this.checkReal(rel);
    return real.ok ? this.cache.content(this.host, this.absolute(rel)) : undefined;
  }

  private unknown(ref: Reference, symbol: string, member: string, message: string, pool: Iterable<string>, notes: string[]): Outcome {
    const close = closeNames(member, pool, this.cache.budget, NAMED_CANDIDATES + 1);
    const tail = notes.length > 0 ? ` (${notes.join('; ')})` : '';
    if (close.length === 1) {
      const renamed = symbol.slice(0, symbol.length - member.length) + close[0];
      const at = ref.text.lastIndexOf(member);
      const suggestion = at >= 0 ? ref.text.slice(0, at) + close[0] + ref.text.slice(at + member.length) : renamed;
      return { status: 'missing', code: 'unknown-symbol', message: `${message}; renamed to ${quoted(renamed)}?${tail}`, suggestion };
    }
    const near = close.length > 1 ? `; close names: ${listed(close.slice(0, NAMED_CANDIDATES))}${close.length > NAMED_CANDIDATES ? ', …' : ''}` : '';
    return { status: 'missing', code: 'unknown-symbol', message: `${message}${near}${tail}` };
  }
}

/**
 * The source files of the repository as one index of declared names, for
 * symbols with no Location: built as far as the lookups need, files whose
 * name matches the symbol first (`SearchIndexer` → `search_indexer.py`),
 * then the others in list order, at most MAX_SEARCHED_FILES per check.
 */
class RepositoryIndex {
  readonly names = new Map<string, { file: string; line: number }>();
  private sources: string[] | undefined;
  private byStem: Map<string, string[]> | undefined;
  private readonly indexed = new Set<string>();
  private next = 0;
  private lock: Promise<unknown> = Promise.resolve();
  truncated = 0;

  constructor(readonly files: RepositoryFiles) {}

  get sourceFiles(): number {
    return this.list().length;
  }

  /** Source files not (yet) indexed: after a lookup that found nothing, those left out at the bound. */
  get skipped(): number {
    return this.list().length - this.indexed.size;
  }

  /** One lookup at a time: two would read the same next files. */
  find(member: string, symbol: string, read: (rel: string) => Promise<FileContent | undefined>): Promise<{ file: string; line: number } | undefined> {
    const result = this.lock.then(() => this.findNow(member, symbol, read));
    this.lock = result.catch(() => undefined);
    return result;
  }

  private list(): string[] {
    this.sources ??= [...this.files].filter((file) => languageOf(file) !== undefined);
    return this.sources;
  }

  private async findNow(member: string, symbol: string, read: (rel: string) => Promise<FileContent | undefined>): Promise<{ file: string; line: number } | undefined> {
    const known = this.names.get(member);
    if (known) return known;
    if (!this.byStem) {
      this.byStem = new Map();
      for (const file of this.list()) {
        const name = baseName(file);
        const stem = stemKey(name.slice(0, name.lastIndexOf('.') > 0 ? name.lastIndexOf('.') : name.length));
        const list = this.byStem.get(stem);
        if (list) list.push(file);
        else this.byStem.set(stem, [file]);
      }
    }
    const stems = new Set([stemKey(member)]);
    if (member !== symbol) stems.add(stemKey(symbol.slice(0, symbol.length - member.length)));
    const likely = [...stems].flatMap((stem) => this.byStem?.get(stem) ?? []);
    await this.indexFiles(likely, read);
    if (this.names.has(member)) return this.names.get(member);
    const sources = this.list();
    while (this.next < sources.length && this.indexed.size < MAX_SEARCHED_FILES) {
      const batch: string[] = [];
      while (this.next < sources.length && batch.length < CONCURRENCY * 4 && this.indexed.size + batch.length < MAX_SEARCHED_FILES) {
        const file = sources[this.next++];
        if (!this.indexed.has(file)) batch.push(file);
      }
      await this.indexFiles(batch, read);
      if (this.names.has(member)) return this.names.get(member);
    }
    return undefined;
  }

  private async indexFiles(files: readonly string[], read: (rel: string) => Promise<FileContent | undefined>): Promise<void> {
    const fresh = files.filter((f) => !this.indexed.has(f) && this.indexed.size < MAX_SEARCHED_FILES);
    fresh.forEach((f) => this.indexed.add(f));
    const contents = await mapLimit(fresh, CONCURRENCY, read);
    // Merged in list order, whatever order the reads finished in: the first declaration in the list wins.
    fresh.forEach((file, i) => {
      const content = contents[i];
      if (!content) return;
      if (content.truncated) this.truncated++;
      for (const [name, line] of content.names) if (!this.names.has(name)) this.names.set(name, { file, line });
    });
  }
}

/** A file stem or symbol compared loosely: `search_indexer`, `SearchIndexer` and `search-indexer` agree. */
function stemKey(name: string): string {
  return name.replace(/[_\-.$:#]/g, '').toLowerCase();
}

/** The name a symbol's lookup needs: the method of `Name.method`, `Name::method`, `Name#method`. */
function memberOf(symbol: string): string {
  const cut = Math.max(symbol.lastIndexOf('.'), symbol.lastIndexOf('#'), symbol.lastIndexOf('::') >= 0 ? symbol.lastIndexOf('::') + 1 : -1);
  return cut >= 0 && cut < symbol.length - 1 ? symbol.slice(cut + 1) : symbol;
}

/** The line suffix of a line reference as written (`#L10-L20`, `:42`), to keep in a suggestion. */
function lineSuffix(ref: Reference): string {
  if (ref.kind !== 'line') return '';
  const hash = ref.text.lastIndexOf('#');
  if (hash >= 0) return ref.text.slice(hash);
  const colon = ref.text.lastIndexOf(':');
  return colon >= 0 ? ref.text.slice(colon) : '';
}

function relativeTo(root: string, absolute: string): string {
  return absolute === root ? '' : absolute.slice(root === '/' ? 1 : root.length + 1);
}

function listed(items: readonly string[], last = ', '): string {
  const shown = items.slice(0, NAMED_CANDIDATES).map(quoted);
  const more = items.length > NAMED_CANDIDATES ? ` and ${items.length - NAMED_CANDIDATES} more` : '';
  if (more || shown.length < 2) return shown.join(', ') + more;
  return shown.slice(0, -1).join(', ') + last + shown[shown.length - 1];
}

/** The value `map` holds for `key`, made by `make` and kept on first use. */
function kept<K, V>(map: Map<K, V>, key: K, make: () => V): V {
  let found = map.get(key);
  if (found === undefined) {
    found = make();
    map.set(key, found);
  }
  return found;
}

/** `fn` over `items` with at most `limit` calls in flight; results in the items' order. */
async function mapLimit<T, R>(items: readonly T[], limit: number, fn: (item: T) => Promise<R>): Promise<R[]> {
  const out = new Array<R>(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const i = next++;
      out[i] = await fn(items[i]);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return out;
}

/** The files a document's line references and Location-scoped symbols name: each read for its lines or names. */
function filesToRead(references: readonly Reference[]): string[] {
  const paths = new Set<string>();
  for (const ref of references) {
    if (ref.kind === 'symbol') for (const entry of ref.scope ?? []) paths.add(entry);
    else if (ref.kind === 'line') paths.add(ref.path ?? ref.text);
  }
  return [...paths].filter((path) => !path.endsWith('/') && !isAbsolute(path));
}

/**
 * Resolves a document's references against the repository, in their order.
 * Paths: the document's folder first, then the root; a path that leaves the
 * repository (absolute, `..` past the root, a link whose real path is
 * outside) is `outside` and never read. Line references and symbols read
 * their files through the cache, each at most once per check.
 */
export async function resolveReferences(references: readonly Reference[], options: ResolveOptions): Promise<ResolvedReference[]> {
  const resolver = new Resolver(options.host, options.files, options.document, options.cache ?? new ResolutionCache());
  const ahead = resolver.readAhead(references);
  const resolved = await mapLimit(references, CONCURRENCY, (ref) => resolver.resolve(ref));
  await ahead;
  return resolved;
}
