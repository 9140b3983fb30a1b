import type { Rule, RuleFinding } from './rule';

/** docs/spec.md, "Sections". */
export const emptySection: Rule<'empty-section'> = {
  id: 'empty-section',
  name: 'EmptySection',
  shortDescription: 'A section has no content',
  fullDescription: 'A section of the implementation notes has no content and no subsections.',
  docs: 'docs/spec.md#sections',
  severitySetting: 'emptySection',
  find: (analysis) => {
    const out: RuleFinding<'empty-section'>[] = [];
    for (const s of analysis.sections) {
      if (s.status === 'empty') out.push({ code: 'empty-section', start: s.start, end: s.headingEnd, message: s.title === '' ? 'Section is empty' : `Section "${s.title}" is empty` });
    }
    return out;
  },
};
