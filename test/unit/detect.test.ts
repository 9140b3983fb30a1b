import * as assert from 'node:assert/strict';
import * as fc from 'fast-check';
import { compileGlob, createTemplate, defaultTemplate, globProblem, isNotesDocument, looksLikeNotes, matchesAnyGlob, MAX_GLOB_ALTERNATIVES } from '../../src/core';

const glob = (pattern: string) => {
  const matcher = compileGlob(pattern);
  assert.ok(matcher, `${pattern} compiles`);
  return { test: matcher };
};

suite('notes detection by content', () => {
  test('the default template and a first heading naming implementation notes', () => {
    assert.ok(looksLikeNotes(defaultTemplate().text));
    assert.ok(looksLikeNotes('\uFEFF# Implementation notes: search\n'));
    assert.ok(looksLikeNotes('Intro\n\nImplementation Notes — Phase 2\n===\n'));
  });

  test('front matter marks', () => {
    assert.ok(looksLikeNotes('---\ntype: implementation-notes\n---\n# Search\n'));
    assert.ok(looksLikeNotes('---\ntitle: x\nimpl-notes: true\n---\n'));
    assert.ok(!looksLikeNotes('---\ntype: blog\n---\n# Search\n'));
  });

  test('only the first heading counts, and not one in code', () => {
    assert.ok(!looksLikeNotes('# README\n\n## Implementation Notes\n'));
    assert.ok(!looksLikeNotes('```\n# Implementation Notes\n```\n# Other\n'));
    assert.ok(!looksLikeNotes('Plain text mentioning implementation notes.\n'));
  });
});

suite('globs for the files setting', () => {
  test('** spans folders, * and ? stay within one', () => {
    const re = glob('docs/**/*.md');
    assert.ok(re.test('docs/a.md'));
    assert.ok(re.test('docs/x/y/a.md'));
    assert.ok(!re.test('other/docs/a.md'));
    assert.ok(!glob('docs/*.md').test('docs/x/a.md'));
    assert.ok(glob('notes-?.md').test('deep/notes-1.md'));
  });

  test('braces, classes and literal dots', () => {
    assert.ok(glob('docs/{impl,design}/*.md').test('docs/design/x.md'));
    assert.ok(glob('phase-[0-9].md').test('phase-3.md'));
    assert.ok(!glob('*.md').test('file.mdx'));
    assert.ok(!glob('a.md').test('abmd'));
  });

  test('matchesAnyGlob normalises separators and ./', () => {
    assert.ok(matchesAnyGlob('docs\\impl\\a.md', ['./docs/**/*.md']));
    assert.ok(!matchesAnyGlob('docs/a.md', ['', 'src/**']));
  });

  test('** as a whole segment, at the end, and on its own', () => {
    assert.ok(glob('**/a.md').test('a.md'));
    assert.ok(glob('**/a.md').test('x//y/a.md'));
    assert.ok(!glob('**/a.md').test('xa.md'));
    assert.ok(glob('docs/**').test('docs/x/y.md'));
    assert.ok(glob('a/**/b/**/c.md').test('a/b/c.md'));
    assert.ok(glob('a/**/b/**/c.md').test('a/x/b/y/z/c.md'));
    assert.ok(!glob('a/**/b/**/c.md').test('a/x/c.md'));
    assert.ok(glob('[!a]*.md').test('b.md') && !glob('[!a]*.md').test('a.md'));
    assert.ok(!glob('a?b.md').test('a/b.md'), '? never matches /');
  });

  test('braces: nested, unclosed (literal), capped', () => {
    assert.ok(glob('{a,b/{c,d}}.md').test('b/d.md'));
    assert.ok(glob('x{y.md').test('x{y.md'));
    assert.equal(globProblem('{a,b}'.repeat(7)), `glob ${'{a,b}'.repeat(7)} has more than ${MAX_GLOB_ALTERNATIVES} brace alternatives`);
    assert.equal(compileGlob('{a,b}'.repeat(7)), undefined);
    assert.equal(globProblem('{a,b}'.repeat(6)), undefined);
    assert.equal(globProblem(' '), 'expected a glob, not an empty string');
  });

  test('worst cases run as state sets: outcomes of the shapes that froze a backtracking regex', () => {
    const name = 'a'.repeat(43);
    assert.equal(glob('*a*a*a*a*a*a*a*a*b').test(name), false);
    assert.equal(glob('*a*a*a*a*a*a*a*a*b').test(name + 'b'), true);
    const deep = Array.from({ length: 40 }, (_, i) => `d${i}`).join('/') + '/x.txt';
    assert.equal(glob('**/'.repeat(10) + '*.md').test(deep), false);
    assert.equal(glob('**/'.repeat(10) + '*.txt').test(deep), true);
    assert.equal(glob('**'.repeat(30) + 'b').test('a'.repeat(2000)), false);
  });

  test('agrees with a regex translation on small random globs and paths (property)', () => {
    const token = fc.constantFrom('a', 'b', '/', '*', '**', '**/', '?', '[ab]', '[!a]', '{a,b/}', '.');
    fc.assert(
      fc.property(fc.array(token, { minLength: 1, maxLength: 6 }), fc.stringMatching(/^[ab/.]{0,8}$/), (tokens, path) => {
        const pattern = tokens.join('');
        assert.equal(glob(pattern).test(path), oracle(pattern).test(path), `${pattern} on ${path}`);
      }),
      { numRuns: Number(process.env.PROPERTY_RUNS ?? 2000) },
    );
  });
});

/** The former backtracking translation, kept as the test oracle (fine on these tiny inputs). */
function oracle(glob: string): RegExp {
  let pattern = glob.startsWith('./') ? glob.slice(2) : glob;
  if (!pattern.includes('/')) pattern = `**/${pattern}`;
  let re = '';
  let braces = 0;
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern[i];
    if (c === '*' && pattern[i + 1] === '*') {
      const slashAfter = pattern[i + 2] === '/';
      re += slashAfter ? '(?:[^/]*/)*' : '.*';
      i += slashAfter ? 2 : 1;
    } else if (c === '*') re += '[^/]*';
    else if (c === '?') re += '[^/]';
    else if (c === '{') {
      braces++;
      re += '(?:';
    } else if (c === '}' && braces > 0) {
      braces--;
      re += ')';
    }
    else if (c === ',' && braces > 0) re += '|';
    else if (c === '[') {
      const close = pattern.indexOf(']', i + 1);
      re += '(?!/)[' + pattern.slice(i + 1, close).replace(/^!/, '^') + ']';
      i = close;
    } else re += c.replace(/[.+^$()|\\\]]/g, '\\$&');
  }
  return new RegExp(`^${re}$`);
}

suite('isNotesDocument: the one notes decision (editor, workspace scan)', () => {
  const custom = createTemplate('# Design Review: [Title]\n\n## Context\n\n[Why]\n');
  test('by content, by a custom template\'s first heading, or by a glob; content only when detection by content is on', () => {
    const notes = '# Implementation Notes: Search\n\n## Owner\n[Name]\n';
    const review = '# Design Review: caching\n\n## Context\n';
    const plain = '# Readme\n\n[not notes]\n';
    assert.equal(isNotesDocument(notes, { byGlob: false, detectByContent: true }), true);
    assert.equal(isNotesDocument(notes, { byGlob: false, detectByContent: false }), false);
    assert.equal(isNotesDocument(review, { byGlob: false, detectByContent: true }), false);
    assert.equal(isNotesDocument(review, { byGlob: false, detectByContent: true, customTemplate: custom }), true);
    assert.equal(isNotesDocument(review, { byGlob: false, detectByContent: false, customTemplate: custom }), false);
    assert.equal(isNotesDocument(plain, { byGlob: true, detectByContent: false }), true);
  });

  test('a lazy glob check runs only when the content does not decide', () => {
    let asked = 0;
    const byGlob = () => { asked++; return true; };
    assert.equal(isNotesDocument('# Implementation Notes\n', { byGlob, detectByContent: true }), true);
    assert.equal(asked, 0);
    assert.equal(isNotesDocument('# Readme\n', { byGlob, detectByContent: true }), true);
    assert.equal(asked, 1);
  });
});
