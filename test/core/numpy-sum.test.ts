import { describe, expect, it } from 'vitest';
import { numpyPairwiseSum, pairwiseSum32, pairwiseSum64 } from '../../src/core/numpy-sum.js';

/** numpy's order written out the slow way (recursion on the same split points). */
function reference(a: number[], r: (v: number) => number): number {
  const go = (s: number, n: number): number => {
    if (n < 8) { let x = 0; for (let i = 0; i < n; i++) x = r(x + a[s + i]); return x; }
    if (n <= 128) {
      const acc = a.slice(s, s + 8);
      let i = 8;
      for (; i < n - (n % 8); i += 8) for (let j = 0; j < 8; j++) acc[j] = r(acc[j] + a[s + i + j]);
      let x = r(r(r(acc[0] + acc[1]) + r(acc[2] + acc[3])) + r(r(acc[4] + acc[5]) + r(acc[6] + acc[7])));
      for (; i < n; i++) x = r(x + a[s + i]);
      return x;
    }
    let n2 = Math.floor(n / 2); n2 -= n2 % 8;
    return r(go(s, n2) + go(s + n2, n - n2));
  };
  return go(0, a.length);
}

describe('numpy pairwise summation (core/numpy-sum)', () => {
  it('equals numpy\'s block order for every length 0..400, float64 and float32', () => {
    let seed = 1;
    const rnd = () => ((seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648 - 0.5) * 1e3;
    for (let n = 0; n <= 400; n++) {
      const a = Array.from({ length: n }, rnd);
      const a32 = a.map(Math.fround);
      expect(pairwiseSum64(a)).toBe(reference(a, (v) => v));
      expect(pairwiseSum32(a32)).toBe(Math.fround(reference(a32, Math.fround)));
      expect(numpyPairwiseSum(Float64Array.from(a), 0, n, (v) => v)).toBe(reference(a, (v) => v));
    }
  });

  it('is not the left-to-right sum (the order matters to the last bit)', () => {
    const a = Array.from({ length: 200 }, (_, i) => 0.1 * (i % 7) + 1e-3 * i);
    const ltr = a.reduce((s, v) => s + v, 0);
    expect(Math.abs(pairwiseSum64(a) - ltr)).toBeLessThan(1e-10);
    expect(pairwiseSum64(a, 10, 5)).toBe(a.slice(10, 15).reduce((s, v) => s + v, 0));
  });
});
