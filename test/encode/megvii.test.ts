import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { megviiHeatmaps } from '../../src/encode/index.js';
import { cvGaussianKernel } from '../../src/core/gaussian-kernel.js';
import { convolvePlane } from '../../src/core/convolve.js';
import { kps, vis, argmax2d, channel } from './fixtures.js';

const W = 12;
const H = 16;

describe('megviiHeatmaps', () => {
  it('k = 3 (OpenCV table [1,2,1]/4): 255 at the one-hot, 127.5 beside, 63.75 diagonal; reflect-101 at the border', () => {
    const r = megviiHeatmaps([W, H], kps([[[5.9, 7.2], [0, 3]]]), vis([[1, 1]]), 3);
    expect(r.heatmaps.get(0, 7, 5)).toBe(255);
    expect(r.heatmaps.get(0, 7, 6)).toBe(127.5);
    expect(r.heatmaps.get(0, 8, 6)).toBe(63.75);
    expect(r.heatmaps.get(0, 7, 7)).toBe(0);
    // one-hot at column 0: blurred row = [0.5, 0.25, 0, …] (reflect-101 folds nothing back onto column 0)
    expect(r.heatmaps.get(1, 3, 0)).toBe(255);
    expect(r.heatmaps.get(1, 3, 1)).toBe(127.5);
  });

  it('equals convolvePlane(one-hot, cvGaussianKernel(k), reflect101) scaled to 255 at trunc(kp); max ≤ 255·max(conv)/conv[kp], = 255 when no reflection reaches the one-hot', () => {
    fc.assert(
      fc.property(fc.double({ min: -0.9, max: W - 0.01, noNaN: true }), fc.double({ min: -0.9, max: H - 0.01, noNaN: true }), fc.constantFrom(3, 5, 7, 11, 17, 31), (x, y, ks) => {
        const r = megviiHeatmaps([W, H], kps([[[x, y]]]), vis([[1]]), ks);
        const kx = Math.trunc(Math.fround(x)) || 0; // −0 → 0
        const ky = Math.trunc(Math.fround(y)) || 0;
        const one = new Float64Array(W * H);
        one[ky * W + kx] = 1;
        const ref = new Float64Array(W * H);
        convolvePlane({ data: one, offset: 0, sH: W, sW: 1, H, W }, cvGaussianKernel(ks), 'reflect101', ref);
        const c = ref[ky * W + kx];
        let d = 0;
        for (let i = 0; i < W * H; i++) d = Math.max(d, Math.abs(r.heatmaps.data[i] - (ref[i] / c) * 255));
        expect(d).toBeLessThanOrEqual(255 * 1e-6);
        expect(r.heatmaps.get(0, ky, kx)).toBe(255);
        // The true bound is 255·max(ref)/ref[kp]. It is 255 only when no reflection reaches the
        // one-hot (at least (ks − 1)/2 from every border): at index 1, reflect-101 folds the tail
        // back and column 0 gets 2·g(1), which exceeds the peak g(0) + g(2) for k ≥ 5.
        const bound = (255 * ref.reduce((a, b) => Math.max(a, b), 0)) / c;
        expect(r.heatmaps.data.every((v) => v <= bound * (1 + 1e-6))).toBe(true);
        const rk = (ks - 1) / 2;
        if (kx >= rk && kx <= W - 1 - rk && ky >= rk && ky <= H - 1 - rk) expect(r.heatmaps.data.every((v) => v <= 255)).toBe(true);
        expect(r.weights.data[0]).toBe(1);
      }),
      { numRuns: 60 },
    );
  });

  it('strict in-bounds weight rule on trunc(kp): x ∈ (−1, 0) lands on column 0, x = −1 or W is dropped', () => {
    expect(megviiHeatmaps([W, H], kps([[[-0.5, 3]]]), vis([[1]]), 5).weights.data[0]).toBe(1);
    for (const [x, y] of [[-1, 3], [W, 3], [3, H], [3, -1.5]]) {
      const r = megviiHeatmaps([W, H], kps([[[x, y]]]), vis([[1]]), 5);
      expect(r.weights.data[0]).toBe(0);
      expect(channel(r.heatmaps, 0).every((v) => v === 0)).toBe(true);
    }
  });

  it('rejects bad input: N ≠ 1 (mmpose asserts), even or non-integer kernels, NaN visible keypoints', () => {
    expect(() => megviiHeatmaps([W, H], kps([[[1, 1]], [[2, 2]]]), vis([[1], [1]]), 5)).toThrow(/N = 1/);
    expect(() => megviiHeatmaps([W, H], kps([[[1, 1]]]), vis([[1]]), 4)).toThrow(/kernelSize/);
    expect(() => megviiHeatmaps([W, H], kps([[[1, 1]]]), vis([[1]]), 2.5)).toThrow(/kernelSize/);
    expect(() => megviiHeatmaps([W, H], kps([[[NaN, 1]]]), vis([[1]]), 5)).toThrow(/keypoints/);
  });
});
