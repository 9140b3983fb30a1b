import * as assert from 'node:assert/strict';
import { analyze, applyEdits, defaultTemplate, looksLikeNotes, markAsNotesEdit, newNotesText, newNotesTitle } from '../../src/core';

const mark = (text: string, eol?: string): string => {
  const edit = markAsNotesEdit(text, eol);
  return edit ? applyEdits(text, [edit]) : text;
};

suite('marking a document as notes', () => {
  test('a document without front matter gets a block of its own, after a BOM, in its line breaks', () => {
    assert.equal(mark('# Readme\n'), '---\ntype: implementation-notes\n---\n\n# Readme\n');
    assert.equal(mark('\uFEFF# Readme\r\n', '\r\n'), '\uFEFF---\r\ntype: implementation-notes\r\n---\r\n\r\n# Readme\r\n');
    assert.equal(mark(''), '---\ntype: implementation-notes\n---\n\n');
  });

  test('existing front matter gets one line; a type key already there is kept, so keys stay unique', () => {
    assert.equal(mark('---\ntitle: x\n---\n# A\n'), '---\ntitle: x\ntype: implementation-notes\n---\n# A\n');
    assert.equal(mark('---\ntype: blog\n...\n# A\n'), '---\ntype: blog\nimpl-notes: true\n...\n# A\n');
    assert.equal(mark('---\r\n---\r\n', '\r\n'), '---\r\ntype: implementation-notes\r\n---\r\n');
  });

  test('already marked: no edit', () => {
    assert.equal(markAsNotesEdit('---\ntype: implementation-notes\n---\n'), undefined);
    assert.equal(markAsNotesEdit('---\nimpl-notes: true\n---\n'), undefined);
  });

  test('an unclosed front matter is not one: a new block goes first', () => {
    assert.equal(mark('---\ntitle: x\n'), '---\ntype: implementation-notes\n---\n\n---\ntitle: x\n');
  });

  test('every result is detected as notes, whatever its headings', () => {
    for (const text of ['# Readme\n', '---\ntitle: x\n---\n    # indented\n', '---\ntype: blog\n---\n', 'no heading']) {
      assert.ok(!looksLikeNotes(text), text);
      assert.ok(looksLikeNotes(mark(text)), text);
    }
  });

  test('worst case: a front matter of 200,000 lines is scanned once, within its head', () => {
    const text = '---\n' + 'a: 1\n'.repeat(200_000);
    const edit = markAsNotesEdit(text)!;
    assert.equal(edit.start, 0); // never closed within the head: a new block
  });
});

suite('the title of new notes', () => {
  test('a template title naming itself a template becomes "<name>: <phase>"', () => {
    assert.equal(newNotesTitle('Implementation Notes Template', 'Phase 3: Billing export'), 'Implementation Notes: Phase 3: Billing export');
    assert.equal(newNotesTitle('Design Doc template ', ' X '), 'Design Doc: X');
  });

  test('other titles are the author\'s and are kept', () => {
    assert.equal(newNotesTitle('Notes for [Project]', 'X'), undefined);
    assert.equal(newNotesTitle('Template', 'X'), undefined);
    assert.equal(newNotesTitle('Templates', 'X'), undefined);
    assert.equal(newNotesTitle('Implementation Notes Template', '  '), undefined);
  });

  test('worst case: a title of 100,000 spaces is not backtracked over', () => {
    assert.equal(newNotesTitle('a' + ' '.repeat(100_000) + 'x', 'P'), undefined);
  });

  test('new notes from the default template: front matter, title, phase; 227 placeholders', () => {
    const template = defaultTemplate().text;
    const text = newNotesText(analyze(template), 'Phase 3: Billing export', undefined);
    const expected = '---\ntype: implementation-notes\n---\n\n' + template.replace('# Implementation Notes Template', '# Implementation Notes: Phase 3: Billing export').replace('[Phase Number and Name]', 'Phase 3: Billing export');
    assert.equal(text, expected);
    assert.equal(analyze(text).placeholders.length, 227);
  });
});
