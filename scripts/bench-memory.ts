// One measurement of `npm run bench`, alone in its own process so that its
// peak memory is its own: `bench-memory.ts TOOL SHAPE SIZE` prints
// {"ms":…, "peakMb":…, "bytes":…}. TOOL: ours | remark | markdownlint.
import { lint } from 'markdownlint/sync';
import remarkGfm from 'remark-gfm';
import remarkParse from 'remark-parse';
import { unified } from 'unified';
import { DocumentAnalyzer } from '../src/core';
import { notesDocument } from './bench-docs';

/** The documents measured: notes shaped like the template, and the CLI's adversarial shapes. */
export const SHAPES: Record<string, (size: number) => string> = {
  notes: (copies) => notesDocument(copies, copies),
  brackets: (n) => ']'.repeat(n),
  'nested lists': (n) => Array.from({ length: n }, (_, depth) => `${'  '.repeat(depth)}- x`).join('\n'),
  '[a] x on one line': (n) => '[a] x '.repeat(n),
  'nested quotes': (n) => '> '.repeat(n),
  'nested containers': (n) => '- > 1. '.repeat(n),
  'one long paragraph': (kb) => 'lorem ipsum dolor sit amet '.repeat(Math.ceil((kb * 1024) / 27)),
};

const TOOLS: Record<string, (text: string) => unknown> = {
  // What the CLI's worker runs for one file.
  ours: (text) => new DocumentAnalyzer().analyze({ key: 'bench', text, ignore: [] }, true),
  remark: (text) => unified().use(remarkParse).use(remarkGfm).parse(text),
  markdownlint: (text) => lint({ strings: { doc: text } }),
};

if (process.argv[1]?.endsWith('bench-memory.ts')) {
  const [tool, shape, size] = process.argv.slice(2);
  const text = SHAPES[shape](Number(size));
  // Warm the code paths on a small input, so the peak is the document's, not the modules'.
  TOOLS[tool]('# a\n\nb [c]\n');
  const before = process.memoryUsage().rss;
  const start = performance.now();
  TOOLS[tool](text);
  const ms = performance.now() - start;
  const peak = process.resourceUsage().maxRSS * 1024;
  console.log(JSON.stringify({ ms, peakMb: Math.max(0, peak - before) / 1048576, bytes: Buffer.byteLength(text) }));
}
