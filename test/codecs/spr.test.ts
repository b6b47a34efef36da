import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import ndarray from 'ndarray';
import { createCodec } from '../../src/codecs/index.js';
import { bottomupScene } from '../../src/testing/bottomup-scene.js';
import { snapshot } from '../helpers/maps.js';

const K = 17;
const codecOf = (keypointHeatmaps = true, size = 64) =>
  createCodec({ type: 'spr', inputSize: [4 * size, 4 * size], heatmapSize: [size, size], keypointHeatmaps, minimalDiagonalLength: Math.sqrt(32) });

/** Scene keypoints as `[P, K, 2]` input px (float32). */
function people(P: number, seed: number, size = 64) {
  const s = bottomupScene({ persons: P, size, seed, missing: 0 });
  return ndarray(Float32Array.from(s.keypoints, (v) => v * 4), [P, K, 2]);
}

function decodedSet(r: { keypoints: ndarray.NdArray }): string[] {
  const N = r.keypoints.shape[0];
  return Array.from({ length: N }, (_, n) => Array.from({ length: 2 * K }, (_, i) => (r.keypoints.data as ArrayLike<number>)[n * 2 * K + i].toFixed(3)).join(',')).sort();
}

/** The same persons (sorted by their first keypoint) within `tol` px per coordinate. */
function expectSamePersons(got: { keypoints: ndarray.NdArray }, want: { keypoints: ndarray.NdArray }, tol: number): void {
  const rows = (r: { keypoints: ndarray.NdArray }) =>
    Array.from({ length: r.keypoints.shape[0] }, (_, n) => Array.from({ length: 2 * K }, (_, i) => (r.keypoints.data as ArrayLike<number>)[n * 2 * K + i]))
      .sort((p, q) => p[0] - q[0] || p[1] - q[1]);
  const g = rows(got);
  const w = rows(want);
  expect(g.length).toBe(w.length);
  for (let n = 0; n < g.length; n++) for (let i = 0; i < 2 * K; i++) expect(Math.abs(g[n][i] - w[n][i])).toBeLessThanOrEqual(tol);
}

describe('SPR codec', () => {
  it('round trip: decode(encode(kp)) returns the keypoints (float32) at each root, with keypoint scores', () => {
    const codec = codecOf();
    const kp = people(4, 2);
    const enc = codec.encode(kp);
    expect(enc.heatmaps.shape).toEqual([K + 1, 64, 64]);
    expect(enc.displacements.shape).toEqual([2 * K, 64, 64]);
    const r = codec.decode(enc.heatmaps, enc.displacements);
    expect(r.keypoints.shape).toEqual([4, K, 2]);
    expect(r.rootScores.shape).toEqual([4]);
    expect(r.keypointScores!.shape).toEqual([4, K]);
    expect(r.rootLocations.shape).toEqual([4, 2]);
    const want = Array.from({ length: 4 }, (_, p) => Array.from({ length: 2 * K }, (_, i) => kp.data[p * 2 * K + i].toFixed(3)).join(',')).sort();
    // a displacement is owned by the smaller instance where regions overlap, so compare the instances decoded unambiguously
    const got = decodedSet(r);
    expect(got.filter((g) => want.includes(g)).length).toBeGreaterThanOrEqual(3);
    expect(Array.from(r.rootScores.data).every((v) => v > 0.99)).toBe(true);
  });

  it('law: permuting the people (instance order at encode) permutes nothing in the decoded set', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 5 }), fc.integer({ min: 0, max: 500 }), (P, seed) => {
        const codec = codecOf(false);
        const kp = people(P, seed);
        const rev = ndarray(new Float32Array(kp.data.length), kp.shape);
        for (let p = 0; p < P; p++) rev.data.set(kp.data.subarray((P - 1 - p) * 2 * K, (P - p) * 2 * K), p * 2 * K);
        const a = codec.encode(kp);
        const b = codec.encode(rev);
        expect(Array.from(b.heatmaps.data)).toEqual(Array.from(a.heatmaps.data));
        const da = codec.decode(a.heatmaps, a.displacements);
        const db = codec.decode(b.heatmaps, b.displacements);
        expect(Array.from(db.rootScores.data)).toEqual(Array.from(da.rootScores.data));
        expect(Array.from(db.rootLocations.data)).toEqual(Array.from(da.rootLocations.data));
      }),
      { numRuns: 15 },
    );
  });

  it('law: translating the scene by whole heatmap px translates the decoded poses (keypoints 4 px inside the map)', () => {
    fc.assert(
      fc.property(fc.integer({ min: -2, max: 2 }), fc.integer({ min: -2, max: 2 }), fc.integer({ min: 0, max: 500 }), (dx, dy, seed) => {
        const codec = codecOf();
        const kp = people(2, seed);
        const moved = ndarray(kp.data.map((v, i) => v + 4 * (i % 2 === 0 ? dx : dy)), kp.shape);
        // Targets are clipped at the map edge (root disc, displacement window), so the law is stated for
        // scenes whose keypoints stay 4 heatmap px inside the 64×64 map before and after the move.
        const inside = (a: ndarray.NdArray) => Array.from(a.data as ArrayLike<number>).every((v) => v / 4 >= 4 && v / 4 <= 59);
        fc.pre(inside(kp) && inside(moved));
        const a = codec.decode(...(Object.values(codec.encode(kp)).filter((_, i) => i === 0 || i === 2) as [ndarray.NdArray, ndarray.NdArray]));
        const enc = codec.encode(moved);
        const b = codec.decode(enc.heatmaps, enc.displacements);
        expect(b.rootLocations.data.length).toBe(a.rootLocations.data.length);
        const shifted = { keypoints: ndarray(a.keypoints.data.map((v, i) => v + 4 * (i % 2 === 0 ? dx : dy)), a.keypoints.shape) };
        // Decoded keypoints are float32 root + displacement: compare numerically (a rounded string
        // would flip at a 1e-3 boundary for a one-ulp difference), persons matched by sorted order.
        expectSamePersons(b, shifted, 1e-3);
      }),
      { numRuns: 12 },
    );
  });

  it('law: an empty scene gives no person; inputs are not mutated', () => {
    const codec = codecOf();
    const hm = ndarray(new Float32Array((K + 1) * 64 * 64), [K + 1, 64, 64]);
    const d = ndarray(new Float32Array(2 * K * 64 * 64), [2 * K, 64, 64]);
    const r = codec.decode(hm, d);
    expect(r.keypoints.shape).toEqual([0, K, 2]);
    expect(r.keypointScores!.shape).toEqual([0, K]);
    const enc = codec.encode(people(3, 9));
    const h0 = snapshot(enc.heatmaps);
    const d0 = snapshot(enc.displacements);
    codec.decode(enc.heatmaps, enc.displacements);
    expect(snapshot(enc.heatmaps)).toEqual(h0);
    expect(snapshot(enc.displacements)).toEqual(d0);
  });

  it('keypoint scores only with keypoint heatmaps and K + 1 channels (root = last channel)', () => {
    const codec = codecOf(true);
    const enc = codec.encode(people(2, 4));
    const root = ndarray(enc.heatmaps.data.slice(K * 64 * 64), [1, 64, 64]);
    expect(codec.decode(root, enc.displacements).keypointScores).toBeNull();
    expect(codecOf(false).decode(enc.heatmaps, enc.displacements).keypointScores).toBeNull();
  });

  const codec = codecOf();
  const hm = ndarray(new Float32Array((K + 1) * 4096), [K + 1, 64, 64]);
  const disp = ndarray(new Float32Array(2 * K * 4096), [2 * K, 64, 64]);
  const nanDisp = ndarray(new Float32Array(2 * K * 4096), [2 * K, 64, 64]);
  const peak = ndarray(new Float32Array((K + 1) * 4096), [K + 1, 64, 64]);
  peak.data[K * 4096 + 10 * 64 + 10] = 1;
  nanDisp.data[3 * 4096 + 10 * 64 + 10] = NaN;
  const make = (o: Record<string, unknown>) => () => createCodec({ type: 'spr', inputSize: [256, 256], heatmapSize: [64, 64], ...o } as never);
  it.each([
    ['odd displacement channels', () => codec.decode(hm, ndarray(new Float32Array(33 * 4096), [33, 64, 64])), RangeError, /displacements must have 2K channels/],
    ['displacements of another H×W', () => codec.decode(hm, ndarray(new Float32Array(2 * K * 4032), [2 * K, 63, 64])), RangeError, /displacements must be 64×64/],
    ['heatmaps of another size', () => codec.decode(ndarray(new Float32Array(4032), [1, 63, 64]), disp), RangeError, /heatmaps must be 64×64/],
    ['NaN displacement at a root', () => codec.decode(peak, nanDisp), RangeError, /displacements must be finite/],
    ['batched heatmaps', () => codec.decode(ndarray(new Float32Array(4096), [1, 1, 64, 64]), disp), TypeError, /heatmaps/],
    ['maxInstances > H·W', make({ maxInstances: 4097 }), RangeError, /options\.maxInstances/],
    ['even NMS kernel', make({ nmsKernel: 6 }), RangeError, /options\.nmsKernel/],
    ['a single σ with keypoint heatmaps', make({ keypointHeatmaps: true, sigma: 2 }), RangeError, /options\.sigma/],
    ['a keypoint σ of 0 (small maps)', make({ keypointHeatmaps: true, heatmapSize: [32, 32] }), RangeError, /options\.sigma/],
    ['three σ', make({ sigma: [1, 2, 3] }), RangeError, /options\.sigma/],
    ['σ 1e-300 (2σ² underflows)', make({ sigma: 1e-300 }), RangeError, /^options\.sigma must be in/],
    ['σ 1e308 (2σ² overflows)', make({ sigma: 1e308 }), RangeError, /^options\.sigma must be in/],
    ['keypoint σ 1e308', make({ keypointHeatmaps: true, sigma: [2, 1e308] }), RangeError, /^options\.sigma\[1\] must be in/],
    ['minimalDiagonalLength < 0', make({ minimalDiagonalLength: -1 }), RangeError, /^options\.minimalDiagonalLength must be >= 0/],
    ['backgroundWeight < 0', make({ backgroundWeight: -0.1 }), RangeError, /^options\.backgroundWeight must be >= 0/],
    ['bad rootType', make({ rootType: 'mean' }), RangeError, /options\.rootType/],
    ['NaN threshold', make({ threshold: NaN }), RangeError, /options\.threshold/],
    ['encode: visible of another shape', () => codec.encode(people(2, 1), ndarray(new Float32Array(K), [1, K])), RangeError, /visible/],
  ])('rejects %s', (_n, fn, cls, msg) => {
    expect(fn).toThrow(cls);
    expect(fn).toThrow(msg);
  });
});
