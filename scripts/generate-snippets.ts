// Writes snippets/markdown.json from the block definitions in src/core/template/blocks.ts (snippets: blockSnippets.ts)
// (a unit test checks the committed file matches): `npx tsx scripts/generate-snippets.ts`.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { BLOCKS } from '../src/core/template/blocks';
import { blockSnippet } from '../src/core/edits/blockSnippets';

export function snippetsJson(): Record<string, { prefix: string; description: string; body: string[] }> {
  const out: Record<string, { prefix: string; description: string; body: string[] }> = {};
  for (const block of BLOCKS) {
    out[`Implementation Notes: ${block.label}`] = { prefix: block.prefix, description: block.description, body: blockSnippet(block).split('\n') };
  }
  return out;
}

if (require.main === module) {
  const file = path.join(__dirname, '..', 'snippets', 'markdown.json');
  fs.writeFileSync(file, JSON.stringify(snippetsJson(), null, 2) + '\n');
  console.log(`wrote ${path.relative(process.cwd(), file)}`);
}
