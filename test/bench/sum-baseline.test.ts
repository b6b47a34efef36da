import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import { sumLoop } from '../../bench/util/sum-baseline.js';

describe('sumLoop', () => {
  it('equals a float64 reduce over the same values', () => {
    fc.assert(
      fc.property(fc.array(fc.float({ noNaN: true, noDefaultInfinity: true, min: -1e6, max: 1e6 })), (xs) => {
        const a = Float32Array.from(xs);
        expect(sumLoop(a)).toBe(Array.from(a).reduce((s, v) => s + v, 0));
      }),
    );
  });
  it('is 0 for an empty array', () => {
    expect(sumLoop(new Float32Array(0))).toBe(0);
  });
});
