import * as assert from 'node:assert/strict';
import { isDraft } from '../../src/core';

suite('draft status (docs/spec.md, "Drafts")', () => {
  for (const text of [
    '---\nstatus: draft\n---\n# Notes\n',
    '---\ntitle: x\nstatus: "In Progress"\n---\n# Notes\n',
    '\ufeff---\r\nstatus: WIP\r\n---\r\n# Notes\r\n',
    '# Notes\n\n## Phase Information\n**Phase**: 2\n**Status**: In progress\n',
    '# Notes\n\n- **Status:** Draft.\n',
    '# Notes\n\nStatus: work-in-progress\n',
  ]) {
    test(`a draft: ${JSON.stringify(text.slice(0, 40))}`, () => assert.equal(isDraft(text), true));
  }

  for (const text of [
    '# Notes\n\n**Status**: Done\n',
    '---\nstatus: final\n---\n# Notes\n\n**Status**: Draft\n',
    '# Notes\n\n- **Resolution Status**: In progress\n',
    '# Notes\n\n```\nStatus: draft\n```\n',
    '# Notes\n\nThe status: draft of the API is stable.\n',
    '# Notes\n\n**Status**: Draft reviewed, final\n',
  ]) {
    test(`not a draft: ${JSON.stringify(text.slice(0, 40))}`, () => assert.equal(isDraft(text), false));
  }

  test('only the head decides: a Status field past 8 KB is not read', () => {
    assert.equal(isDraft('# Notes\n\n' + 'x\n'.repeat(5000) + '**Status**: Draft\n'), false);
  });

  test('linear on a long line of asterisks and spaces', () => {
    assert.equal(isDraft('*'.repeat(8000) + ' status:' + ' '.repeat(100000)), false);
  });
});
