import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import ndarray from 'ndarray';
import { udpHeatmaps, msraHeatmaps } from '../../src/encode/index.js';
import { snapshot } from '../helpers/maps.js';
import { kps, vis, argmax2d, stridedCopy } from './fixtures.js';

const W = 24;
const H = 32;
const coord = (lo: number, hi: number) => fc.integer({ min: lo * 64, max: hi * 64 }).map((i) => i / 64);
const notHalf = (v: number) => Math.abs(Math.abs(v % 1) - 0.5) > 1e-9;

describe('udpHeatmaps', () => {
  it('is a Gaussian at the exact μ inside the window around round(μ), 0 outside', () => {
    const { heatmaps } = udpHeatmaps([W, H], kps([[[10.25, 12.75]]]), vis([[1]]), 1);
    // m = (10, 13); window columns 7..13, rows 10..16
    expect(heatmaps.get(0, 13, 10)).toBeCloseTo(Math.exp(-(0.25 ** 2 + 0.25 ** 2) / 2), 7);
    expect(heatmaps.get(0, 10, 13)).toBeCloseTo(Math.exp(-(2.75 ** 2 + 2.75 ** 2) / 2), 7);
    expect(heatmaps.get(0, 13, 14)).toBe(0);
    expect(heatmaps.get(0, 9, 10)).toBe(0);
  });

  it('equals the MSRA map for non-negative integer keypoints (μ = trunc(μ + 0.5))', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 28 }), fc.integer({ min: 0, max: 36 }), fc.constantFrom(1, 2, 2.5, 3), (x, y, s) => {
        const k = kps([[[x, y]]]);
        expect(Array.from(udpHeatmaps([W, H], k, vis([[1]]), s).heatmaps.data)).toEqual(Array.from(msraHeatmaps([W, H], k, vis([[1]]), s).heatmaps.data));
      }),
      { numRuns: 60 },
    );
  });

  it('argmax at round(μ) for sub-pixel keypoints in the interior; values in [0, 1]', () => {
    fc.assert(
      fc.property(coord(10, 13), coord(10, 21), fc.constantFrom(1, 2, 3, 2.5), (x, y, s) => {
        fc.pre(notHalf(x) && notHalf(y));
        const { heatmaps } = udpHeatmaps([W, H], kps([[[x, y]]]), vis([[1]]), s);
        expect(argmax2d(heatmaps)).toEqual([Math.round(x), Math.round(y)]);
        expect(heatmaps.data.every((v) => v >= 0 && v <= 1)).toBe(true);
      }),
      { numRuns: 80 },
    );
  });

  it('horizontal flip (integer 3σ): the map of x′ = W − 1 − x is the mirrored map', () => {
    fc.assert(
      fc.property(coord(-4, 27), coord(-4, 35), fc.constantFrom(1, 2, 3, 4 / 3), (x, y, s) => {
        fc.pre(notHalf(x));
        const a = udpHeatmaps([W, H], kps([[[x, y]]]), vis([[1]]), s, { placement: 'floor' });
        const b = udpHeatmaps([W, H], kps([[[W - 1 - x, y]]]), vis([[1]]), s, { placement: 'floor' });
        let d = 0;
        for (let j = 0; j < H; j++) for (let i = 0; i < W; i++) d = Math.max(d, Math.abs(b.heatmaps.get(0, j, i) - a.heatmaps.get(0, j, W - 1 - i)));
        expect(d).toBeLessThanOrEqual(1e-7);
        expect(b.weights.data[0]).toBe(a.weights.data[0]);
      }),
      { numRuns: 60 },
    );
  });

  it('translation equivariance: an integer shift of μ shifts the map (window inside the map)', () => {
    fc.assert(
      fc.property(coord(10, 13), coord(10, 21), fc.integer({ min: -1, max: 1 }), fc.integer({ min: -1, max: 1 }), fc.constantFrom(1, 2, 3), (x, y, dx, dy, s) => {
        const a = udpHeatmaps([W, H], kps([[[x, y]]]), vis([[1]]), s).heatmaps;
        const b = udpHeatmaps([W, H], kps([[[x + dx, y + dy]]]), vis([[1]]), s).heatmaps;
        let bad = 0;
        for (let j = 1; j < H - 1; j++) for (let i = 1; i < W - 1; i++) if (b.get(0, j + dy, i + dx) !== a.get(0, j, i)) bad++;
        expect(bad).toBe(0);
      }),
      { numRuns: 50 },
    );
  });

  it("fractional 3σ: 'mmpose' shifts the window near the border, 'floor' keeps the peak at round(μ)", () => {
    const k = kps([[[3.2, 20]]]);
    expect(argmax2d(udpHeatmaps([W, H], k, vis([[1]]), 2.5).heatmaps)).toEqual([4, 20]);
    expect(argmax2d(udpHeatmaps([W, H], k, vis([[1]]), 2.5, { placement: 'floor' }).heatmaps)).toEqual([3, 20]);
  });

  it('weight 0 ⇒ nothing drawn; something drawn ⇒ weight kept; strided / float64 input same maps; no mutation', () => {
    fc.assert(
      fc.property(coord(-30, 54), coord(-30, 62), fc.constantFrom(1, 2, 2.5), (x, y, s) => {
        const k = kps([[[x, y]]]);
        const v = vis([[1]]);
        const before = [snapshot(k), snapshot(v)];
        const r = udpHeatmaps([W, H], k, v, s);
        const drawn = r.heatmaps.data.some((q) => q > 0);
        if (r.weights.data[0] === 0) expect(drawn).toBe(false);
        if (drawn) expect(r.weights.data[0]).toBe(1);
        expect(Array.from(udpHeatmaps([W, H], stridedCopy(k), v, s).heatmaps.data)).toEqual(Array.from(r.heatmaps.data));
        expect(Array.from(udpHeatmaps([W, H], ndarray(Float64Array.from([x, y]), [1, 1, 2]), v, s).heatmaps.data)).toEqual(Array.from(r.heatmaps.data));
        expect([snapshot(k), snapshot(v)]).toEqual(before);
      }),
      { numRuns: 80 },
    );
  });

  it('rejects bad input', () => {
    const k = kps([[[5, 5]]]);
    expect(() => udpHeatmaps([W, H], k, vis([[1]]), Infinity)).toThrow(/sigma/);
    expect(() => udpHeatmaps([W, H], kps([[[5, NaN]]]), vis([[1]]), 2)).toThrow(/keypoints\[0\]\[0\]/);
    expect(() => udpHeatmaps([W, H], k, vis([[1]]), 2, { placement: 'trunc' as never })).toThrow(RangeError);
    expect(() => udpHeatmaps(null as never, k, vis([[1]]), 2)).toThrow(TypeError);
  });
});
