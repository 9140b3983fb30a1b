import * as assert from 'node:assert/strict';
import { FirstDraw } from '../../src/extension/views/firstDraw';

/** Two turns of the event loop: when a drawing whose last question was answered counts as drawn. */
const twoTurns = async () => {
  await new Promise((resolve) => setTimeout(resolve, 0));
  await new Promise((resolve) => setTimeout(resolve, 0));
};

suite('VS Code\'s first drawing of a tree, seen from its data provider', () => {
  test('drawn once every row shown expanded has been asked for, level by level, and a turn later', async () => {
    const draw = new FirstDraw();
    let drawn = 0;
    draw.onDidDraw(() => drawn++);
    assert.deepEqual([draw.drawing, draw.drawn], [false, false], 'nothing asked: not drawing');
    draw.asked(undefined, ['a', 'b']);
    draw.asked('a', ['a1']);
    draw.asked('b', []);
    assert.deepEqual([draw.drawing, draw.drawn], [true, false], 'a1 not asked yet');
    draw.asked('a1', []);
    assert.deepEqual([draw.drawing, draw.drawn], [true, false], 'the last answer has not gone out yet');
    await twoTurns();
    assert.deepEqual([draw.drawing, draw.drawn, drawn], [false, true, 1]);
    draw.asked(undefined, ['a']);
    await twoTurns();
    assert.deepEqual([draw.drawing, draw.drawn, drawn], [false, true, 1], 'later questions change nothing');
  });

  test('a top level without expanded rows is drawn a turn after its answer', async () => {
    const draw = new FirstDraw();
    draw.asked(undefined, []);
    assert.equal(draw.drawing, true);
    await twoTurns();
    assert.equal(draw.drawn, true);
  });

  test('a question for a row before the top level is no drawing; a second top-level question starts over', async () => {
    const draw = new FirstDraw();
    draw.asked('a', []);
    assert.equal(draw.drawing, false);
    draw.asked(undefined, ['a']);
    draw.asked(undefined, ['b']);
    draw.asked('a', []);
    await twoTurns();
    assert.equal(draw.drawn, false, 'b not asked yet');
    draw.asked('b', []);
    await twoTurns();
    assert.equal(draw.drawn, true);
  });

  test('a drawing whose questions stop counts as drawn after the guard\'s silence', async () => {
    const draw = new FirstDraw(20);
    draw.asked(undefined, ['a']);
    await twoTurns();
    assert.equal(draw.drawn, false);
    await new Promise((resolve) => setTimeout(resolve, 40));
    assert.equal(draw.drawn, true);
  });
});
