import { collectSyntaxFromEvents } from './events';
import { markdownEvents } from './grammar';
import { FenceTracker } from './fences';
import { findCandidates, type Candidate } from '../rules/placeholderFinder';
import type { CodeSpan, Destination, FencedCode, Span, Syntax } from './syntax';
import { lineEndAt, nextLineStart } from './text';

/**
 * What one parse tells about a text, as plain data with absolute offsets: the
 * syntax the rules need and the bracket spans that may be placeholders.
 * Whether a candidate counts depends on the template, so it is decided later.
 */
export interface DocumentFacts {
  syntax: Syntax;
  candidates: Candidate[];
}

/** Facts from one parse of the whole text, read from micromark's events. */
export function wholeDocumentFacts(text: string): DocumentFacts {
  const syntax = collectSyntaxFromEvents(text, markdownEvents(text));
  return { syntax, candidates: findCandidates(text, syntax) };
}


interface ChunkFacts extends DocumentFacts {
  /** The next chunk's first line parsed as a top-level heading: the cut was a real block boundary. */
  boundaryHolds: boolean;
}

// An ATX heading at column 0: outside a fenced code block it always starts a
// top-level block (it cannot continue a list item, quote or paragraph).
const ATX_LINE = /^#{1,6}(?:[ \t]|\r?\n|\r|$)/;
const FRONT_MATTER_FENCE = /^(?:---|\+\+\+)[ \t]*$/;
const FRONT_MATTER_END = /^(?:---|\+\+\+|\.\.\.)[ \t]*$/;

/**
 * Parses a document section by section and caches each section's facts by
 * its text, so that after an edit only the touched sections are parsed again.
 *
 * Exactness: every cut sits before a column-0 ATX heading. A chunk is parsed
 * with the next chunk's heading line appended, and the cut is kept only if
 * that line parses as a heading there; by induction each chunk then starts
 * from a clean block state, exactly as in a whole-document parse. Link
 * reference definitions are the one thing that acts across sections: their
 * labels are collected from all chunks and prepended to the chunks that may
 * use them.
 */
export class ChunkedParser {
  private cache = new Map<string, ChunkFacts>();
  private definitions: string[] = [];

  facts(text: string): DocumentFacts {
    const used = new Map<string, ChunkFacts>();
    let result = this.run(text, this.definitions, used);
    const found = result.definitions;
    if (!sameList(found, this.definitions)) {
      // Definitions changed: the chunks that may reference them are parsed again.
      this.definitions = found;
      result = this.run(text, found, used);
    }
    this.cache = used; // keep only what the current text uses
    return result.facts;
  }

  private run(text: string, definitions: readonly string[], used: Map<string, ChunkFacts>) {
    const cuts = cutPoints(text);
    const syntax: Syntax = { excluded: [], code: [], headings: [], contentStarts: [], definitions: [], destinations: [], codeSpans: [], fencedCode: [] };
    const candidates: Candidate[] = [];
    const prelude = definitions.map((id) => `[${id.replace(/[[\]\\]/g, '\\$&')}]: #\n`).join('');
    for (let i = 0; i < cuts.length; i++) {
      const start = cuts[i];
      let facts: ChunkFacts;
      for (;;) {
        const end = i + 1 < cuts.length ? cuts[i + 1] : text.length;
        facts = this.chunk(text, start, end, i === 0, prelude, used);
        if (facts.boundaryHolds) break;
        cuts.splice(i + 1, 1); // not a real boundary: merge with the next chunk
      }
      append(syntax, candidates, facts, start);
    }
    const definitionIds = [...new Set(syntax.definitions.map((d) => d.identifier))].sort();
    return { facts: { syntax, candidates }, definitions: definitionIds };
  }

  private chunk(text: string, start: number, end: number, first: boolean, prelude: string, used: Map<string, ChunkFacts>): ChunkFacts {
    const body = text.slice(start, end);
    const nextLine = end < text.length ? text.slice(end, lineEndAt(text, end)) : undefined;
    // Only a chunk with a closing bracket can hold a reference; front matter needs chunk 0 to start the source.
    const needsDefinitions = prelude !== '' && body.includes(']');
    const key = `${first ? 1 : 0}${needsDefinitions ? prelude : ''}\u0000${body}\u0000${nextLine ?? '\u0001'}`;
    const cached = this.cache.get(key) ?? used.get(key);
    if (cached) {
      used.set(key, cached);
      return cached;
    }
    const before = needsDefinitions && !first ? prelude + '\n' : '';
    let source = before + body;
    if (nextLine !== undefined) source += nextLine + '\n';
    if (needsDefinitions && first) source += (nextLine === undefined ? '\n' : '') + '\n' + prelude;
    const whole = wholeDocumentFacts(source);
    const from = before.length;
    const to = from + body.length;
    const boundaryHolds = nextLine === undefined || whole.syntax.headings.some((h) => h.start === to);
    const facts: ChunkFacts = { ...slice(whole, from, to), boundaryHolds };
    used.set(key, facts);
    return facts;
  }
}

function sameList(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((x, i) => x === b[i]);
}

/** Starts of column-0 ATX heading lines outside fenced code (a cheap line scan); always includes 0. */
export function cutPoints(text: string): number[] {
  const cuts = [0];
  const fences = new FenceTracker();
  // Front matter is a block only the document's start can open: no cut inside it.
  let frontMatter = FRONT_MATTER_FENCE.test(text.slice(0, lineEndAt(text, 0)));
  let lineStart = 0;
  while (lineStart < text.length) {
    const end = lineEndAt(text, lineStart);
    const line = text.slice(lineStart, end);
    if (frontMatter) {
      if (lineStart > 0 && FRONT_MATTER_END.test(line)) frontMatter = false;
    } else if (!fences.isCode(line) && lineStart > 0 && ATX_LINE.test(line)) {
      cuts.push(lineStart);
    }
    lineStart = nextLineStart(text, end);
  }
  return cuts;
}

/** The facts that lie in [from, to) of a source, made relative to `from`. */
function slice(facts: DocumentFacts, from: number, to: number): DocumentFacts {
  const inside = (s: Span) => s.start >= from && s.start < to;
  const shift = <T extends Span>(s: T): T => ({ ...s, start: s.start - from, end: Math.min(s.end, to) - from });
  const { syntax } = facts;
  return {
    syntax: {
      excluded: syntax.excluded.filter(inside).map(shift),
      code: syntax.code.filter(inside).map(shift),
      headings: syntax.headings.filter(inside).map(shift),
      contentStarts: syntax.contentStarts.filter((o) => o >= from && o < to).map((o) => o - from),
      definitions: syntax.definitions.filter((d) => d.start >= from && d.start < to).map((d) => ({ ...d, start: d.start - from })),
      destinations: syntax.destinations.filter(inside).map((d) => moveDestination(d, -from)),
      codeSpans: syntax.codeSpans.filter(inside).map((c) => moveCodeSpan(c, -from)),
      fencedCode: syntax.fencedCode.filter(inside).map((f) => moveFencedCode(f, -from, to)),
    },
    candidates: facts.candidates.filter(inside).map(shift),
  };
}

// What lies inside a chunk ends inside it (the next chunk's heading line
// closes every block, and inline spans end with their line), so only a
// fenced block's end, which may run to the appended line, is clamped.
const moveDestination = (d: Destination, by: number): Destination => ({ ...d, start: d.start + by, end: d.end + by, nodeStart: d.nodeStart + by, nodeEnd: d.nodeEnd + by });
const moveCodeSpan = (c: CodeSpan, by: number): CodeSpan => ({ start: c.start + by, end: c.end + by, contentStart: c.contentStart + by, contentEnd: c.contentEnd + by });
function moveFencedCode(f: FencedCode, by: number, clampTo = Infinity): FencedCode {
  const moved: FencedCode = { start: f.start + by, end: Math.min(f.end, clampTo) + by, lines: [] };
  if (f.info) moved.info = { start: f.info.start + by, end: f.info.end + by };
  for (const line of f.lines) if (line.start < clampTo) moved.lines.push({ start: line.start + by, end: line.end + by });
  return moved;
}

function append(syntax: Syntax, candidates: Candidate[], facts: DocumentFacts, offset: number): void {
  const move = <T extends Span>(s: T): T => ({ ...s, start: s.start + offset, end: s.end + offset });
  for (const s of facts.syntax.excluded) syntax.excluded.push(move(s));
  for (const s of facts.syntax.code) syntax.code.push(move(s));
  for (const h of facts.syntax.headings) syntax.headings.push(move(h));
  for (const o of facts.syntax.contentStarts) syntax.contentStarts.push(o + offset);
  for (const d of facts.syntax.definitions) syntax.definitions.push({ ...d, start: d.start + offset });
  for (const d of facts.syntax.destinations) syntax.destinations.push(moveDestination(d, offset));
  for (const c of facts.syntax.codeSpans) syntax.codeSpans.push(moveCodeSpan(c, offset));
  for (const f of facts.syntax.fencedCode) syntax.fencedCode.push(moveFencedCode(f, offset));
  for (const c of facts.candidates) candidates.push(move(c));
}
