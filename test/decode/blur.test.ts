import { describe, expect, it } from 'vitest';
import ndarray from 'ndarray';
import { gaussianBlur } from '../../src/decode/index.js';
import { cvGaussianKernel } from '../../src/core/gaussian-kernel.js';
import { snapshot } from '../helpers/maps.js';

describe('gaussianBlur', () => {
  it('blurs a delta into the outer product of the OpenCV kernel, rescaled to the original max', () => {
    for (const k of [3, 5, 7, 11]) {
      const d = new Float32Array(15 * 15);
      d[7 * 15 + 7] = 2;
      const out = gaussianBlur(ndarray(d, [1, 15, 15]), k);
      const g = cvGaussianKernel(k);
      const r = (k - 1) / 2;
      const peak = g[r] * g[r];
      for (let j = 0; j < k; j++) for (let i = 0; i < k; i++) expect(out.get(0, 7 + j - r, 7 + i - r)).toBeCloseTo((2 * g[j] * g[i]) / peak, 5);
      expect(out.get(0, 7, 7)).toBeCloseTo(2, 6);
    }
  });

  it('uses zero padding: a constant map darkens towards the border', () => {
    const out = gaussianBlur(ndarray(new Float32Array(100).fill(1), [1, 10, 10]), 5);
    expect(out.get(0, 5, 5)).toBeCloseTo(1, 6);
    expect(out.get(0, 0, 0)).toBeLessThan(out.get(0, 5, 5));
  });

  it('returns NaN for an all-zero map, as mmpose (0/0 in the rescale, codec-hard/FORMAT.md), and never mutates its input', () => {
    const z = ndarray(new Float32Array(16), [1, 4, 4]);
    const before = snapshot(z);
    expect(Array.from(gaussianBlur(z, 3).data).every((v) => Number.isNaN(v))).toBe(true);
    expect(snapshot(z)).toEqual(before);
  });

  it('rejects even, zero and non-integer kernel sizes', () => {
    const z = ndarray(new Float32Array(16), [1, 4, 4]);
    expect(() => gaussianBlur(z, 4)).toThrow(/kernelSize must be odd/);
    expect(() => gaussianBlur(z, 0)).toThrow(RangeError);
    expect(() => gaussianBlur(z, 1.5)).toThrow(TypeError);
    expect(() => gaussianBlur(z, 'x' as never)).toThrow(TypeError);
  });
});
