import { describe, expect, it } from 'vitest';
import ndarray from 'ndarray';
import { refineQuarter } from '../../src/decode/index.js';
import { gaussianMaps } from '../helpers/maps.js';

describe('refineQuarter', () => {
  it('moves a quarter pixel towards the higher neighbour on each axis', () => {
    const hm = gaussianMaps(20, 20, [[8.3, 11.7]]);
    const out = refineQuarter(ndarray(Float64Array.from([8, 12]), [1, 1, 2]), hm);
    expect(Array.from(out.data)).toEqual([8.25, 11.75]);
  });

  it('does not move a symmetric peak (sign(0) = 0)', () => {
    const hm = gaussianMaps(20, 20, [[8, 12]]);
    expect(Array.from(refineQuarter(ndarray(Float64Array.from([8, 12]), [1, 1, 2]), hm).data)).toEqual([8, 12]);
  });

  it("mmpose rule: axes independent, x needs 1 < x < W−1 and 0 < y < H; 'hrnet' needs both axes interior", () => {
    const hm = gaussianMaps(10, 10, [[5.3, 0.6]]);
    const kp = ndarray(Float64Array.from([5, 1]), [1, 1, 2]);
    // y = 1: mmpose refines x (0 < 1) but not y (needs 1 < y); hrnet refines neither (needs 1 < py).
    expect(Array.from(refineQuarter(kp, hm).data)).toEqual([5.25, 1]);
    expect(Array.from(refineQuarter(kp, hm, { rule: 'hrnet' }).data)).toEqual([5, 1]);
    const kp2 = ndarray(Float64Array.from([5, 0]), [1, 1, 2]);
    // y = 0: mmpose's `0 < y` excludes row 0 for the x offset too.
    expect(Array.from(refineQuarter(kp2, hm).data)).toEqual([5, 0]);
  });

  it('rejects unknown rules and mismatched shapes', () => {
    const hm = gaussianMaps(10, 10, [[5, 5]]);
    const kp = ndarray(Float64Array.from([5, 5]), [1, 1, 2]);
    expect(() => refineQuarter(kp, hm, { rule: 'x' as never })).toThrow(/rule/);
    expect(() => refineQuarter(ndarray(new Float64Array(4), [1, 2, 2]), hm)).toThrow(RangeError);
  });
});
