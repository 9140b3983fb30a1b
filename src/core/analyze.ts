import { ignoreMatcher } from './config';
import { wholeDocumentFacts, type ChunkedParser, type DocumentFacts } from './facts';
import { selectPlaceholders, type Placeholder } from './placeholders';
import { buildSections, sectionIndexAt, type Section } from './sections';
import { defaultTemplate, type TemplateModel } from './template';
import { stripBom } from './text';

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
}

interface FoundPlaceholder extends Placeholder {
  /** Index into `sections`, or -1 before the first heading. */
  section: number;
}

export interface Analysis {
  /** The analysed text (a leading BOM removed); every offset refers to it. */
  text: string;
  placeholders: FoundPlaceholder[];
  sections: Section[];
}

export type FindingCode = 'placeholder' | 'empty-section';

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
  const text = stripBom(input);
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
  return { text, placeholders, sections };
}

/** Placeholders and empty sections, in document order. */
export function findings(analysis: Analysis): Finding[] {
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
  return out.sort((a, b) => a.start - b.start || a.end - b.end);
}

/** Sections done out of all, for progress displays. */
export function progress(analysis: Analysis): { done: number; total: number; placeholders: number } {
  const done = analysis.sections.filter((s) => !s.needsFilling).length;
  return { done, total: analysis.sections.length, placeholders: analysis.placeholders.length };
}
