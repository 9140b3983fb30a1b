import type { Rule } from './rule';

/** docs/spec.md, "Placeholders". */
export const placeholder: Rule<'placeholder'> = {
  id: 'placeholder',
  name: 'LeftoverPlaceholder',
  shortDescription: 'A template placeholder is not filled in',
  fullDescription: 'A [bracketed] placeholder from the implementation-notes template is still in the document.',
  docs: 'docs/spec.md#placeholders',
  severitySetting: 'placeholder',
  find: (analysis) =>
    analysis.placeholders.map((p) => ({ code: 'placeholder', start: p.start, end: p.end, message: `Placeholder ${p.text} is not filled in`, text: p.text })),
};
