// The lines a change touched, from `git diff --unified=0` output (the CLI runs
// git; this only reads its text): per file of the new side, the 1-based line
// ranges added or changed. One pass; each hunk's body is skipped by its counts,
// so a content line that reads like a header cannot be taken for one.

export interface LineRange {
  from: number;
  to: number;
}

/** New-side path (as git wrote it after `b/`, unquoted) to its changed ranges, in order; deleted files are absent. */
export function changedLines(diff: string): Map<string, LineRange[]> {
  const out = new Map<string, LineRange[]>();
  const lines = diff.split('\n');
  let current: LineRange[] | undefined;
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i];
    if (line.startsWith('diff --git ')) {
      current = undefined;
    } else if (line.startsWith('+++ ')) {
      const target = unquote(line.slice(4));
      current = target === undefined || target === '/dev/null' ? undefined : [];
      if (current && target !== undefined) out.set(target.startsWith('b/') ? target.slice(2) : target, current);
    } else if (line.startsWith('@@ ')) {
      const hunk = hunkHeader(line);
      if (!hunk) continue;
      if (current && hunk.newCount > 0) current.push({ from: hunk.newStart, to: hunk.newStart + hunk.newCount - 1 });
      // The body: oldCount `-` lines and newCount `+` lines (and `\ No newline` notes).
      let body = hunk.oldCount + hunk.newCount;
      while (body > 0 && i + 1 < lines.length) {
        i++;
        if (!lines[i].startsWith('\\')) body--;
      }
    }
  }
  return out;
}

/** `@@ -a[,b] +c[,d] @@…`: counts default to 1. */
function hunkHeader(line: string): { oldCount: number; newStart: number; newCount: number } | undefined {
  const parts = line.split(' ');
  const old = parts[1];
  const now = parts[2];
  if (!old?.startsWith('-') || !now?.startsWith('+')) return undefined;
  const [, oldCount = '1'] = old.slice(1).split(',');
  const [newStart, newCount = '1'] = now.slice(1).split(',');
  const numbers = [Number(oldCount), Number(newStart), Number(newCount)];
  if (numbers.some((n) => !Number.isInteger(n) || n < 0)) return undefined;
  return { oldCount: numbers[0], newStart: numbers[1], newCount: numbers[2] };
}

const C_ESCAPES: Record<string, string> = { a: '\x07', b: '\b', t: '\t', n: '\n', v: '\v', f: '\f', r: '\r', '"': '"', '\\': '\\' };

/**
 * A path as git prints it: as is, or in double quotes with C escapes (octal
 * bytes of UTF-8) when it holds unusual characters. A trailing tab (git adds
 * one after names with spaces) is dropped.
 */
function unquote(text: string): string | undefined {
  if (!text.startsWith('"')) return text.endsWith('\t') ? text.slice(0, -1) : text;
  const bytes: number[] = [];
  const encoder = new TextEncoder();
  for (let i = 1; i < text.length; i++) {
    const c = text[i];
    if (c === '"') return new TextDecoder().decode(new Uint8Array(bytes));
    if (c !== '\\') {
      bytes.push(...encoder.encode(c));
      continue;
    }
    const next = text[++i];
    if (next >= '0' && next <= '7') {
      bytes.push(parseInt(text.slice(i, i + 3), 8) & 0xff);
      i += 2;
    } else if (next !== undefined && C_ESCAPES[next] !== undefined) {
      bytes.push(C_ESCAPES[next].charCodeAt(0));
    } else {
      return undefined;
    }
  }
  return undefined;
}

/** Whether lines `from`..`to` meet any of the sorted ranges (binary search). */
export function touches(ranges: readonly LineRange[], from: number, to: number): boolean {
  let lo = 0;
  let hi = ranges.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (ranges[mid].to < from) lo = mid + 1;
    else hi = mid;
  }
  return lo < ranges.length && ranges[lo].from <= to;
}
