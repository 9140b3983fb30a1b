import type { Root } from 'mdast';
import { unified, type Processor } from 'unified';
import remarkParse from 'remark-parse';
import remarkGfm from 'remark-gfm';
import remarkFrontmatter from 'remark-frontmatter';

let processor: Processor<Root> | undefined;

/** CommonMark + GFM (tables, task lists, footnotes) + YAML/TOML front matter. */
export function parseMarkdown(text: string): Root {
  processor ??= unified()
    .use(remarkParse)
    .use(remarkGfm)
    .use(remarkFrontmatter, ['yaml', 'toml']) as unknown as Processor<Root>;
  return processor.parse(text);
}
