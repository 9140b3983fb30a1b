// The "Notes in Workspace" list: one row per notes file, least complete first.
// Pure so the extension, the CLI and the bench can share it.

export interface FileProgress {
  /** Workspace-relative path, with '/' separators. */
  path: string;
  /** Sections done, of `total` sections the file has (missing ones are `missing`). */
  done: number;
  total: number;
  placeholders: number;
  missing: number;
}

/** What is still to do in a file: sections not done plus sections missing. */
export function remainingWork(file: FileProgress): number {
  return file.total - file.done + file.missing;
}

/** Least complete first, then by path so the order is stable. */
export function compareByCompleteness(a: FileProgress, b: FileProgress): number {
  return remainingWork(b) - remainingWork(a) || b.placeholders - a.placeholders || (a.path < b.path ? -1 : a.path > b.path ? 1 : 0);
}

export function sortByCompleteness(files: readonly FileProgress[]): FileProgress[] {
  return [...files].sort(compareByCompleteness);
}

/**
 * Whether a workspace-relative path is inside node_modules or a dot-folder,
 * which the scan skips. One pass over the path's segments.
 */
export function isExcludedPath(path: string): boolean {
  const segments = path.split('/');
  for (let i = 0; i < segments.length - 1; i++) {
    const segment = segments[i];
    if (segment === 'node_modules' || (segment.startsWith('.') && segment !== '.' && segment !== '..')) return true;
  }
  return false;
}
