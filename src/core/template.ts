import defaultTemplateText from './templates/implementation-notes.md';
import { wholeDocumentFacts } from './facts';
import { vocabularyOf } from './placeholders';
import { stripBom } from './text';

export interface TemplateModel {
  /** The template's text, without a BOM. */
  text: string;
  /** Its placeholders, brackets included (`[Decision Title]`). */
  placeholders: ReadonlySet<string>;
}

/** Derives the placeholder vocabulary from any template text. */
export function createTemplate(text: string): TemplateModel {
  const clean = stripBom(text);
  return { text: clean, placeholders: vocabularyOf(wholeDocumentFacts(clean).candidates) };
}

let defaultModel: TemplateModel | undefined;

/** The user's own implementation-notes template, shipped verbatim. */
export function defaultTemplate(): TemplateModel {
  return (defaultModel ??= createTemplate(defaultTemplateText));
}

export { defaultTemplateText };
