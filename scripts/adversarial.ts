// Hostile inputs for the editor-side code a repository controls: notes
// detection, fenced-code scanning, `files` globs and `ignore` regexes. One
// table, used twice: the unit suite asserts each shape's outcome at a
// moderate size (never its time), and `npm run bench` times each shape at two
// sizes ten times apart, so superlinear growth shows.
import { compileGlob, cutPoints, ignoreMatcher, isDatePlaceholder, looksLikeNotes, notesFileName, parseConfig } from '../src/core';

export interface AdversarialShape {
  name: string;
  /** The input size the unit suite uses (the bench also runs 10x this). */
  size: number;
  /** Builds the input of size `n` (untimed) and returns the timed step, which gives the observable outcome. */
  make(n: number): () => unknown;
  /** What `make(n)()` must return. */
  expected(n: number): unknown;
}

const glob = (pattern: string) => compileGlob(pattern)!;
const deepPath = (depth: number) => Array.from({ length: depth }, (_, i) => `d${i}`).join('/') + '/x.txt';

export const ADVERSARIAL_SHAPES: AdversarialShape[] = [
  {
    name: 'detection: ATX heading with a run of n spaces',
    size: 20_000,
    make: (n) => {
      const [plain, notes] = ['# a', '# Implementation Notes'].map((h) => h + ' '.repeat(n) + 'x');
      return () => [looksLikeNotes(plain), looksLikeNotes(notes)];
    },
    expected: () => [false, true],
  },
  {
    name: 'detection: n lines of unclosed fences and # before a heading',
    size: 20_000,
    make: (n) => {
      const text = '````\n' + '```\n#\n'.repeat(n) + '````\n# Implementation Notes\n';
      return () => looksLikeNotes(text);
    },
    // Past the detection head the heading is never read.
    expected: (n) => 5 + n * 6 + 5 < 8 * 1024,
  },
  {
    name: 'section cuts: a 4-backtick fence holding n 3-backtick lines and headings',
    size: 20_000,
    make: (n) => {
      const text = '# A\n````\n' + '```\n# B\n'.repeat(n) + '````\n# C\n';
      return () => cutPoints(text).length;
    },
    expected: () => 2,
  },
  {
    name: 'files glob *a*a*a*a*a*a*a*a*b against a name of n a',
    size: 4_300,
    make: (n) => {
      const [matcher, name] = [glob('*a*a*a*a*a*a*a*a*b'), 'a'.repeat(n)];
      return () => matcher(name);
    },
    expected: () => false,
  },
  {
    name: 'files glob (**/)x10 *.md against a path n folders deep',
    size: 4_000,
    make: (n) => {
      const [matcher, path] = [glob('**/'.repeat(10) + '*.md'), deepPath(n)];
      return () => matcher(path);
    },
    expected: () => false,
  },
  {
    name: 'files glob {a,b}x7 (too many alternatives) in a config',
    size: 7,
    make: (n) => {
      const text = `files: ["${'{a,b}'.repeat(n)}"]\n`;
      return () => parseConfig(text, 'c.yaml').problems.map((p) => p.key);
    },
    expected: (n) => (2 ** n > 64 ? ['files[0]'] : []),
  },
  {
    name: 'ignore /(a+)+$/ against [ + n a + !]',
    size: 600,
    make: (n) => {
      const [ignored, text] = [ignoreMatcher(['/(a+)+$/'])!, `[${'a'.repeat(n)}!]`];
      return () => ignored(text);
    },
    expected: () => false,
  },
  {
    name: 'date placeholder check on [ + n tabs + ]',
    size: 100_000,
    make: (n) => {
      const text = '[' + '\t'.repeat(n) + ']';
      return () => isDatePlaceholder(text);
    },
    expected: () => false,
  },
  {
    name: 'new notes file name from n dashes and a letter',
    size: 100_000,
    make: (n) => {
      const phase = '-'.repeat(n) + 'x' + '-'.repeat(n);
      return () => notesFileName(phase);
    },
    expected: () => 'x.md',
  },
];

/** `npm run bench`'s adversarial section: each shape at its unit-test size and at 10x, with the growth. */
export function printAdversarialTimes(measure: (fn: () => void, budgetMs: number) => { median: number }, fmt: (ms: number) => string): void {
  console.log('Adversarial inputs (editor side), median time at n and 10n (linear: about 10x):');
  for (const shape of ADVERSARIAL_SHAPES) {
    const [small, large] = [shape.size, shape.size * 10].map((n) => measure(shape.make(n), 300).median);
    console.log(`  ${shape.name.padEnd(76)} ${fmt(small).padStart(10)} ${fmt(large).padStart(10)}  ${(large / small).toFixed(1)}x`);
  }
  console.log('');
}
