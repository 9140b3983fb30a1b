// The output formats of `check --format`, one file each, and those of the
// commands that write one document (baseline, badge).
import { endpoint, svg } from './badge';
import { baseline } from './baseline';
import { codeclimate } from './codeclimate';
import { github } from './github';
import { json } from './json';
import { markdown } from './markdown';
import { sarif } from './sarif';
import { text } from './text';
import type { FormatContext, Formatter } from './types';

export { workflowCommand } from './github';
export type { FormatContext, Formatter, RunTotals } from './types';

type FormatTable = Readonly<Record<string, (context: FormatContext) => Formatter>>;

/** The formats of `check --format`, by name. */
export const FORMATS: FormatTable = { text, json, sarif, github, markdown, codeclimate };

/** The formats of the other commands that report on files; the first is the default. */
export const COMMAND_FORMATS: Readonly<Record<'baseline' | 'badge', FormatTable>> = {
  baseline: { json: baseline },
  badge: { svg, endpoint },
};
