import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { udpCombinedTargets } from '../../src/encode/index.js';
import { snapshot } from '../helpers/maps.js';
import { kps, vis, channel, stridedCopy } from './fixtures.js';

const W = 24;
const H = 32;
const R = 0.0546875 * 32;
const coord = (lo: number, hi: number) => fc.integer({ min: lo * 64, max: hi * 64 }).map((i) => i / 64);

describe('udpCombinedTargets', () => {
  it('offsets encode μ everywhere: i + R·offX = μx, j + R·offY = μy; cls = 1 iff within R of μ', () => {
    fc.assert(
      fc.property(coord(-10, 33), coord(-10, 41), fc.constantFrom(0.0546875, 0.1), (x, y, f) => {
        const Rf = f * Math.max(W, H);
        const { heatmaps, weights } = udpCombinedTargets([W, H], kps([[[x, y]]]), vis([[1]]), f);
        expect(heatmaps.shape).toEqual([3, H, W]);
        expect(weights.data[0]).toBe(1); // no bounds rule
        let bad = 0;
        for (let j = 0; j < H; j++)
          for (let i = 0; i < W; i++) {
            const ox = heatmaps.get(1, j, i);
            const oy = heatmaps.get(2, j, i);
            if (Math.abs(i + Rf * ox - x) > 1e-5 || Math.abs(j + Rf * oy - y) > 1e-5) bad++;
            const d2 = ((x - i) / Rf) ** 2 + ((y - j) / Rf) ** 2;
            if (Math.abs(d2 - 1) > 1e-9 && heatmaps.get(0, j, i) !== (d2 <= 1 ? 1 : 0)) bad++;
          }
        expect(bad).toBe(0);
      }),
      { numRuns: 60 },
    );
  });

  it('the last visible instance wins each channel (assignment, not max)', () => {
    const both = udpCombinedTargets([W, H], kps([[[5, 5], [3, 3]], [[15, 20], [NaN, NaN]]]), vis([[1, 1], [1, 0]]));
    const last = udpCombinedTargets([W, H], kps([[[15, 20], [3, 3]]]), vis([[1, 1]]));
    expect(Array.from(both.heatmaps.data)).toEqual(Array.from(last.heatmaps.data));
    expect(Array.from(both.weights.data)).toEqual([1, 1, 1, 0]);
  });

  it('invisible keypoints leave their three channels zero; weights copy visible even far off the map', () => {
    const r = udpCombinedTargets([W, H], kps([[[500, -500], [NaN, 2]]]), vis([[1, 0]]));
    expect(channel(r.heatmaps, 0).every((v) => v === 0)).toBe(true);
    expect(channel(r.heatmaps, 1).some((v) => v !== 0)).toBe(true);
    for (const c of [3, 4, 5]) expect(channel(r.heatmaps, c).every((v) => v === 0)).toBe(true);
    expect(Array.from(r.weights.data)).toEqual([1, 0]);
  });

  it('horizontal flip: cls mirrors, offX mirrors with its sign flipped', () => {
    fc.assert(
      fc.property(coord(0, 23), coord(0, 31), (x, y) => {
        const a = udpCombinedTargets([W, H], kps([[[x, y]]]), vis([[1]])).heatmaps;
        const b = udpCombinedTargets([W, H], kps([[[W - 1 - x, y]]]), vis([[1]])).heatmaps;
        let bad = 0;
        for (let j = 0; j < H; j++)
          for (let i = 0; i < W; i++) {
            if (b.get(0, j, i) !== a.get(0, j, W - 1 - i)) bad++;
            if (Math.abs(b.get(1, j, i) + a.get(1, j, W - 1 - i)) > 1e-6) bad++;
            if (b.get(2, j, i) !== a.get(2, j, W - 1 - i)) bad++;
          }
        expect(bad).toBe(0);
      }),
      { numRuns: 40 },
    );
  });

  it('strided keypoints give the same targets; inputs are not mutated', () => {
    const k = kps([[[3.5, 4.25], [20, 30]]]);
    const v = vis([[1, 1]]);
    const before = [snapshot(k), snapshot(v)];
    const a = udpCombinedTargets([W, H], k, v);
    expect(Array.from(udpCombinedTargets([W, H], stridedCopy(k), v).heatmaps.data)).toEqual(Array.from(a.heatmaps.data));
    expect([snapshot(k), snapshot(v)]).toEqual(before);
    expect(R).toBeCloseTo(1.75, 12);
  });

  it('rejects bad input', () => {
    const k = kps([[[5, 5]]]);
    expect(() => udpCombinedTargets([W, H], k, vis([[1]]), 0)).toThrow(/radiusFactor/);
    expect(() => udpCombinedTargets([W, H], k, vis([[1]]), NaN)).toThrow(RangeError);
    expect(() => udpCombinedTargets([W, H], k, vis([[1]]), '1' as never)).toThrow(TypeError);
    expect(() => udpCombinedTargets([W, H], kps([[[Infinity, 5]]]), vis([[1]]))).toThrow(/keypoints/);
    expect(() => udpCombinedTargets([20000, 20000], k, vis([[1]]))).toThrow(/GiB|allocation/);
  });
});
