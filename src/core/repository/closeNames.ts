// "Renamed to `X`?" (docs/spec.md, "Resolving references"): which declared
// names are close to an unknown one. Two tiers: the same name written in
// another case or style (`searchIndexer`, `search_indexer`), then a small
// edit or one word added or dropped (`SearchIndex`, `Indexer`). A suggestion
// is made only when the first tier that has any has exactly one.

/** Names longer than this are not compared: no identifier is, and each comparison costs its length. */
const MAX_COMPARED_LENGTH = 128;

/** The same name in another case or style: letters and digits only, lower-cased. */
function styleFree(name: string): string {
  let out = '';
  for (const c of name) if (c !== '_' && c !== '-' && c !== '$') out += c;
  return out.toLowerCase();
}

/** The words of an identifier: `SearchIndexer` and `search_indexer` both give `search`, `indexer`. */
function wordsOf(name: string): string[] {
  const words: string[] = [];
  let word = '';
  for (let i = 0; i < name.length; i++) {
    const c = name[i];
    if (c === '_' || c === '-' || c === '$') {
      if (word) words.push(word.toLowerCase());
      word = '';
      continue;
    }
    const upper = c >= 'A' && c <= 'Z';
    const prevLower = i > 0 && name[i - 1] >= 'a' && name[i - 1] <= 'z';
    // `HTTPServer`: a capital before a lower-case letter starts the word.
    const acronymEnd = upper && i + 1 < name.length && name[i + 1] >= 'a' && name[i + 1] <= 'z' && i > 0 && name[i - 1] >= 'A' && name[i - 1] <= 'Z';
    if (upper && (prevLower || acronymEnd) && word) {
      words.push(word.toLowerCase());
      word = '';
    }
    word += c;
  }
  if (word) words.push(word.toLowerCase());
  return words;
}

/** Edits allowed for a name of this length: 1 up to 4 characters, 2 up to 8, then 3. */
function allowedEdits(length: number): number {
  return length <= 4 ? 1 : length <= 8 ? 2 : 3;
}

/**
 * Optimal-string-alignment distance of `a` and `b` when it is at most
 * `limit`, otherwise `limit + 1`; stops as soon as a row passes the limit.
 */
function editDistance(a: string, b: string, limit: number): number {
  if (Math.abs(a.length - b.length) > limit) return limit + 1;
  let prev2: number[] = [];
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const row = [i];
    let best = i;
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let d = Math.min(prev[j] + 1, row[j - 1] + 1, prev[j - 1] + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) d = Math.min(d, prev2[j - 2] + 1);
      row.push(d);
      if (d < best) best = d;
    }
    if (best > limit) return limit + 1;
    prev2 = prev;
    prev = row;
  }
  return prev[b.length];
}

/** One word more or less: `Indexer` and `SearchIndexer`, `Store` and `StoreImpl`. */
function oneWordApart(a: readonly string[], b: readonly string[]): boolean {
  const [short, long] = a.length < b.length ? [a, b] : [b, a];
  if (long.length !== short.length + 1 || short.length === 0) return false;
  let skipped = false;
  for (let i = 0, j = 0; i < short.length; j++) {
    if (short[i] === long[j]) i++;
    else if (skipped) return false;
    else skipped = true;
  }
  return true;
}

/** Counts comparisons against a budget shared by a whole check, so a repository of a million names and thousands of unknown symbols stays bounded. */
export class ComparisonBudget {
  constructor(private left: number) {}

  /** Takes `n`; false when the budget is spent. */
  take(n: number): boolean {
    if (this.left < n) return false;
    this.left -= n;
    return true;
  }
}

/**
 * The declared names close to `name`: the best tier's, at most `limit`
 * (sorted); empty when none, or when the budget does not cover the names.
 */
export function closeNames(name: string, declared: Iterable<string>, budget?: ComparisonBudget, limit = 4): string[] {
  if (name.length > MAX_COMPARED_LENGTH || name.length === 0) return [];
  const pool = [...declared];
  if (budget && !budget.take(pool.length)) return [];
  const style = styleFree(name);
  const words = wordsOf(name);
  const edits = allowedEdits(name.length);
  const sameStyle = new Set<string>();
  const near = new Set<string>();
  for (const other of pool) {
    if (other === name || other.length > MAX_COMPARED_LENGTH) continue;
    if (styleFree(other) === style) sameStyle.add(other);
    else if (sameStyle.size === 0 && (editDistance(name, other, edits) <= edits || oneWordApart(words, wordsOf(other)))) near.add(other);
  }
  const best = sameStyle.size > 0 ? sameStyle : near;
  return [...best].sort().slice(0, limit);
}
