import * as assert from 'node:assert/strict';
import { closesFence, cutPoints, FenceTracker, looksLikeNotes, openingFence } from '../../src/core';

suite('fenced code: one scanner with CommonMark rules', () => {
  test('what opens a fence', () => {
    assert.deepEqual(openingFence('```ts'), { char: '`', length: 3 });
    assert.deepEqual(openingFence('   ~~~~ x `y`'), { char: '~', length: 4 });
    assert.equal(openingFence('    ```'), undefined, 'four spaces: indented code');
    assert.equal(openingFence('``'), undefined);
    assert.equal(openingFence('``` a`b'), undefined, 'a backtick in a backtick fence info string');
  });

  test('what closes it: same character, at least as long, ≤3 spaces, only spaces or tabs after', () => {
    const four = openingFence('````')!;
    assert.ok(!closesFence('```', four));
    assert.ok(closesFence('````', four));
    assert.ok(closesFence('   `````  \t', four));
    assert.ok(!closesFence('    ````', four));
    assert.ok(!closesFence('```` x', four));
    assert.ok(!closesFence('~~~~', four));
  });

  test('a four-backtick fence holding a three-backtick line and a notes heading is not misdetected', () => {
    const doc = '````md\n```\n# Implementation Notes\n```\n````\n# Release plan\n';
    assert.ok(!looksLikeNotes(doc));
    assert.deepEqual(cutPoints(doc), [0, doc.indexOf('# Release plan')]);
    const tracker = new FenceTracker();
    assert.deepEqual(doc.split('\n').map((l) => tracker.isCode(l)), [true, true, true, true, true, false, false]);
  });

  test('a tilde fence is not closed by backticks', () => {
    assert.ok(!looksLikeNotes('~~~\n```\n# Implementation Notes\n~~~\n# Other\n'));
    assert.ok(looksLikeNotes('~~~\n```\n~~~\n# Implementation Notes\n'));
  });
});
