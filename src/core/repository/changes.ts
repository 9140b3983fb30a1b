// Which documents' references a change of the repository's files may touch
// (docs/spec.md, "References in the editor"): the editor re-resolves only
// those, not every notes file of the repository, when files appear, go or
// change.
import type { Reference } from '../references/model';
import { isAbsolute } from './resolve';

/**
 * What a document's references depend on: the names (lower-cased) of the
 * files and folders they name, or `any` when some reference depends on
 * every file (a symbol looked up in the whole repository; a path whose last
 * name says nothing, such as `..`).
 */
export interface ReferenceDependencies {
  any: boolean;
  names: ReadonlySet<string>;
}

/**
 * A path's status, lines, declared names and "moved to" candidates (files
 * of its base name, case ignored) all change only with a file or folder of
 * its base name: a path depends on that name. One pass over the references.
 */
export function referenceDependencies(references: readonly Reference[]): ReferenceDependencies {
  const names = new Set<string>();
  const depend = (path: string): boolean => {
    // Absolute: never read, whatever changes (docs/spec.md, "Resolving references").
    if (isAbsolute(path)) return true;
    const trimmed = path.endsWith('/') ? path.slice(0, -1) : path;
    const name = trimmed.slice(trimmed.lastIndexOf('/') + 1).toLowerCase();
    if (name === '' || name === '.' || name === '..') return false;
    names.add(name);
    return true;
  };
  for (const ref of references) {
    if (ref.kind === 'symbol') {
      const scope = ref.scope ?? [];
      // No Location: the whole repository's source files are searched.
      if (scope.length === 0) return { any: true, names };
      for (const path of scope) if (!depend(path)) return { any: true, names };
    } else if (!depend(ref.path ?? ref.text)) {
      return { any: true, names };
    }
  }
  return { any: false, names };
}

/**
 * The lower-cased names of the files and folders changed: each path's
 * segments (a file appearing also makes its folders appear). Linear in the
 * paths' lengths.
 */
export function changedNames(paths: Iterable<string>): Set<string> {
  const out = new Set<string>();
  for (const path of paths) {
    let start = 0;
    for (let i = 0; i <= path.length; i++) {
      if (i === path.length || path.charCodeAt(i) === 47 /* / */) {
        if (i > start) out.add(path.slice(start, i).toLowerCase());
        start = i + 1;
      }
    }
  }
  return out;
}

/** Whether a change of files named `changed` (see `changedNames`) may change how the references resolve. Linear in the references' names. */
export function isAffected(dependencies: ReferenceDependencies, changed: ReadonlySet<string>): boolean {
  if (dependencies.any) return true;
  for (const name of dependencies.names) if (changed.has(name)) return true;
  return false;
}
