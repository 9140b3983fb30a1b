// Missing sections (docs/spec.md, "Missing sections"): the template's outline
// matched against a document's section model, as a separate step after it.
import { firstAtOrAfter, type Span } from '../markdown/syntax';

/** What the matcher needs of a section, from the document or the template. */
export interface OutlineSection {
  title: string;
  level: number;
  start: number;
  headingEnd: number;
  /** End of the section's own body (the next heading, or the end of the text). */
  end: number;
  /** Index of the enclosing section, or -1. */
  parent: number;
}

/**
 * A title compared loosely. `segments.length === 1`: a plain title, compared
 * whole; otherwise a pattern, one placeholder (any non-empty text) between
 * each two segments, digit runs written as a single `0` on both sides.
 */
export interface TitlePattern {
  segments: string[];
  /** KMP failure tables of the segments, so a match is linear in the title. */
  tables: Int32Array[];
}

/** One section of the template's outline. */
export interface TemplateSection extends OutlineSection {
  pattern: TitlePattern;
  /** Index of the family's first member (itself when it is first or alone). */
  family: number;
  /** End of its whole subtree in the template text. */
  subtreeEnd: number;
}

/** A template section the document lacks, anchored at its parent's document heading. */
export interface MissingSection {
  /** The template's title as written, and its level. */
  title: string;
  level: number;
  /** Index into the template outline. */
  templateIndex: number;
  /** Index of the document section that matched its parent. */
  anchor: number;
  /** Where the template's order puts it in the document (an offset at a line start, or the end). */
  insertAt: number;
}

/** Emphasis and code marks out, whitespace collapsed, trimmed, case-folded. */
export function looseTitle(title: string): string {
  return title.replace(/[*_`]+/g, '').replace(/\s+/g, ' ').trim().toLowerCase();
}

const HOLE = '\u0000';

/**
 * The pattern of a template title. `placeholders` are the placeholder texts
 * (brackets included) that the finder reported in this heading; without any
 * the title is plain and digits compare literally.
 */
export function titlePattern(title: string, placeholders: ReadonlySet<string>): TitlePattern {
  let marked = '';
  let last = 0;
  if (placeholders.size > 0) {
    // One pass: each `[` starts a candidate that ends at the next bracket.
    for (let open = title.indexOf('['); open >= 0; open = title.indexOf('[', open + 1)) {
      const close = nextBracket(title, open + 1);
      if (close < 0) break;
      if (title[close] === ']' && placeholders.has(title.slice(open, close + 1))) {
        marked += title.slice(last, open) + HOLE;
        last = close + 1;
        open = close;
      }
    }
  }
  marked += title.slice(last);
  const loose = looseTitle(marked);
  const segments = last === 0 ? [loose] : collapseDigits(loose).split(HOLE);
  return { segments, tables: segments.map(failureTable) };
}

function nextBracket(text: string, from: number): number {
  for (let i = from; i < text.length; i++) if (text[i] === '[' || text[i] === ']') return i;
  return -1;
}

function collapseDigits(text: string): string {
  return text.replace(/[0-9]+/g, '0');
}

/** Does a document title (already loose, and with digits collapsed for patterns) match? Linear in both. */
export function matchesPattern(pattern: TitlePattern, loose: string, looseDigits: string): boolean {
  const { segments, tables } = pattern;
  if (segments.length === 1) return loose === segments[0];
  const text = looseDigits;
  const first = segments[0];
  const last = segments[segments.length - 1];
  if (!text.startsWith(first)) return false;
  // Leftmost placement of each middle segment is optimal for `*`-style patterns.
  let pos = first.length;
  for (let i = 1; i < segments.length - 1; i++) {
    const at = kmpIndexOf(text, segments[i], tables[i], pos + 1);
    if (at < 0) return false;
    pos = at + segments[i].length;
  }
  return text.length - last.length >= pos + 1 && text.endsWith(last);
}

function failureTable(word: string): Int32Array {
  const table = new Int32Array(word.length);
  let k = 0;
  for (let i = 1; i < word.length; i++) {
    while (k > 0 && word[i] !== word[k]) k = table[k - 1];
    if (word[i] === word[k]) k++;
    table[i] = k;
  }
  return table;
}

function kmpIndexOf(text: string, word: string, table: Int32Array, from: number): number {
  if (word.length === 0) return from <= text.length ? from : -1;
  let k = 0;
  for (let i = from; i < text.length; i++) {
    while (k > 0 && text[i] !== word[k]) k = table[k - 1];
    if (text[i] === word[k]) k++;
    if (k === word.length) return i - word.length + 1;
  }
  return -1;
}

/**
 * The template's outline from its section model and placeholders: each
 * heading's pattern and family (siblings with the same pattern).
 */
export function buildOutline(sections: readonly OutlineSection[], placeholders: readonly (Span & { text: string })[], textLength: number): TemplateSection[] {
  const inHeading = sections.map(() => new Set<string>());
  let p = 0;
  sections.forEach((s, i) => {
    while (p < placeholders.length && placeholders[p].start < s.start) p++;
    for (; p < placeholders.length && placeholders[p].start < s.headingEnd; p++) inHeading[i].add(placeholders[p].text);
  });
  const ends = subtreeEnds(sections);
  const outline: TemplateSection[] = sections.map((s, i) => ({
    title: s.title,
    level: s.level,
    start: s.start,
    headingEnd: s.headingEnd,
    end: s.end,
    parent: s.parent,
    pattern: titlePattern(s.title, inHeading[i]),
    family: i,
    subtreeEnd: ends[i] < sections.length ? sections[ends[i]].start : textLength,
  }));
  const firstOfPattern = new Map<string, number>();
  outline.forEach((s, i) => {
    const key = `${s.parent}\u0001${s.pattern.segments.join(HOLE)}`;
    const first = firstOfPattern.get(key);
    if (first === undefined) firstOfPattern.set(key, i);
    else s.family = first;
  });
  return outline;
}

/** A template section as JSON holds it: the pattern's segments only. */
export type StoredTemplateSection = Omit<TemplateSection, 'pattern'> & { pattern: string[] };

/** An outline as plain data, for the default template's prebuilt model. */
export function storeOutline(outline: readonly TemplateSection[]): StoredTemplateSection[] {
  return outline.map((s) => ({ ...s, pattern: s.pattern.segments }));
}

/** An outline back from plain data: the KMP tables are rebuilt (cheap, unlike parsing the template). */
export function loadOutline(stored: readonly StoredTemplateSection[]): TemplateSection[] {
  return stored.map((s) => ({ ...s, pattern: { segments: s.pattern, tables: s.pattern.map(failureTable) } }));
}

/** For each section, the index just past its subtree (the next section of the same or a higher level). */
function subtreeEnds(sections: readonly Pick<OutlineSection, 'level'>[]): number[] {
  const ends = new Array<number>(sections.length).fill(sections.length);
  const open: number[] = [];
  sections.forEach((s, i) => {
    while (open.length > 0 && sections[open[open.length - 1]].level >= s.level) ends[open.pop()!] = i;
    open.push(i);
  });
  return ends;
}

/** Template sections whose titles hold placeholders that are looked for: past this many, they (and their subsections) are not checked, which bounds the work to this many scans of the headings. */
const MAX_PATTERN_SECTIONS = 64;

/** The document's headings, looked up by loose title. */
class DocumentHeadings {
  readonly ends: number[];
  private readonly loose: string[];
  private readonly digits: (string | undefined)[];
  private readonly byTitle = new Map<string, number[]>();

  constructor(readonly sections: readonly OutlineSection[]) {
    this.ends = subtreeEnds(sections);
    this.loose = sections.map((s) => looseTitle(s.title));
    this.digits = new Array<string | undefined>(sections.length);
    this.loose.forEach((t, i) => {
      const list = this.byTitle.get(t);
      if (list) list.push(i);
      else this.byTitle.set(t, [i]);
    });
  }

  /** Headings in [from, to) matching the pattern: the first, or every one not nested in an earlier match (`all`). */
  find(pattern: TitlePattern, from: number, to: number, all: boolean): number[] {
    const found: number[] = [];
    if (pattern.segments.length === 1) {
      const list = this.byTitle.get(pattern.segments[0]) ?? [];
      for (let k = firstAtOrAfter(list, from); k < list.length && list[k] < to; k++) {
        if (found.length > 0 && list[k] < this.ends[found[found.length - 1]]) continue;
        found.push(list[k]);
        if (!all) break;
      }
      return found;
    }
    for (let i = from; i < to; i++) {
      if (!matchesPattern(pattern, this.loose[i], (this.digits[i] ??= collapseDigits(this.loose[i])))) continue;
      found.push(i);
      if (!all) break;
      i = this.ends[i] - 1;
    }
    return found;
  }

  /** Just after a heading's whole subtree. */
  after(index: number, textLength: number): number {
    const next = this.ends[index];
    return next < this.sections.length ? this.sections[next].start : textLength;
  }
}

/** Each outline section's children that stand for themselves (a family by its first member); parentless ones go under the first heading. */
function outlineChildren(outline: readonly TemplateSection[]): { children: number[][]; familySize: number[] } {
  const children = outline.map((): number[] => []);
  const familySize = outline.map(() => 0);
  let patterns = 0;
  outline.forEach((s, i) => {
    familySize[s.family]++;
    if (i === 0 || s.family !== i) return;
    if (s.pattern.segments.length > 1 && ++patterns > MAX_PATTERN_SECTIONS) return;
    children[s.parent >= 0 ? s.parent : 0].push(i);
  });
  return { children, familySize };
}

/**
 * Template sections missing from a document (docs/spec.md, "Missing
 * sections"): the first headings match whatever their texts; any other
 * section is looked for, at any level, inside the document section that
 * matched its parent; one finding per missing section whose parent is
 * present, in template order. A section marked "Not applicable." (with no
 * subsections) stands for its whole subtree. A family's children are looked for in each of
 * its members; another section's, in its first match.
 */
export function findMissingSections(doc: readonly OutlineSection[], outline: readonly TemplateSection[], text: string): MissingSection[] {
  const textLength = text.length;
  if (doc.length === 0 || outline.length === 0) return [];
  const headings = new DocumentHeadings(doc);
  const { children, familySize } = outlineChildren(outline);
  const out: MissingSection[] = [];
  const visit = (entry: number, instance: number, from: number, to: number) => {
    let previous = -1;
    for (const c of children[entry]) {
      const section = outline[c];
      // Parentless template sections (after the first heading) are looked for in the whole document.
      const [lo, hi] = entry === 0 && section.parent < 0 ? [1, doc.length] : [from, to];
      const matches = headings.find(section.pattern, lo, hi, familySize[c] > 1);
      if (matches.length === 0) {
        const insertAt = previous >= 0 ? headings.after(previous, textLength) : doc[instance].end;
        out.push({ title: section.title, level: section.level, templateIndex: c, anchor: instance, insertAt });
        continue;
      }
      previous = matches[matches.length - 1];
      for (const m of matches) if (!markedNotApplicable(text, doc, m, headings.ends[m])) visit(c, m, m + 1, headings.ends[m]);
    }
  };
  visit(0, 0, 1, headings.ends[0]);
  return out;
}

/** "Not applicable." as the start of a section's own body, and no subsections: the author kept the section and said why it is empty. */
function markedNotApplicable(text: string, doc: readonly OutlineSection[], index: number, subtreeEnd: number): boolean {
  if (subtreeEnd > index + 1) return false;
  const s = doc[index];
  // A bounded look: the phrase is short, the body may be long.
  return /^\s*(?:[*_]{1,2})?not applicable\b/i.test(text.slice(s.headingEnd, Math.min(s.end, s.headingEnd + 200)));
}
