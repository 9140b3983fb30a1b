/**
 * The one fenced-code line scanner of the core (notes detection, section
 * cuts and block placement all use it), with CommonMark's rules: a fence is
 * 3+ backticks or tildes after at most 3 spaces (a backtick fence's info
 * string holds no backtick); it closes on a line of the same character, at
 * least as long, indented at most 3 spaces and followed only by spaces or
 * tabs. Character loops, no regex: each line costs its length.
 */
export interface Fence {
  char: '`' | '~';
  length: number;
}

/** The fence run at the start of a line (after ≤3 spaces), if there is one. */
function fenceRun(line: string): { char: '`' | '~'; length: number; end: number } | undefined {
  let i = 0;
  while (i < 3 && line.charCodeAt(i) === 32) i++;
  const char = line[i];
  if (char !== '`' && char !== '~') return undefined;
  let end = i;
  while (line[end] === char) end++;
  return end - i >= 3 ? { char, length: end - i, end } : undefined;
}

/** The fence this line opens, if it opens one (outside fenced code). */
export function openingFence(line: string): Fence | undefined {
  const run = fenceRun(line);
  if (!run) return undefined;
  if (run.char === '`' && line.indexOf('`', run.end) >= 0) return undefined;
  return { char: run.char, length: run.length };
}

/** Does this line close the fenced code that `open` opened? */
export function closesFence(line: string, open: Fence): boolean {
  const run = fenceRun(line);
  if (!run || run.char !== open.char || run.length < open.length) return false;
  for (let i = run.end; i < line.length; i++) {
    const c = line.charCodeAt(i);
    if (c !== 32 && c !== 9) return false;
  }
  return true;
}

/** Feeds lines in order and tells which belong to fenced code. */
export class FenceTracker {
  private open: Fence | undefined;

  /** Inside fenced code after the lines fed so far. */
  get isOpen(): boolean {
    return this.open !== undefined;
  }

  /** True when the line is part of fenced code, its opening and closing fences included. */
  isCode(line: string): boolean {
    if (this.open) {
      if (closesFence(line, this.open)) this.open = undefined;
      return true;
    }
    this.open = openingFence(line);
    return this.open !== undefined;
  }
}
