import type { Nodes, Root } from 'mdast';

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

const NO_PROSE = new Set(['link', 'image', 'linkReference', 'imageReference', 'definition', 'footnoteReference', 'html', 'yaml', 'toml']);
const COMMENT = /<!--[\s\S]*?(?:-->|$)/g;

export function collectSyntax(text: string, tree: Root): Syntax {
  const excluded: Span[] = [];
  const code: Span[] = [];
  const headings: HeadingInfo[] = [];
  const contentStarts: number[] = [];
  const definitions: { start: number; identifier: string }[] = [];

  const visit = (node: Nodes): void => {
    const start = node.position?.start.offset;
    const end = node.position?.end.offset;
    if (start === undefined || end === undefined) return;
    switch (node.type) {
      case 'code':
      case 'inlineCode':
        code.push({ start, end });
        contentStarts.push(start);
        return;
      case 'text':
        if (/\S/.test(node.value)) contentStarts.push(start);
        return;
      case 'heading':
        headings.push({ start, end, depth: node.depth, title: headingTitle(text, node.children) });
        break;
      case 'listItem':
        if (typeof node.checked === 'boolean') {
          const box = taskBox(text, start);
          if (box) excluded.push(box);
        }
        break;
      case 'definition':
        definitions.push({ start, identifier: node.identifier });
        excluded.push({ start, end });
        contentStarts.push(start);
        return;
      default:
        if (NO_PROSE.has(node.type)) {
          excluded.push({ start, end });
          if (!(node.type === 'html' && node.value.replace(COMMENT, '').trim() === '')) contentStarts.push(start);
          return;
        }
    }
    if ('children' in node && node.children.length > 0) {
      for (const child of node.children) visit(child as Nodes);
    } else if (node.type !== 'root' && node.type !== 'heading') {
      contentStarts.push(start);
    }
  };
  visit(tree);

  excluded.sort((a, b) => a.start - b.start);
  code.sort((a, b) => a.start - b.start);
  contentStarts.sort((a, b) => a - b);
  return { excluded: merge(excluded), code, headings, contentStarts, definitions };
}

/** The `[ ]`/`[x]` box is the first thing after the item's marker (possibly on the next line). */
function taskBox(text: string, itemStart: number): Span | undefined {
  const m = /^(?:[*+-]|\d{1,9}[.)])[ \t\r\n]*\[[ xX]\]/.exec(text.slice(itemStart, itemStart + 40));
  return m ? { start: itemStart + m[0].length - 3, end: itemStart + m[0].length } : undefined;
}

function headingTitle(text: string, children: readonly Nodes[]): string {
  const first = children[0]?.position?.start.offset;
  const last = children[children.length - 1]?.position?.end.offset;
  if (first === undefined || last === undefined) return '';
  // Continuation lines of a setext heading carry their container's prefix (`> `, indentation).
  return text
    .slice(first, last)
    .split(/\r\n|\r|\n/)
    .map((line, i) => (i === 0 ? line : line.replace(/^[ \t>]*/, '')).trim())
    .filter((line) => line !== '')
    .join(' ');
}

function merge(spans: Span[]): Span[] {
  const out: Span[] = [];
  for (const s of spans) {
    const last = out[out.length - 1];
    if (last && s.start <= last.end) last.end = Math.max(last.end, s.end);
    else out.push({ ...s });
  }
  return out;
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
