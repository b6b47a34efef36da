import { describe, expect, it } from 'vitest';
import { cvGaussianKernel, cvSigmaForKernel } from '../../src/core/gaussian-kernel.js';

describe('cvGaussianKernel', () => {
  it("uses OpenCV's fixed binomial tables for k = 3, 5, 7 with σ = 0", () => {
    expect(Array.from(cvGaussianKernel(3))).toEqual([0.25, 0.5, 0.25]);
    expect(Array.from(cvGaussianKernel(5))).toEqual([1 / 16, 4 / 16, 6 / 16, 4 / 16, 1 / 16]);
    expect(Array.from(cvGaussianKernel(7))).toEqual([1, 3.5, 7, 9, 7, 3.5, 1].map((v) => v / 32));
  });

  it('uses σ = 0.3·((k−1)/2 − 1) + 0.8 otherwise (σ = 2 for k = 11) and sums to 1', () => {
    expect(cvSigmaForKernel(11)).toBeCloseTo(2, 12);
    expect(cvSigmaForKernel(17)).toBeCloseTo(2.9, 12); // codecs.md says 3.2; OpenCV gives 0.3·7 + 0.8 = 2.9
    const g = cvGaussianKernel(11);
    expect(g.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 6);
    expect(g[4] / g[5]).toBeCloseTo(Math.exp(-1 / 8), 6);
    const g5 = cvGaussianKernel(5, 1.5);
    expect(g5[1] / g5[2]).toBeCloseTo(Math.exp(-1 / (2 * 2.25)), 6);
  });

  it('rejects even, non-positive and absurd sizes', () => {
    expect(() => cvGaussianKernel(4)).toThrow(/odd/);
    expect(() => cvGaussianKernel(0)).toThrow(RangeError);
    expect(() => cvGaussianKernel(1e9 + 1)).toThrow(RangeError);
  });
});
