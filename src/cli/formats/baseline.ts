import { toBaseline, type FindingIdentity } from '../../core';
import type { FormatContext, Formatter } from './types';

/** `impl-notes baseline`: every finding of the run (notices too), as the stable JSON `check --baseline` reads. */
export function baseline({ write }: FormatContext): Formatter {
  const found: FindingIdentity[] = [];
  return {
    file: ({ relativePath, findings }) => {
      for (const f of findings) found.push({ file: relativePath, rule: f.code, section: f.section, message: f.message });
    },
    end: () => write(JSON.stringify(toBaseline(found), null, 2) + '\n'),
  };
}
