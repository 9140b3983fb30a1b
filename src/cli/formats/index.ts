// The output formats of `check --format`, one file each.
import { github } from './github';
import { json } from './json';
import { sarif } from './sarif';
import { text } from './text';
import type { FormatContext, Formatter } from './types';

export { workflowCommand } from './github';
export type { FormatContext, Formatter, RunTotals } from './types';

/** The formats of `check --format`, by name. */
export const FORMATS: Readonly<Record<string, (context: FormatContext) => Formatter>> = { text, json, sarif, github };
