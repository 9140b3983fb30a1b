// Task lists that count (docs/spec.md, "Task lists"): per section, the
// `- [ ]` / `- [x]` items of its own body; `- [~]` or a task ending in
// "(N/A)" or "(optional)" does not apply. A section whose body is only
// tasks, none of them done, is not filled by their text: it is `todo`.
import type { Section } from '../markdown/sections';
import type { TextEdit } from '../edits/edits';
import { lastStartingAtOrBefore, type Span } from '../markdown/syntax';

export interface TaskCounts {
  done: number;
  open: number;
  /** `- [~]`, or a task whose text ends in one of the not-applicable markers. */
  notApplicable: number;
}

/** What ends a task that does not apply; compared without case. */
export const DEFAULT_NOT_APPLICABLE_MARKERS: readonly string[] = ['(N/A)', '(optional)'];

const noTasks = (): TaskCounts => ({ done: 0, open: 0, notApplicable: 0 });

type Box = 'done' | 'open' | 'notApplicable';

/**
 * The task box a line opens, if it is a task item: indentation and `>`
 * quote marks, a list marker (`-`, `*`, `+`, `1.`, `1)`), a space, then
 * `[ ]`, `[x]`, `[X]` or `[~]` followed by a space or the end. One pass over
 * the line's start; `markers`: lower-cased endings that make a task not applicable.
 */
export function taskBox(line: string, markers: readonly string[]): { box: Box; boxAt: number } | undefined {
  let i = 0;
  for (;;) {
    while (line[i] === ' ' || line[i] === '\t') i++;
    if (line[i] !== '>') break;
    i++;
  }
  const c = line[i];
  if (c === '-' || c === '*' || c === '+') i++;
  else {
    const digits = i;
    while (i - digits < 9 && line[i] >= '0' && line[i] <= '9') i++;
    if (i === digits || (line[i] !== '.' && line[i] !== ')')) return undefined;
    i++;
  }
  if (line[i] !== ' ' && line[i] !== '\t') return undefined;
  while (line[i] === ' ' || line[i] === '\t') i++;
  if (line[i] !== '[' || line[i + 2] !== ']') return undefined;
  const mark = line[i + 1];
  const after = line[i + 3];
  if (after !== undefined && after !== ' ' && after !== '\t') return undefined;
  const boxAt = i;
  if (mark === 'x' || mark === 'X') return { box: 'done', boxAt };
  if (mark === '~') return { box: 'notApplicable', boxAt };
  if (mark !== ' ') return undefined;
  const rest = line.slice(i + 3).trimEnd().toLowerCase();
  return { box: markers.some((m) => rest.endsWith(m)) ? 'notApplicable' : 'open', boxAt };
}

/**
 * Counts each section's tasks (into `section.tasks`) and marks `todo` a
 * `done` section whose body holds only unchecked tasks; its ancestors then
 * need filling too. Lines in code (`code` spans) are not tasks. Each line of
 * the text is looked at once.
 */
export function applyTasks(text: string, sections: Section[], code: readonly Span[], markers: readonly string[] = DEFAULT_NOT_APPLICABLE_MARKERS): void {
  const lowered = markers.map((m) => m.toLowerCase());
  sections.forEach((section, index) => {
    const tasks = noTasks();
    let otherContent = false;
    // The body starts on the line after the heading's.
    const headingLineEnd = lineEnd(text, section.headingEnd);
    let at = headingLineEnd < section.end ? nextLine(text, headingLineEnd) : section.end;
    while (at < section.end) {
      const end = Math.min(lineEnd(text, at), section.end);
      let first = at;
      while (first < end && (text[first] === ' ' || text[first] === '\t')) first++;
      // Only a line that can be a list item is cut out and read.
      if (first < end && LIST_STARTS.includes(text[first])) {
        const codeIndex = lastStartingAtOrBefore(code, at);
        const inCode = codeIndex >= 0 && code[codeIndex].end > at;
        const task = inCode ? undefined : taskBox(text.slice(at, end), lowered);
        if (task) tasks[task.box]++;
        else otherContent = true;
      } else if (first < end && !text.startsWith('<!--', first)) {
        otherContent = true;
      }
      at = nextLine(text, end);
    }
    section.tasks = tasks;
    if (section.status === 'done' && !otherContent && tasks.open > 0 && tasks.done === 0) {
      section.status = 'todo';
      for (let i = index; i >= 0 && !sections[i].needsFilling; i = sections[i].parent) sections[i].needsFilling = true;
    }
  });
}

const LIST_STARTS = '-*+>0123456789';

function lineEnd(text: string, from: number): number {
  for (let i = from; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 10 || c === 13) return i;
  }
  return text.length;
}

function nextLine(text: string, end: number): number {
  if (text.charCodeAt(end) === 13 && text.charCodeAt(end + 1) === 10) return end + 2;
  return end + 1;
}

/** "Deliverables 3/7 done" for each section with tasks that apply (not-applicable ones left out of both numbers). */
export function taskProgress(sections: readonly Pick<Section, 'title' | 'tasks'>[]): { title: string; done: number; total: number; text: string }[] {
  return sections
    .filter((s) => s.tasks.done + s.tasks.open > 0)
    .map((s) => {
      const total = s.tasks.done + s.tasks.open;
      return { title: s.title, done: s.tasks.done, total, text: `${s.title} ${s.tasks.done}/${total} done` };
    });
}

/**
 * The edit that ticks or unticks the task on the line holding `offset`:
 * `[ ]` becomes `[x]`, `[x]`/`[X]` becomes `[ ]`; `[~]` and lines that are
 * no task give undefined. `done`: the state after the edit.
 */
export function toggleTaskEdit(text: string, offset: number): (TextEdit & { done: boolean }) | undefined {
  let start = Math.min(Math.max(offset, 0), text.length);
  while (start > 0 && text[start - 1] !== '\n' && text[start - 1] !== '\r') start--;
  let end = start;
  while (end < text.length && text[end] !== '\n' && text[end] !== '\r') end++;
  const task = taskBox(text.slice(start, end), []);
  if (!task || task.box === 'notApplicable') return undefined;
  const at = start + task.boxAt + 1;
  const done = text[at] === ' ';
  return { start: at, end: at + 1, newText: done ? 'x' : ' ', done };
}
