import { toSarif, type SarifFinding } from '../../core';
import type { FormatContext, Formatter } from './types';

/** SARIF 2.1.0, for code-scanning uploads; a notice is a `note`. */
export function sarif({ write, version, homepage }: FormatContext): Formatter {
  const files: { path: string; findings: SarifFinding[] }[] = [];
  return {
    file: ({ path, findings }) => files.push({ path, findings: findings.map((f) => ({ ...f, level: f.notice ? 'note' : 'warning' })) }),
    end: () => write(JSON.stringify(toSarif(files, version, homepage)) + '\n'),
  };
}
