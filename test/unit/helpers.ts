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

/**
 * How much longer `run(big)` takes than `run(small)`, both timed in this run
 * (median of 5 each, after a warm-up): a scaling check as a ratio of two
 * sizes, as `npm run bench` does, never a time limit. Linear work at 8x the
 * size gives about 8; quadratic about 64.
 */
export function timeRatio(run: (size: number) => void, small: number, big: number): number {
  const median = (size: number) => {
    run(size);
    const times: number[] = [];
    for (let i = 0; i < 5; i++) {
      const started = performance.now();
      run(size);
      times.push(performance.now() - started);
    }
    return times.sort((a, b) => a - b)[2];
  };
  return median(big) / Math.max(median(small), 0.01);
}
