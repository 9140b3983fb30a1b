// The repository's file list as data (docs/spec.md, "Resolving references"):
// which relative paths are files and folders, the files of a base name, all
// files; built once per run from `git ls-files` or a walk, and kept current by
// the editor's watcher through add/remove.

/**
 * Longer paths are left out of the list: no file system in use stores one
 * (PATH_MAX is 4,096 bytes on Linux, 1,024 on macOS), and each listed path
 * costs time in its length times its depth.
 */
export const MAX_LISTED_PATH = 4096;

/** The last segment of a `/`-separated path (`a/b.ts` gives `b.ts`). */
export function baseName(path: string): string {
  return path.slice(path.lastIndexOf('/') + 1);
}

export class RepositoryFiles {
  /** The repository root: absolute, `/`-separated, without a trailing `/` (except `/` itself). */
  readonly root: string;
  private readonly files = new Set<string>();
  /**
   * Each folder with the number of listed files below it (a folder is there
   * while it holds one), and each lower-cased base name with its files and
   * folders: built on first use, as most checks ask only whether files exist.
   */
  private index: { folders: Map<string, number>; byName: Map<string, string[]> } | undefined;

  /**
   * `files`: paths relative to `root`, `/`-separated, without `./`.
   * `complete`: false when the list was cut at a bound (the walk's), so a
   * path not in it may still exist.
   */
  constructor(root: string, files: Iterable<string> = [], readonly complete = true) {
    this.root = root.length > 1 && root.endsWith('/') ? root.slice(0, -1) : root;
    for (const file of files) if (file !== '' && file.length <= MAX_LISTED_PATH) this.files.add(file);
  }

  /** Files listed. */
  get size(): number {
    return this.files.size;
  }

  isFile(path: string): boolean {
    return this.files.has(path);
  }

  /** `''` is the root itself. */
  isFolder(path: string): boolean {
    return path === '' || this.indexed().folders.has(path);
  }

  /** The files and folders whose base name is `name`, ignoring case (for "moved to" candidates). */
  named(name: string): readonly string[] {
    return this.indexed().byName.get(name.toLowerCase()) ?? [];
  }

  /** Every listed file, in the order listed. */
  [Symbol.iterator](): IterableIterator<string> {
    return this.files.values();
  }

  /** Adds a file (and its folders); false when it was there already or cannot be listed. */
  add(path: string): boolean {
    if (path === '' || path.length > MAX_LISTED_PATH || this.files.has(path)) return false;
    this.files.add(path);
    if (this.index) indexFile(this.index, path, 1);
    return true;
  }

  /** Removes a file; its folders go with their last file. False when it was not listed. */
  remove(path: string): boolean {
    if (!this.files.delete(path)) return false;
    if (this.index) indexFile(this.index, path, -1);
    return true;
  }

  private indexed(): { folders: Map<string, number>; byName: Map<string, string[]> } {
    if (!this.index) {
      this.index = { folders: new Map(), byName: new Map() };
      for (const file of this.files) indexFile(this.index, file, 1);
    }
    return this.index;
  }
}

/** Counts a file in (`change` 1) or out (-1) of its folders, and its name and its folders' names in or out of the name index. */
function indexFile(index: { folders: Map<string, number>; byName: Map<string, string[]> }, path: string, change: 1 | -1): void {
  nameIndex(index.byName, path, change);
  for (let slash = path.lastIndexOf('/'); slash > 0; slash = path.lastIndexOf('/', slash - 1)) {
    const folder = path.slice(0, slash);
    const count = (index.folders.get(folder) ?? 0) + change;
    if (count > 0) index.folders.set(folder, count);
    else index.folders.delete(folder);
    if ((change === 1 && count === 1) || count === 0) nameIndex(index.byName, folder, change);
  }
}

function nameIndex(byName: Map<string, string[]>, path: string, change: 1 | -1): void {
  const key = baseName(path).toLowerCase();
  const list = byName.get(key);
  if (change === 1) {
    if (list) list.push(path);
    else byName.set(key, [path]);
    return;
  }
  if (!list) return;
  const at = list.indexOf(path);
  if (at >= 0) list.splice(at, 1);
  if (list.length === 0) byName.delete(key);
}
