import { describe, expect, it } from 'vitest';
import ndarray from 'ndarray';
import { getWarpMatrix, normalizeImage, warpAffine, warpAffineToTensor } from '../../src/crop/index.js';
import { expectBadInputs, testImage, values } from './fixtures.js';

const MEAN = [123.675, 116.28, 103.53];
const STD = [58.395, 57.12, 57.375];

describe('warpAffineToTensor', () => {
  it('equals normalizeImage(warpAffine(...)) bit for bit: uint8 and float32, 1/3/4 channels, both layouts, with and without the channel flip', () => {
    const m = getWarpMatrix([30, 22], [40, 50], 25, [24, 32]);
    for (const kind of ['u8', 'f32'] as const)
      for (const C of [1, 3, 4])
        for (const layout of ['CHW', 'HWC'] as const)
          for (const bgrToRgb of [false, true]) {
            const img = testImage(45, 60, C, kind, C + 11);
            const norm = C === 1 ? { mean: [100], std: [50] } : { mean: MEAN, std: STD };
            const fused = warpAffineToTensor(img, m, [24, 32], { ...norm, bgrToRgb, layout });
            const twoStep = normalizeImage(warpAffine(img, m, [24, 32]), { ...norm, bgrToRgb, layout });
            expect(fused.shape).toEqual(twoStep.shape);
            expect(values(fused)).toEqual(values(twoStep));
          }
  });

  it('writes into a batch slot through out (allocation-free), NCHW', () => {
    const img = testImage(40, 50, 3, 'u8', 2);
    const batch = ndarray(new Float32Array(2 * 3 * 16 * 12), [2, 3, 16, 12]);
    const m = getWarpMatrix([25, 20], [30, 40], 0, [12, 16]);
    const slot = batch.pick(1, null, null, null);
    const r = warpAffineToTensor(img, m, [12, 16], { mean: MEAN, std: STD, out: slot });
    expect(r).toBe(slot);
    expect(values(batch.pick(1, null, null, null))).toEqual(values(warpAffineToTensor(img, m, [12, 16], { mean: MEAN, std: STD })));
    expect(values(batch.pick(0, null, null, null)).every((v) => v === 0)).toBe(true);
  });

  it('reads a canvas ImageData (RGBA Uint8ClampedArray) without a copy: 3 means drop alpha', () => {
    const rgba = ndarray(new Uint8ClampedArray(testImage(10, 10, 4).data), [10, 10, 4]);
    const r = warpAffineToTensor(rgba, [1, 0, 0, 0, 1, 0], [10, 10], { mean: [0, 0, 0], std: [1, 1, 1] });
    expect(r.shape).toEqual([3, 10, 10]);
    expect(r.get(2, 3, 4)).toBe(rgba.get(3, 4, 2));
  });

  it('rejects bad input, naming the argument', () => {
    const img = testImage(4, 4, 3);
    const id = [1, 0, 0, 0, 1, 0];
    const n = { mean: MEAN, std: STD };
    expectBadInputs([
      ['no options', () => warpAffineToTensor(img, id, [4, 4], undefined as never), TypeError, /mean/],
      ['mean missing', () => warpAffineToTensor(img, id, [4, 4], { std: STD } as never), TypeError, /mean/],
      ['std 0', () => warpAffineToTensor(img, id, [4, 4], { mean: MEAN, std: [1, 0, 1] }), RangeError, /std/],
      ['mean 2 values', () => warpAffineToTensor(img, id, [4, 4], { mean: [1, 2], std: STD }), RangeError, /mean/],
      ['more channels than the image', () => warpAffineToTensor(testImage(4, 4, 1), id, [4, 4], n), RangeError, /mean/],
      ['layout', () => warpAffineToTensor(img, id, [4, 4], { ...n, layout: 'NCHW' as never }), RangeError, /layout/],
      ['bgrToRgb not boolean', () => warpAffineToTensor(img, id, [4, 4], { ...n, bgrToRgb: 1 as never }), TypeError, /bgrToRgb/],
      ['singular', () => warpAffineToTensor(img, [0, 0, 0, 0, 0, 0], [4, 4], n), RangeError, /matrix/],
      ['outputSize over the cap', () => warpAffineToTensor(img, id, [60000, 60000], n), RangeError, /outputSize/],
      ['out wrong layout', () => warpAffineToTensor(img, id, [4, 4], { ...n, out: ndarray(new Float32Array(48), [4, 4, 3]) }), RangeError, /out/],
      ['out not float32', () => warpAffineToTensor(img, id, [4, 4], { ...n, out: ndarray(new Float64Array(48), [3, 4, 4]) as never }), TypeError, /out/],
    ]);
  });
});
