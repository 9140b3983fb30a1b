import { FINDING_KINDS } from './findingKinds';
import type { FormatContext, Formatter } from './types';

/** One issue of a Code Climate report, the subset GitLab's code-quality widget reads. */
interface CodeClimateIssue {
  type: 'issue';
  check_name: string;
  description: string;
  categories: string[];
  severity: string;
  fingerprint: string;
  location: { path: string; lines: { begin: number; end: number } };
}

/**
 * GitLab's code-quality report: a JSON array of Code Climate issues, paths
 * relative to the folder the check ran in (the project root in a GitLab
 * job), fingerprints that survive line moves. A notice (a draft's finding,
 * one on an unchanged line) is kept at severity `info`, so GitLab's
 * comparison with the target branch does not show it as resolved.
 */
export function codeclimate({ write }: FormatContext): Formatter {
  const issues: CodeClimateIssue[] = [];
  return {
    file: ({ relativePath, findings }) => {
      for (const f of findings) {
        const kind = FINDING_KINDS[f.code];
        issues.push({
          type: 'issue',
          check_name: f.code,
          description: f.message,
          categories: kind.codeClimate.categories,
          severity: f.notice ? 'info' : kind.codeClimate.severity,
          fingerprint: f.fingerprint,
          location: { path: relativePath, lines: { begin: f.line, end: f.endLine } },
        });
      }
    },
    end: () => write(JSON.stringify(issues, null, 2) + '\n'),
  };
}
