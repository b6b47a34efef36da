import { describe, expect, it } from 'vitest';
import { cvGaussianKernel, cvSigmaForKernel, KERNEL_CACHE_LIMIT } from '../../src/core/gaussian-kernel.js';

describe('cvGaussianKernel', () => {
  it("uses OpenCV's fixed binomial tables for k = 1, 3, 5, 7 and 9 with σ = 0 (getGaussianKernelBitExact)", () => {
    expect(Array.from(cvGaussianKernel(1))).toEqual([1]);
    expect(Array.from(cvGaussianKernel(3))).toEqual([0.25, 0.5, 0.25]);
    expect(Array.from(cvGaussianKernel(5))).toEqual([1 / 16, 4 / 16, 6 / 16, 4 / 16, 1 / 16]);
    expect(Array.from(cvGaussianKernel(7))).toEqual([2, 7, 14, 18, 14, 7, 2].map((v) => v / 64));
    expect(Array.from(cvGaussianKernel(9))).toEqual([4, 13, 30, 51, 60, 51, 30, 13, 4].map((v) => v / 256));
  });

  it('uses σ = 0.15·k + 0.35 = 0.3·((k−1)/2 − 1) + 0.8 otherwise (σ = 2 for k = 11) and sums to 1', () => {
    expect(cvSigmaForKernel(11)).toBeCloseTo(2, 12);
    expect(cvSigmaForKernel(17)).toBeCloseTo(2.9, 12); // codecs.md says 3.2; OpenCV gives 0.3·7 + 0.8 = 2.9
    const g = cvGaussianKernel(11);
    expect(g.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 6);
    expect(g[4] / g[5]).toBeCloseTo(Math.exp(-1 / 8), 6);
    const g5 = cvGaussianKernel(5, 1.5);
    expect(g5[1] / g5[2]).toBeCloseTo(Math.exp(-1 / (2 * 2.25)), 6);
    for (const k of [11, 13, 17, 23]) {
      const w = cvGaussianKernel(k);
      expect(w.every((v) => Math.fround(v) === v)).toBe(true); // float32 weights
      expect(Array.from(w)).toEqual(Array.from(w).reverse()); // symmetric
    }
  });

  it('hands out copies: writing into a returned kernel changes no later kernel', () => {
    const a = cvGaussianKernel(11);
    const keep = Array.from(a);
    a[5] = 123;
    a.fill(0);
    expect(Array.from(cvGaussianKernel(11))).toEqual(keep);
    const t = cvGaussianKernel(3);
    t[0] = 9;
    expect(Array.from(cvGaussianKernel(3))).toEqual([0.25, 0.5, 0.25]);
  });

  it(`the cache is bounded (${KERNEL_CACHE_LIMIT} entries): many distinct σ still give correct kernels`, () => {
    const first = Array.from(cvGaussianKernel(7, 1.25));
    for (let i = 1; i <= 5 * KERNEL_CACHE_LIMIT; i++) cvGaussianKernel(5, 0.5 + i * 1e-3);
    expect(Array.from(cvGaussianKernel(7, 1.25))).toEqual(first);
  });

  it('rejects even, non-positive and absurd sizes and non-finite σ, naming the argument', () => {
    expect(() => cvGaussianKernel(4)).toThrow(/odd/);
    expect(() => cvGaussianKernel(0)).toThrow(RangeError);
    expect(() => cvGaussianKernel(1e9 + 1)).toThrow(RangeError);
    expect(() => cvGaussianKernel(4, 0, 'options.blurKernelSize')).toThrow(/options\.blurKernelSize/);
    for (const s of [NaN, Infinity, -Infinity, '1' as never]) expect(() => cvGaussianKernel(5, s)).toThrow(/sigma/);
  });
});
