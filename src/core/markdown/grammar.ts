import { parse, postprocess, preprocess } from 'micromark';
import { attention } from 'micromark-core-commonmark';
import { frontmatter } from 'micromark-extension-frontmatter';
import { gfm } from 'micromark-extension-gfm';
import { gfmStrikethrough } from 'micromark-extension-gfm-strikethrough';
import type { Construct, Event, Extension } from 'micromark-util-types';

let extensions: Extension[] | undefined;
/** The text being parsed: the guards below look ahead in it. Empty between parses, so it is not kept alive. */
let source = '';

/** micromark's events (CommonMark + GFM + front matter): remark's parser, without building a tree. */
export function markdownEvents(text: string): Event[] {
  extensions ??= grammar();
  source = text;
  try {
    return postprocess(parse({ extensions }).document().write(preprocess()(text, undefined, true)));
  } finally {
    source = '';
  }
}

/*
 * Memory. micromark keeps every event of a paragraph until the paragraph is
 * resolved, including those of attempts that fail. Two GFM constructs make
 * that grow with every word of prose, though they almost never match:
 *
 * - an email autolink may start at any letter after a space, so the text
 *   tokenizer ends its `data` token at every word (then merges them back at
 *   the end): about 100 bytes per input byte for one long paragraph;
 * - a table is tried at every line, and tokenizes the whole line as a head
 *   row before it looks for the delimiter row below: about 170 bytes per
 *   input byte of the longest line, all thrown away.
 *
 * Each is guarded by a look-ahead in the source for what it cannot match
 * without (an `@` after the word; a next line holding `-`, `:` or `|`).
 * Where a guard says no the construct would have failed, so the events are
 * the same; the unit suite compares them with stock GFM's.
 */
function guarded(extension: Extension): Extension {
  const text = Object.fromEntries(
    Object.entries(extension.text ?? {}).map(([code, list]) => [code, [list ?? []].flat().map((c) => (c.name === 'emailAutolink' ? guardEmail(c) : c))]),
  );
  const flow = [extension.flow?.null ?? []].flat().map((c) => (c.name === 'table' ? guardTable(c) : c));
  return { ...extension, text, flow: { ...extension.flow, null: flow } };
}

function guardEmail(construct: Construct): Construct {
  const previous = construct.previous!;
  return {
    ...construct,
    previous(code) {
      return previous.call(this, code) && atextEndsAtSign(this.now().offset);
    },
  };
}

/**
 * Whether the run of email characters from `from` is followed by `@`. The
 * email construct is only tried where the character before is not one of
 * them, so each run is read once.
 */
function atextEndsAtSign(from: number): boolean {
  let i = from;
  while (i < source.length && isAtext(source.charCodeAt(i))) i++;
  return source.charCodeAt(i) === 64;
}

/** GFM's email "atext": ASCII letters and digits, `+`, `-`, `.`, `_`. */
function isAtext(c: number): boolean {
  return (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c === 43 || c === 45 || c === 46 || c === 95;
}

function guardTable(construct: Construct): Construct {
  const tokenize = construct.tokenize;
  return {
    ...construct,
    tokenize(effects, ok, nok) {
      const start = tokenize.call(this, effects, ok, nok);
      // A body row continues a table as it is; a head row needs a delimiter row on the next line.
      return (code) => (continuesTable(this.events) || nextLineMayDelimit(this.now().offset) ? start(code) : nok(code));
    },
  };
}

/** The table construct's own test: the last event, past line endings and prefixes, is in a table. */
function continuesTable(events: readonly Event[]): boolean {
  let i = events.length - 1;
  while (i >= 0 && (events[i][1].type === 'lineEnding' || events[i][1].type === 'linePrefix')) i--;
  const tail = i >= 0 ? (events[i][1].type as string) : undefined;
  return tail === 'tableHead' || tail === 'tableRow';
}

/** Whether the line after the one holding `from` exists and holds a `-`, `:` or `|` (a delimiter row has one). */
function nextLineMayDelimit(from: number): boolean {
  let i = from;
  while (i < source.length && !isLineEnding(source.charCodeAt(i))) i++;
  if (i >= source.length) return false;
  i += source.charCodeAt(i) === 13 && source.charCodeAt(i + 1) === 10 ? 2 : 1;
  for (; i < source.length && !isLineEnding(source.charCodeAt(i)); i++) {
    const c = source.charCodeAt(i);
    if (c === 45 || c === 58 || c === 124) return true;
  }
  return false;
}

function isLineEnding(c: number): boolean {
  return c === 10 || c === 13;
}

/**
 * Above this many `*` and `_` (or `~`) delimiters in one paragraph, they are
 * left as text. micromark pairs delimiters in quadratic time (a 16 KB
 * paragraph of `_a* ` took 1.5 s; 10,000 `*` either side of a word, 28 s),
 * and pairing changes nothing this tool reports: emphasis holds no brackets
 * of its own and decides no link or code span. The one trace it leaves is
 * which leaf a paragraph's content starts at, and such a paragraph has
 * content either way.
 */
export const MAX_DELIMITERS = 200;

/**
 * Later extensions are tried first: `_`'s bounded emphasis goes before GFM so
 * that GFM's email autolink is still tried first at `_`, as in stock GFM
 * (`_@.a` is an autolink).
 */
function grammar(): Extension[] {
  const delimiters = boundedDelimiters();
  return [{ text: { 95: delimiters.emphasis } }, guarded(gfm()), frontmatter(['yaml', 'toml']), delimiters.extension];
}

function boundedDelimiters(): { emphasis: Construct; extension: Extension } {
  const strikethrough = gfmStrikethrough().text![126] as Construct;
  const emphasis = bounded(attention, 'attentionSequence');
  const strike = bounded(strikethrough, 'strikethroughSequenceTemporary');
  // Later extensions are tried first: these replace the constructs they wrap.
  return { emphasis, extension: { text: { 42: emphasis, 126: strike }, insideSpan: { null: [emphasis, strike] } } };
}

function bounded(construct: Construct, sequence: string): Construct {
  const resolve = construct.resolveAll!;
  return {
    ...construct,
    resolveAll(events, context) {
      let delimiters = 0;
      for (const [kind, token] of events) {
        if (kind === 'enter' && token.type === sequence) delimiters += token.end.offset - token.start.offset;
      }
      if (delimiters <= MAX_DELIMITERS) return resolve(events, context);
      for (const [, token] of events) if (token.type === sequence) token.type = 'data';
      return events;
    },
  };
}

