import { describe, expect, it } from 'vitest';
import ndarray from 'ndarray';
import { normalizeImage } from '../../src/crop/index.js';
import { expectBadInputs, testImage } from './fixtures.js';

const f = Math.fround;

describe('normalizeImage', () => {
  it('is f32(f32(x − mean32) / std32) per channel, CHW, with the BGR → RGB flip (mmpose PoseDataPreprocessor, W16)', () => {
    const img = ndarray(Uint8Array.from([10, 20, 30, 40, 50, 60]), [1, 2, 3]); // two BGR pixels
    const r = normalizeImage(img, { mean: [1, 2, 3], std: [0.1, 0.2, 0.3], bgrToRgb: true });
    expect(r.shape).toEqual([3, 1, 2]);
    expect(r.get(0, 0, 0)).toBe(f(f(30 - 1) / f(0.1))); // output R = input channel 2
    expect(r.get(2, 0, 1)).toBe(f(f(40 - 3) / f(0.3)));
    const hwc = normalizeImage(img, { mean: [1, 2, 3], std: [0.1, 0.2, 0.3], layout: 'HWC' });
    expect(hwc.shape).toEqual([1, 2, 3]);
    expect(hwc.get(0, 1, 1)).toBe(f(f(50 - 2) / f(0.2)));
  });

  it('broadcasts a single mean/std over all channels, reads float images and any strides, never mutates the input', () => {
    const img = testImage(5, 6, 3, 'f32');
    const copy = Float32Array.from(img.data as Float32Array);
    const r = normalizeImage(img.transpose(1, 0, 2), { mean: [0.5], std: [2] });
    expect(r.shape).toEqual([3, 6, 5]);
    expect(r.get(1, 4, 2)).toBe(f(f(img.get(2, 4, 1) - 0.5) / 2));
    expect(Array.from(img.data)).toEqual(Array.from(copy));
  });

  it('ignores bgrToRgb without 3 output channels, as mmengine does', () => {
    const img = testImage(2, 2, 1);
    expect(Array.from(normalizeImage(img, { mean: [0], std: [1], bgrToRgb: true }).data)).toEqual(Array.from(img.data));
  });

  it('rejects bad input, naming the argument', () => {
    const img = testImage(3, 3, 3);
    expectBadInputs([
      ['image Int32Array', () => normalizeImage(ndarray(new Int32Array(27), [3, 3, 3]) as never, { mean: [0], std: [1] }), TypeError, /image/],
      ['image 5 channels', () => normalizeImage(ndarray(new Uint8Array(45), [3, 3, 5]), { mean: [0], std: [1] }), RangeError, /image/],
      ['std negative', () => normalizeImage(img, { mean: [0], std: [-1] }), RangeError, /std/],
      ['std NaN', () => normalizeImage(img, { mean: [0], std: [NaN] }), RangeError, /std/],
      ['mean a number', () => normalizeImage(img, { mean: 0 as never, std: [1] }), TypeError, /mean/],
      ['mean empty', () => normalizeImage(img, { mean: [], std: [1] }), RangeError, /mean/],
      ['out wrong shape', () => normalizeImage(img, { mean: [0], std: [1], out: ndarray(new Float32Array(9), [1, 3, 3]) }), RangeError, /out/],
    ]);
  });
});
