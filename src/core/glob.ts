/**
 * A small glob matcher for the `files` setting, with no Node dependency:
 * `**` (any folders), `*` and `?` (within one path segment), `{a,b}` and
 * `[abc]` classes. Paths use `/`; a pattern without `/` matches the file name
 * at any depth, as `.gitignore` and VS Code's `files.exclude` do.
 */
export function globToRegExp(glob: string): RegExp {
  let pattern = glob.trim().replace(/\\/g, '/');
  if (pattern.startsWith('./')) pattern = pattern.slice(2);
  if (!pattern.includes('/')) pattern = `**/${pattern}`;
  let re = '';
  let braces = 0;
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern[i];
    if (c === '*') {
      if (pattern[i + 1] === '*') {
        const slashAfter = pattern[i + 2] === '/';
        re += slashAfter ? '(?:[^/]*/)*' : '.*';
        i += slashAfter ? 2 : 1;
      } else {
        re += '[^/]*';
      }
    } else if (c === '?') {
      re += '[^/]';
    } else if (c === '{') {
      braces++;
      re += '(?:';
    } else if (c === '}' && braces > 0) {
      braces--;
      re += ')';
    } else if (c === ',' && braces > 0) {
      re += '|';
    } else if (c === '[') {
      const close = pattern.indexOf(']', i + 1);
      if (close > i + 1) {
        re += '[' + pattern.slice(i + 1, close).replace(/^!/, '^').replace(/\\/g, '\\\\') + ']';
        i = close;
      } else {
        re += '\\[';
      }
    } else {
      re += c.replace(/[.+^$()|\\\]]/g, '\\$&');
    }
  }
  while (braces-- > 0) re += ')';
  return new RegExp(`^${re}$`);
}

/** Does a `/`-separated relative path match any of the globs? */
export function matchesAnyGlob(relativePath: string, globs: readonly string[]): boolean {
  const path = relativePath.replace(/\\/g, '/').replace(/^\.\//, '');
  return globs.some((g) => g.trim() !== '' && globToRegExp(g).test(path));
}
