import { defaultTemplate } from '../src/core';

/** A small seeded PRNG, so every run measures the same documents. */
export function rng(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const WORDS = (
  'index queue worker batch latency schema migration tenant cache shard replica rollout canary metric alert ' +
  'endpoint payload retry backoff timeout parser token session audit quota budget profile trace span release ' +
  'feature flag review owner storage bucket lock contention throughput snapshot compaction vacuum checkpoint'
).split(' ');

/**
 * Notes shaped like the default template: about half of the placeholders
 * filled with varied prose, links and inline code, so that no two copies
 * (and no two sections) share a text.
 */
export function notesDocument(copies: number, seed = 1): string {
  const random = rng(seed);
  const word = () => WORDS[Math.floor(random() * WORDS.length)];
  const sentence = (n: number) => Array.from({ length: n }, word).join(' ');
  const template = defaultTemplate().text;
  const parts: string[] = [];
  for (let copy = 0; copy < copies; copy++) {
    let id = 0;
    parts.push(
      template.replace(/\[([^[\]\n]{1,120})\]/g, (match) => {
        id++;
        const r = random();
        if (r < 0.45) return match; // left to fill
        if (r < 0.6) return `${sentence(3)} ([notes ${copy}.${id}](https://example.com/${copy}/${id}))`;
        if (r < 0.7) return `\`${word()}_${copy}_${id}()\` ${sentence(2)}`;
        return `${sentence(4 + Math.floor(random() * 8))} ${copy}.${id}`;
      }),
    );
  }
  return parts.join('\n\n');
}
