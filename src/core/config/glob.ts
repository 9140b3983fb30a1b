/**
 * A small glob matcher for the `files` setting, with no Node dependency:
 * `**` (any folders), `*` and `?` (within one path segment), `{a,b}` and
 * `[abc]` classes. Paths use `/`; a pattern without `/` matches the file name
 * at any depth, as `.gitignore` and VS Code's `files.exclude` do.
 *
 * Globs come from the workspace, so they are not compiled to backtracking
 * regexes (`*a*a*a*a*a*a*a*a*b` took 4.4 s on a 43-character name): each is
 * run as a set of NFA states, one step per character of the path, so a match
 * costs at most (path length × pattern length).
 */

/** Brace alternatives per glob: `{a,b}{c,d}…` multiplies, so it is capped. */
export const MAX_GLOB_ALTERNATIVES = 64;
const MAX_GLOB_LENGTH = 1000;

const SLASH = 47;

/** One NFA state: the state one character leads to (-1: none), and where it may go without consuming. */
interface State {
  step: (c: number) => number;
  /** Reachable without consuming a character (an optional part: `*`, `**`). */
  skipTo?: number;
}

export type GlobMatcher = (path: string) => boolean;

/** Why a glob cannot be used, or undefined when it can. */
export function globProblem(glob: string): string | undefined {
  if (glob.trim() === '') return 'expected a glob, not an empty string';
  if (glob.length > MAX_GLOB_LENGTH) return `glob longer than ${MAX_GLOB_LENGTH} characters`;
  if (expandBraces(normalise(glob)) === undefined) return `glob ${glob} has more than ${MAX_GLOB_ALTERNATIVES} brace alternatives`;
  return undefined;
}

/** A matcher for one glob; undefined for a glob `globProblem` rejects. */
export function compileGlob(glob: string): GlobMatcher | undefined {
  if (globProblem(glob) !== undefined) return undefined;
  const automata = expandBraces(normalise(glob))!.map(compileAlternative);
  return (path) => automata.some((states) => run(states, path));
}

/** Does a `/`-separated relative path match any of the (usable) globs? */
export function matchesAnyGlob(relativePath: string, globs: readonly string[]): boolean {
  const path = relativePath.replace(/\\/g, '/').replace(/^\.\//, '');
  return globs.some((g) => compileGlob(g)?.(path) ?? false);
}

function normalise(glob: string): string {
  let pattern = glob.trim().replace(/\\/g, '/');
  if (pattern.startsWith('./')) pattern = pattern.slice(2);
  return pattern.includes('/') ? pattern : `**/${pattern}`;
}

/** The brace-free alternatives of a pattern, or undefined past the cap. An unclosed `{` is literal. */
function expandBraces(pattern: string): string[] | undefined {
  const open = pattern.indexOf('{');
  if (open < 0) return [pattern];
  const parts: string[] = [];
  let depth = 0;
  let from = open + 1;
  let close = -1;
  for (let i = open; i < pattern.length && close < 0; i++) {
    const c = pattern[i];
    if (c === '{') depth++;
    else if (c === '}' && --depth === 0) close = i;
    if ((c === ',' && depth === 1) || close === i) {
      parts.push(pattern.slice(from, i));
      from = i + 1;
    }
  }
  const head = pattern.slice(0, open);
  if (close < 0) return expandBraces(pattern.slice(open + 1))?.map((rest) => `${head}{${rest}`);
  const out: string[] = [];
  for (const part of parts) {
    const expanded = expandBraces(head + part + pattern.slice(close + 1));
    if (!expanded || out.push(...expanded) > MAX_GLOB_ALTERNATIVES) return undefined;
  }
  return out;
}

/** States 0…n-1 of a brace-free glob; state n accepts. */
function compileAlternative(pattern: string): State[] {
  const states: State[] = [];
  const one = (accepts: (c: number) => boolean) => {
    const next = states.length + 1;
    states.push({ step: (c) => (accepts(c) ? next : -1) });
  };
  const loop = (accepts: (c: number) => boolean) => {
    const self = states.length;
    states.push({ step: (c) => (accepts(c) ? self : -1), skipTo: self + 1 });
  };
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern[i];
    if (c === '*' && pattern[i + 1] === '*' && pattern[i + 2] === '/') {
      // `**/`: zero or more whole segments ([^/]* then `/`): a boundary state
      // that may be skipped, and an inside-a-segment state that may not.
      const boundary = states.length;
      const step = (ch: number) => (ch === SLASH ? boundary : boundary + 1);
      states.push({ step, skipTo: boundary + 2 }, { step });
      i += 2;
    } else if (c === '*' && pattern[i + 1] === '*') {
      loop(() => true);
      i++;
    } else if (c === '*') {
      loop((ch) => ch !== SLASH);
    } else if (c === '?') {
      one((ch) => ch !== SLASH);
    } else if (c === '[' && pattern.indexOf(']', i + 2) > i + 1) {
      const close = pattern.indexOf(']', i + 2);
      one(charClass(pattern.slice(i + 1, close)));
      i = close;
    } else {
      const code = pattern.charCodeAt(i);
      one((ch) => ch === code);
    }
  }
  return states;
}

/** `[abc]`, `[a-z]`, `[!x]` / `[^x]`; never matches `/`. */
function charClass(body: string): (c: number) => boolean {
  const negated = body[0] === '!' || body[0] === '^';
  const ranges: [number, number][] = [];
  for (let i = negated ? 1 : 0; i < body.length; i++) {
    const low = body.charCodeAt(i);
    if (body[i + 1] === '-' && i + 2 < body.length) {
      ranges.push([low, body.charCodeAt(i + 2)]);
      i += 2;
    } else {
      ranges.push([low, low]);
    }
  }
  return (c) => c !== SLASH && ranges.some(([lo, hi]) => c >= lo && c <= hi) !== negated;
}

/** Simulates the NFA: the set of live states after each character, in two reused buffers. */
function run(states: readonly State[], path: string): boolean {
  const accept = states.length;
  // stamp[s] === step number: s is already live at this step.
  const stamp = new Int32Array(accept + 1).fill(-1);
  let live = new Int32Array(accept + 1);
  let next = new Int32Array(accept + 1);
  let count = addWithSkips(states, 0, live, 0, stamp, 0);
  for (let i = 0; i < path.length && count > 0; i++) {
    const c = path.charCodeAt(i);
    let nextCount = 0;
    for (let k = 0; k < count; k++) {
      const s = live[k];
      const to = s < accept ? states[s].step(c) : -1;
      if (to >= 0) nextCount = addWithSkips(states, to, next, nextCount, stamp, i + 1);
    }
    [live, next] = [next, live];
    count = nextCount;
  }
  for (let k = 0; k < count; k++) if (live[k] === accept) return true;
  return false;
}

/** Adds a state and those its skips reach, each once per step; returns the new count. */
function addWithSkips(states: readonly State[], state: number, out: Int32Array, count: number, stamp: Int32Array, step: number): number {
  for (let s: number | undefined = state; s !== undefined && stamp[s] !== step; s = s < states.length ? states[s].skipTo : undefined) {
    stamp[s] = step;
    out[count++] = s;
  }
  return count;
}
