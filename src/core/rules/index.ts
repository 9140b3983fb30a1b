// Every kind of finding, in the order the README's table and SARIF's rule
// list show them. Adding a rule: one module beside these, one line here
// (and its severity setting in package.json).
import { brokenReference } from './brokenReference';
import { emptySection } from './emptySection';
import { missingSection } from './missingSection';
import { placeholder } from './placeholder';
import { unknownSymbol } from './unknownSymbol';

export const RULES = [
  placeholder,
  emptySection,
  missingSection,
  brokenReference,
  unknownSymbol,
] as const;

export type RuleId = (typeof RULES)[number]['id'];

