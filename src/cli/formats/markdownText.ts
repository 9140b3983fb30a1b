// Text of anybody's (section titles, file names, placeholder texts) put into
// Markdown or HTML so that it renders as the text it is: no table cell broken
// by `|`, no code span, emphasis, link, mention or raw HTML made from it.

// What can start inline syntax in GitHub's Markdown: code, emphasis, links and
// images, raw HTML and autolinks, entities, table cells, strikethrough, emoji
// shortcodes, math. One class, so linear.
const ACTIVE = /[\\`*_[\]<>&|~:$!]/g;
/** `@name` and `#123` would notify people or link issues: a zero-width space after the sign keeps the text and stops both. */
const REFERENCE_SIGNS = /[@#]/g;
// eslint-disable-next-line no-control-regex
const LINE_BREAKS_AND_CONTROLS = /[\u0000-\u001f\u007f-\u009f\u2028\u2029]+/g;

/** Inline Markdown text (also safe in a GFM table cell): controls and line breaks as one space, syntax characters escaped. */
export function markdownText(text: string): string {
  return text.replace(LINE_BREAKS_AND_CONTROLS, ' ').replace(ACTIVE, (c) => '\\' + c).replace(REFERENCE_SIGNS, (c) => c + '\u200b');
}

const HTML_ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/** Text inside an HTML element of the report (`<summary>`): `&<>"'` as entities, line breaks as spaces. */
export function htmlText(text: string): string {
  return text.replace(LINE_BREAKS_AND_CONTROLS, ' ').replace(/[&<>"']/g, (c) => HTML_ESCAPES[c]);
}

/** A link destination: each path segment percent-encoded, and `(`, `)`, `'`, `!`, `*` too, so it cannot end the link early. */
export function linkTarget(base: string, relativePath: string): string {
  const encoded = relativePath.split('/').map((s) => encodeURIComponent(s).replace(/[()'!*]/g, (c) => '%' + c.charCodeAt(0).toString(16).toUpperCase())).join('/');
  return base.replace(/[ ()<>]/g, (c) => '%' + c.charCodeAt(0).toString(16).toUpperCase()) + encoded;
}

/** UTF-8 length without encoding (lone surrogates count 3, as TextEncoder writes U+FFFD). */
export function utf8Length(text: string): number {
  let n = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c < 0x80) n += 1;
    else if (c < 0x800) n += 2;
    else if (c >= 0xd800 && c <= 0xdbff && i + 1 < text.length && (text.charCodeAt(i + 1) & 0xfc00) === 0xdc00) {
      n += 4;
      i++;
    } else n += 3;
  }
  return n;
}

const BAR_CELLS = 10;

/** `███████░░░ 70%`: ten cells, rounded down so 99.5% is not shown full. */
export function progressBar(done: number, total: number): string {
  const ratio = total === 0 ? 1 : done / total;
  const full = Math.floor(ratio * BAR_CELLS);
  return '█'.repeat(full) + '░'.repeat(BAR_CELLS - full) + ` ${Math.floor(ratio * 100)}%`;
}
