import { HostError, joinPath, parentPath, tooLargeMessage, type HostEntry, type HostStat, type NotesHost } from '../../src/core';

/** A file's text, a file of a given size that is never held (its bytes are `filler`), a link, or a special file. */
export type MemoryEntry = string | { size: number; filler?: string } | { linkTo: string } | { other: string };

// The test fakes the unit suites share, written once.

/**
 * A file system in memory, the NotesHost of the core's tests (config
 * discovery, reference resolution): absolute paths to entries, folders
 * implied by the paths under them. Records every read (how many per path,
 * in order, with its byte limit), so tests can assert that a file is read
 * at most once and nothing outside is.
 */
export class MemoryHost implements NotesHost {
  readonly reads = new Map<string, number>();
  /** Every read's path, in order. */
  readonly readOrder: string[] = [];
  /** Every read's byte limit, in order. */
  readonly limits: number[] = [];
  /** Every read's real path (its links followed), in order: where its bytes came from. */
  readonly realReads: string[] = [];
  readonly realpaths: string[] = [];
  /** Every isLink call's path, in order. */
  readonly linkChecks: string[] = [];
  private children: Map<string, Map<string, true>> | undefined;

  /** `withLinkChecks`: the host answers isLink, as the CLI's does (the editor's does not). */
  constructor(
    private readonly entries: Map<string, MemoryEntry>,
    withPrefixReads = true,
    withLinkChecks = false,
  ) {
    if (!withPrefixReads) this.readPrefix = undefined;
    if (!withLinkChecks) this.isLink = undefined;
  }

  static of(entries: Record<string, MemoryEntry>, withPrefixReads = true, withLinkChecks = false): MemoryHost {
    return new MemoryHost(new Map(Object.entries(entries)), withPrefixReads, withLinkChecks);
  }

  /** Reads of paths outside `folder`. */
  readsOutside(folder: string): string[] {
    return [...this.reads.keys()].filter((p) => p !== folder && !p.startsWith(folder + '/'));
  }

  private resolve(path: string, depth = 0): string {
    if (depth > 40) throw new HostError('too many levels of symbolic links');
    let at = '';
    for (const segment of path.split('/').filter(Boolean)) {
      at = `${at}/${segment}`;
      const entry = this.entries.get(at);
      if (entry && typeof entry === 'object' && 'linkTo' in entry) at = this.resolve(joinPath(parentPath(at), entry.linkTo), depth + 1);
    }
    return at || '/';
  }

  private folderIndex(): Map<string, Map<string, true>> {
    if (this.children) return this.children;
    const children = new Map<string, Map<string, true>>();
    for (const path of this.entries.keys()) {
      let child = path;
      for (let parent = parentPath(child); ; parent = parentPath(parent)) {
        let names = children.get(parent);
        if (!names) children.set(parent, (names = new Map()));
        const name = child.slice(child.lastIndexOf('/') + 1);
        if (names.has(name)) break;
        names.set(name, true);
        if (parent === '/') break;
        child = parent;
      }
    }
    this.children = children;
    return children;
  }

  private isFolder(path: string): boolean {
    return this.folderIndex().has(path);
  }

  private bytesOf(path: string, limit: number, truncate: boolean): { bytes: Uint8Array; complete: boolean } {
    this.reads.set(path, (this.reads.get(path) ?? 0) + 1);
    this.readOrder.push(path);
    this.limits.push(limit);
    const real = this.resolve(path);
    this.realReads.push(real);
    const entry = this.entries.get(real);
    if (entry === undefined) throw new HostError(this.isFolder(real) ? 'is a directory' : 'no such file or directory');
    if (typeof entry === 'object' && 'other' in entry) throw new HostError(entry.other);
    if (typeof entry === 'object' && 'size' in entry) {
      if (!truncate && entry.size > limit) throw new HostError(tooLargeMessage(limit, entry.size));
      const length = Math.min(entry.size, limit);
      return { bytes: new TextEncoder().encode((entry.filler ?? 'x').repeat(Math.ceil(length / (entry.filler ?? 'x').length)).slice(0, length)), complete: entry.size <= limit };
    }
    const bytes = new TextEncoder().encode(entry as string);
    if (bytes.length > limit && !truncate) throw new HostError(tooLargeMessage(limit, bytes.length));
    return { bytes: bytes.subarray(0, limit), complete: bytes.length <= limit };
  }

  async readFile(path: string, limit: number): Promise<Uint8Array> {
    return this.bytesOf(path, limit, false).bytes;
  }

  readPrefix? = async (path: string, limit: number): Promise<{ bytes: Uint8Array; complete: boolean }> => this.bytesOf(path, limit, true);

  async readDirectory(path: string): Promise<HostEntry[]> {
    const real = this.resolve(path);
    const names = this.folderIndex().get(real);
    if (!names) throw new HostError('no such file or directory');
    const out: HostEntry[] = [];
    for (const name of names.keys()) {
      const stat = await this.stat(`${real === '/' ? '' : real}/${name}`).catch(() => undefined);
      out.push({ name, kind: stat?.kind ?? 'other' });
    }
    return out;
  }

  async stat(path: string): Promise<HostStat | undefined> {
    let real: string;
    try {
      real = this.resolve(path);
    } catch {
      return { kind: 'other', what: 'too many levels of symbolic links' };
    }
    const entry = this.entries.get(real);
    if (entry === undefined) {
      if (this.isFolder(real)) return { kind: 'directory' };
      return this.lastIsLink(path) ? { kind: 'other', what: 'a dangling symbolic link' } : undefined;
    }
    if (typeof entry === 'object' && 'other' in entry) return { kind: 'other', what: entry.other };
    return { kind: 'file' };
  }

  /** As lstat: whether the last segment of `path` (its folders followed) is a link; fails when nothing is there. */
  isLink? = async (path: string): Promise<boolean> => {
    this.linkChecks.push(path);
    if (this.lastIsLink(path)) return true;
    const real = this.resolve(path);
    if (!this.entries.has(real) && !this.isFolder(real)) throw new HostError('no such file or directory');
    return false;
  };

  /** Whether the last segment of `path` (its folder resolved) is a link. */
  private lastIsLink(path: string): boolean {
    const folder = this.resolve(parentPath(path));
    const entry = this.entries.get(`${folder === '/' ? '' : folder}/${path.slice(path.lastIndexOf('/') + 1)}`);
    return typeof entry === 'object' && 'linkTo' in entry;
  }

  async realpath(path: string): Promise<string> {
    this.realpaths.push(path);
    const real = this.resolve(path);
    if (!this.entries.has(real) && !this.isFolder(real)) throw new HostError('no such file or directory');
    return real;
  }
}
