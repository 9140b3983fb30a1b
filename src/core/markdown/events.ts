import { decodeNamedCharacterReference } from 'decode-named-character-reference';
import { decodeNumericCharacterReference } from 'micromark-util-decode-numeric-character-reference';
import { normalizeIdentifier } from 'micromark-util-normalize-identifier';
import type { Event, Token } from 'micromark-util-types';
import type { CodeSpan, Destination, FencedCode, HeadingInfo, Span, Syntax } from './syntax';

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

/** What the walk over one event list has collected so far. */
class SyntaxReader {
  readonly excluded: Span[] = [];
  readonly code: Span[] = [];
  readonly headings: HeadingInfo[] = [];
  readonly contentStarts: number[] = [];
  readonly definitions: { start: number; identifier: string }[] = [];
  readonly destinations: Destination[] = [];
  readonly codeSpans: CodeSpan[] = [];
  readonly fencedCode: FencedCode[] = [];
  // Containers are content only when empty (`>`, `-`, `[^1]:` alone), as mdast leaves are.
  readonly containers: OpenContainer[] = [];
  heading: { start: number; depth: number; textStart: number; textEnd: number } | undefined;

  constructor(readonly text: string, readonly events: readonly Event[]) {}

  markChild(): void {
    const top = this.containers[this.containers.length - 1];
    if (top) top.hasChild = true;
  }

  /**
   * An opaque token: one span, maybe a definition and a content start; inside
   * it only what references are read from (destinations, code content). Returns the index of its exit event.
   */
  opaque(token: Token, index: number): number {
    const { text } = this;
    const type = token.type as string;
    const start = token.start.offset;
    const end = token.end.offset;
    (CODE.has(type) ? this.code : this.excluded).push({ start, end });
    if (type === 'definition') this.definitions.push({ start, identifier: definitionIdentifier(text, this.events, index) });
    const isComment = (type === 'htmlFlow' || type === 'htmlText') && text.slice(start, end).replace(COMMENT, '').trim() === '';
    if (type !== 'taskListCheck' && !isComment) this.contentStarts.push(start);
    const exit = exitIndex(this.events, index);
    if (type === 'link' || type === 'image' || type === 'definition') this.readDestinations(index, exit);
    else if (type === 'codeText') this.readCodeSpan(token, index, exit);
    else if (type === 'codeFenced') this.readFencedCode(token, index, exit);
    return exit;
  }

  /**
   * The destinations of a link, image or definition and of the images inside
   * a link. What an image's alt text holds is left out: mdast flattens it to text.
   */
  private readDestinations(from: number, to: number): void {
    const open: Token[] = [];
    // In the nodes' order (a link before the images in its text), as mdast lists them.
    const found: (Destination | undefined)[] = [];
    const slots: number[] = [];
    for (let i = from; i <= to; i++) {
      const [kind, token] = this.events[i];
      const type = token.type as string;
      if (type === 'link' || type === 'image' || type === 'definition') {
        if (kind === 'exit') {
          open.pop();
          slots.pop();
        } else {
          open.push(token);
          slots.push(found.length);
          found.push(undefined);
        }
      } else if (kind === 'enter' && (type === 'resourceDestinationString' || type === 'definitionDestinationString')) {
        const owner = open[open.length - 1];
        if (!owner || open.slice(0, -1).some((t) => t.type === 'image')) continue;
        found[slots[slots.length - 1]] = {
          start: token.start.offset,
          end: token.end.offset,
          kind: owner.type as Destination['kind'],
          nodeStart: owner.start.offset,
          nodeEnd: owner.end.offset,
        };
      }
    }
    for (const d of found) if (d) this.destinations.push(d);
  }

  /** A code span's content: between its sequences, without the padding spaces CommonMark strips. */
  private readCodeSpan(token: Token, from: number, to: number): void {
    let contentStart = -1;
    let contentEnd = -1;
    for (let i = from + 1; i < to; i++) {
      const [kind, inner] = this.events[i];
      if (kind !== 'enter' || inner.type === 'codeTextSequence' || inner.type === 'codeTextPadding') continue;
      if (contentStart < 0) contentStart = inner.start.offset;
      contentEnd = inner.end.offset;
    }
    if (contentStart < 0) {
      // Nothing but padding (`` ` ` `` is a space; ``` `` ``` is empty): an empty content after the opening sequence.
      const opening = this.events[from + 1]?.[1];
      contentStart = contentEnd = opening && opening.type === 'codeTextSequence' ? opening.end.offset : token.start.offset;
    }
    this.codeSpans.push({ start: token.start.offset, end: token.end.offset, contentStart, contentEnd });
  }

  private readFencedCode(token: Token, from: number, to: number): void {
    const block: FencedCode = { start: token.start.offset, end: token.end.offset, lines: [] };
    for (let i = from + 1; i < to; i++) {
      const [kind, inner] = this.events[i];
      if (kind !== 'enter') continue;
      if (inner.type === 'codeFlowValue') block.lines.push({ start: inner.start.offset, end: inner.end.offset });
      else if (inner.type === 'codeFencedFenceInfo' && !block.info) block.info = { start: inner.start.offset, end: inner.end.offset };
    }
    this.fencedCode.push(block);
  }

  syntax(): Syntax {
    this.excluded.sort((a, b) => a.start - b.start);
    this.code.sort((a, b) => a.start - b.start);
    this.contentStarts.sort((a, b) => a - b);
    return {
      excluded: mergeSpans(this.excluded),
      code: this.code,
      headings: this.headings,
      contentStarts: this.contentStarts,
      definitions: this.definitions,
      destinations: this.destinations,
      codeSpans: this.codeSpans,
      fencedCode: this.fencedCode,
    };
  }
}

type Handler = (reader: SyntaxReader, token: Token) => void;

const openContainer: Handler = (r, token) => {
  r.containers.push({ itemStart: token.start.offset, hasChild: false, sawItem: false });
};
const closeContainer: Handler = (r) => {
  const open = r.containers.pop();
  if (open && !open.hasChild) r.contentStarts.push(open.itemStart);
};
const openHeading: Handler = (r, token) => {
  r.heading = { start: token.start.offset, depth: 0, textStart: -1, textEnd: -1 };
};
const headingText: Handler = ({ heading }, token) => {
  if (heading) {
    heading.textStart = token.start.offset;
    heading.textEnd = token.end.offset;
  }
};
const closeHeading: Handler = (r, token) => {
  const { heading } = r;
  if (heading) {
    const title = heading.textStart < 0 ? '' : headingTitle(r.text.slice(heading.textStart, heading.textEnd));
    r.headings.push({ start: heading.start, end: token.end.offset, depth: heading.depth, title });
  }
  r.heading = undefined;
};
const content: Handler = (r, token) => {
  r.contentStarts.push(token.start.offset);
};

// A map, so that no token type can reach an object's prototype.
const handlers = (table: Record<string, Handler>) => new Map(Object.entries(table));

// Pure: a bundle that never reads events (the CLI's main thread) drops the tables and what they reach.
/** What entering a token does, by token type; types not listed are walked through. */
const ENTER = /* @__PURE__ */ handlers({
  blockQuote: openContainer,
  listOrdered: openContainer,
  listUnordered: openContainer,
  gfmFootnoteDefinition: openContainer,
  listItemPrefix(r, token) {
    const list = r.containers[r.containers.length - 1];
    if (!list) return;
    // A new item: the previous one was a leaf if nothing opened inside it.
    if (list.sawItem && !list.hasChild) r.contentStarts.push(list.itemStart);
    list.sawItem = true;
    list.itemStart = token.start.offset;
    list.hasChild = false;
  },
  atxHeading: openHeading,
  setextHeading: openHeading,
  atxHeadingSequence({ heading }, token) {
    if (heading && heading.depth === 0) heading.depth = token.end.offset - token.start.offset;
  },
  setextHeadingLineSequence({ heading, text }, token) {
    if (heading) heading.depth = text[token.start.offset] === '=' ? 1 : 2;
  },
  atxHeadingText: headingText,
  setextHeadingText: headingText,
  data(r, token) {
    if (/\S/.test(r.text.slice(token.start.offset, token.end.offset))) content(r, token);
  },
  characterEscape: content,
  hardBreakEscape: content,
  hardBreakTrailing: content,
  thematicBreak: content,
  table: content,
  characterReference(r, token) {
    if (/\S/.test(decodeReference(r.text.slice(token.start.offset, token.end.offset)))) content(r, token);
  },
});

/** What leaving a token does, by token type. */
const EXIT = /* @__PURE__ */ handlers({
  blockQuote: closeContainer,
  listOrdered: closeContainer,
  listUnordered: closeContainer,
  gfmFootnoteDefinition: closeContainer,
  atxHeading: closeHeading,
  setextHeading: closeHeading,
});

/**
 * The same `Syntax` that `collectSyntax` reads from an mdast tree, read
 * straight from micromark's events: building the tree costs more than the
 * parse itself, and nothing here needs it.
 */
export function collectSyntaxFromEvents(text: string, events: readonly Event[]): Syntax {
  const reader = new SyntaxReader(text, events);
  for (let i = 0; i < events.length; i++) {
    const [kind, token] = events[i];
    const type = token.type as string;
    if (kind === 'exit') {
      EXIT.get(type)?.(reader, token);
      continue;
    }
    if (NODES.has(type)) reader.markChild();
    if (OPAQUE.has(type)) {
      i = reader.opaque(token, i);
      continue;
    }
    ENTER.get(type)?.(reader, token);
  }
  return reader.syntax();
}

/** Index of the exit event of the token entered at `from`. */
function exitIndex(events: readonly Event[], from: number): number {
  const token = events[from][1];
  let i = from + 1;
  while (i < events.length && !(events[i][0] === 'exit' && events[i][1] === token)) i++;
  return i;
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

/**
 * A destination or info string as mdast reads it: backslash escapes of ASCII
 * punctuation and character references decoded, as micromark-util-decode-string
 * does (a character loop: each `&` looks at most 33 characters ahead).
 */
export function decodeMarkdownString(source: string): string {
  if (!source.includes('\\') && !source.includes('&')) return source;
  let out = '';
  let last = 0;
  for (let i = 0; i < source.length; i++) {
    const c = source.charCodeAt(i);
    if (c === 92 && isAsciiPunctuation(source.charCodeAt(i + 1))) {
      out += source.slice(last, i) + source[i + 1];
      i++;
      last = i + 1;
    } else if (c === 38) {
      const end = referenceEnd(source, i + 1);
      if (end > 0) {
        out += source.slice(last, i) + decodeReference(source.slice(i, end + 1));
        i = end;
        last = end + 1;
      }
    }
  }
  return out + source.slice(last);
}

function isAsciiPunctuation(c: number): boolean {
  return (c >= 33 && c <= 47) || (c >= 58 && c <= 64) || (c >= 91 && c <= 96) || (c >= 123 && c <= 126);
}

function isAsciiAlphanumeric(c: number): boolean {
  return (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122);
}

/** The `;` closing a character reference whose body starts at `from` (`#123`, `#x1F`, `amp`), or -1. */
function referenceEnd(source: string, from: number): number {
  let i = from;
  let max = 31;
  let isDigit = isAsciiAlphanumeric;
  if (source.charCodeAt(i) === 35) {
    i++;
    const hex = source.charCodeAt(i) === 120 || source.charCodeAt(i) === 88;
    if (hex) i++;
    max = hex ? 6 : 7;
    isDigit = hex ? (c) => (c >= 48 && c <= 57) || (c >= 65 && c <= 70) || (c >= 97 && c <= 102) : (c) => c >= 48 && c <= 57;
  }
  const start = i;
  while (i < source.length && i - start < max && isDigit(source.charCodeAt(i))) i++;
  return i > start && source.charCodeAt(i) === 59 ? i : -1;
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
