import { analyze, createTemplate, defaultTemplate, toFileReport, type AnalyzeOptions } from '../../src/core';

/** The default template's placeholders, counted (placeholders.test.ts pins the number itself). */
export const TEMPLATE_PLACEHOLDERS = analyze(defaultTemplate().text).placeholders.length;

/** `line:column text` for each placeholder, 1-based as the CLI reports them (docs/spec.md, "Positions"). */
export function placeholdersOf(markdown: string, options: AnalyzeOptions = {}): string[] {
  return toFileReport('doc.md', analyze(markdown, options)).placeholders.map((p) => `${p.line}:${p.column} ${p.text}`);
}

/** Just the placeholder texts, in document order. */
export function textsOf(markdown: string, options: AnalyzeOptions = {}): string[] {
  return analyze(markdown, options).placeholders.map((p) => p.text);
}

export function sectionsOf(markdown: string, options: AnalyzeOptions = {}) {
  return toFileReport('doc.md', analyze(markdown, options)).sections;
}

export function templateFrom(text: string): AnalyzeOptions {
  return { template: createTemplate(text) };
}
