import type { Rule } from './rule';

/** docs/spec.md, "Missing sections": anchored at column 1 of the heading that matched the parent. */
export const missingSection: Rule<'missing-section'> = {
  id: 'missing-section',
  name: 'MissingSection',
  shortDescription: 'A section of the template is missing',
  fullDescription: "A notes document lacks a section of its template's outline; a section that does not apply is kept with \"Not applicable.\"",
  docs: 'docs/spec.md#missing-sections',
  severitySetting: 'missingSection',
  find: (analysis) =>
    analysis.missing.map((m) => {
      const anchor = analysis.sections[m.anchor];
      return { code: 'missing-section', start: lineStart(analysis.text, anchor.start), end: anchor.headingEnd, message: `Section "${m.title}" is missing` };
    }),
};

function lineStart(text: string, offset: number): number {
  let start = offset;
  while (start > 0 && text[start - 1] !== '\n' && text[start - 1] !== '\r') start--;
  return start;
}
