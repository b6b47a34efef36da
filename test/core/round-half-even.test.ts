import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { roundHalfEven } from '../../src/core/round-half-even.js';

describe('roundHalfEven (numpy np.round, half to even)', () => {
  it('ties go to the even neighbour, other values to the nearest integer', () => {
    const cases: [number, number][] = [
      [0.5, 0], [1.5, 2], [2.5, 2], [3.5, 4], [-0.5, -0], [-1.5, -2], [-2.5, -2], [49.5, 50], [70.5, 70],
      [0.49999999999999994, 0], [2.5000000000000004, 3], [-2.4999999999999996, -2], [1e300, 1e300], [4503599627370497, 4503599627370497],
    ];
    for (const [x, want] of cases) expect(Object.is(roundHalfEven(x), want) || roundHalfEven(x) === want).toBe(true);
    expect(roundHalfEven(NaN)).toBeNaN();
    expect(roundHalfEven(Infinity)).toBe(Infinity);
    expect(roundHalfEven(-Infinity)).toBe(-Infinity);
  });

  it('law: |round(x) − x| ≤ 1/2, and a tie lands on an even integer', () => {
    fc.assert(
      fc.property(fc.double({ min: -1e6, max: 1e6, noNaN: true }), (x) => {
        const r = roundHalfEven(x);
        expect(Number.isInteger(r)).toBe(true);
        expect(Math.abs(r - x)).toBeLessThanOrEqual(0.5);
        if (Math.abs(r - x) === 0.5) expect(Math.abs(r % 2)).toBe(0);
      }),
      { numRuns: 2000 },
    );
  });
});
