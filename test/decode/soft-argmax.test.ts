import { describe, expect, it } from 'vitest';
import ndarray from 'ndarray';
import { softArgmax } from '../../src/decode/index.js';
import { gaussianMaps, nhwcView } from '../helpers/maps.js';

describe('softArgmax', () => {
  it('returns the exact mean for a probability map (normalize: sum)', () => {
    const d = new Float32Array(4 * 5);
    d[1 * 5 + 1] = 0.25;
    d[3 * 5 + 4] = 0.75;
    const r = softArgmax(ndarray(d, [1, 4, 5]), { normalize: 'sum' });
    expect(r.keypoints.data[0]).toBeCloseTo(0.25 * 1 + 0.75 * 4, 12);
    expect(r.keypoints.data[1]).toBeCloseTo(0.25 * 1 + 0.75 * 3, 12);
  });

  it('collapses to the map centre on [0,1] maps with β = 1 and approaches the peak for large β', () => {
    const hm = gaussianMaps(48, 64, [[10, 12]]);
    const flat = softArgmax(hm);
    expect(Math.abs(flat.keypoints.data[0] - 23.5)).toBeLessThan(2);
    const sharp = softArgmax(hm, { beta: 200 });
    expect(Math.abs(sharp.keypoints.data[0] - 10)).toBeLessThan(0.01);
    expect(Math.abs(sharp.keypoints.data[1] - 12)).toBeLessThan(0.01);
    expect(sharp.scores.data[0]).toBeCloseTo(1, 6);
  });

  it('is stable for large logits and applies the Gu et al. debias formula', () => {
    const d = new Float64Array(9).fill(-1e4);
    d[4] = 1e4;
    const r = softArgmax(ndarray(d, [1, 3, 3]), { debias: true });
    expect(Array.from(r.keypoints.data)).toEqual([1, 1]);
    const u = ndarray(new Float64Array(4).fill(0), [1, 2, 2]);
    // C = 4, x_n = 0.25 → C/(C−1)·(x_n − 1/(2C)) = 4/3·(0.25 − 0.125) = 1/6; × W = 1/3.
    expect(softArgmax(u, { debias: true }).keypoints.data[0]).toBeCloseTo(1 / 3, 12);
  });

  it('decodes NHWC through strides like NCHW and rejects bad options', () => {
    const hm = gaussianMaps(12, 9, [
      [3, 4],
      [8, 2],
    ]);
    const b = ndarray(hm.data, [1, 2, 9, 12]);
    expect(Array.from(softArgmax(nhwcView(b), { beta: 5 }).keypoints.data)).toEqual(Array.from(softArgmax(b, { beta: 5 }).keypoints.data));
    expect(() => softArgmax(hm, { beta: 0 })).toThrow(/beta/);
    expect(() => softArgmax(hm, { beta: NaN })).toThrow(RangeError);
    expect(() => softArgmax(hm, { normalize: 'x' as never })).toThrow(/normalize/);
  });
});
