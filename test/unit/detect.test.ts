import * as assert from 'node:assert/strict';
import { defaultTemplate, globToRegExp, looksLikeNotes, matchesAnyGlob } from '../../src/core';

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
    const re = globToRegExp('docs/**/*.md');
    assert.ok(re.test('docs/a.md'));
    assert.ok(re.test('docs/x/y/a.md'));
    assert.ok(!re.test('other/docs/a.md'));
    assert.ok(!globToRegExp('docs/*.md').test('docs/x/a.md'));
    assert.ok(globToRegExp('notes-?.md').test('deep/notes-1.md'));
  });

  test('braces, classes and literal dots', () => {
    assert.ok(globToRegExp('docs/{impl,design}/*.md').test('docs/design/x.md'));
    assert.ok(globToRegExp('phase-[0-9].md').test('phase-3.md'));
    assert.ok(!globToRegExp('*.md').test('file.mdx'));
    assert.ok(!globToRegExp('a.md').test('abmd'));
  });

  test('matchesAnyGlob normalises separators and ./', () => {
    assert.ok(matchesAnyGlob('docs\\impl\\a.md', ['./docs/**/*.md']));
    assert.ok(!matchesAnyGlob('docs/a.md', ['', 'src/**']));
  });
});
