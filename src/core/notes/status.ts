// Whether a document says it is still being written (docs/spec.md, "Drafts"):
// front matter `status: draft`, or a Status field (`**Status**: In progress`)
// near the top, as the template's Phase Information fields are written.
import { FenceTracker } from '../markdown/fences';
import { stripBom } from '../markdown/text';

/** Only the head decides, as for detection; a bounded look, scanned once. */
const STATUS_HEAD = 8 * 1024;

const DRAFT_VALUES = new Set(['draft', 'in progress', 'work in progress', 'wip']);

/** True when the front matter's `status` or a Status field says draft / in progress. */
export function isDraft(input: string): boolean {
  const lines = stripBom(input.slice(0, STATUS_HEAD)).split(/\r\n|\r|\n/);
  let from = 0;
  if (lines[0].trimEnd() === '---') {
    for (let i = 1; i < lines.length; i++) {
      const line = lines[i].trimEnd();
      if (line === '---' || line === '...') {
        from = i + 1;
        break;
      }
      const value = fieldValue(line, false);
      if (value !== undefined) return DRAFT_VALUES.has(value);
    }
  }
  const fences = new FenceTracker();
  for (let i = from; i < lines.length; i++) {
    if (fences.isCode(lines[i])) continue;
    const value = fieldValue(lines[i], true);
    if (value !== undefined && DRAFT_VALUES.has(value)) return true;
  }
  return false;
}

/**
 * The normalised value of a `status: value` line (lower case, `-` and `_` as
 * spaces, quotes and a final period dropped), or undefined when the line is
 * not one. `markdown`: a list marker and `**`/`__` around the label allowed.
 */
function fieldValue(line: string, markdown: boolean): string | undefined {
  let rest = line.trim();
  if (markdown) {
    if (rest.startsWith('- ') || rest.startsWith('* ') || rest.startsWith('+ ')) rest = rest.slice(2).trimStart();
    rest = rest.replaceAll('*', '').replaceAll('__', '');
  }
  if (rest.slice(0, 6).toLowerCase() !== 'status') return undefined;
  rest = rest.slice(6).trimStart();
  if (!rest.startsWith(':')) return undefined;
  let value = rest.slice(1).trim();
  if (value.length >= 2 && (value[0] === '"' || value[0] === "'") && value.endsWith(value[0])) value = value.slice(1, -1);
  if (value.endsWith('.')) value = value.slice(0, -1);
  return value.toLowerCase().replace(/[-_\s]+/g, ' ').trim();
}
