// The edits that keep a notes document's references true when files or
// folders move (docs/spec.md, "When files move"): pure, over the document's
// references and the repository's file list as it was before the move.
import type { TextEdit } from '../edits/edits';
import { isInside, joinPath, relativeBetween } from '../host';
import type { Reference } from './model';

/** One file or folder moved (or renamed): absolute, `/`-separated paths. */
export interface Move {
  from: string;
  to: string;
}

/** What the edits need of the repository's file list (a `RepositoryFiles`), before the move. */
interface RepositoryLookup {
  /** Absolute, `/`-separated, without a trailing `/`. */
  readonly root: string;
  isFile(path: string): boolean;
  isFolder(path: string): boolean;
}

const PERCENT_ESCAPE = /%[0-9a-f]{2}/i;
/** Up to this many moves, a path is first checked for the moved names; past it, every path is resolved. */
const MAX_NAME_CHECKS = 16;

/**
 * The edits to `text` (the notes document `document`, an absolute path,
 * before the moves) that make each of its `references` name, after `moves`,
 * what it named before. A reference keeps its style: relative to the notes
 * file's folder or to the root as it was written, a link's percent-encoding
 * and `<…>` form, a line suffix, inline code or plain text. A Code Structure
 * tree line is edited only for a rename within its folder (a move elsewhere
 * cannot be written on one line). References that were broken before, leave
 * the repository, or cannot be written in their place are left as they are.
 */
export function editsForMove(text: string, references: readonly Reference[], document: string, repository: RepositoryLookup, moves: readonly Move[]): TextEdit[] {
  const root = repository.root;
  const leaving = moves.filter((m) => isInside(root, m.from) && m.from !== root);
  const inRoot = new MoveTable(leaving.filter((m) => isInside(root, m.to)).map((m) => ({ from: relativeTo(root, m.from), to: relativeTo(root, m.to) })));
  // Moved out of the repository: what pointed there is left to the check.
  const gone = new MoveTable(leaving.filter((m) => !isInside(root, m.to)).map((m) => ({ from: relativeTo(root, m.from), to: '' })));
  if (inRoot.size === 0 && !moves.some((m) => isInside(m.from, document))) return [];
  const before = new Repository(repository, inRoot, gone, false);
  const after = new Repository(repository, inRoot, gone, true);
  const oldDocument = isInside(root, document) ? relativeTo(root, document) : undefined;
  const movedDocument = moves.find((m) => isInside(m.from, document));
  const newAbsolute = movedDocument ? movedDocument.to + document.slice(movedDocument.from.length) : document;
  // A notes file moved out of its repository (or into it): its references now answer to another root.
  if (oldDocument === undefined || !isInside(root, newAbsolute)) return [];
  const newDocument = relativeTo(root, newAbsolute);
  const oldFolder = parentOf(oldDocument);
  const newFolder = parentOf(newDocument);
  /** What to write instead of `written` (a path, not a tree line), or undefined to leave it. */
  const newPath = (written: string, wantFolder: boolean): string | undefined => {
    const found = before.locate(written, oldFolder, wantFolder, false);
    if (!found || gone.source(found.rel)) return undefined;
    const target = inRoot.map(found.rel);
    if (target === found.rel && newFolder === oldFolder) return undefined;
    const resolves = (candidate: string) => after.locate(candidate, newFolder, wantFolder, false)?.rel === target;
    return resolves(written) ? undefined : rewrittenPath(written, found.from, target, newFolder, resolves);
  };
  const edits: TextEdit[] = [];
  // Notes name the same file many times: each written path is resolved once.
  const rewritten = new Map<string, string | undefined>();
  // A path that resolves to a moved entry, or into one, holds its name (the notes file stays where it was): most paths are passed over at this cost.
  const names = movedDocument || moves.length > MAX_NAME_CHECKS ? undefined : moves.map((m) => baseName(m.from));
  for (const ref of references) {
    if (ref.kind === 'symbol' || ref.path === undefined || isAbsolute(ref.path)) continue;
    const written = ref.path;
    if (names && !names.some((n) => written.includes(n))) continue;
    const wantFolder = ref.folder === true || ref.path.endsWith('/');
    if (ref.kind === 'tree') {
      const found = before.locate(ref.path, oldFolder, wantFolder, true, ref.treeTop);
      const edit = found && treeEdit(ref, found.rel, inRoot);
      if (edit) edits.push(edit);
      continue;
    }
    const key = `${wantFolder ? 'd' : 'f'}${ref.path}`;
    let path = rewritten.get(key);
    if (!rewritten.has(key)) {
      path = newPath(ref.path, wantFolder);
      rewritten.set(key, path);
    }
    const edit = path === undefined ? undefined : writeReference(text, ref, path);
    if (edit) edits.push(edit);
  }
  return edits;
}

/** The moves inside one root, relative to it; looked up by the lengths of their sources, so a long path costs a few slices. */
class MoveTable {
  private readonly byFrom = new Map<string, string>();
  private readonly byTo = new Map<string, string>();
  private readonly fromLengths: Set<number>;
  private readonly toLengths: Set<number>;

  constructor(moves: readonly { from: string; to: string }[]) {
    for (const m of moves) {
      if (!this.byFrom.has(m.from)) this.byFrom.set(m.from, m.to);
      if (!this.byTo.has(m.to)) this.byTo.set(m.to, m.from);
    }
    this.fromLengths = new Set([...this.byFrom.keys()].map((k) => k.length));
    this.toLengths = new Set([...this.byTo.keys()].map((k) => k.length));
  }

  get size(): number {
    return this.byFrom.size;
  }

  /** The move whose source is `rel` or holds it. */
  source(rel: string): { from: string; to: string } | undefined {
    const hit = covering(rel, this.fromLengths, this.byFrom);
    return hit && { from: hit.key, to: hit.value };
  }

  /** The move whose destination is `rel` or holds it. */
  destination(rel: string): { from: string; to: string } | undefined {
    const hit = covering(rel, this.toLengths, this.byTo);
    return hit && { from: hit.value, to: hit.key };
  }

  /** Where `rel` is after the moves (itself when no move touches it). */
  map(rel: string): string {
    const m = this.source(rel);
    return m ? m.to + rel.slice(m.from.length) : rel;
  }
}

/**
 * The entry of `table` whose key is `rel` or a folder holding it, the
 * longest first. Walks `rel`'s own slashes and slices only at the lengths of
 * keys: a deep path costs one scan, however many moves there are.
 */
function covering(rel: string, lengths: ReadonlySet<number>, table: ReadonlyMap<string, string>): { key: string; value: string } | undefined {
  for (let end = rel.length; end > 0; end = rel.lastIndexOf('/', end - 1)) {
    if (!lengths.has(end)) continue;
    const key = rel.slice(0, end);
    const value = table.get(key);
    if (value !== undefined) return { key, value };
  }
  return undefined;
}

/** The repository's paths before or after the moves, and where a written path resolves in them (as docs/spec.md, "Resolving references", says). */
class Repository {
  constructor(
    private readonly files: RepositoryLookup,
    private readonly moves: MoveTable,
    /** Moved out of the repository. */
    private readonly gone: MoveTable,
    private readonly afterMoves: boolean,
  ) {}

  /** Whether `rel` is there (a folder when `wantFolder`); the moved entries count as there before the move, whatever the list says. */
  has(rel: string, wantFolder: boolean): boolean {
    if (!this.afterMoves) return this.listed(rel, wantFolder) || this.moves.source(rel)?.from === rel || this.gone.source(rel)?.from === rel;
    const into = this.moves.destination(rel);
    if (into) return into.to === rel || this.listed(into.from + rel.slice(into.to.length), wantFolder);
    return this.moves.source(rel) === undefined && this.gone.source(rel) === undefined && this.listed(rel, wantFolder);
  }

  private listed(rel: string, wantFolder: boolean): boolean {
    return this.files.isFolder(rel) || (!wantFolder && this.files.isFile(rel));
  }

  /** The root-relative path a written path names, and which base it was found from: the notes file's folder, the root, or the root under its own name (trees). */
  locate(path: string, folder: string, wantFolder: boolean, tree: boolean, treeTop?: string): { rel: string; from: 'document' | 'root' } | undefined {
    const root = this.files.root;
    const tries: { absolute: string; from: 'document' | 'root' }[] = [
      { absolute: joinPath(folder === '' ? root : `${root}/${folder}`, path), from: 'document' },
      { absolute: joinPath(root, path), from: 'root' },
    ];
    // As the resolution reads a tree under a lone top folder of the repository (`src/`): under it first.
    if (tree && treeTop !== undefined && this.files.isFolder(treeTop)) tries.unshift({ absolute: joinPath(root, `${treeTop}/${path}`), from: 'root' });
    const first = path.split('/', 1)[0];
    if (tree && first === baseName(root)) tries.push({ absolute: joinPath(root, path.slice(first.length + 1)), from: 'root' });
    for (const { absolute, from } of tries) {
      if (!isInside(root, absolute)) continue;
      const rel = relativeTo(root, absolute);
      if (rel !== '' && this.has(rel, wantFolder)) return { rel, from };
    }
    return undefined;
  }
}

/**
 * The path to write for a reference to `target` from the folder `folder`:
 * in the style it was found in first (relative to the notes file, or to the
 * root), the other when that one would resolve elsewhere; `./` and a trailing
 * `/` as written. Undefined when neither resolves to the target.
 */
function rewrittenPath(written: string, style: 'document' | 'root', target: string, folder: string, resolves: (path: string) => boolean): string | undefined {
  const dotted = written.startsWith('./');
  const slash = written.endsWith('/') ? '/' : '';
  const relative = relativeBetween(folder, target);
  const fromDocument = dotted || relative.startsWith('../') ? relative : relative.slice(2);
  const options = style === 'document' ? [fromDocument, target, relative] : [target, fromDocument, relative];
  for (const path of options) if (resolves(path + slash)) return path + slash;
  return undefined;
}

/** A tree line whose own name holds the renamed segment, renamed on its line; undefined for anything else (a move elsewhere, a rename on a parent line). */
function treeEdit(ref: Reference, rel: string, moves: MoveTable): TextEdit | undefined {
  const move = moves.source(rel);
  if (!move || parentOf(move.from) !== parentOf(move.to)) return undefined;
  const slashes = ref.text.length - trimTrailingSlashes(ref.text).length;
  const name = ref.text.slice(0, ref.text.length - slashes);
  const nameSegments = name.split('/');
  const segments = rel.split('/');
  // The line's name is the last segments of the path it resolved to (not so with `..` in it: left alone).
  if (segments.slice(-nameSegments.length).join('/') !== name) return undefined;
  const renamed = move.from.split('/').length - 1;
  const inName = renamed - (segments.length - nameSegments.length);
  if (inName < 0) return undefined; // a parent line holds it
  nameSegments[inName] = baseName(move.to);
  const newText = nameSegments.join('/') + ref.text.slice(name.length);
  return newText === ref.text ? undefined : { start: ref.start, end: ref.end, newText };
}

/** The edit that writes `path` in the reference's place, in its form; undefined when the form cannot hold it. */
function writeReference(text: string, ref: Reference, path: string): TextEdit | undefined {
  const written = text.slice(ref.start, ref.end);
  const before = text[ref.start - 1];
  const angle = before === '<' && text[ref.end] === '>';
  const isLink = ref.source === 'link' || (ref.source === 'location' && (before === '(' || (angle && text[ref.start - 2] === '(')));
  if (isLink) {
    let cut = written.length;
    for (let i = 0; i < written.length; i++) {
      if (written[i] === '#' || written[i] === '?') {
        cut = i;
        break;
      }
    }
    const newText = encodeDestination(path, PERCENT_ESCAPE.test(written.slice(0, cut)), angle) + written.slice(cut);
    return newText === written ? undefined : { start: ref.start, end: ref.end, newText };
  }
  if (ref.path === undefined || !written.startsWith(ref.path)) return undefined;
  // A backtick would close the code span; in a plain Location value a comma starts the next item.
  if (path.includes('`') || (ref.source === 'location' && path.includes(',')) || /[\r\n]/.test(path)) return undefined;
  const newText = path + written.slice(ref.path.length);
  return newText === written ? undefined : { start: ref.start, end: ref.end, newText };
}

/**
 * A path as a link destination: every character encodeURI escapes when the
 * link was written percent-encoded, otherwise only what a destination cannot
 * hold as it is (a space outside `<…>`, `<`, `>`, `#`, `?`, `%`, `\`,
 * unbalanced parentheses, control characters).
 */
function encodeDestination(path: string, percentEncoded: boolean, angle: boolean): string {
  let out = '';
  for (const ch of path) {
    const c = ch.codePointAt(0) ?? 0;
    if (ch === '#' || ch === '?' || ch === '%' || ch === '<' || ch === '>' || ch === '\\' || c < 32 || c === 127) out += encodeURIComponent(ch);
    else if (ch === ' ' && !angle) out += '%20';
    else if (percentEncoded && ch !== '(' && ch !== ')') out += encodeURI(ch);
    else out += ch;
  }
  if (!angle && !balanced(out)) out = out.replaceAll('(', '%28').replaceAll(')', '%29');
  return out;
}

function balanced(text: string): boolean {
  let depth = 0;
  for (const ch of text) {
    if (ch === '(') depth++;
    else if (ch === ')' && --depth < 0) return false;
  }
  return depth === 0;
}

/** Written as an absolute path (it leaves the repository: never rewritten). */
function isAbsolute(path: string): boolean {
  return path.startsWith('/') || path.startsWith('\\') || path === '~' || path.startsWith('~/') || /^[a-z]:[\\/]/i.test(path);
}

function relativeTo(root: string, absolute: string): string {
  return absolute === root ? '' : absolute.slice(root === '/' ? 1 : root.length + 1);
}

/** The folder of a root-relative path (`''` the root). */
function parentOf(rel: string): string {
  const slash = rel.lastIndexOf('/');
  return slash < 0 ? '' : rel.slice(0, slash);
}

function baseName(path: string): string {
  return path.slice(path.lastIndexOf('/') + 1);
}

function trimTrailingSlashes(path: string): string {
  let end = path.length;
  while (end > 0 && path[end - 1] === '/') end--;
  return path.slice(0, end);
}

