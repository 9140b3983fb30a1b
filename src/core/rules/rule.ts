import type { Analysis } from '../analysis/analyze';
import type { ResolvedReference } from '../references/model';

/**
 * One kind of finding: what the CLI's outputs, SARIF, the editor's
 * diagnostics and the README's rule table say about it, and how it is found.
 */
export interface Rule<Id extends string = string> {
  /** The finding's code: `[id]` in the CLI's text, SARIF's `ruleId`, the diagnostic's code. */
  readonly id: Id;
  /** SARIF's `name`: the id in PascalCase. */
  readonly name: string;
  readonly shortDescription: string;
  readonly fullDescription: string;
  /** Where docs/spec.md states the rule (a path and anchor from the repository's root). */
  readonly docs: string;
  /** The editor's severity setting for it: `implementationNotes.severity.<severitySetting>`. */
  readonly severitySetting: string;
  /**
   * Its findings in one analysed document (any order: `findings` sorts);
   * `references`: the document's references as the host resolved them
   * against the repository (none where the host does not resolve them).
   */
  find(analysis: Analysis, references: readonly ResolvedReference[]): RuleFinding<Id>[];
}

/** A finding of one rule (analyze.ts's `Finding`, whose code is any rule's id). */
export interface RuleFinding<Id extends string> {
  code: Id;
  start: number;
  end: number;
  message: string;
  /** The placeholder's text, for `placeholder` findings. */
  text?: string;
}
