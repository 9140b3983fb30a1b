// What a notes document says about the repository (docs/spec.md,
// "References"), read from the facts of one parse: no file is read here.
import { decodeMarkdownString } from '../markdown/events';
import type { Section } from '../markdown/sections';
import { lastStartingAtOrBefore, type CodeSpan, type Destination, type FencedCode, type Span, type Syntax } from '../markdown/syntax';
import { lineEndAt, nextLineStart } from '../markdown/text';
import { afterListMarker, fieldOn, withoutCall, isLocationLabel, isSymbolsLabel, isTreeTitle, lineContent, treeKey, type ReferenceLabels } from './labels';
import type { Reference, ReferenceKind, ReferenceSource } from './model';

/** Longest path a tree line may build (longer ones are not read): far past any file system's limit. */
const MAX_TREE_PATH = 32 * 1024;

/** Extensions of source and document files: an inline-code span ending in one is a path. */
const KNOWN_EXTENSIONS = new Set([
  'ts', 'tsx', 'mts', 'cts', 'js', 'jsx', 'mjs', 'cjs', 'py', 'pyi', 'go', 'rs', 'java', 'kt', 'kts', 'cs', 'fs', 'c', 'h', 'cc', 'cpp', 'cxx', 'hpp', 'hh', 'hxx',
  'rb', 'php', 'swift', 'scala', 'm', 'mm', 'dart', 'lua', 'pl', 'r', 'ex', 'exs', 'erl', 'hs', 'clj', 'ml', 'sh', 'bash', 'zsh', 'ps1', 'sql', 'proto',
  'graphql', 'gql', 'vue', 'svelte', 'html', 'htm', 'css', 'scss', 'less', 'md', 'markdown', 'mdx', 'rst', 'adoc', 'txt', 'json', 'jsonc', 'yaml', 'yml',
  'toml', 'xml', 'ini', 'cfg', 'conf', 'env', 'tf', 'gradle', 'cmake', 'mk', 'lock', 'csv', 'ipynb',
]);
/** File names without an extension that are paths all the same. */
const KNOWN_NAMES = new Set(['Makefile', 'Dockerfile', 'Containerfile', 'Gemfile', 'Rakefile', 'Procfile', 'Jenkinsfile', 'Vagrantfile', 'Brewfile', 'Justfile', 'LICENSE', 'CODEOWNERS']);
/** `application/json` and the like are media types, not folders. */
const MEDIA_TYPES = new Set(['application', 'audio', 'font', 'image', 'message', 'model', 'multipart', 'text', 'video']);
/** Location values that say there is none. */
const NO_LOCATION = new Set(['n/a', 'na', 'none', 'tbd', 'todo', '-', '—', 'not applicable', '(none)']);
/** Info strings of a fence that may hold a tree. */
const TREE_INFOS = new Set(['text', 'txt', 'plain', 'plaintext', 'tree', 'ascii', 'none']);

const URL_SCHEME = /^[a-z][a-z0-9+.-]+:/i;
const LINE_FRAGMENT = /^L([0-9]{1,9})(?:-L?([0-9]{1,9}))?$/;
const IDENTIFIER = /^[\p{L}_$][\p{L}\p{N}_$]*(?:(?:\.|::)[\p{L}_$][\p{L}\p{N}_$]*)*(?:\([^()]*\))?$/u;
const NOT_IN_PATHS = /[\s*?{}<>|"'`$=;]/;
/** A tree's names may hold spaces; globs and the like are not names. */
const NOT_IN_TREE_NAMES = /[*?{}<>|"`]/;
const LETTER = /\p{L}/u;
const PERCENT_RUN = /(?:%[0-9a-f]{2})+/gi;

export interface ReferenceSources {
  text: string;
  syntax: Syntax;
  sections: readonly Section[];
  /** The document's placeholders: a reference holding one is no reference. Sorted. */
  placeholders: readonly Span[];
  labels: ReferenceLabels;
}

/** Every reference of a notes document, in document order (docs/spec.md, "References"). */
export function extractReferences(sources: ReferenceSources): Reference[] {
  const reader = new ReferenceReader(sources);
  reader.readFields();
  reader.readTrees();
  reader.readLinksAndCode();
  return reader.out.sort((a, b) => a.start - b.start || a.end - b.end);
}

interface SymbolList {
  /** The label item's column; for a label outside a list, -1; for a heading, the list runs to the next heading. */
  indent: number;
  kind: 'item' | 'paragraph' | 'heading';
  scope: string[];
}

class ReferenceReader {
  readonly out: Reference[] = [];
  /** Destinations and code spans a field already read: links and inline code do not read them again. */
  private readonly claimed = new Set<number>();
  private readonly roles = new Map<string, 'location' | 'symbols' | 'none'>();
  private readonly headings = new Map<string, boolean>();

  constructor(private readonly s: ReferenceSources) {}

  /** One pass over the lines: Location fields and symbol lists. */
  readFields(): void {
    const { text, syntax, sections } = this.s;
    const code = new Cursor(syntax.code);
    const excluded = new Cursor(syntax.excluded);
    let section = -1;
    let location: { section: number; paths: string[] } | undefined;
    let list: SymbolList | undefined;
    for (let start = 0; start < text.length; ) {
      const end = lineEndAt(text, start);
      const next = nextLineStart(text, end);
      const { at, column } = lineContent(text, start, end);
      let heading = false;
      while (section + 1 < sections.length && sections[section + 1].start < end) {
        section++;
        heading = true;
      }
      if (heading) {
        const s = sections[section];
        const parent = s.parent;
        list = this.headingIs('symbols', s.title)
          ? { indent: -1, kind: 'heading', scope: location && (location.section === section || location.section === parent) ? location.paths : [] }
          : undefined;
      } else if (at < end) {
        if (list && list.kind !== 'heading' && (list.kind === 'item' ? column <= list.indent : column === 0 && afterListMarker(text, at, end) < 0)) list = undefined;
        if (!code.covers(at) && !excluded.covers(at)) {
          const field = fieldOn(text, start, end);
          const role = field && this.role(field.label);
          if (field && role === 'location') {
            location = { section, paths: this.readLocation(field.valueStart, end) };
            list = undefined;
          } else if (field && role === 'symbols') {
            list = { indent: field.isItem ? field.indent : -1, kind: field.isItem ? 'item' : 'paragraph', scope: location?.section === section ? location.paths : [] };
            this.readSymbols(field.valueStart, end, list.scope);
          } else if (list && !field) {
            const item = afterListMarker(text, at, end);
            if (item >= 0) this.readSymbols(item, end, list.scope);
          }
        }
      }
      start = next;
    }
  }

  /** What a field label marks; labels repeat (Purpose, Location, …), so each is judged once per document. */
  private role(label: string): 'location' | 'symbols' | undefined {
    let role = this.roles.get(label);
    if (role === undefined) {
      const { labels } = this.s;
      role = isLocationLabel(labels, label) ? 'location' : isSymbolsLabel(labels, label) ? 'symbols' : 'none';
      this.roles.set(label, role);
    }
    return role === 'none' ? undefined : role;
  }

  /** Whether a heading's title marks a symbol list or the tree; titles repeat too. */
  private headingIs(role: 'symbols' | 'tree', title: string): boolean {
    const key = `${role}\u0000${title}`;
    let is = this.headings.get(key);
    if (is === undefined) {
      is = role === 'symbols' ? isSymbolsLabel(this.s.labels, title) : isTreeTitle(this.s.labels, title);
      this.headings.set(key, is);
    }
    return is;
  }

  /** A Location value: comma-separated items, each plain text, inline code or a link. Returns the paths named. */
  private readLocation(from: number, to: number): string[] {
    const { text, syntax } = this.s;
    const paths: string[] = [];
    let item: { start: number; atoms: (CodeSpan | Destination)[] } = { start: from, atoms: [] };
    const endItem = (end: number) => {
      this.locationItem(item.start, end, item.atoms, paths);
      item = { start: end + 1, atoms: [] };
    };
    let code = firstStartingAtOrAfter(syntax.codeSpans, from);
    let link = firstNodeAtOrAfter(syntax.destinations, from);
    for (let p = from; p < to; ) {
      const c = code < syntax.codeSpans.length && syntax.codeSpans[code].start < to ? syntax.codeSpans[code] : undefined;
      const l = link < syntax.destinations.length && syntax.destinations[link].nodeStart < to ? syntax.destinations[link] : undefined;
      const atomStart = Math.min(c ? c.start : to, l ? l.nodeStart : to);
      // Plain text up to the next atom: its commas end items.
      for (let k = p; k < atomStart; k++) if (text.charCodeAt(k) === 44) endItem(k);
      if (atomStart >= to) break;
      if (c && c.start === atomStart) {
        item.atoms.push(c);
        code++;
        p = c.end;
      } else if (l) {
        // The link and the images inside it (listed after it) are one atom: the link's own destination.
        while (link < syntax.destinations.length && syntax.destinations[link].nodeStart < l.nodeEnd) this.claimed.add(syntax.destinations[link++].start);
        item.atoms.push(l);
        p = l.nodeEnd;
      }
      while (code < syntax.codeSpans.length && syntax.codeSpans[code].start < p) code++;
    }
    this.locationItem(item.start, to, item.atoms, paths);
    return paths;
  }

  private locationItem(start: number, end: number, atoms: readonly (CodeSpan | Destination)[], paths: string[]): void {
    if (this.holdsPlaceholder(start, end)) {
      for (const atom of atoms) this.claimed.add(atom.start);
      return;
    }
    const add = (ref: Reference | undefined) => {
      if (!ref) return;
      this.out.push(ref);
      if (ref.path !== undefined) paths.push(ref.path);
    };
    if (atoms.length === 0) {
      const { text } = this.s;
      let from = start;
      let to = end;
      while (from < to && isSpace(text.charCodeAt(from))) from++;
      while (to > from && isSpace(text.charCodeAt(to - 1))) to--;
      // A sentence's full stop is not part of the path (`..` is).
      if (to - from > 1 && text[to - 1] === '.' && text[to - 2] !== '.' && text[to - 2] !== '/') to--;
      const value = text.slice(from, to);
      // A reference link without a destination here, HTML: not a plain path.
      if (value === '' || NO_LOCATION.has(value.toLowerCase()) || !/[\p{L}\p{N}]/u.test(value) || holds(this.s.syntax.excluded, from, to)) return;
      add(pathReference('location', from, to, value, false));
      return;
    }
    for (const atom of atoms) {
      this.claimed.add(atom.start);
      if ('contentStart' in atom) {
        const value = this.s.text.slice(atom.contentStart, atom.contentEnd);
        if (value.trim() !== '') add(pathReference('location', atom.contentStart, atom.contentEnd, value, false));
      } else {
        add(linkReference(this.s.text, atom, 'location'));
      }
    }
  }

  /** The inline-code identifiers at the start of a symbol list's item (`` `Name`, `other()`: … ``). */
  private readSymbols(from: number, lineEnd: number, scope: string[]): void {
    const { text, syntax, labels } = this.s;
    const spans = syntax.codeSpans;
    let p = from;
    while (p < lineEnd && isSpace(text.charCodeAt(p))) p++;
    for (let i = firstStartingAtOrAfter(spans, p); i < spans.length && spans[i].start === p; i++) {
      const span = spans[i];
      const value = text.slice(span.contentStart, span.contentEnd);
      const symbol = IDENTIFIER.test(value) ? withoutCall(value) : undefined;
      // A file name (`indexer.ts`) in the list is a path, read as inline code.
      if (symbol !== undefined && !isPathLike(value) && !this.holdsPlaceholder(span.start, span.end)) {
        this.claimed.add(span.start);
        if (!labels.sampleSymbols.has(symbol)) {
          this.out.push({ kind: 'symbol', source: 'symbol', start: span.contentStart, end: span.contentEnd, text: value, symbol, scope });
        }
      }
      p = span.end;
      while (p < lineEnd && (isSpace(text.charCodeAt(p)) || text[p] === ',' || text[p] === '/')) p++;
    }
  }

  /** The trees of the Code Structure sections (and their subsections). */
  readTrees(): void {
    const { text, syntax, sections, labels, placeholders } = this.s;
    const read = new Set<FencedCode>();
    let budget = 8 * text.length + 65536;
    sections.forEach((section, index) => {
      if (!this.headingIs('tree', section.title)) return;
      let end = text.length;
      for (let j = index + 1; j < sections.length; j++) {
        if (sections[j].level <= section.level) {
          end = sections[j].start;
          break;
        }
      }
      for (let f = firstStartingAtOrAfter(syntax.fencedCode, section.headingEnd); f < syntax.fencedCode.length && syntax.fencedCode[f].start < end; f++) {
        const fence = syntax.fencedCode[f];
        if (read.has(fence)) continue;
        read.add(fence);
        const info = fence.info ? text.slice(fence.info.start, fence.info.end).toLowerCase() : '';
        if (info !== '' && !TREE_INFOS.has(info)) continue;
        if (labels.sampleTrees.has(treeKey(fence.lines.map((l) => text.slice(l.start, l.end))))) continue;
        budget = readTree(text, fence, placeholders, this.out, budget);
      }
    });
  }

  /** Links, images and definitions with a relative path, and inline code that is a path. */
  readLinksAndCode(): void {
    const { text, syntax } = this.s;
    for (const d of syntax.destinations) {
      if (this.claimed.has(d.start) || this.holdsPlaceholder(d.start, d.end)) continue;
      const ref = linkReference(text, d, 'link');
      if (ref) this.out.push(ref);
    }
    for (const c of syntax.codeSpans) {
      if (this.claimed.has(c.start) || this.holdsPlaceholder(c.start, c.end)) continue;
      const value = text.slice(c.contentStart, c.contentEnd);
      const ref = pathReference('code', c.contentStart, c.contentEnd, value, false);
      if (ref?.path !== undefined && isPathLike(ref.path)) this.out.push(ref);
    }
  }

  private holdsPlaceholder(start: number, end: number): boolean {
    return holds(this.s.placeholders, start, end);
  }
}

/** Walks sorted, disjoint spans alongside increasing offsets. */
class Cursor {
  private i = 0;
  constructor(private readonly spans: readonly Span[]) {}

  covers(offset: number): boolean {
    while (this.i < this.spans.length && this.spans[this.i].end <= offset) this.i++;
    return this.i < this.spans.length && this.spans[this.i].start <= offset;
  }
}

function firstStartingAtOrAfter(spans: readonly Span[], offset: number): number {
  return lastStartingAtOrBefore(spans, offset - 1) + 1;
}

function firstNodeAtOrAfter(destinations: readonly Destination[], offset: number): number {
  let lo = 0;
  let hi = destinations.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (destinations[mid].nodeStart < offset) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

function isSpace(c: number): boolean {
  return c === 32 || c === 9 || c === 10 || c === 13;
}

/** An inline-code path: no spaces, not a URL, not absolute or home-relative, with a `/` or a known extension or name. */
function isPathLike(path: string): boolean {
  if (path === '' || NOT_IN_PATHS.test(path) || !LETTER.test(path)) return false;
  const first = path[0];
  if (first === '/' || first === '~' || first === '@' || path.startsWith('www.') || URL_SCHEME.test(path)) return false;
  // `(N/A)` is a remark in parentheses; `N/A`, `I/O`, `CI/CD` are abbreviations: no file name is all capitals without a dot.
  if ((first === '(' && path.endsWith(')')) || (!path.includes('.') && path === path.toUpperCase())) return false;
  const slash = path.indexOf('/');
  if (slash >= 0) {
    // `application/json` is a media type.
    return !(path.indexOf('/', slash + 1) < 0 && MEDIA_TYPES.has(path.slice(0, slash)) && !path.includes('.'));
  }
  const dot = path.lastIndexOf('.');
  return (dot > 0 || (dot === 0 && path.length > 1)) && KNOWN_EXTENSIONS.has(path.slice(dot + 1).toLowerCase()) || KNOWN_NAMES.has(path);
}

/**
 * A path as written in inline code or a Location value, with its line
 * reference (`#L42`, `#L10-L20`, `:42`, `:10-20`, `:42:7`) split off;
 * undefined for a URL. `decode` (links): percent-decoded, a query dropped,
 * a fragment other than a line reference dropped.
 */
function pathReference(source: ReferenceSource, start: number, end: number, written: string, decode: boolean): Reference | undefined {
  if (written.includes('://') || written.startsWith('//')) return undefined;
  let path = written;
  let lines: { from: number; to: number } | undefined;
  const hash = path.indexOf('#');
  if (hash >= 0) {
    const fragment = LINE_FRAGMENT.exec(path.slice(hash + 1));
    if (fragment) lines = lineRange(fragment[1], fragment[2]);
    if (fragment || decode) path = path.slice(0, hash);
  }
  if (decode) {
    const query = path.indexOf('?');
    if (query >= 0) path = path.slice(0, query);
  }
  if (!lines && !decode) {
    const suffix = lineSuffix(path);
    if (suffix) {
      lines = suffix.lines;
      path = path.slice(0, suffix.at);
    }
  }
  if (URL_SCHEME.test(path)) return undefined;
  if (decode) path = percentDecode(path);
  if (path === '') return undefined;
  const kind: ReferenceKind = lines ? 'line' : 'path';
  const ref: Reference = { kind, source, start, end, text: written, path };
  if (lines) ref.lines = lines;
  return ref;
}

/** `:42`, `:10-20` or `:42:7` (a column, dropped) ending a path, after something: where it starts and the lines. */
function lineSuffix(path: string): { at: number; lines: { from: number; to: number } } | undefined {
  const last = digitsBefore(path, path.length);
  if (last === path.length || last < 2) return undefined;
  const separator = path[last - 1];
  if (separator === ':') {
    // `:42:7`: a line and a column.
    const line = digitsBefore(path, last - 1);
    if (line < last - 1 && line >= 2 && path[line - 1] === ':') {
      const lines = lineRange(path.slice(line, last - 1), undefined);
      return lines && { at: line - 1, lines };
    }
    const lines = lineRange(path.slice(last), undefined);
    return lines && { at: last - 1, lines };
  }
  if (separator === '-') {
    const first = digitsBefore(path, last - 1);
    if (first === last - 1 || first < 2 || path[first - 1] !== ':') return undefined;
    const lines = lineRange(path.slice(first, last - 1), path.slice(last));
    return lines && { at: first - 1, lines };
  }
  return undefined;
}

/** Where the run of at most 9 ASCII digits ending at `end` starts (`end` when there is none). */
function digitsBefore(text: string, end: number): number {
  let i = end;
  while (i > 0 && end - i < 9 && text.charCodeAt(i - 1) >= 48 && text.charCodeAt(i - 1) <= 57) i--;
  return i;
}

function lineRange(from: string, to: string | undefined): { from: number; to: number } | undefined {
  const a = Number(from);
  const b = to === undefined ? a : Number(to);
  if (a < 1 || b < 1) return undefined;
  return { from: Math.min(a, b), to: Math.max(a, b) };
}

/** A link's, image's or definition's destination, when it is a relative path (not a URL, not `#fragment` alone). */
function linkReference(text: string, d: Destination, source: ReferenceSource): Reference | undefined {
  const written = text.slice(d.start, d.end);
  const value = decodeMarkdownString(written);
  if (value === '' || value.startsWith('#') || value.startsWith('?')) return undefined;
  const ref = pathReference(source, d.start, d.end, value, true);
  if (ref) ref.text = written;
  return ref;
}

/** `%20` and other percent-escapes decoded; a malformed one is kept as written. */
function percentDecode(path: string): string {
  if (!path.includes('%')) return path;
  return path.replace(PERCENT_RUN, (run) => {
    try {
      return decodeURIComponent(run);
    } catch {
      return run;
    }
  });
}

interface TreeLine {
  column: number;
  start: number;
  end: number;
}

/** Characters that draw a tree, besides spaces: box drawing and ASCII `|`. */
function isTreeDrawing(c: number): boolean {
  return c === 32 || c === 9 || c === 0xa0 || c === 124 || (c >= 0x2500 && c <= 0x257f);
}

/**
 * One line of a tree: the name's column and span, past the drawing (`│   ├── `,
 * `|-- `, `` `-- ``, `- `) and before a comment (`# …`, `// …`, `<- …`) or a
 * description after two spaces; undefined for a line with no name.
 */
function treeLine(text: string, line: Span): TreeLine | undefined {
  let i = line.start;
  let column = 0;
  const end = line.end;
  for (; i < end && isTreeDrawing(text.charCodeAt(i)); i++) column += text.charCodeAt(i) === 9 ? 4 - (column % 4) : 1;
  // ASCII branches: `|-- `, `+-- `, `` `-- ``, `\-- `; a Markdown-like bullet `- `.
  if ((text[i] === '`' || text[i] === '+' || text[i] === '\\') && text[i + 1] === '-') {
    i++;
    column++;
  }
  if (text[i] === '-' && (text[i + 1] === '-' || text[i + 1] === ' ')) {
    while (text[i] === '-') {
      i++;
      column++;
    }
    while (i < end && (text[i] === ' ' || text[i] === '\t')) {
      i++;
      column++;
    }
  }
  const start = i;
  let stop = end;
  for (let k = start; k < end; k++) {
    const c = text.charCodeAt(k);
    if (c !== 32 && c !== 9) continue;
    const after = text[k + 1];
    if (after === undefined || after === ' ' || after === '\t' || after === '#' || after === '←' || after === '<' || after === '(' || after === '-' || after === '–' || after === '—' || (after === '/' && text[k + 2] === '/')) {
      stop = k;
      break;
    }
  }
  while (stop > start && (text.charCodeAt(stop - 1) === 32 || text.charCodeAt(stop - 1) === 9)) stop--;
  if (stop === start || text[start] === '#') return undefined;
  return { column, start, end: stop };
}

/**
 * A tree's path lines, each resolved against its parent lines (the nearest
 * line above it with a smaller column). A lone top line whose children hold
 * the rest (`project_root/`) stands for the repository root and is no
 * reference itself. A line under a placeholder, a glob or `...` yields
 * nothing. Returns what is left of the budget of path characters.
 */
function readTree(text: string, fence: FencedCode, placeholders: readonly Span[], out: Reference[], budget: number): number {
  const lines: TreeLine[] = [];
  for (const l of fence.lines) {
    const line = treeLine(text, l);
    if (line) lines.push(line);
  }
  if (lines.length === 0) return budget;
  const top = lines[0];
  const topName = text.slice(top.start, top.end);
  const isRoot = (topName.endsWith('/') || topName === '.') && lines.every((l, i) => i === 0 || l.column > top.column);
  // `src/` as the lone top line may be the project's root or its folder `src`: resolution tries both.
  let topEnd = topName.length;
  while (topEnd > 0 && topName[topEnd - 1] === '/') topEnd--;
  const topFolder = topName.slice(0, topEnd);
  const treeTop = isRoot && topFolder !== '.' && !topFolder.includes('..') && !NOT_IN_TREE_NAMES.test(topFolder) && !holds(placeholders, top.start, top.end) ? topFolder : '';
  const open: { column: number; path: string | undefined; ref: Reference | undefined }[] = [];
  let left = budget;
  lines.forEach((line, i) => {
    if (i === 0 && isRoot) return;
    while (open.length > 0 && open[open.length - 1].column >= line.column) open.pop();
    const parent = open[open.length - 1];
    if (parent?.ref) parent.ref.folder = true;
    const written = text.slice(line.start, line.end);
    const folder = written.endsWith('/');
    let nameEnd = written.length;
    while (nameEnd > 0 && written[nameEnd - 1] === '/') nameEnd--;
    const name = written.slice(0, nameEnd);
    const blocked = (parent && parent.path === undefined) || name === '' || name === '...' || name === '…' || NOT_IN_TREE_NAMES.test(name) || holds(placeholders, line.start, line.end);
    const path = blocked ? undefined : parent ? `${parent.path}/${name}` : name;
    if (path === undefined || path.length > MAX_TREE_PATH || path.length > left) {
      open.push({ column: line.column, path: undefined, ref: undefined });
      return;
    }
    left -= path.length;
    const ref: Reference = { kind: 'tree', source: 'tree', start: line.start, end: line.end, text: written, path, folder };
    if (treeTop !== '') ref.treeTop = treeTop;
    out.push(ref);
    open.push({ column: line.column, path, ref });
  });
  return left;
}

/** Whether [start, end) meets one of the sorted, disjoint spans. */
function holds(spans: readonly Span[], start: number, end: number): boolean {
  const i = lastStartingAtOrBefore(spans, end - 1);
  return i >= 0 && spans[i].end > start;
}
