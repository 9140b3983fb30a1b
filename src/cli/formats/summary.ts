import { COUNTED_CODES, FINDING_CODES, FINDING_KINDS, countFor, countOf } from './findingKinds';
import type { ReportedFinding, RunTotals } from './types';

/** The last line of the text and github formats: what is left, in how many files, and what was not counted. */
export function summaryLine(totals: RunTotals): string {
  const { files, filesWithFindings, counts, unchanged } = totals;
  let checked = `${files} ${files === 1 ? 'file' : 'files'} checked`;
  if (unchanged > 0) checked += ` (${unchanged} unchanged ${unchanged === 1 ? 'file' : 'files'} skipped)`;
  const notCounted = notCountedSentence(totals);
  const fixed = fixedSentence(totals);
  const parts = COUNTED_CODES.filter((code) => FINDING_KINDS[code].alwaysInSummary || countFor(counts, code) > 0).map((code) => countOf(countFor(counts, code), code));
  if (FINDING_CODES.every((code) => counts[code] === 0)) return `${checked}: ${notCounted ? 'nothing that fails the check.' : 'nothing left to fill.'}${notCounted}${fixed}`;
  const list = parts.length > 1 ? `${parts.slice(0, -1).join(', ')} and ${parts[parts.length - 1]}` : parts[0];
  return `${checked}: ${list} in ${filesWithFindings} ${filesWithFindings === 1 ? 'file' : 'files'}.${notCounted}${fixed}`;
}

/** " Not counted: 2 in drafts, 1 on unchanged lines, 3 in the baseline.", or ''. */
function notCountedSentence({ notices, baselined }: RunTotals): string {
  const parts: string[] = [];
  if (notices.draft > 0) parts.push(`${notices.draft} in drafts`);
  if (notices.existing > 0) parts.push(`${notices.existing} on unchanged lines`);
  if (baselined > 0) parts.push(`${baselined} in the baseline`);
  return parts.length > 0 ? ` Not counted: ${parts.join(', ')}.` : '';
}

/** " 2 fixed since the baseline.", or ''. */
function fixedSentence({ fixed }: RunTotals): string {
  const n = fixed.reduce((sum, e) => sum + e.count, 0);
  return n > 0 ? ` ${n} fixed since the baseline.` : '';
}

/** How a notice is named after a finding in the line formats. */
export function noticeSuffix(f: ReportedFinding): string {
  return f.notice === 'draft' ? ' (notice: draft)' : f.notice === 'existing' ? ' (notice: unchanged line)' : '';
}
