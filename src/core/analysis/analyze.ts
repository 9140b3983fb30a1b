import { ignoreMatcher } from '../config/config';
import { RULES, type RuleId } from '../rules';
import { firstHeadingText, looksLikeNotes } from '../notes/detect';
import { buildOutline, findMissingSections, looseTitle, matchesPattern, type MissingSection, type TemplateSection } from '../rules/missingSectionFinder';
import { wholeDocumentFacts, type ChunkedParser, type DocumentFacts } from '../markdown/chunkedParser';
import { selectPlaceholders, type Placeholder } from '../rules/placeholderFinder';
import { buildSections, sectionIndexAt, type Section } from '../markdown/sections';
import { defaultTemplate, defaultTemplateFacts, type TemplateFacts, type TemplateModel } from '../template/template';
import { escapeSnippetText, toSnippet } from '../edits/snippet';
import type { TextEdit } from '../edits/edits';
import { stripBom } from '../markdown/text';
import { extractReferences } from '../references/extract';
import { referenceLabels } from '../references/labels';
import type { Reference, ResolvedReference } from '../references/model';
import { applyTasks } from '../progress/tasks';

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
  /** Endings that make an open task not apply (docs/spec.md, "Task lists"); the built-in ones when omitted. */
  notApplicable?: readonly string[];
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

/** A finding's rule (src/core/rules): one module each. */
export type FindingCode = RuleId;

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
  applyTasks(text, sections, syntax.code, options.notApplicable);
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

/** How a host says a document may be notes: the part of the decision that is not its text. */
export interface NotesDetection {
  /** A `files` glob (setting or config file) names the file: notes whatever its content. Lazy: checked only when the content does not decide. */
  byGlob: boolean | (() => boolean);
  detectByContent: boolean;
  /** A custom template (not the built-in one): its first heading also marks notes. */
  customTemplate?: TemplateModel;
}

/**
 * Whether a document is notes (docs/spec.md, "Notes documents"): the one
 * decision the editor, the workspace scan and the CLI's hosts share. By
 * content (the first heading or the front matter says so, or, with a custom
 * template, the first heading matches its first heading), or by a glob.
 */
export function isNotesDocument(text: string, how: NotesDetection): boolean {
  if (how.detectByContent && (looksLikeNotes(text) || (how.customTemplate !== undefined && matchesTemplateFirstHeading(text, how.customTemplate)))) return true;
  return typeof how.byGlob === 'function' ? how.byGlob() : how.byGlob;
}

/**
 * With a custom template, a document whose first heading matches the
 * template's first heading (as a pattern) is notes (docs/spec.md, "Notes
 * documents"). A quick look at the head of the text, for the editor's detection.
 */
function matchesTemplateFirstHeading(text: string, template: TemplateModel): boolean {
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
 * Every rule's findings (src/core/rules), in document order; the reference
 * rules report the broken ones among `references` (resolved by the host that
 * can read the repository).
 */
export function findings(analysis: Analysis, references: readonly ResolvedReference[] = []): Finding[] {
  return RULES.flatMap((rule): Finding[] => rule.find(analysis, references)).sort((a, b) => a.start - b.start || a.end - b.end);
}
