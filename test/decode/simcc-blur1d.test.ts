import { describe, expect, it } from 'vitest';
import ndarray from 'ndarray';
import { gaussianBlur1d } from '../../src/decode/index.js';
import { cvGaussianKernel } from '../../src/core/gaussian-kernel.js';

describe('gaussianBlur1d (gaussian_blur1d)', () => {
  it('an interior impulse becomes the OpenCV kernel rescaled to the original maximum; zero padding at the borders', () => {
    const W = 21;
    const d = new Float32Array(W);
    d[10] = 2;
    const out = gaussianBlur1d(ndarray(d, [1, 1, W]), 9);
    const k = cvGaussianKernel(9);
    for (let j = 0; j < 9; j++) expect(out.data[6 + j]).toBeCloseTo((2 * k[j]) / k[4], 6);
    expect(out.data[0]).toBe(0);
    expect(Math.max(...out.data)).toBeCloseTo(2, 6);
  });

  it('kernels wider than the row are fine; an all-zero row becomes NaN (0/0, as the reference); input untouched', () => {
    const d = Float32Array.from([0, 0, 0, 0, 1, 3, 2, 0]);
    const a = ndarray(d, [1, 2, 4]);
    const out = gaussianBlur1d(a, 47);
    expect(Array.from(out.data.slice(0, 4)).every(Number.isNaN)).toBe(true);
    expect(Math.max(...out.data.slice(4))).toBeCloseTo(3, 5);
    expect(Array.from(d)).toEqual([0, 0, 0, 0, 1, 3, 2, 0]);
  });

  it('rejects bad input with typed errors naming the argument', () => {
    const a = ndarray(new Float32Array(8), [2, 4]);
    expect(() => gaussianBlur1d(a, 3)).toThrow(/^simcc must have rank 3/);
    const b = ndarray(new Float32Array(8), [1, 2, 4]);
    expect(() => gaussianBlur1d(b, 4)).toThrow(/^kernelSize must be odd/);
    expect(() => gaussianBlur1d(b, 0)).toThrow(RangeError);
    expect(() => gaussianBlur1d(b, 2.5)).toThrow(TypeError);
    expect(() => gaussianBlur1d(ndarray(Float32Array.from([1, NaN, 0, 0]), [1, 1, 4]), 3)).toThrow(/^simcc must not contain NaN/);
  });
});
