// Which labels and headings mark references (docs/spec.md, "References"):
// the active template decides, read from its text by a line scan (no parse,
// so the default template costs nothing at start-up), and a document's
// labels are compared with the template's loosely.
import { FenceTracker } from '../fences';
import type { TemplateModel } from '../template';
import { lineEndAt, nextLineStart } from '../text';

export interface ReferenceLabels {
  /** The Location field's label, as a key (`labelKey`). */
  location: string;
  /** The words of the symbol list's label (`Key Classes/Functions`: key, class, function). */
  symbols: readonly string[];
  /** The Code Structure section's title, as a key. */
  tree: string;
  /** The template's own sample identifiers (`ClassName`, `function_name`): placeholders in effect, never symbols. */
  sampleSymbols: ReadonlySet<string>;
  /** The template's own trees, normalised (`treeKey`): a tree left as the template has it is not checked. */
  sampleTrees: ReadonlySet<string>;
}

const DEFAULT_LOCATION = 'location';
const DEFAULT_SYMBOLS = ['key', 'class', 'function'];
const DEFAULT_TREE = 'code structure';
/** A template field label with one of these words is the symbol list's label. */
const SYMBOL_LABEL_WORDS = new Set(['class', 'function', 'method', 'symbol']);
/** Words a document's symbol label may use besides the template's ("Key Methods", "Key Types"). */
const SYMBOL_WORDS = new Set(['class', 'function', 'method', 'symbol', 'type', 'interface', 'struct', 'trait', 'module', 'api']);
/** Titles that stand for the Code Structure section besides the template's own. */
const TREE_TITLES = new Set(['code structure', 'project structure', 'directory structure', 'file structure', 'folder structure', 'repository structure', 'source structure', 'code layout', 'project layout', 'repository layout']);
const TREE_CHARS = /[├└│]/;

/** `name()`, `name(x)`: `name`. */
export function withoutCall(identifier: string): string {
  const paren = identifier.indexOf('(');
  return paren < 0 ? identifier : identifier.slice(0, paren);
}

/** A label's words: case folded, emphasis marks and punctuation dropped, a plural made singular, "and" left out. */
function labelWords(label: string): string[] {
  const words: string[] = [];
  for (const word of label.toLowerCase().split(/[^\p{L}\p{N}]+/u)) {
    if (word === '' || word === 'and') continue;
    words.push(singular(word));
  }
  return words;
}

function labelKey(label: string): string {
  return labelWords(label).join(' ');
}

function singular(word: string): string {
  if (word.length > 4 && word.endsWith('sses')) return word.slice(0, -2);
  if (word.length > 3 && word.endsWith('ies')) return word.slice(0, -3) + 'y';
  if (word.length > 2 && word.endsWith('s') && !word.endsWith('ss')) return word.slice(0, -1);
  return word;
}

// Every field label and heading of a document is asked about: a look for
// the words' stems comes first, so most of them are never split into words.
function mentions(text: string, stems: readonly string[]): boolean {
  const lower = text.toLowerCase();
  for (const stem of stems) if (lower.includes(stem)) return true;
  return false;
}
const SYMBOL_STEMS = [...SYMBOL_WORDS].map((w) => w.slice(0, 4));
const TREE_STEMS = ['structure', 'layout'];
const stemsOf = new WeakMap<ReferenceLabels, { location: string[]; symbols: string[]; tree: string[] }>();

function stems(labels: ReferenceLabels): { location: string[]; symbols: string[]; tree: string[] } {
  let found = stemsOf.get(labels);
  if (!found) {
    found = {
      location: [labels.location.slice(0, 4)],
      symbols: [...new Set([...SYMBOL_STEMS, ...labels.symbols.filter((w) => w !== 'key').map((w) => w.slice(0, 4))])],
      tree: [...TREE_STEMS, labels.tree.slice(0, 4)],
    };
    stemsOf.set(labels, found);
  }
  return found;
}

export function isLocationLabel(labels: ReferenceLabels, label: string): boolean {
  return label.length <= 4 * labels.location.length + 16 && mentions(label, stems(labels).location) && labelKey(label) === labels.location;
}

/** `Key Functions`, `Classes and Functions`, `Key Methods`: the template's words or a few others, at least one of them not "key". */
export function isSymbolsLabel(labels: ReferenceLabels, label: string): boolean {
  if (label.length > 200 || !mentions(label, stems(labels).symbols)) return false;
  const words = labelWords(label);
  return words.some((w) => w !== 'key') && words.every((w) => labels.symbols.includes(w) || SYMBOL_WORDS.has(w));
}

export function isTreeTitle(labels: ReferenceLabels, title: string): boolean {
  if (title.length > 200 || !mentions(title, stems(labels).tree)) return false;
  const key = labelKey(title);
  return key === labels.tree || TREE_TITLES.has(key);
}

/** A tree's lines as compared with the template's: trailing spaces dropped, blank lines left out. */
export function treeKey(lines: readonly string[]): string {
  return lines.map((l) => l.trimEnd()).filter((l) => l !== '').join('\n');
}

/** A `**Label**:` (or `**Label:**`, `__Label__:`) field at the start of a line, after indentation, `>` and a list marker. */
export interface Field {
  label: string;
  /** Where the value starts: just after the colon. */
  valueStart: number;
  /** The column of the list marker (or of the label when the line is no list item). */
  indent: number;
  isItem: boolean;
}

/** Where a line's content starts: past indentation and block-quote markers; the column counts a tab to the next multiple of 4. */
export function lineContent(text: string, start: number, end: number): { at: number; column: number } {
  let i = start;
  let column = 0;
  for (; i < end; i++) {
    const c = text.charCodeAt(i);
    if (c === 32 || c === 62) column++;
    else if (c === 9) column += 4 - (column % 4);
    else break;
  }
  return { at: i, column };
}

/** After a list marker (`-`, `*`, `+`, `1.`, `1)`) and its spaces, or -1 when `at` starts none. */
export function afterListMarker(text: string, at: number, end: number): number {
  let i = at;
  const c = text.charCodeAt(i);
  if (c === 45 || c === 42 || c === 43) {
    i++;
  } else {
    while (i < end && i - at < 9 && text.charCodeAt(i) >= 48 && text.charCodeAt(i) <= 57) i++;
    if (i === at || (text.charCodeAt(i) !== 46 && text.charCodeAt(i) !== 41)) return -1;
    i++;
  }
  if (i < end && text.charCodeAt(i) !== 32 && text.charCodeAt(i) !== 9) return -1;
  while (i < end && (text.charCodeAt(i) === 32 || text.charCodeAt(i) === 9)) i++;
  return i;
}

export function fieldOn(text: string, start: number, end: number): Field | undefined {
  const { at, column } = lineContent(text, start, end);
  const afterMarker = afterListMarker(text, at, end);
  const isItem = afterMarker >= 0;
  const i = isItem ? afterMarker : at;
  const d = text[i];
  if ((d !== '*' && d !== '_') || text[i + 1] !== d) return undefined;
  let close = -1;
  for (let k = i + 2; k + 1 < end; k++) {
    if (text[k] === d && text[k + 1] === d) {
      close = k;
      break;
    }
  }
  if (close < 0) return undefined;
  let label = text.slice(i + 2, close);
  let valueStart: number;
  if (label.endsWith(':')) {
    label = label.slice(0, -1);
    valueStart = close + 2;
  } else if (text[close + 2] === ':') {
    valueStart = close + 3;
  } else {
    return undefined;
  }
  if (label.trim() === '') return undefined;
  return { label, valueStart, indent: column, isItem };
}

/** The text of an ATX heading line, or undefined (one pass; closing `#`s kept: they only matter for odd titles). */
function atxTitle(line: string): string | undefined {
  let i = 0;
  while (i < 3 && line[i] === ' ') i++;
  let hashes = 0;
  while (line[i + hashes] === '#') hashes++;
  if (hashes < 1 || hashes > 6) return undefined;
  const rest = line.slice(i + hashes);
  if (rest !== '' && rest[0] !== ' ' && rest[0] !== '\t') return undefined;
  return rest.trim();
}

const labelsByTemplate = new WeakMap<TemplateModel, ReferenceLabels>();

/** The reference labels of a template, read once per template model. */
export function referenceLabels(template: TemplateModel): ReferenceLabels {
  let labels = labelsByTemplate.get(template);
  if (!labels) {
    labels = deriveLabels(template.text);
    labelsByTemplate.set(template, labels);
  }
  return labels;
}

/**
 * The template's Location label (a field label with "location" in it), its
 * symbol-list label (one with "class", "function", "method" or "symbol"),
 * its Code Structure title (the heading over its first tree), and the sample
 * identifiers and trees it ships; the default template's words where it has none.
 */
function deriveLabels(text: string): ReferenceLabels {
  let location: string | undefined;
  let symbols: string[] | undefined;
  let tree: string | undefined;
  const sampleSymbols = new Set<string>();
  const sampleTrees = new Set<string>();
  const fences = new FenceTracker();
  let heading = '';
  let fenceLines: string[] | undefined;
  let list: { indent: number; isItem: boolean } | undefined;
  for (let start = 0; start < text.length; ) {
    const end = lineEndAt(text, start);
    const line = text.slice(start, end);
    const next = nextLineStart(text, end);
    if (fences.isCode(line)) {
      if (fenceLines === undefined) {
        fenceLines = [];
      } else if (!fences.isOpen) {
        // That was the closing fence.
        if (fenceLines.some((l) => TREE_CHARS.test(l))) {
          sampleTrees.add(treeKey(fenceLines));
          tree ??= labelKey(heading);
        }
        fenceLines = undefined;
      } else {
        fenceLines.push(line);
      }
      start = next;
      continue;
    }
    const title = atxTitle(line);
    if (title !== undefined) {
      heading = title;
      list = undefined;
    } else if (line.trim() !== '') {
      const content = lineContent(text, start, end);
      if (list && (list.isItem ? content.column <= list.indent : content.column === 0 && afterListMarker(text, content.at, end) < 0)) list = undefined;
      const field = fieldOn(text, start, end);
      if (field) {
        const words = labelWords(field.label);
        if (location === undefined && words.includes('location')) location = words.join(' ');
        if (symbols === undefined && words.some((w) => SYMBOL_LABEL_WORDS.has(w))) symbols = words;
        list = symbols && words.join(' ') === symbols.join(' ') ? { indent: field.indent, isItem: field.isItem } : undefined;
      } else if (list) {
        const item = afterListMarker(text, content.at, end);
        const sample = item >= 0 && text[item] === '`' ? /^`([^`]+)`/.exec(text.slice(item, end)) : null;
        if (sample) sampleSymbols.add(withoutCall(sample[1]));
      }
    }
    start = next;
  }
  return {
    location: location ?? DEFAULT_LOCATION,
    symbols: symbols ?? DEFAULT_SYMBOLS,
    tree: tree ?? DEFAULT_TREE,
    sampleSymbols,
    sampleTrees,
  };
}
