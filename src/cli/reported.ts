import { fingerprint, findings, identityKey, sectionIndexAt, touches, type Analysis, type BaselineMatcher, type FindingIdentity, type LineIndex, type LineRange, type ResolvedReference } from '../core';
import { FINDING_KINDS } from './formats/findingKinds';
import type { ReportedFinding } from './formats/types';

/** What decides whether a finding fails the run (docs/spec.md, "Exit status"). */
export interface Judging {
  /** `--strict`: findings in drafts count. */
  strict: boolean;
  baseline?: BaselineMatcher;
}

/**
 * A file's findings as reported: positioned, keyed, the baseline's taken
 * out; in a draft (unless strict) and off the changed lines (`changed`, when
 * `--changed-since` gave them) a notice. `references`: the file's resolved
 * references, whose broken ones are findings like the rest (docs/spec.md,
 * "Exit status"). `baselined`: how many the baseline took.
 */
export function reportFindings(
  relativePath: string,
  analysis: Analysis,
  lines: LineIndex,
  judging: Judging,
  draft: boolean,
  changed: readonly LineRange[] | undefined,
  references: readonly ResolvedReference[] = [],
): { findings: ReportedFinding[]; baselined: number } {
  const out: ReportedFinding[] = [];
  const occurrences = new Map<string, number>();
  let baselined = 0;
  for (const f of findings(analysis, references)) {
    // The section the finding belongs to: a heading's finding is that heading's section.
    const index = sectionIndexAt(analysis.sections, f.end > f.start ? f.end - 1 : f.start);
    const identity: FindingIdentity = { file: relativePath, rule: f.code, section: index >= 0 ? analysis.sections[index].title : null, message: f.message };
    if (judging.baseline?.take(identity)) {
      baselined++;
      continue;
    }
    const key = identityKey(identity);
    const occurrence = occurrences.get(key) ?? 0;
    occurrences.set(key, occurrence + 1);
    const start = lines.positionAt(f.start);
    const end = lines.positionAt(f.end);
    const reported: ReportedFinding = {
      ...f,
      line: start.line + 1,
      column: start.character + 1,
      endLine: end.line + 1,
      endColumn: end.character + 1,
      section: identity.section,
      fingerprint: fingerprint(identity, occurrence),
    };
    if (draft && !judging.strict && FINDING_KINDS[f.code].noticeInDrafts) reported.notice = 'draft';
    else if (changed && !touches(changed, reported.line, reported.endLine)) reported.notice = 'existing';
    out.push(reported);
  }
  return { findings: out, baselined };
}
