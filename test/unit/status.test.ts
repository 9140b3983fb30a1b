import * as assert from 'node:assert/strict';
import { isDraft } from '../../src/core';
import { timeRatio } from './helpers';

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

  test('linear in the head: 8x the asterisks and spaces on a line take well under 64x the time', () => {
    assert.equal(isDraft('*'.repeat(8000) + ' status:' + ' '.repeat(100000)), false);
    // Within the 8 KB head: past it nothing more is read, whatever the scan.
    const lines = new Map([500, 4000].map((n) => [n, '*'.repeat(n) + ' status:' + ' '.repeat(n)]));
    const ratio = timeRatio((n) => {
      for (let i = 0; i < 200; i++) isDraft(lines.get(n)!);
    }, 500, 4000);
    assert.ok(ratio < 24, `8x the line took ${ratio.toFixed(1)}x the time (linear: about 8, quadratic: about 64)`);
  });

});
