import { lastStartingAtOrBefore, type Span, type Syntax } from '../markdown/syntax';

/** A bracket span that Markdown leaves alone: the raw material of placeholders. */
export interface Candidate extends Span {
  /** The span as written, brackets included. */
  text: string;
  /** Inside a code block or inline code span (where only template placeholders count). */
  inCode: boolean;
}

export interface Placeholder extends Span {
  text: string;
  inCode: boolean;
}

export interface PlaceholderRules {
  /** The active template's placeholders, brackets included. */
  vocabulary: ReadonlySet<string>;
  /** Placeholder texts the user chose to ignore. */
  isIgnored?: (text: string) => boolean;
}

// One line, no bracket inside, 1 to 120 UTF-16 code units.
const BRACKET_SPAN = /\[([^[\]\r\n]{1,120})\]/g;
const LETTER = /\p{L}/u;
const QUOTE = /['"`]/;

/**
 * Every bracket span that could be a placeholder, with the Markdown rules of
 * docs/spec.md ("Placeholders") applied (syntax wins, escapes, footnotes, alerts, wiki links).
 * Whether it *is* one depends on the vocabulary: see `selectPlaceholders`.
 */
export function findCandidates(text: string, syntax: Syntax, from = 0, to = text.length): Candidate[] {
  const out: Candidate[] = [];
  BRACKET_SPAN.lastIndex = from;
  for (let m = BRACKET_SPAN.exec(text); m !== null && m.index < to; m = BRACKET_SPAN.exec(text)) {
    const start = m.index;
    const end = start + m[0].length;
    const inner = m[1];
    if (inner.trim() === '' || inner[0] === '^' || inner[0] === '!') continue;
    if (intersects(syntax.excluded, start, end)) continue;
    const code = containing(syntax.code, start);
    if (code) {
      if (end <= code.end) out.push({ start, end, text: m[0], inCode: true });
      continue;
    }
    // The closing bracket must not sit inside a code span either.
    if (containing(syntax.code, end - 1)) continue;
    if (isEscaped(text, start) || isEscaped(text, end - 1)) continue;
    if (text[start - 1] === '[' && text[end] === ']') continue; // [[wiki link]]
    out.push({ start, end, text: m[0], inCode: false });
  }
  return out;
}

/** The placeholder rule of docs/spec.md ("Placeholders") over the candidates, given the active template's vocabulary. */
export function selectPlaceholders(candidates: readonly Candidate[], rules: PlaceholderRules): Placeholder[] {
  const out: Placeholder[] = [];
  for (const c of candidates) {
    const known = rules.vocabulary.has(c.text);
    const counts = c.inCode ? known : known || LETTER.test(c.text);
    if (counts && !rules.isIgnored?.(c.text)) out.push({ start: c.start, end: c.end, text: c.text, inCode: c.inCode });
  }
  return out;
}

/** A template's vocabulary: its prose placeholders plus the quote-free bracket spans of its code. */
export function vocabularyOf(candidates: readonly Candidate[]): Set<string> {
  const vocabulary = new Set<string>();
  for (const c of candidates) {
    if (c.inCode ? !QUOTE.test(c.text) : LETTER.test(c.text)) vocabulary.add(c.text);
  }
  return vocabulary;
}

function isEscaped(text: string, index: number): boolean {
  let backslashes = 0;
  for (let i = index - 1; i >= 0 && text.charCodeAt(i) === 92; i--) backslashes++;
  return backslashes % 2 === 1;
}

function containing(spans: readonly Span[], offset: number): Span | undefined {
  const i = lastStartingAtOrBefore(spans, offset);
  return i >= 0 && offset < spans[i].end ? spans[i] : undefined;
}

function intersects(spans: readonly Span[], start: number, end: number): boolean {
  const i = lastStartingAtOrBefore(spans, end - 1);
  return i >= 0 && spans[i].end > start;
}
