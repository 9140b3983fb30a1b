import type { RunTotals } from './types';

/** The last line of the text and github formats: what is left, in how many files. */
export function summaryLine({ files, filesWithFindings, placeholders, emptySections, missingSections }: RunTotals): string {
  const checked = `${files} ${files === 1 ? 'file' : 'files'} checked`;
  if (placeholders === 0 && emptySections === 0 && missingSections === 0) return `${checked}: nothing left to fill.`;
  const parts = [
    `${placeholders} ${placeholders === 1 ? 'placeholder' : 'placeholders'}`,
    `${emptySections} empty ${emptySections === 1 ? 'section' : 'sections'}`,
  ];
  if (missingSections > 0) parts.push(`${missingSections} missing ${missingSections === 1 ? 'section' : 'sections'}`);
  const list = parts.length === 3 ? `${parts[0]}, ${parts[1]} and ${parts[2]}` : parts.join(' and ');
  return `${checked}: ${list} in ${filesWithFindings} ${filesWithFindings === 1 ? 'file' : 'files'}.`;
}
