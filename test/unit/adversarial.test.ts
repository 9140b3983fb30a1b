import * as assert from 'node:assert/strict';
import { ADVERSARIAL_SHAPES } from '../../scripts/adversarial';

// Outcomes only: the times of these shapes are printed by `npm run bench`.
suite('adversarial inputs to detection, fences, globs and ignore regexes', () => {
  for (const shape of ADVERSARIAL_SHAPES) {
    test(`${shape.name} (n = ${shape.size})`, () => {
      assert.deepEqual(shape.make(shape.size)(), shape.expected(shape.size));
    });
  }
});
