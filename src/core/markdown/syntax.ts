/** A half-open range of 0-based UTF-16 offsets. */
export interface Span {
  start: number;
  end: number;
}

export interface HeadingInfo extends Span {
  depth: number;
  /** The heading's text as written, trimmed, without `#` marks; setext lines joined by one space. */
  title: string;
}

/**
 * What the placeholder finder and the section model need from the Markdown
 * tree, as plain data, so that the tree can be dropped right after parsing.
 */
export interface Syntax {
  /** Where Markdown gives brackets another meaning or holds no prose: links, images, defined references, definitions, HTML, front matter, task-list boxes. Sorted, merged. */
  excluded: Span[];
  /** Code blocks and inline code spans. Sorted, disjoint. */
  code: Span[];
  headings: HeadingInfo[];
  /** Sorted start offsets of content: every leaf but whitespace-only text and HTML comments. */
  contentStarts: number[];
  /** Link reference definitions, by normalised label: they act on the whole document. */
  definitions: { start: number; identifier: string }[];
  /** Destinations of inline links, images and link reference definitions, in the order of the nodes (a link before the images in its text; sorted by `nodeStart`). */
  destinations: Destination[];
  /** Inline code spans (not those inside links or images), in document order. */
  codeSpans: CodeSpan[];
  /** Fenced code blocks (not indented ones), in document order. */
  fencedCode: FencedCode[];
}

/** Where a link, image or definition points: the destination as written (inside `<…>` when bracketed; escapes not decoded). A `[]()` without one has none. */
export interface Destination extends Span {
  kind: 'link' | 'image' | 'definition';
  /** The whole link, image or definition. */
  nodeStart: number;
  nodeEnd: number;
}

/** An inline code span (`start`/`end` include its backticks). */
export interface CodeSpan extends Span {
  /** Its content: inside the backticks, without the one space CommonMark strips from each side. */
  contentStart: number;
  contentEnd: number;
}

/** A fenced code block (`start`/`end` include its fences). */
export interface FencedCode extends Span {
  /** The info string's first word (mdast's `lang`), when there is one. */
  info?: Span;
  /** Each content line that holds anything, without container prefixes and fence indentation (micromark's `codeFlowValue`). Blank lines are left out. */
  lines: Span[];
}

/** Index of the last span starting at or before `offset`, or -1. */
export function lastStartingAtOrBefore(spans: readonly { start: number }[], offset: number): number {
  let lo = 0;
  let hi = spans.length - 1;
  let found = -1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if (spans[mid].start <= offset) {
      found = mid;
      lo = mid + 1;
    } else {
      hi = mid - 1;
    }
  }
  return found;
}

/** Index of the first number at or after `value` in an ascending list (the list's length when none). */
export function firstAtOrAfter(list: readonly number[], value: number): number {
  let lo = 0;
  let hi = list.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (list[mid] < value) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
