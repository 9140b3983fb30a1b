// The reference reading of a document through remark's mdast tree. The
// product reads micromark's events instead (events.ts), which is twice as fast;
// this slower reading is kept as the oracle the property tests compare against.
import type { Nodes, Root } from 'mdast';
import { unified } from 'unified';
import remarkParse from 'remark-parse';
import remarkGfm from 'remark-gfm';
import remarkFrontmatter from 'remark-frontmatter';
import { headingTitle as joinTitle, mergeSpans } from '../../src/core/events';
import type { DocumentFacts } from '../../src/core/facts';
import { findCandidates } from '../../src/core/placeholders';
import type { HeadingInfo, Span, Syntax } from '../../src/core/syntax';

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
  return { excluded: mergeSpans(excluded), code, headings, contentStarts, definitions };
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
