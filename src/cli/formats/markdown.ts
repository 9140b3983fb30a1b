import { progress, taskProgress, type FindingCode } from '../../core';
import { COUNTED_CODES, FINDING_CODES, FINDING_KINDS, countFor } from './findingKinds';
import { htmlText, linkTarget, markdownText, progressBar, utf8Length } from './markdownText';
import { summaryLine } from './summary';
import type { FormatContext, Formatter, ReportedFinding, RunTotals } from './types';

interface FileRow {
  path: string;
  relativePath: string;
  draft: boolean;
  filled: number;
  total: number;
  counts: Record<FindingCode, number>;
  /** Tasks done and that apply, over the file's sections; the per-section list item ("Tasks: Deliverables 3/7 done, …"), if any. */
  tasksDone: number;
  tasksTotal: number;
  tasksItem?: string;
  /** The list items of its findings, as long as the report has room to keep them. */
  items: string[];
  findings: number;
}

/** Room kept for the closing tags and the note on what was left out. */
const RESERVE = 512;

/**
 * A GitHub-flavoured Markdown report (docs/spec.md, "The CLI's output"): the
 * summary, a table with one row per file, then each file's findings in a
 * `<details>` block; at most `maxBytes` of UTF-8, saying how much was left
 * out. Written at the end (the table comes first and needs every file).
 */
export function markdown({ write, linkBase, maxBytes }: FormatContext): Formatter {
  const rows: FileRow[] = [];
  let kept = 0;
  return {
    file: ({ path, relativePath, analysis, draft, findings }) => {
      const p = progress(analysis);
      const counts = Object.fromEntries(FINDING_CODES.map((code) => [code, 0])) as Record<FindingCode, number>;
      const items: string[] = [];
      for (const f of findings) {
        counts[f.code]++;
        // Kept while there can be room: a huge run does not hold a report it cannot print.
        if (kept < maxBytes) {
          const item = findingItem(f);
          items.push(item);
          kept += utf8Length(item);
        }
      }
      const tasks = taskProgress(analysis.sections);
      const tasksItem = tasks.length > 0 ? `- Tasks: ${tasks.map((t) => markdownText(t.text)).join(', ')}\n` : undefined;
      rows.push({
        path, relativePath, draft, filled: p.sectionsDone, total: p.sections + p.left.missingSections, counts, items, findings: findings.length,
        tasksDone: tasks.reduce((n, t) => n + t.done, 0), tasksTotal: tasks.reduce((n, t) => n + t.total, 0), tasksItem,
      });
    },
    end: (totals) => write(render(rows, totals, linkBase, maxBytes)),
  };
}

/** The report's text as it grows, kept under its cap (`RESERVE` bytes short of it, for the closing words). */
class Budget {
  private readonly parts: string[] = [];
  private used = 0;

  constructor(private readonly budget: number) {}

  fits(bytes: number): boolean {
    return this.used + bytes <= this.budget;
  }

  /** Adds `text` when it fits (always when `force`); says whether it did. */
  add(text: string, force = false): boolean {
    const n = utf8Length(text);
    if (!force && !this.fits(n)) return false;
    this.parts.push(text);
    this.used += n;
    return true;
  }

  /** A collapsible block of list items, opened only with room to close it; how many items it shows (0 when it did not fit). */
  block(summary: string, items: readonly string[]): number {
    const open = `<details><summary>${summary}</summary>\n\n`;
    const close = '\n</details>\n\n';
    const closeBytes = utf8Length(close);
    if (!this.fits(utf8Length(open) + closeBytes)) return 0;
    this.add(open, true);
    let shown = 0;
    while (shown < items.length && this.fits(utf8Length(items[shown]) + closeBytes)) this.add(items[shown++], true);
    this.add(close, true);
    return shown;
  }

  text(): string {
    return this.parts.join('');
  }
}

function render(rows: readonly FileRow[], totals: RunTotals, linkBase: string, maxBytes: number): string {
  const out = new Budget(maxBytes - RESERVE);
  out.add('## Implementation notes\n\n');
  // Numbers and fixed words only: no escaping needed.
  out.add(summaryLine(totals) + '\n\n');
  let rowsLeft = 0;
  if (rows.length > 0) {
    const columns = COUNTED_CODES.map((code) => FINDING_KINDS[code].column);
    out.add(`| File | Sections filled | Progress | Tasks done | ${columns.join(' | ')} |\n`);
    out.add(`|:--|--:|:--|--:|${columns.map(() => '--:|').join('')}\n`);
    for (const row of rows) {
      if (rowsLeft > 0 || !out.add(tableRow(row, linkBase))) rowsLeft++;
    }
    out.add('\n');
  }
  let itemsLeft = 0;
  for (const row of rows) {
    if (row.findings === 0 && !row.tasksItem) continue;
    const items = row.tasksItem ? [row.tasksItem, ...row.items] : row.items;
    itemsLeft += items.length + (row.findings - row.items.length) - out.block(`${htmlText(row.path)}: ${row.findings} ${row.findings === 1 ? 'finding' : 'findings'}`, items);
  }
  const fixed = totals.fixed.reduce((n, e) => n + e.count, 0);
  if (fixed > 0) {
    const items = totals.fixed.map((e) => `- ${markdownText(e.file)}: ${markdownText(e.message)} (${markdownText(e.rule)})${e.count > 1 ? ` ×${e.count}` : ''}\n`);
    itemsLeft += items.length - out.block(`Fixed since the baseline: ${fixed}`, items);
  }
  if (rowsLeft > 0 || itemsLeft > 0) {
    const parts = [];
    if (rowsLeft > 0) parts.push(`${rowsLeft} ${rowsLeft === 1 ? 'file' : 'files'} of the table`);
    if (itemsLeft > 0) parts.push(`${itemsLeft} ${itemsLeft === 1 ? 'entry' : 'entries'} of the lists`);
    out.add(`*Left out: ${parts.join(' and ')}, to keep the report under ${maxBytes} bytes. The full list: impl-notes check with the text format.*\n`, true);
  }
  return out.text();
}

function tableRow(row: FileRow, linkBase: string): string {
  // Paths outside the folder the check ran in get no link: it would point nowhere.
  const linkable = !row.relativePath.startsWith('../') && row.relativePath !== '..' && !row.relativePath.startsWith('/');
  const name = markdownText(row.path);
  const file = (linkable ? `[${name}](${linkTarget(linkBase, row.relativePath)})` : name) + (row.draft ? ' (draft)' : '');
  const counts = COUNTED_CODES.map((code) => String(countFor(row.counts, code)));
  const tasks = row.tasksTotal > 0 ? `${row.tasksDone}/${row.tasksTotal}` : '–';
  return `| ${file} | ${row.filled}/${row.total} | ${progressBar(row.filled, row.total)} | ${tasks} | ${counts.join(' | ')} |\n`;
}

function findingItem(f: ReportedFinding): string {
  const notice = f.notice === 'draft' ? ' · notice: draft' : f.notice === 'existing' ? ' · notice: unchanged line' : '';
  return `- Line ${f.line}: ${markdownText(f.message)} (${markdownText(f.code)}${notice})\n`;
}
