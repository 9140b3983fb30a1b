import * as assert from 'node:assert/strict';
import {
  adjacentPlaceholder, analyze, applyEdits, defaultTemplate, fillDateEdits, fillEverywhereEdits,
  isDatePlaceholder, isoDate, newNotesPath, newNotesText, notesFileName, removeLineEdit, toSnippet, trimChars,
} from '../../src/core';
import { TEMPLATE_PLACEHOLDERS } from './helpers';

suite('edits as data', () => {
  test('fill everywhere replaces exactly the identical placeholders', () => {
    const text = '# N\n\n[Name] and [Name] but not [Name of x], `[Name]`\n';
    const analysis = analyze(text);
    const edits = fillEverywhereEdits(analysis, '[Name]', 'Ada');
    assert.equal(applyEdits(text, edits), '# N\n\nAda and Ada but not [Name of x], `Ada`\n');
  });

  test('remove the line, with each kind of line break', () => {
    const lf = 'a\nb [X]\nc';
    assert.equal(applyEdits(lf, [removeLineEdit(lf, 4)]), 'a\nc');
    const crlf = 'a\r\nb [X]\r\nc';
    assert.equal(applyEdits(crlf, [removeLineEdit(crlf, 5)]), 'a\r\nc');
    const last = 'a\r\nb [X]';
    assert.equal(applyEdits(last, [removeLineEdit(last, 5)]), 'a');
    assert.equal(applyEdits('only [X]', [removeLineEdit('only [X]', 2)]), '');
  });

  test('date placeholders', () => {
    assert.deepEqual(
      ['[Date]', '[Scan Date]', '[due date]', '[Start Date - End Date]', '[Update]', '[Dated]'].map(isDatePlaceholder),
      [true, true, true, false, false, false],
    );
    assert.equal(isoDate(new Date(2026, 0, 5)), '2026-01-05');
    const text = defaultTemplate().text;
    const filled = applyEdits(text, fillDateEdits(analyze(text), new Date(2026, 10, 24)));
    assert.match(filled, /\*\*Created\*\*: 2026-11-24\n\*\*Last Updated\*\*: 2026-11-24/);
    assert.equal(analyze(filled).placeholders.length, TEMPLATE_PLACEHOLDERS - 4);
  });

  test('next and previous placeholder wrap around', () => {
    const analysis = analyze('[A] x [B] y [C]');
    assert.equal(adjacentPlaceholder(analysis, 0, 1), 1);
    assert.equal(adjacentPlaceholder(analysis, 13, 1), 0);
    assert.equal(adjacentPlaceholder(analysis, 6, -1), 0);
    assert.equal(adjacentPlaceholder(analysis, 0, -1), 2);
    assert.equal(adjacentPlaceholder(analyze('none'), 0, 1), -1);
  });
});

suite('template as a snippet', () => {
  test('placeholders become numbered tab stops; $, } and \\ are escaped', () => {
    const text = 'Cost: $5 {a} \\path [Name] and [Role $x}]\n';
    const analysis = analyze(text);
    assert.equal(toSnippet(text, analysis.placeholders), 'Cost: \\$5 {a\\} \\\\path ${1:[Name]} and ${2:[Role \\$x\\}]}\n$0');
  });

  test('the default template gets a tab stop per placeholder', () => {
    const t = defaultTemplate();
    const snippet = toSnippet(t.text, analyze(t.text).placeholders);
    assert.equal((snippet.match(/\$\{\d+:/g) ?? []).length, TEMPLATE_PLACEHOLDERS);
    assert.ok(snippet.endsWith(`\${${TEMPLATE_PLACEHOLDERS}:[Date]}\n$0`));
  });
});

suite('new notes', () => {
  test('file names from phase names', () => {
    assert.equal(notesFileName('Phase 2: Search & Indexing!'), 'phase-2-search-indexing.md');
    assert.equal(notesFileName('  Café Überblick  '), 'cafe-uberblick.md');
    assert.equal(notesFileName('???'), 'implementation-notes.md');
    assert.equal(notesFileName(`${'x'.repeat(59)} y`), `${'x'.repeat(59)}.md`, 'no dash left where the name is cut');
    assert.equal(trimChars('-'.repeat(50000) + 'a' + '-'.repeat(50000), '-'), 'a');
  });

  test('the folder setting: relative inside the workspace, or refused', () => {
    assert.deepEqual(newNotesPath('docs/notes/', 'a.md'), { path: 'docs/notes/a.md' });
    assert.deepEqual(newNotesPath('docs\\notes', 'a.md'), { path: 'docs/notes/a.md' });
    assert.deepEqual(newNotesPath('', 'a.md'), { path: 'a.md' });
    assert.deepEqual(newNotesPath('docs/..notes', 'a.md'), { path: 'docs/..notes/a.md' });
    for (const outside of ['..', '../x', 'docs/../../x', 'docs\\..\\..']) assert.deepEqual(newNotesPath(outside, 'a.md'), { problem: 'outside' }, outside);
    for (const absolute of ['/etc', '\\\\server\\share', 'C:\\x', 'c:/x', 'file:///etc']) assert.deepEqual(newNotesPath(absolute, 'a.md'), { problem: 'absolute' }, absolute);
  });

  test('the phase fills the phase placeholder; dates only when asked', () => {
    const analysis = analyze(defaultTemplate().text);
    const text = newNotesText(analysis, 'Phase 2 – Search', new Date(2026, 10, 24));
    assert.match(text, /\*\*Phase\*\*: Phase 2 – Search\n/);
    assert.match(text, /\*\*Created\*\*: 2026-11-24/);
    assert.equal(analyze(text).placeholders.length, TEMPLATE_PLACEHOLDERS - 1 - 4);
    assert.equal(analyze(newNotesText(analysis, 'X', undefined)).placeholders.length, 227);
  });
});
