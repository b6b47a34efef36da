import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import ndarray from 'ndarray';
import { msraHeatmaps } from '../../src/encode/index.js';
import { snapshot } from '../helpers/maps.js';
import { kps, vis, argmax2d, stridedCopy, channel } from './fixtures.js';

const W = 24;
const H = 32;
const sigmaArb = fc.constantFrom(1, 2, 3, 2.5, 1.5);
/** Keypoints whose whole 3σ window (σ ≤ 3) lies inside the 24×32 map. */
const interior = fc.record({ x: fc.double({ min: 10, max: 13.4, noNaN: true }), y: fc.double({ min: 10, max: 21.4, noNaN: true }) });

describe('msraHeatmaps', () => {
  it('draws exp(−d²/2σ²) around the rounded centre inside the 3σ window, 0 outside (σ = 1 by hand)', () => {
    const { heatmaps, weights } = msraHeatmaps([8, 8], kps([[[3.4, 4.6]]]), vis([[1]]), 1);
    // centre (3, 5); window columns 0..6, rows 2..8 (clipped to 7)
    expect(heatmaps.get(0, 5, 3)).toBe(1);
    expect(heatmaps.get(0, 5, 4)).toBeCloseTo(Math.exp(-0.5), 7);
    expect(heatmaps.get(0, 4, 4)).toBeCloseTo(Math.exp(-1), 7);
    expect(heatmaps.get(0, 5, 6)).toBeCloseTo(Math.exp(-4.5), 7);
    expect(heatmaps.get(0, 5, 7)).toBe(0); // column 7 = m + 4 is outside the window
    expect(heatmaps.get(0, 1, 3)).toBe(0); // row 1 = m − 4
    expect(Array.from(weights.data)).toEqual([1]);
  });

  it("reproduces mmpose's fractional-3σ quirk: σ = 2.5, μ = 3 puts the peak at column 4 ('mmpose'), column 3 with 'floor'", () => {
    const k = kps([[[3, 20]]]);
    const v = vis([[1]]);
    expect(argmax2d(msraHeatmaps([W, H], k, v, 2.5).heatmaps)).toEqual([4, 20]);
    expect(argmax2d(msraHeatmaps([W, H], k, v, 2.5, { placement: 'floor' }).heatmaps)).toEqual([3, 20]);
    expect(argmax2d(msraHeatmaps([W, H], kps([[[20, 3]]]), v, 2.5).heatmaps)).toEqual([20, 4]);
  });

  it("mmpose's second quirk: frac(3σ) ∈ (0, ½) puts the interior peak one pixel left/up (σ = 1.4, μ = (10, 12) → (9, 11), checked against a literal numpy port)", () => {
    const k = kps([[[10, 12]]]);
    const a = msraHeatmaps([W, H], k, vis([[1]]), 1.4).heatmaps;
    expect(argmax2d(a)).toEqual([9, 11]);
    expect(a.get(0, 12, 9)).toBeCloseTo(0.77483743, 6); // numpy: h[0, 12].max()
    const b = msraHeatmaps([W, H], k, vis([[1]]), 1.4, { placement: 'floor' }).heatmaps;
    expect(argmax2d(b)).toEqual([10, 12]);
    expect(b.get(0, 12, 10)).toBe(1);
  });

  it("'floor' puts the peak 1 at floor(μ + 0.5) for any σ, near borders included", () => {
    fc.assert(
      fc.property(fc.double({ min: 0, max: W - 1, noNaN: true }), fc.double({ min: 0, max: H - 1, noNaN: true }), fc.double({ min: 0.3, max: 4, noNaN: true }), (x, y, s) => {
        const { heatmaps } = msraHeatmaps([W, H], kps([[[x, y]]]), vis([[1]]), s, { placement: 'floor' });
        const cx = Math.floor(Math.fround(x) + 0.5);
        const cy = Math.floor(Math.fround(y) + 0.5);
        fc.pre(cx < W && cy < H);
        expect(heatmaps.get(0, cy, cx)).toBe(1);
      }),
      { numRuns: 100 },
    );
  });

  it("placement 'mmpose' and 'floor' agree for integer 3σ and on-map keypoints", () => {
    fc.assert(
      fc.property(fc.constantFrom(1, 2, 3), fc.double({ min: 0, max: W - 1, noNaN: true }), fc.double({ min: 0, max: H - 1, noNaN: true }), (s, x, y) => {
        const k = kps([[[x, y]]]);
        const a = msraHeatmaps([W, H], k, vis([[1]]), s);
        const b = msraHeatmaps([W, H], k, vis([[1]]), s, { placement: 'floor' });
        expect(Array.from(a.heatmaps.data)).toEqual(Array.from(b.heatmaps.data));
      }),
      { numRuns: 60 },
    );
  });

  it('peak = 1 exactly at the rounded centre floor(μ + 0.5) in the interior', () => {
    fc.assert(
      fc.property(interior, sigmaArb, ({ x, y }, s) => {
        const { heatmaps } = msraHeatmaps([W, H], kps([[[x, y]]]), vis([[1]]), s);
        const cx = Math.floor(Math.fround(x) + 0.5);
        const cy = Math.floor(Math.fround(y) + 0.5);
        expect(heatmaps.get(0, cy, cx)).toBe(1);
        expect(argmax2d(heatmaps)).toEqual([cx, cy]);
      }),
      { numRuns: 100 },
    );
  });

  it('translation equivariance: shifting the keypoint by integers shifts the map (window inside the map)', () => {
    fc.assert(
      fc.property(interior, sigmaArb, fc.integer({ min: -1, max: 1 }), fc.integer({ min: -1, max: 1 }), ({ x, y }, s, dx, dy) => {
        const a = msraHeatmaps([W, H], kps([[[x, y]]]), vis([[1]]), s).heatmaps;
        const b = msraHeatmaps([W, H], kps([[[Math.fround(x) + dx, Math.fround(y) + dy]]], Float64Array), vis([[1]]), s).heatmaps;
        let bad = 0;
        for (let j = 1; j < H - 1; j++) for (let i = 1; i < W - 1; i++) if (b.get(0, j + dy, i + dx) !== a.get(0, j, i)) bad++;
        expect(bad).toBe(0);
      }),
      { numRuns: 60 },
    );
  });

  it('values lie in [0, 1] and several instances max-combine: encode([a, b], [σa, σb]) = max(encode(a, σa), encode(b, σb))', () => {
    const pt = fc.tuple(fc.double({ min: -10, max: 34, noNaN: true }), fc.double({ min: -10, max: 42, noNaN: true }));
    fc.assert(
      fc.property(pt, pt, sigmaArb, sigmaArb, ([ax, ay], [bx, by], sa, sb) => {
        const both = msraHeatmaps([W, H], kps([[[ax, ay]], [[bx, by]]]), vis([[1], [1]]), [sa, sb]);
        const a = msraHeatmaps([W, H], kps([[[ax, ay]]]), vis([[1]]), sa);
        const b = msraHeatmaps([W, H], kps([[[bx, by]]]), vis([[1]]), sb);
        let bad = 0;
        for (let i = 0; i < W * H; i++) {
          const v = both.heatmaps.data[i];
          if (!(v >= 0 && v <= 1) || v !== Math.max(a.heatmaps.data[i], b.heatmaps.data[i])) bad++;
        }
        expect(bad).toBe(0);
        expect(Array.from(both.weights.data)).toEqual([a.weights.data[0], b.weights.data[0]]);
      }),
      { numRuns: 60 },
    );
  });

  it("weight 0 ⇒ nothing drawn, something drawn ⇒ weight kept, far off-map ⇒ weight 0 ('mmpose')", () => {
    fc.assert(
      fc.property(fc.double({ min: -40, max: 64, noNaN: true }), fc.double({ min: -40, max: 72, noNaN: true }), sigmaArb, (x, y, s) => {
        const { heatmaps, weights } = msraHeatmaps([W, H], kps([[[x, y]]]), vis([[1]]), s);
        const drawn = heatmaps.data.some((v) => v > 0);
        if (weights.data[0] === 0) expect(drawn).toBe(false);
        if (drawn) expect(weights.data[0]).toBe(1);
        const r = 3 * s;
        if (x < -r - 2 || y < -r - 2 || x > W + r || y > H + r) expect(weights.data[0]).toBe(0);
      }),
      { numRuns: 200 },
    );
  });

  it("'floor': weight 0 iff no window pixel lands on the map (iff the channel is empty)", () => {
    fc.assert(
      fc.property(fc.double({ min: -40, max: 64, noNaN: true }), fc.double({ min: -40, max: 72, noNaN: true }), sigmaArb, (x, y, s) => {
        const { heatmaps, weights } = msraHeatmaps([W, H], kps([[[x, y]]]), vis([[1]]), s, { placement: 'floor' });
        expect(weights.data[0] === 0).toBe(!heatmaps.data.some((v) => v > 0));
      }),
      { numRuns: 200 },
    );
  });

  it("mmpose's off-by-one: a window ending at column −1 draws nothing but keeps weight 1 (right = 0 is not < 0)", () => {
    // σ = 1, μ = −4.6: m = trunc(−4.1) = −4, window columns −7..−1, right = trunc(−4 + 3 + 1) = 0.
    const r = msraHeatmaps([W, H], kps([[[-4.6, 10]]]), vis([[1]]), 1);
    expect(r.heatmaps.data.every((v) => v === 0)).toBe(true);
    expect(r.weights.data[0]).toBe(1);
    expect(msraHeatmaps([W, H], kps([[[-4.6, 10]]]), vis([[1]]), 1, { placement: 'floor' }).weights.data[0]).toBe(0);
  });

  it('weights are a float32 copy of visible (not clamped); keypoints with visible < 0.5 are skipped and may be NaN', () => {
    const k = kps([[[5, 5], [NaN, NaN], [6, 7]]]);
    const v = ndarray(Uint8Array.from([2, 0, 1]), [1, 3]);
    const r = msraHeatmaps([W, H], k, v, 2);
    expect(Array.from(r.weights.data)).toEqual([2, 0, 1]);
    expect(channel(r.heatmaps, 1).every((x) => x === 0)).toBe(true);
    expect(r.heatmaps.data.some((x) => Number.isNaN(x))).toBe(false);
    const half = msraHeatmaps([W, H], kps([[[5, 5]]]), vis([[0.3]]), 2);
    expect(half.weights.data[0]).toBe(Math.fround(0.3));
    expect(half.heatmaps.data.every((x) => x === 0)).toBe(true);
  });

  it('strided keypoints (a transposed view) and float64 data give the same maps; inputs are never mutated', () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.double({ min: -5, max: 30, noNaN: true }), fc.double({ min: -5, max: 36, noNaN: true })), { minLength: 1, maxLength: 4 }), sigmaArb, (pts, s) => {
        const k = kps([pts.map(([x, y]) => [x, y] as [number, number])]);
        const v = vis([pts.map(() => 1)]);
        const before = [snapshot(k), snapshot(v)];
        const a = msraHeatmaps([W, H], k, v, s);
        const b = msraHeatmaps([W, H], stridedCopy(k), v, s);
        const c = msraHeatmaps([W, H], ndarray(Float64Array.from(k.data as Float32Array), k.shape), v, s);
        expect(Array.from(b.heatmaps.data)).toEqual(Array.from(a.heatmaps.data));
        expect(Array.from(c.heatmaps.data)).toEqual(Array.from(a.heatmaps.data));
        expect([snapshot(k), snapshot(v)]).toEqual(before);
      }),
      { numRuns: 40 },
    );
  });

  it('rejects bad input with TypeError / RangeError naming the argument', () => {
    const k = kps([[[5, 5]]]);
    const v = vis([[1]]);
    expect(() => msraHeatmaps([W, H], [[5, 5]] as never, v, 2)).toThrow(TypeError);
    expect(() => msraHeatmaps([W, H], ndarray(new Float32Array(2), [1, 2]), v, 2)).toThrow(/keypoints/);
    expect(() => msraHeatmaps([W, H], k, vis([[1, 1]]), 2)).toThrow(RangeError);
    expect(() => msraHeatmaps([W, H], k, vis([[1], [1]]), 2)).toThrow(/visible/);
    expect(() => msraHeatmaps([W, H], k, [1] as never, 2)).toThrow(TypeError);
    expect(() => msraHeatmaps([W] as never, k, v, 2)).toThrow(/heatmapSize/);
    expect(() => msraHeatmaps([0, H], k, v, 2)).toThrow(RangeError);
    expect(() => msraHeatmaps([2.5, H], k, v, 2)).toThrow(/heatmapSize/);
    expect(() => msraHeatmaps('24x32' as never, k, v, 2)).toThrow(TypeError);
    expect(() => msraHeatmaps([W, H], k, v, 0)).toThrow(/sigma/);
    expect(() => msraHeatmaps([W, H], k, v, -1)).toThrow(RangeError);
    expect(() => msraHeatmaps([W, H], k, v, NaN)).toThrow(/sigma/);
    expect(() => msraHeatmaps([W, H], k, v, [2, 2])).toThrow(/sigma/);
    expect(() => msraHeatmaps([W, H], k, v, [0])).toThrow(/sigma\[0\]/);
    expect(() => msraHeatmaps([W, H], k, v, '2' as never)).toThrow(TypeError);
    expect(() => msraHeatmaps([W, H], kps([[[NaN, 5]]]), v, 2)).toThrow(/keypoints\[0\]\[0\]/);
    expect(() => msraHeatmaps([W, H], kps([[[5, Infinity]]]), v, 2)).toThrow(RangeError);
    expect(() => msraHeatmaps([W, H], k, vis([[NaN]]), 2)).toThrow(/visible/);
    expect(() => msraHeatmaps([W, H], k, v, 2, { placement: 'round' as never })).toThrow(/placement/);
    expect(() => msraHeatmaps([W, H], k, v, 2, 'floor' as never)).toThrow(TypeError);
    // 1000 keypoints × 1000 × 1000 float32 = 4 GB > 1 GiB
    expect(() => msraHeatmaps([1000, 1000], ndarray(new Float32Array(2000), [1, 1000, 2]), ndarray(new Float32Array(1000), [1, 1000]), 2)).toThrow(/allocation|GiB/);
  });

  it('accepts σ as a Float64Array (e.g. from scaleAdaptiveSigma) and a 1-D ndarray', () => {
    const k = kps([[[5, 5]], [[15, 20]]]);
    const v = vis([[1], [1]]);
    const a = msraHeatmaps([W, H], k, v, [1, 2]);
    expect(Array.from(msraHeatmaps([W, H], k, v, Float64Array.from([1, 2])).heatmaps.data)).toEqual(Array.from(a.heatmaps.data));
    expect(Array.from(msraHeatmaps([W, H], k, v, ndarray(Float32Array.from([1, 2]))).heatmaps.data)).toEqual(Array.from(a.heatmaps.data));
  });
});
