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
