import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import { mean, max, median, quantile, iqr } from '../../bench/util/stats.js';

const sample = fc.array(fc.double({ min: -1e6, max: 1e6, noNaN: true }), { minLength: 1, maxLength: 50 });

describe('stats', () => {
  it('quantile matches numpy linear interpolation on known values', () => {
    // numpy.quantile([1, 2, 3, 4], [0.25, 0.5, 0.9]) = [1.75, 2.5, 3.7]
    expect(quantile([4, 1, 3, 2], 0.25)).toBeCloseTo(1.75, 12);
    expect(median([4, 1, 3, 2])).toBeCloseTo(2.5, 12);
    expect(quantile([1, 2, 3, 4], 0.9)).toBeCloseTo(3.7, 12);
    expect(median([5, 1, 3])).toBe(3);
    expect(iqr([1, 2, 3, 4, 5])).toBe(2);
  });

  it('median lies between min and max and quantile is monotone in q', () => {
    fc.assert(
      fc.property(sample, fc.double({ min: 0, max: 1, noNaN: true }), fc.double({ min: 0, max: 1, noNaN: true }), (xs, q1, q2) => {
        const m = median(xs);
        expect(m).toBeGreaterThanOrEqual(Math.min(...xs));
        expect(m).toBeLessThanOrEqual(max(xs));
        const [a, b] = q1 <= q2 ? [q1, q2] : [q2, q1];
        expect(quantile(xs, a)).toBeLessThanOrEqual(quantile(xs, b) + 1e-9);
        expect(iqr(xs)).toBeGreaterThanOrEqual(0);
      }),
    );
  });

  it('does not modify its input', () => {
    const xs = [3, 1, 2];
    median(xs);
    iqr(xs);
    expect(xs).toEqual([3, 1, 2]);
  });

  it('empty samples give NaN; NaN in max gives NaN; a bad q is a RangeError', () => {
    expect(mean([])).toBeNaN();
    expect(median([])).toBeNaN();
    expect(max([1, NaN])).toBeNaN();
    expect(mean([1, 2, 3])).toBe(2);
    expect(() => quantile([1], 1.5)).toThrow(RangeError);
    expect(() => quantile([1], NaN)).toThrow(/q must be/);
  });
});
