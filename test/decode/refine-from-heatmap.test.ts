import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import ndarray from 'ndarray';
import type { NdArray } from 'ndarray';
import { refineFromHeatmap } from '../../src/decode/refine-from-heatmap.js';
import { noiseMaps, snapshot } from '../helpers/maps.js';

const sig = (x: number) => 1 / (1 + Math.exp(-x));

/** `[H, W, L]` float32 heatmap with `v` at the given (row, col, channel) cells, `bg` elsewhere. */
function map(H: number, W: number, L: number, cells: [number, number, number, number][], bg = 0): NdArray<Float32Array> {
  const d = new Float32Array(H * W * L).fill(bg);
  for (const [r, c, l, v] of cells) d[(r * W + c) * L + l] = v;
  return ndarray(d, [H, W, L]);
}

const lm = (pts: number[][]) => ndarray(Float64Array.from(pts.flat()), [pts.length, pts[0].length]);

describe('refineFromHeatmap', () => {
  it('moves a landmark to the weighted mean cell of a confident window (no half-cell shift)', () => {
    // 3×3 map, one confident cell at (row 1, col 0): the result is (0/3, 1/3)
    const r = refineFromHeatmap(lm([[0.5, 0.5]]), map(3, 3, 1, [[1, 0, 0, sig(1)]]), { kernelSize: 3, minConfidence: 0.1 });
    expect(r.shape).toEqual([1, 2]);
    expect(Array.from(r.data)).toEqual([0, 1 / 3]);
  });

  it('weights by value: two cells average to the value-weighted position, divided by W then by the sum', () => {
    const hm = map(4, 4, 1, [[1, 1, 0, 0.6], [1, 3, 0, 0.2]]);
    const r = refineFromHeatmap(lm([[0.3, 0.3]]), hm, { kernelSize: 5 });
    const v1 = Math.fround(0.6);
    const v2 = Math.fround(0.2);
    expect(r.get(0, 0)).toBe((1 * v1 + 3 * v2) / 4 / (v1 + v2));
    expect(r.get(0, 1)).toBe((1 * v1 + 1 * v2) / 4 / (v1 + v2));
  });

  it('keeps landmarks whose window maximum is below minConfidence, or with a zero sum', () => {
    const p = lm([[0.5, 0.5]]);
    expect(Array.from(refineFromHeatmap(p, map(3, 3, 1, [[1, 0, 0, 0.4]]), { minConfidenceToRefine: 0.3 }).data)).toEqual([0, 1 / 3]); // tfjs's option name
    expect(Array.from(refineFromHeatmap(p, map(3, 3, 1, [[1, 0, 0, 0.4]]), { minConfidenceToRefine: 0.3, minConfidence: 0.5 }).data)).toEqual([0.5, 0.5]);
    expect(Array.from(refineFromHeatmap(p, map(3, 3, 1, [[1, 0, 0, 0.4]])).data)).toEqual([0.5, 0.5]);
    expect(Array.from(refineFromHeatmap(p, map(3, 3, 1, [])).data)).toEqual([0.5, 0.5]);
  });

  it('reproduces the bounds-check bug by default: a landmark just below the map is refined (pulled back); fixBoundsCheck skips it', () => {
    const hm = map(8, 8, 1, [[7, 2, 0, 0.9]]);
    const below = lm([[2.5 / 8, 1.02]]); // row 8 ≥ H, col 2 < H
    expect(Array.from(refineFromHeatmap(below, hm).data)).toEqual([2 / 8, 7 / 8]);
    expect(Array.from(refineFromHeatmap(below, hm, { fixBoundsCheck: true }).data)).toEqual([2.5 / 8, 1.02]);
  });

  it('reproduces the bug on a wide map: column ≥ H skips a landmark inside the map unless fixBoundsCheck', () => {
    const hm = map(4, 8, 1, [[1, 6, 0, 0.9]]);
    const p = lm([[6.5 / 8, 1.5 / 4]]); // col 6 ≥ H = 4
    expect(Array.from(refineFromHeatmap(p, hm).data)).toEqual([6.5 / 8, 1.5 / 4]);
    expect(Array.from(refineFromHeatmap(p, hm, { fixBoundsCheck: true }).data)).toEqual([6 / 8, 1 / 4]);
  });

  it('passes NaN landmarks and landmarks left of / above the map through unchanged; extra columns (z, …) are dropped', () => {
    const hm = map(4, 4, 3, [[0, 0, 0, 1], [0, 0, 1, 1], [0, 0, 2, 1]]);
    const r = refineFromHeatmap(lm([[NaN, 0.1, 7], [-0.3, 0.1, 7], [0.1, -0.3, 7]]), hm);
    expect(r.shape).toEqual([3, 2]);
    expect(Array.from(r.data)).toEqual([NaN, 0.1, -0.3, 0.1, 0.1, -0.3]);
  });

  it('truncates toward zero as the reference: a landmark less than one cell left of the map (x·W ∈ (−1, 0)) is still refined', () => {
    const hm = map(4, 4, 1, [[0, 0, 0, 1]]);
    expect(Array.from(refineFromHeatmap(lm([[-0.01, 0.1]]), hm).data)).toEqual([0, 0]);
    expect(Array.from(refineFromHeatmap(lm([[-0.01, 0.1]]), hm, { fixBoundsCheck: true }).data)).toEqual([0, 0]);
  });

  it('law: every landmark stays inside the window around its cell (refined: weighted mean of it; else unchanged); inputs are never mutated', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 500 }), fc.integer({ min: 1, max: 9 }), (seed, k) => {
        const L = 5;
        const hm = noiseMaps([6, 7, L], seed, 0, 1);
        const pts = noiseMaps([L, 3], seed + 7, 0, 1);
        const before = [snapshot(hm), snapshot(pts)];
        const r = refineFromHeatmap(pts, hm, { kernelSize: k, fixBoundsCheck: true });
        const half = Math.trunc((k - 1) / 2);
        for (let l = 0; l < L; l++) {
          const col = Math.trunc(pts.get(l, 0) * 7);
          const row = Math.trunc(pts.get(l, 1) * 6);
          expect(r.get(l, 0) * 7).toBeGreaterThanOrEqual(Math.max(0, col - half) - 1e-9);
          expect(r.get(l, 0) * 7).toBeLessThan(Math.min(7, col + half + 1));
          expect(r.get(l, 1) * 6).toBeGreaterThanOrEqual(Math.max(0, row - half) - 1e-9);
          expect(r.get(l, 1) * 6).toBeLessThan(Math.min(6, row + half + 1));
        }
        expect([snapshot(hm), snapshot(pts)]).toEqual(before);
      }),
      { numRuns: 60 },
    );
  });

  it('law: strided (transposed storage) and [1,H,W,L] heatmaps give the same result', () => {
    const hm = noiseMaps([5, 6, 4], 3, 0, 1);
    const pts = noiseMaps([4, 2], 4, 0, 1);
    const ref = Array.from(refineFromHeatmap(pts, hm).data);
    const [H, W, L] = hm.shape;
    const d = new Float32Array(H * W * L);
    for (let l = 0; l < L; l++) for (let y = 0; y < H; y++) for (let x = 0; x < W; x++) d[(l * H + y) * W + x] = hm.get(y, x, l);
    expect(Array.from(refineFromHeatmap(pts, ndarray(d, [L, H, W]).transpose(1, 2, 0)).data)).toEqual(ref);
    expect(Array.from(refineFromHeatmap(pts, ndarray(hm.data, [1, H, W, L])).data)).toEqual(ref);
  });

  describe('bad input: typed errors naming the argument', () => {
    const hm = noiseMaps([4, 4, 2], 1);
    const pts = noiseMaps([2, 2], 2);
    const table: [string, () => unknown, ErrorConstructor, RegExp][] = [
      ['landmarks a plain array', () => refineFromHeatmap([[0, 0]] as unknown as NdArray, hm), TypeError, /^landmarks/],
      ['landmarks rank 3', () => refineFromHeatmap(ndarray(new Float32Array(4), [1, 2, 2]), hm), TypeError, /^landmarks/],
      ['landmarks one column', () => refineFromHeatmap(ndarray(new Float32Array(2), [2, 1]), hm), RangeError, /^landmarks/],
      ['heatmap rank 2', () => refineFromHeatmap(pts, ndarray(new Float32Array(16), [4, 4])), TypeError, /^heatmap/],
      ['heatmap channels ≠ L', () => refineFromHeatmap(pts, noiseMaps([4, 4, 3], 1)), RangeError, /^heatmap/],
      ['heatmap empty', () => refineFromHeatmap(pts, ndarray(new Float32Array(0), [0, 4, 2])), RangeError, /^heatmap/],
      ['kernelSize 0', () => refineFromHeatmap(pts, hm, { kernelSize: 0 }), RangeError, /^options\.kernelSize/],
      ['kernelSize 2^31 - 1', () => refineFromHeatmap(pts, hm, { kernelSize: 2 ** 31 - 1 }), RangeError, /^options\.kernelSize/],
      ['kernelSize 1e308', () => refineFromHeatmap(pts, hm, { kernelSize: 1e308 }), RangeError, /^options\.kernelSize/],
      ['kernelSize 2.5', () => refineFromHeatmap(pts, hm, { kernelSize: 2.5 }), TypeError, /^options\.kernelSize/],
      ['minConfidence NaN', () => refineFromHeatmap(pts, hm, { minConfidence: NaN }), RangeError, /^options\.minConfidence/],
      ['fixBoundsCheck a string', () => refineFromHeatmap(pts, hm, { fixBoundsCheck: 'yes' as unknown as boolean }), TypeError, /^options\.fixBoundsCheck/],
      ['options an array', () => refineFromHeatmap(pts, hm, [] as unknown as object), TypeError, /^options/],
    ];
    for (const [what, call, Err, msg] of table) {
      it(what, () => {
        expect(call).toThrow(Err);
        expect(call).toThrow(msg);
      });
    }
  });
});
