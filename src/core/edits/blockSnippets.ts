// A block as a VS Code snippet: its placeholders become tab stops (or choices).
import type { BlockPlacement } from './blockPlacement';
import { blockLines, type BlockDefinition, type BlockTextOptions } from '../template/blocks';
import { escapeSnippetText } from './snippet';

const PLACEHOLDER = /\[[^[\]\r\n]{1,120}\]/g;

/**
 * The block as a snippet body, without a final tab stop: its placeholders are
 * tab stops in order, each keeping its bracketed text as the default (so a
 * skipped one is still reported as a leftover placeholder); a placeholder
 * naming a fixed set of values (`[All resolved/In progress/Accepted risk]`)
 * becomes a choice of those values. Without `n` the number is the first tab
 * stop (`${1:1}`), as in the contributed snippets.
 */
function snippetBody(block: BlockDefinition, n: number | undefined, options: BlockTextOptions): string {
  let stop = n === undefined ? 2 : 1;
  const number = n === undefined ? '${1:1}' : String(n);
  const literal = (text: string) => text.split('{n}').map(escapeSnippetText).join(number);
  return blockLines(block, options.level)
    .map((line) => {
      let out = '';
      let last = 0;
      for (const m of line.matchAll(PLACEHOLDER)) {
        out += literal(line.slice(last, m.index));
        const choices = fixedValues(m[0]);
        out += choices ? `\${${stop++}|${[m[0], ...choices].map(escapeChoice).join(',')}|}` : `\${${stop++}:${literal(m[0])}}`;
        last = m.index + m[0].length;
      }
      return out + literal(line.slice(last));
    })
    .join(options.eol ?? '\n');
}

/** The block as a snippet, ending with the final cursor (`$0`). */
export function blockSnippet(block: BlockDefinition, n?: number, options: BlockTextOptions = {}): string {
  return snippetBody(block, n, options) + '$0';
}

/**
 * The values of a placeholder that offers a fixed set of them, as the
 * template's `[All resolved/In progress/Accepted risk]` does: two or more
 * words or phrases separated by `/`. Undefined for any other placeholder.
 */
export function fixedValues(placeholder: string): string[] | undefined {
  const options = placeholder.slice(1, -1).split('/').map((o) => o.trim());
  return options.length > 1 && options.every((o) => /^\p{L}[\p{L} ]*$/u.test(o)) ? options : undefined;
}

/** Inside a snippet choice only `,`, `|` and `\` are special. */
function escapeChoice(text: string): string {
  return text.replace(/[,|\\]/g, '\\$&');
}

/** The snippet that inserts the numbered block at a placement; the final cursor is at the block's end. */
export function placementSnippet(placement: BlockPlacement, block: BlockDefinition, n: number, options: BlockTextOptions = {}): string {
  return escapeSnippetText(placement.lead) + snippetBody(block, n, options) + '$0' + escapeSnippetText(placement.tail);
}
