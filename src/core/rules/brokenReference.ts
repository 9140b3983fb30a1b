import type { ResolvedReference } from '../references/model';
import type { Rule, RuleFinding } from './rule';

/** docs/spec.md, "Resolving references": the path is not in the repository, a line is past its file's end, or the path leaves the repository. */
export const brokenReference: Rule<'broken-reference'> = {
  id: 'broken-reference',
  name: 'BrokenReference',
  shortDescription: 'A reference to the repository is broken',
  fullDescription: 'A path, line reference or Code Structure line of the notes names a file or folder that is not in the repository (perhaps moved), a line past the end of its file, or a place outside the repository.',
  docs: 'docs/spec.md#resolving-references',
  severitySetting: 'brokenReference',
  find: (_analysis, references) => referenceFindings(references, 'broken-reference'),
};

/** The findings of one code among resolved references (the reference rules share it). */
export function referenceFindings<Id extends 'broken-reference' | 'unknown-symbol'>(references: readonly ResolvedReference[], code: Id): RuleFinding<Id>[] {
  const out: RuleFinding<Id>[] = [];
  for (const r of references) if (r.finding?.code === code) out.push({ code, start: r.start, end: r.end, message: r.finding.message });
  return out;
}
