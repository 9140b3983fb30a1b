import { decodeNamedCharacterReference } from 'decode-named-character-reference';
import { parse, postprocess, preprocess } from 'micromark';
import { attention } from 'micromark-core-commonmark';
import { frontmatter } from 'micromark-extension-frontmatter';
import { gfm } from 'micromark-extension-gfm';
import { gfmStrikethrough } from 'micromark-extension-gfm-strikethrough';
import { decodeNumericCharacterReference } from 'micromark-util-decode-numeric-character-reference';
import { normalizeIdentifier } from 'micromark-util-normalize-identifier';
import type { Construct, Event, Extension, Token } from 'micromark-util-types';
import type { HeadingInfo, Span, Syntax } from './syntax';

let extensions: Extension[] | undefined;

/** micromark's events (CommonMark + GFM + front matter): remark's parser, without building a tree. */
export function markdownEvents(text: string): Event[] {
  extensions ??= [gfm(), frontmatter(['yaml', 'toml']), boundedDelimiters()];
  return postprocess(parse({ extensions }).document().write(preprocess()(text, undefined, true)));
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

function boundedDelimiters(): Extension {
  const strikethrough = gfmStrikethrough().text![126] as Construct;
  const emphasis = bounded(attention, 'attentionSequence');
  const strike = bounded(strikethrough, 'strikethroughSequenceTemporary');
  // Later extensions are tried first: these replace the constructs they wrap.
  return { text: { 42: emphasis, 95: emphasis, 126: strike }, insideSpan: { null: [emphasis, strike] } };
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

// Tokens that Markdown gives their own meaning, or that hold no prose: their
// brackets are never placeholders, and nothing inside them is visited.
const OPAQUE = new Set([
  'link', 'image', 'autolink', 'literalAutolink', 'gfmFootnoteCall', 'definition',
  'htmlFlow', 'htmlText', 'yaml', 'toml', 'codeFenced', 'codeIndented', 'codeText', 'taskListCheck',
]);
const CODE = new Set(['codeFenced', 'codeIndented', 'codeText']);
// Tokens that become mdast nodes inside a container.
const NODES = new Set([
  'paragraph', 'atxHeading', 'setextHeading', 'codeFenced', 'codeIndented', 'htmlFlow', 'thematicBreak',
  'definition', 'listOrdered', 'listUnordered', 'blockQuote', 'table', 'gfmFootnoteDefinition',
]);
const COMMENT = /<!--[\s\S]*?(?:-->|$)/g;

interface OpenContainer {
  /** Where the container (for lists: the current item) starts, and whether it holds anything yet. */
  itemStart: number;
  hasChild: boolean;
  sawItem: boolean;
}

/**
 * The same `Syntax` that `collectSyntax` reads from an mdast tree, read
 * straight from micromark's events: building the tree costs more than the
 * parse itself, and nothing here needs it.
 */
export function collectSyntaxFromEvents(text: string, events: readonly Event[]): Syntax {
  const excluded: Span[] = [];
  const code: Span[] = [];
  const headings: HeadingInfo[] = [];
  const contentStarts: number[] = [];
  const definitions: { start: number; identifier: string }[] = [];
  // Containers are content only when empty (`>`, `-`, `[^1]:` alone), as mdast leaves are.
  const containers: OpenContainer[] = [];
  let heading: { start: number; depth: number; textStart: number; textEnd: number } | undefined;
  let skipUntil: Token | undefined;

  const markChild = () => {
    const top = containers[containers.length - 1];
    if (top) top.hasChild = true;
  };

  for (let i = 0; i < events.length; i++) {
    const [kind, token] = events[i];
    const start = token.start.offset;
    const end = token.end.offset;
    if (skipUntil) {
      if (kind === 'exit' && token === skipUntil) skipUntil = undefined;
      continue;
    }
    const type = token.type as string;

    if (kind === 'enter') {
      if (NODES.has(type)) markChild();
      if (OPAQUE.has(type)) {
        skipUntil = token;
        if (CODE.has(type)) code.push({ start, end });
        else excluded.push({ start, end });
        if (type === 'definition') definitions.push({ start, identifier: definitionIdentifier(text, events, i) });
        const isComment = (type === 'htmlFlow' || type === 'htmlText') && text.slice(start, end).replace(COMMENT, '').trim() === '';
        if (type !== 'taskListCheck' && !isComment) contentStarts.push(start);
        continue;
      }
      switch (type) {
        case 'blockQuote':
        case 'listOrdered':
        case 'listUnordered':
        case 'gfmFootnoteDefinition':
          containers.push({ itemStart: start, hasChild: false, sawItem: false });
          break;
        case 'listItemPrefix': {
          const list = containers[containers.length - 1];
          if (list) {
            // A new item: the previous one was a leaf if nothing opened inside it.
            if (list.sawItem && !list.hasChild) contentStarts.push(list.itemStart);
            list.sawItem = true;
            list.itemStart = start;
            list.hasChild = false;
          }
          break;
        }
        case 'atxHeading':
        case 'setextHeading':
          heading = { start, depth: 0, textStart: -1, textEnd: -1 };
          break;
        case 'atxHeadingSequence':
          if (heading && heading.depth === 0) heading.depth = end - start;
          break;
        case 'setextHeadingLineSequence':
          if (heading) heading.depth = text[start] === '=' ? 1 : 2;
          break;
        case 'atxHeadingText':
        case 'setextHeadingText':
          if (heading) {
            heading.textStart = start;
            heading.textEnd = end;
          }
          break;
        case 'data':
          if (/\S/.test(text.slice(start, end))) contentStarts.push(start);
          break;
        case 'characterEscape':
        case 'hardBreakEscape':
        case 'hardBreakTrailing':
        case 'thematicBreak':
        case 'table':
          contentStarts.push(start);
          break;
        case 'characterReference':
          if (/\S/.test(decodeReference(text.slice(start, end)))) contentStarts.push(start);
          break;
      }
    } else {
      switch (type) {
        case 'blockQuote':
        case 'gfmFootnoteDefinition':
        case 'listOrdered':
        case 'listUnordered': {
          const open = containers.pop();
          if (open && !open.hasChild) contentStarts.push(open.itemStart);
          break;
        }
        case 'atxHeading':
        case 'setextHeading':
          if (heading) {
            headings.push({
              start: heading.start,
              end,
              depth: heading.depth,
              title: heading.textStart < 0 ? '' : headingTitle(text.slice(heading.textStart, heading.textEnd)),
            });
          }
          heading = undefined;
          break;
      }
    }
  }

  excluded.sort((a, b) => a.start - b.start);
  code.sort((a, b) => a.start - b.start);
  contentStarts.sort((a, b) => a - b);
  return { excluded: mergeSpans(excluded), code, headings, contentStarts, definitions };
}

function definitionIdentifier(text: string, events: readonly Event[], from: number): string {
  for (let i = from + 1; i < events.length; i++) {
    const token = events[i][1];
    if (events[i][0] === 'enter' && token.type === 'definitionLabelString') {
      return normalizeIdentifier(text.slice(token.start.offset, token.end.offset)).toLowerCase();
    }
  }
  return '';
}

function decodeReference(source: string): string {
  const body = source.slice(1, -1);
  if (body[0] !== '#') return decodeNamedCharacterReference(body) || source;
  const hex = body[1] === 'x' || body[1] === 'X';
  return decodeNumericCharacterReference(body.slice(hex ? 2 : 1), hex ? 16 : 10);
}

/** Setext continuation lines carry their container's prefix (`> `, indentation). */
export function headingTitle(source: string): string {
  return source
    .split(/\r\n|\r|\n/)
    .map((line, i) => (i === 0 ? line : line.replace(/^[ \t>]*/, '')).trim())
    .filter((line) => line !== '')
    .join(' ');
}

export function mergeSpans(spans: readonly Span[]): Span[] {
  const out: Span[] = [];
  for (const s of spans) {
    const last = out[out.length - 1];
    if (last && s.start <= last.end) last.end = Math.max(last.end, s.end);
    else out.push({ ...s });
  }
  return out;
}
