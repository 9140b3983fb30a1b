import type { Span } from '../markdown/syntax';

/** VS Code snippet syntax treats `$`, `}` and `\` as special: escape them in literal text. */
export function escapeSnippetText(text: string): string {
  return text.replace(/[$}\\]/g, '\\$&');
}

/**
 * Turns a text and its placeholders into a snippet whose tab stops are the
 * placeholders, in document order, each keeping its bracketed text as the
 * default (so a skipped one still shows as a leftover placeholder). The
 * final cursor lands after the text.
 */
export function toSnippet(text: string, placeholders: readonly Span[]): string {
  let out = '';
  let last = 0;
  let stop = 1;
  for (const p of [...placeholders].sort((a, b) => a.start - b.start)) {
    if (p.start < last) continue;
    out += escapeSnippetText(text.slice(last, p.start));
    out += `\${${stop++}:${escapeSnippetText(text.slice(p.start, p.end))}}`;
    last = p.end;
  }
  return out + escapeSnippetText(text.slice(last)) + '$0';
}
