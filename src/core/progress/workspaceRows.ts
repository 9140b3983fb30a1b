// Which files the "Notes in Workspace" scan skips (its order: progress/remaining.ts).

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
