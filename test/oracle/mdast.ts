// The reference reading of a document through remark's mdast tree. The
// product reads micromark's events instead (events.ts), which is twice as fast;
// this slower reading is kept as the oracle the property tests compare against.
import type { Nodes, Root } from 'mdast';
import { unified } from 'unified';
import remarkParse from 'remark-parse';
import remarkGfm from 'remark-gfm';
import remarkFrontmatter from 'remark-frontmatter';
import { headingTitle as joinTitle, mergeSpans } from '../../src/core/markdown/events';
import type { DocumentFacts } from '../../src/core/markdown/chunkedParser';
import { findCandidates } from '../../src/core/rules/placeholderFinder';
import type { HeadingInfo, Span, Syntax } from '../../src/core/markdown/syntax';

/** CommonMark + GFM (tables, task lists, footnotes) + YAML/TOML front matter. */
const makeProcessor = () => unified().use(remarkParse).use(remarkGfm).use(remarkFrontmatter, ['yaml', 'toml']);
let processor: ReturnType<typeof makeProcessor> | undefined;

function parseMarkdown(text: string): Root {
  processor ??= makeProcessor();
  return processor.parse(text);
}

const NO_PROSE = new Set(['link', 'image', 'linkReference', 'imageReference', 'definition', 'footnoteReference', 'html', 'yaml', 'toml']);
const COMMENT = /<!--[\s\S]*?(?:-->|$)/g;

function collectSyntax(text: string, tree: Root): Syntax {
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
      for (const child of node.children) visit(child);
    } else if (node.type !== 'root' && node.type !== 'heading') {
      contentStarts.push(start);
    }
  };
  visit(tree);

  excluded.sort((a, b) => a.start - b.start);
  code.sort((a, b) => a.start - b.start);
  contentStarts.sort((a, b) => a - b);
  // mdast keeps a link's url and a code span's value, not where they are written:
  // the raw material of references is compared as values (mdastReferenceFacts).
  return { excluded: mergeSpans(excluded), code, headings, contentStarts, definitions, destinations: [], codeSpans: [], fencedCode: [] };
}

/** The `[ ]`/`[x]` box is the first thing after the item's marker (possibly on the next line). */
function taskBox(text: string, itemStart: number): Span | undefined {
  const m = /^(?:[*+-]|\d{1,9}[.)])[ \t\r\n]*\[[ xX]\]/.exec(text.slice(itemStart, itemStart + 40));
  return m ? { start: itemStart + m[0].length - 3, end: itemStart + m[0].length } : undefined;
}

function headingTitle(text: string, children: readonly Nodes[]): string {
  const first = children[0]?.position?.start.offset;
  const last = children[children.length - 1]?.position?.end.offset;
  return first === undefined || last === undefined ? '' : joinTitle(text.slice(first, last));
}



/** Facts through an mdast tree: what `wholeDocumentFacts` must equal. */
export function mdastDocumentFacts(text: string): DocumentFacts {
  const syntax = collectSyntax(text, parseMarkdown(text));
  return { syntax, candidates: findCandidates(text, syntax) };
}

/** What references are read from, as mdast gives it: values, with the spans of whole nodes. */
export interface ReferenceFacts {
  /** Links (not autolinks), images and definitions with a non-empty url, in document order. */
  destinations: { kind: 'link' | 'image' | 'definition'; nodeStart: number; nodeEnd: number; url: string }[];
  /** Inline code outside links and images. */
  codeSpans: { start: number; end: number; value: string }[];
  /** Fenced code blocks: their `lang`, and their lines that hold anything. */
  fencedCode: { start: number; end: number; lang: string | null; lines: string[] }[];
}

export function mdastReferenceFacts(text: string): ReferenceFacts {
  const facts: ReferenceFacts = { destinations: [], codeSpans: [], fencedCode: [] };
  const visit = (node: Nodes, inLink: boolean): void => {
    const start = node.position?.start.offset;
    const end = node.position?.end.offset;
    if (start === undefined || end === undefined) return;
    switch (node.type) {
      case 'link':
      case 'image':
      case 'definition':
        // Autolinks (`<https://…>`, `www.…`) are URLs by construction: the events keep no destination for them.
        if (node.url !== '' && (node.type !== 'link' || text[start] === '[')) facts.destinations.push({ kind: node.type, nodeStart: start, nodeEnd: end, url: node.url });
        break;
      case 'inlineCode':
        if (!inLink) facts.codeSpans.push({ start, end, value: node.value });
        break;
      case 'code':
        // Fenced, not indented: the node starts at its fence.
        if (text[start] === '`' || text[start] === '~') facts.fencedCode.push({ start, end, lang: node.lang ?? null, lines: node.value.split('\n').filter((l) => l !== '') });
        break;
      default:
    }
    if ('children' in node) for (const child of node.children) visit(child, inLink || node.type === 'link');
  };
  visit(parseMarkdown(text), false);
  return facts;
}
