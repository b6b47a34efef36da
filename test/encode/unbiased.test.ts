import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import ndarray from 'ndarray';
import { unbiasedHeatmaps } from '../../src/encode/index.js';
import { snapshot } from '../helpers/maps.js';
import { kps, vis, argmax2d, stridedCopy } from './fixtures.js';

const W = 24;
const H = 32;
/** Dyadic coordinates (multiples of 1/64): x and W−1−x are exact in float32. */
const coord = (lo: number, hi: number) => fc.integer({ min: lo * 64, max: hi * 64 }).map((i) => i / 64);

describe('unbiasedHeatmaps', () => {
  it('evaluates exp(−|p − μ|²/2σ²) at the exact μ on the full grid', () => {
    const { heatmaps } = unbiasedHeatmaps([W, H], kps([[[7.25, 9.5]]]), vis([[1]]), 2);
    for (const [x, y] of [[7, 9], [0, 0], [23, 31], [10, 12]]) {
      expect(heatmaps.get(0, y, x)).toBeCloseTo(Math.exp(-((x - 7.25) ** 2 + (y - 9.5) ** 2) / 8), 7);
    }
  });

  it('argmax at round(μ) for sub-pixel keypoints in the interior; values in [0, 1]', () => {
    fc.assert(
      fc.property(coord(3, 20), coord(3, 28), fc.constantFrom(1, 2, 3, 2.5), (x, y, s) => {
        fc.pre(Math.abs((x % 1) - 0.5) > 1e-9 && Math.abs((y % 1) - 0.5) > 1e-9);
        const { heatmaps } = unbiasedHeatmaps([W, H], kps([[[x, y]]]), vis([[1]]), s);
        expect(argmax2d(heatmaps)).toEqual([Math.round(x), Math.round(y)]);
        expect(heatmaps.data.every((v) => v >= 0 && v <= 1)).toBe(true);
      }),
      { numRuns: 80 },
    );
  });

  it('horizontal flip: the map of x′ = W − 1 − x is the mirrored map', () => {
    fc.assert(
      fc.property(coord(-4, 27), coord(-4, 35), fc.constantFrom(1, 2, 3, 2.5), (x, y, s) => {
        // mmpose's weight rule (x − 3σ ≥ W or x + 3σ + 1 < 0 → skipped) is asymmetric exactly at its two
        // equality cases; away from them a keypoint and its mirror are both drawn or both skipped.
        fc.pre(x + 3 * s + 1 !== 0 && x - 3 * s !== W);
        const a = unbiasedHeatmaps([W, H], kps([[[x, y]]]), vis([[1]]), s);
        const b = unbiasedHeatmaps([W, H], kps([[[W - 1 - x, y]]]), vis([[1]]), s);
        let d = 0;
        for (let j = 0; j < H; j++) for (let i = 0; i < W; i++) d = Math.max(d, Math.abs(b.heatmaps.get(0, j, i) - a.heatmaps.get(0, j, W - 1 - i)));
        expect(d).toBeLessThanOrEqual(1e-7);
        expect(b.weights.data[0]).toBe(a.weights.data[0]);
      }),
      { numRuns: 60 },
    );
  });

  it('translation equivariance: shifting μ by integers shifts the map on the overlap', () => {
    fc.assert(
      fc.property(coord(0, 20), coord(0, 28), fc.integer({ min: -3, max: 3 }), fc.integer({ min: -3, max: 3 }), (x, y, dx, dy) => {
        const a = unbiasedHeatmaps([W, H], kps([[[x, y]]]), vis([[1]]), 2).heatmaps;
        const b = unbiasedHeatmaps([W, H], kps([[[x + dx, y + dy]]]), vis([[1]]), 2).heatmaps;
        let bad = 0;
        for (let j = Math.max(0, -dy); j < Math.min(H, H - dy); j++)
          for (let i = Math.max(0, -dx); i < Math.min(W, W - dx); i++) if (b.get(0, j + dy, i + dx) !== a.get(0, j, i)) bad++;
        expect(bad).toBe(0);
      }),
      { numRuns: 50 },
    );
  });

  it('weight 0 iff the 3σ window around the float μ is off the map (μ − r ≥ W or μ + r + 1 < 0, per axis)', () => {
    fc.assert(
      fc.property(coord(-20, 45), coord(-20, 53), fc.constantFrom(1, 2, 2.5), (x, y, s) => {
        const r = 3 * s;
        const off = x - r >= W || y - r >= H || x + r + 1 < 0 || y + r + 1 < 0;
        const { heatmaps, weights } = unbiasedHeatmaps([W, H], kps([[[x, y]]]), vis([[1]]), s);
        expect(weights.data[0]).toBe(off ? 0 : 1);
        if (off) expect(heatmaps.data.every((v) => v === 0)).toBe(true);
      }),
      { numRuns: 150 },
    );
  });

  it('accepts one σ per instance (max-combined), strided keypoints and float64 data; never mutates inputs', () => {
    const k = kps([[[5.3, 6.1]], [[15.7, 20.2]]]);
    const v = vis([[1], [1]]);
    const before = [snapshot(k), snapshot(v)];
    const both = unbiasedHeatmaps([W, H], k, v, [1.5, 3]);
    const a = unbiasedHeatmaps([W, H], kps([[[5.3, 6.1]]]), vis([[1]]), 1.5);
    const b = unbiasedHeatmaps([W, H], kps([[[15.7, 20.2]]]), vis([[1]]), 3);
    expect(Array.from(both.heatmaps.data)).toEqual(Array.from(a.heatmaps.data).map((x, i) => Math.max(x, b.heatmaps.data[i])));
    expect(Array.from(unbiasedHeatmaps([W, H], stridedCopy(k), v, [1.5, 3]).heatmaps.data)).toEqual(Array.from(both.heatmaps.data));
    const k64 = ndarray(Float64Array.from(k.data as Float32Array), k.shape);
    expect(Array.from(unbiasedHeatmaps([W, H], k64, v, [1.5, 3]).heatmaps.data)).toEqual(Array.from(both.heatmaps.data));
    expect([snapshot(k), snapshot(v)]).toEqual(before);
  });

  it('rejects bad input; invisible NaN keypoints are allowed', () => {
    const k = kps([[[5, 5]]]);
    expect(() => unbiasedHeatmaps([W, H], k, vis([[1]]), 0)).toThrow(/sigma/);
    expect(() => unbiasedHeatmaps([W, H], k, vis([[1]]), [1, 2])).toThrow(RangeError);
    expect(() => unbiasedHeatmaps([W, H], kps([[[NaN, 1]]]), vis([[1]]), 2)).toThrow(/keypoints/);
    expect(() => unbiasedHeatmaps([W, -1], k, vis([[1]]), 2)).toThrow(/heatmapSize/);
    expect(() => unbiasedHeatmaps([W, H], ndarray(new Float32Array(4), [2, 2]), vis([[1]]), 2)).toThrow(TypeError);
    const ok = unbiasedHeatmaps([W, H], kps([[[NaN, NaN]]]), vis([[0]]), 2);
    expect(ok.heatmaps.data.every((x) => x === 0)).toBe(true);
  });
});
