import { ignoreMatcher } from './config';
import { firstHeadingText, looksLikeNotes } from './detect';
import { buildOutline, findMissingSections, looseTitle, matchesPattern, type MissingSection, type TemplateSection } from './missing';
import { wholeDocumentFacts, type ChunkedParser, type DocumentFacts } from './facts';
import { selectPlaceholders, type Placeholder } from './placeholders';
import { buildSections, sectionIndexAt, type Section } from './sections';
import { defaultTemplate, defaultTemplateFacts, type TemplateFacts, type TemplateModel } from './template';
import { escapeSnippetText, toSnippet } from './snippet';
import type { TextEdit } from './edits';
import type { ReferenceFindingCode, ResolvedReference } from './references/model';
import { stripBom } from './text';
import { extractReferences } from './references/extract';
import { referenceLabels } from './references/labels';
import type { Reference } from './references/model';

export interface AnalyzeOptions {
  /** The active template; the default template when omitted. */
  template?: TemplateModel;
  /** Placeholder texts or `/regex/` patterns to ignore. */
  ignore?: readonly string[];
  /**
   * Keeps each section's parse between calls, so re-analysing an edited
   * document parses only the sections the edit touched (one per document).
   */
  parser?: ChunkedParser;
  /**
   * Missing sections (docs/spec.md, "Missing sections"): `notes` looks for
   * them (the host knows the document is notes), `detect` (the default) only
   * when the content says it is notes, `off` never.
   */
  missingSections?: 'notes' | 'detect' | 'off';
  /** References to the repository (docs/spec.md, "References"), in notes documents only: decided as `missingSections` is; `off` never. */
  references?: 'notes' | 'detect' | 'off';
}

export interface FoundPlaceholder extends Placeholder {
  /** Index into `sections`, or -1 before the first heading. */
  section: number;
}

export interface Analysis {
  /** The analysed text (a leading BOM removed); every offset refers to it. */
  text: string;
  placeholders: FoundPlaceholder[];
  sections: Section[];
  /** Template sections the document lacks, in template order; empty for documents that are not notes. */
  missing: MissingSection[];
  /** What the document names in the repository, in document order; empty for documents that are not notes (or with references off). */
  references: Reference[];
}

export type FindingCode = 'placeholder' | 'empty-section' | 'missing-section' | ReferenceFindingCode;

/** One problem to report, in editor and CLI alike. */
export interface Finding {
  code: FindingCode;
  start: number;
  end: number;
  message: string;
  /** The placeholder's text, for `placeholder` findings. */
  text?: string;
}

/** Parse, collect, find, section: separate steps over plain data. */
export function analyze(input: string, options: AnalyzeOptions = {}): Analysis {
  return analyzeText(stripBom(input), options);
}

/**
 * `analyze` for text that enters without a BOM: a file decoded by
 * `decodeText` (the CLI), a document the extension stripped. Each host
 * strips where the text comes in, once.
 */
export function analyzeText(text: string, options: AnalyzeOptions = {}): Analysis {
  const facts = options.parser ? options.parser.facts(text) : wholeDocumentFacts(text);
  return analyzeFacts(text, facts, options);
}

/** The template-dependent steps, over facts from a whole or a chunked parse. */
export function analyzeFacts(text: string, { syntax, candidates }: DocumentFacts, options: AnalyzeOptions = {}): Analysis {
  const template = options.template ?? defaultTemplate();
  const found = selectPlaceholders(candidates, {
    vocabulary: template.placeholders,
    isIgnored: options.ignore ? ignoreMatcher(options.ignore) : undefined,
  });
  const sections = buildSections(syntax, found, text.length);
  const placeholders = found.map((p) => ({ ...p, section: sectionIndexAt(sections, p.start) }));
  let byContent: boolean | undefined;
  const isNotes = (mode: 'notes' | 'detect' | 'off') => mode !== 'off' && (mode === 'notes' || (byContent ??= isNotesByContent(text, sections, template)));
  const missing = isNotes(options.missingSections ?? 'detect') ? findMissingSections(sections, templateOutline(template), text) : [];
  const references = isNotes(options.references ?? 'detect')
    ? extractReferences({ text, syntax, sections, placeholders: found, labels: referenceLabels(template) })
    : [];
  return { text, placeholders, sections, missing, references };
}

const outlines = new WeakMap<TemplateModel, TemplateFacts>();

function templateFacts(template: TemplateModel): TemplateFacts {
  let facts = outlines.get(template);
  if (!facts) {
    // The default template's are prebuilt: parsing it took most of a one-file CLI run.
    facts = template === defaultTemplate() ? defaultTemplateFacts() : parseTemplateFacts(template);
    outlines.set(template, facts);
  }
  return facts;
}

/** A template's outline and placeholders from a parse of its text. */
export function parseTemplateFacts(template: TemplateModel): TemplateFacts {
  const own = analyze(template.text, { template, missingSections: 'off', references: 'off' });
  return { outline: buildOutline(own.sections, own.placeholders, own.text.length), placeholders: own.placeholders.map(({ start, end }) => ({ start, end })) };
}

/** The template's outline, built once per template model. */
export function templateOutline(template: TemplateModel): TemplateSection[] {
  return templateFacts(template).outline;
}

/**
 * The quick fixes of a missing section, as data: the template's heading and
 * body (`template`), or the heading with "Not applicable." (`not-applicable`),
 * inserted where the template's order puts it, with blank lines around it;
 * `snippet` is the same text with the placeholders as tab stops.
 */
export function missingSectionEdit(text: string, missing: MissingSection, template: TemplateModel, mode: 'template' | 'not-applicable'): TextEdit & { snippet: string } {
  const { outline, placeholders } = templateFacts(template);
  const section = outline[missing.templateIndex];
  const chunkEnd = mode === 'template' ? section.subtreeEnd : section.headingEnd;
  const chunk = template.text.slice(section.start, chunkEnd).trimEnd();
  const eol = text.includes('\r\n') ? '\r\n' : '\n';
  const at = missing.insertAt;
  const before = text.slice(Math.max(0, at - 4), at);
  const lead = at === 0 || /(\r?\n|\r)[ \t]*(\r?\n|\r)$/.test(before) ? '' : /[\r\n]$/.test(before) ? eol : eol + eol;
  const tail = mode === 'not-applicable' ? `${eol}${eol}Not applicable.` : '';
  const trail = at < text.length ? eol + eol : eol;
  const stops = placeholders
    .filter((p) => p.start >= section.start && p.end <= section.start + chunk.length)
    .map((p) => ({ start: p.start - section.start, end: p.end - section.start }));
  const body = (s: string) => s.replace(/\r?\n|\r/g, eol);
  const newText = lead + body(chunk) + tail + trail;
  const snippet = escapeSnippetText(lead) + toSnippet(chunk, stops).replace(/\$0$/, '').replace(/\r?\n|\r/g, eol) + escapeSnippetText(tail) + '$0' + trail;
  return { start: at, end: at, newText, snippet };
}

/**
 * With a custom template, a document whose first heading matches the
 * template's first heading (as a pattern) is notes (docs/spec.md, "Notes
 * documents"). A quick look at the head of the text, for the editor's detection.
 */
export function matchesTemplateFirstHeading(text: string, template: TemplateModel): boolean {
  const title = firstHeadingText(text);
  const pattern = templateOutline(template)[0]?.pattern;
  if (title === undefined || !pattern) return false;
  const loose = looseTitle(title);
  return matchesPattern(pattern, loose, loose.replace(/[0-9]+/g, '0'));
}

/**
 * Notes by content (docs/spec.md, "Notes documents"): the first heading or
 * the front matter says so, or the first heading matches the template's.
 */
function isNotesByContent(text: string, sections: readonly Section[], template: TemplateModel): boolean {
  if (looksLikeNotes(text)) return true;
  const first = sections[0];
  const pattern = first && templateOutline(template)[0]?.pattern;
  if (!pattern) return false;
  const loose = looseTitle(first.title);
  return matchesPattern(pattern, loose, loose.replace(/[0-9]+/g, '0'));
}

/**
 * Placeholders, empty and missing sections, and the broken references among
 * `references` (resolved by the host that can read the repository), in
 * document order.
 */
export function findings(analysis: Analysis, references: readonly ResolvedReference[] = []): Finding[] {
  const out: Finding[] = analysis.placeholders.map((p) => ({
    code: 'placeholder',
    start: p.start,
    end: p.end,
    message: `Placeholder ${p.text} is not filled in`,
    text: p.text,
  }));
  for (const s of analysis.sections) {
    if (s.status === 'empty') {
      out.push({
        code: 'empty-section',
        start: s.start,
        end: s.headingEnd,
        message: s.title === '' ? 'Section is empty' : `Section "${s.title}" is empty`,
      });
    }
  }
  for (const m of analysis.missing) {
    const anchor = analysis.sections[m.anchor];
    out.push({
      code: 'missing-section',
      start: lineStart(analysis.text, anchor.start),
      end: anchor.headingEnd,
      message: `Section "${m.title}" is missing`,
    });
  }
  for (const r of references) if (r.finding) out.push({ code: r.finding.code, start: r.start, end: r.end, message: r.finding.message });
  return out.sort((a, b) => a.start - b.start || a.end - b.end);
}

function lineStart(text: string, offset: number): number {
  let start = offset;
  while (start > 0 && text[start - 1] !== '\n' && text[start - 1] !== '\r') start--;
  return start;
}

/**
 * A document's progress, for progress displays and per-file summaries:
 * sections done out of all, placeholders left, template sections missing.
 */
export function progress(analysis: Pick<Analysis, 'sections' | 'placeholders' | 'missing'>): { sectionsDone: number; sections: number; placeholders: number; missing: number } {
  const sectionsDone = analysis.sections.filter((s) => !s.needsFilling).length;
  return { sectionsDone, sections: analysis.sections.length, placeholders: analysis.placeholders.length, missing: analysis.missing.length };
}
