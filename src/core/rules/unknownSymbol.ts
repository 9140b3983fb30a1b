import { referenceFindings } from './brokenReference';
import type { Rule } from './rule';

/** docs/spec.md, "Resolving references": a Key Classes/Functions symbol is not declared where its component says. */
export const unknownSymbol: Rule<'unknown-symbol'> = {
  id: 'unknown-symbol',
  name: 'UnknownSymbol',
  shortDescription: 'A symbol of the notes is not declared in its files',
  fullDescription: 'A class or function listed under Key Classes/Functions is not declared in the Location file(s) of its component, or anywhere in the repository when the component has no Location (perhaps renamed).',
  docs: 'docs/spec.md#resolving-references',
  severitySetting: 'unknownSymbol',
  find: (_analysis, references) => referenceFindings(references, 'unknown-symbol'),
};
