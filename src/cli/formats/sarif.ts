import { toSarif, type Analysis } from '../../core';
import type { FormatContext, Formatter } from './types';

/** SARIF 2.1.0, for code-scanning uploads. */
export function sarif({ write, version, homepage }: FormatContext): Formatter {
  const files: { path: string; analysis: Analysis }[] = [];
  return {
    file: ({ path, analysis }) => files.push({ path, analysis }),
    end: () => write(JSON.stringify(toSarif(files, version, homepage)) + '\n'),
  };
}
