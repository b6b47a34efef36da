import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import ndarray from 'ndarray';
import type { NdArray } from 'ndarray';
import { decodePersonLabSingle } from '../../src/decode/personlab-single.js';
import { noiseMaps, snapshot } from '../helpers/maps.js';

/** Seeded scene: `[H,W,K]` scores in [0, 0.5) and `[H,W,2K]` offsets in [−8, 8) px. */
function scene(H: number, W: number, K: number, seed: number): [NdArray<Float32Array>, NdArray<Float32Array>] {
  return [noiseMaps([H, W, K], seed, 0, 0.5), noiseMaps([H, W, 2 * K], seed + 1, -8, 8)];
}

function flatPose(p: ReturnType<typeof decodePersonLabSingle>): number[] {
  return [...p.keypoints.data, ...p.scores.data, p.score];
}

describe('decodePersonLabSingle', () => {
  it('places each keypoint at stride·(x, y) + (dx, dy) of its first maximum (float32 sum), score there, pose score the mean', () => {
    const H = 3;
    const W = 4;
    const K = 2;
    const s = new Float32Array(H * W * K);
    s[(1 * W + 2) * K + 0] = 0.8; // k0 max at (y=1, x=2)
    s[(2 * W + 0) * K + 0] = 0.8; // tie later in row-major order: loses
    s[(0 * W + 3) * K + 1] = 0.3; // k1 max at (y=0, x=3)
    const off = new Float32Array(H * W * 2 * K);
    off[(1 * W + 2) * 4 + 0] = 0.1; // dy k0
    off[(1 * W + 2) * 4 + 2] = -0.2; // dx k0
    off[(0 * W + 3) * 4 + 3] = 1.5; // dx k1
    const p = decodePersonLabSingle(ndarray(s, [H, W, K]), ndarray(off, [H, W, 2 * K]), { outputStride: 16 });
    expect(p.keypoints.shape).toEqual([2, 2]);
    expect(Array.from(p.keypoints.data)).toEqual([Math.fround(32 + Math.fround(-0.2)), Math.fround(16 + Math.fround(0.1)), 49.5, 0]);
    expect(Array.from(p.scores.data)).toEqual([Math.fround(0.8), Math.fround(0.3)]);
    expect(p.score).toBe((Math.fround(0.8) + Math.fround(0.3)) / 2);
  });

  it('law: translating the scene by whole cells (zero background) translates every keypoint by stride·cells', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 3 }), fc.integer({ min: 0, max: 3 }), fc.integer({ min: 1, max: 50 }), (dy, dx, seed) => {
        const [s, o] = scene(5, 6, 3, seed);
        const pad = (a: NdArray<Float32Array>, oy: number, ox: number) => {
          const [H, W, C] = a.shape;
          const d = new Float32Array((H + 3) * (W + 3) * C);
          for (let y = 0; y < H; y++) for (let x = 0; x < W; x++) for (let c = 0; c < C; c++) d[((y + oy) * (W + 3) + x + ox) * C + c] = a.get(y, x, c) + (c < 3 && a === s ? 0.5 : 0);
          return ndarray(d, [H + 3, W + 3, C]);
        };
        const a = decodePersonLabSingle(pad(s, 0, 0), pad(o, 0, 0), { outputStride: 8 });
        const b = decodePersonLabSingle(pad(s, dy, dx), pad(o, dy, dx), { outputStride: 8 });
        expect(Array.from(b.scores.data)).toEqual(Array.from(a.scores.data));
        for (let k = 0; k < 3; k++) {
          expect(b.keypoints.get(k, 0)).toBeCloseTo(a.keypoints.get(k, 0) + 8 * dx, 4);
          expect(b.keypoints.get(k, 1)).toBeCloseTo(a.keypoints.get(k, 1) + 8 * dy, 4);
        }
      }),
      { numRuns: 40 },
    );
  });

  it('law: strided, float64 and [1,H,W,C] inputs decode identically; inputs are never mutated', () => {
    const [s, o] = scene(7, 5, 4, 3);
    const before = [snapshot(s), snapshot(o)];
    const ref = flatPose(decodePersonLabSingle(s, o));
    const f64 = (a: NdArray) => ndarray(Float64Array.from(a.data as Float32Array), a.shape.slice());
    expect(flatPose(decodePersonLabSingle(f64(s), f64(o)))).toEqual(ref);
    expect(flatPose(decodePersonLabSingle(ndarray(s.data, [1, 7, 5, 4]), ndarray(o.data, [1, 7, 5, 8])))).toEqual(ref);
    const flipped = (a: NdArray<Float32Array>) => {
      const [H, W, C] = a.shape;
      const d = new Float32Array(H * W * C);
      for (let y = 0; y < H; y++) for (let x = 0; x < W; x++) for (let c = 0; c < C; c++) d[((H - 1 - y) * W + (W - 1 - x)) * C + c] = a.get(y, x, c);
      return ndarray(d, [H, W, C]).step(-1, -1, 1);
    };
    expect(flatPose(decodePersonLabSingle(flipped(s), flipped(o)))).toEqual(ref);
    expect([snapshot(s), snapshot(o)]).toEqual(before);
  });

  describe('bad input: typed errors naming the argument', () => {
    const [s, o] = scene(4, 4, 2, 9);
    const nan = ndarray(Float32Array.from(s.data), [4, 4, 2]);
    nan.data[3] = NaN;
    const table: [string, () => unknown, ErrorConstructor, RegExp][] = [
      ['heatmaps a bare Float32Array', () => decodePersonLabSingle(new Float32Array(4) as unknown as NdArray, o), TypeError, /^heatmaps/],
      ['heatmaps rank 5', () => decodePersonLabSingle(ndarray(new Float32Array(1), [1, 1, 1, 1, 1]), o), TypeError, /^heatmaps/],
      ['heatmaps empty axis', () => decodePersonLabSingle(ndarray(new Float32Array(0), [0, 4, 2]), o), RangeError, /^heatmaps/],
      ['heatmaps NaN', () => decodePersonLabSingle(nan, o), RangeError, /^heatmaps/],
      ['heatmaps Int32Array data', () => decodePersonLabSingle(ndarray(new Int32Array(32), [4, 4, 2]), o), TypeError, /^heatmaps/],
      ['offsets wrong W', () => decodePersonLabSingle(s, ndarray(new Float32Array(4 * 3 * 4), [4, 3, 4])), RangeError, /^offsets/],
      ['offsets channels ≠ 2K', () => decodePersonLabSingle(s, ndarray(new Float32Array(4 * 4 * 2), [4, 4, 2])), RangeError, /^offsets/],
      ['outputStride 0', () => decodePersonLabSingle(s, o, { outputStride: 0 }), RangeError, /^options\.outputStride/],
      ['outputStride 1e308', () => decodePersonLabSingle(s, o, { outputStride: 1e308 }), RangeError, /^options\.outputStride/],
      ['outputStride 2^53', () => decodePersonLabSingle(s, o, { outputStride: 2 ** 53 }), RangeError, /^options\.outputStride/],
      ['scoreActivation unknown', () => decodePersonLabSingle(s, o, { scoreActivation: 'softmax' as 'sigmoid' }), RangeError, /^options\.scoreActivation/],
      ['outputStride string', () => decodePersonLabSingle(s, o, { outputStride: '16' as unknown as number }), TypeError, /^options\.outputStride/],
    ];
    for (const [what, call, Err, msg] of table) {
      it(what, () => {
        expect(call).toThrow(Err);
        expect(call).toThrow(msg);
      });
    }
  });
});
