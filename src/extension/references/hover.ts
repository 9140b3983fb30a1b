import * as vscode from 'vscode';
import { MAX_SEARCHED_BYTES, type ResolvedReference } from '../../core';
import { toRange } from '../ranges';
import { readSettings } from '../settings';
import { referenceTarget } from './links';
import type { ReferenceService } from './referenceService';

/** Lines of a line reference shown in its hover at most. */
const MAX_SHOWN_LINES = 12;
/** A shown line is cut here (a minified file's one line is not repeated whole). */
const MAX_LINE_CHARS = 300;

/** Fence languages by file extension, for the hover's code block. */
const LANGUAGES: Record<string, string> = {
  ts: 'typescript', mts: 'typescript', cts: 'typescript', tsx: 'typescriptreact', js: 'javascript', mjs: 'javascript', cjs: 'javascript', jsx: 'javascriptreact',
  py: 'python', pyi: 'python', go: 'go', rs: 'rust', java: 'java', kt: 'kotlin', kts: 'kotlin', cs: 'csharp', c: 'c', h: 'c', cc: 'cpp', cpp: 'cpp', cxx: 'cpp',
  hpp: 'cpp', hh: 'cpp', hxx: 'cpp', rb: 'ruby', php: 'php', swift: 'swift', scala: 'scala', dart: 'dart', lua: 'lua', sh: 'shellscript', bash: 'shellscript',
  json: 'json', yaml: 'yaml', yml: 'yaml', toml: 'toml', md: 'markdown', sql: 'sql', css: 'css', html: 'html',
};

/**
 * Hover on a symbol: where it is declared (file:line, a link) and the
 * declaring line; on a line reference, the lines it names. On a broken
 * reference whose diagnostic is off (its severity `off`), the finding: when
 * the diagnostic shows, VS Code's hover already says it.
 */
class ReferenceHover implements vscode.HoverProvider {
  constructor(private readonly references: ReferenceService) {}

  async provideHover(document: vscode.TextDocument, position: vscode.Position, token: vscode.CancellationToken): Promise<vscode.Hover | undefined> {
    const resolution = this.references.resolution(document.uri) ?? (await this.references.resolutionNow(document));
    if (!resolution || token.isCancellationRequested) return undefined;
    const offset = resolution.lines.offsetAt(position);
    const ref = referenceAt(resolution.references, offset);
    if (!ref) return undefined;
    const range = toRange(resolution.lines, ref.start, ref.end);
    if (ref.finding) {
      const severity = readSettings(document.uri).severity[ref.finding.code === 'broken-reference' ? 'brokenReference' : 'unknownSymbol'];
      return severity === 'off' ? new vscode.Hover(new vscode.MarkdownString().appendText(ref.finding.message), range) : undefined;
    }
    if (ref.status !== 'ok' || ref.target === undefined || ref.targetLine === undefined || (ref.kind !== 'symbol' && ref.kind !== 'line')) return undefined;
    const target = referenceTarget(resolution.root, ref, false);
    if (!target) return undefined;
    const from = ref.targetLine;
    const to = ref.kind === 'line' && ref.lines ? Math.min(Math.max(ref.lines.to, from), from + MAX_SHOWN_LINES - 1) : from;
    const shown = await readLines(target.uri.with({ fragment: '' }), from, to);
    if (token.isCancellationRequested) return undefined;
    const markdown = new vscode.MarkdownString();
    const place = `${ref.target}:${from}${to > from ? `-${to}` : ''}`;
    const link = `[${escapeMarkdown(place)}](${target.uri.toString()})`;
    markdown.appendMarkdown(ref.kind === 'symbol'
      ? vscode.l10n.t('`{0}` is declared in {1}', (ref.symbol ?? ref.text).replace(/`/g, ''), link)
      : link);
    if (shown !== undefined) markdown.appendCodeblock(shown, LANGUAGES[extensionOf(ref.target)] ?? '');
    return new vscode.Hover(markdown, range);
  }
}

/** The reference whose span holds the offset (its end included, where the caret stands after it). References are in document order. */
function referenceAt(references: readonly ResolvedReference[], offset: number): ResolvedReference | undefined {
  let lo = 0;
  let hi = references.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (references[mid].start <= offset) lo = mid + 1;
    else hi = mid;
  }
  for (let i = lo - 1; i >= 0 && i >= lo - 4; i--) if (references[i].start <= offset && offset <= references[i].end) return references[i];
  return undefined;
}

/**
 * Lines `from`..`to` (1-based) of a file: from its open document if it is
 * open, else from its first MAX_SEARCHED_BYTES (the part the check searched);
 * undefined when it cannot be read.
 */
async function readLines(uri: vscode.Uri, from: number, to: number): Promise<string | undefined> {
  let text: string;
  const open = vscode.workspace.textDocuments.find((d) => d.uri.toString() === uri.toString());
  if (open) {
    text = open.getText();
  } else {
    try {
      const stat = await vscode.workspace.fs.stat(uri);
      if (!(stat.type & vscode.FileType.File) || stat.size > MAX_SEARCHED_BYTES) return undefined;
      text = new TextDecoder('utf-8').decode(await vscode.workspace.fs.readFile(uri));
    } catch {
      return undefined;
    }
  }
  const out: string[] = [];
  let line = 1;
  for (let start = 0; start <= text.length && line <= to; line++) {
    let end = start;
    while (end < text.length && text.charCodeAt(end) !== 10 && text.charCodeAt(end) !== 13) end++;
    if (line >= from) out.push(text.slice(start, Math.min(end, start + MAX_LINE_CHARS)));
    if (end >= text.length) break;
    start = end + (text.charCodeAt(end) === 13 && text.charCodeAt(end + 1) === 10 ? 2 : 1);
  }
  return out.length > 0 ? dedent(out).join('\n') : undefined;
}

/** The lines without the indentation they all share. */
function dedent(lines: string[]): string[] {
  let common = Infinity;
  for (const l of lines) {
    if (l.trim() === '') continue;
    let i = 0;
    while (i < l.length && (l[i] === ' ' || l[i] === '\t')) i++;
    common = Math.min(common, i);
  }
  return common === Infinity || common === 0 ? lines : lines.map((l) => l.slice(common));
}

function extensionOf(path: string): string {
  const name = path.slice(path.lastIndexOf('/') + 1);
  const dot = name.lastIndexOf('.');
  return dot > 0 ? name.slice(dot + 1).toLowerCase() : '';
}

function escapeMarkdown(text: string): string {
  return text.replace(/[\\`*_{}[\]()#+\-.!<>|]/g, '\\$&');
}

export function registerReferenceHover(references: ReferenceService): vscode.Disposable {
  return vscode.languages.registerHoverProvider({ language: 'markdown' }, new ReferenceHover(references));
}
