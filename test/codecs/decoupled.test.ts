import { describe, expect, it } from 'vitest';
import ndarray from 'ndarray';
import { createCodec } from '../../src/codecs/index.js';
import { cidSigmas } from '../../src/codecs/decoupled.js';
import { bottomupScene } from '../../src/testing/bottomup-scene.js';
import { snapshot } from '../helpers/maps.js';

const K = 17;
const codec = createCodec({ type: 'decoupled', inputSize: [256, 256], heatmapSize: [64, 64], maxInstances: 30 });

function people(P: number, seed: number) {
  const s = bottomupScene({ persons: P, size: 64, seed, missing: 0 });
  return ndarray(Float32Array.from(s.keypoints, (v) => v * 4), [P, K, 2]);
}

function seeded(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

describe('CID (decoupled) codec', () => {
  it('encode with injected draws is deterministic; the same random source gives the same targets', () => {
    const kp = people(3, 1);
    const jitter = ndarray(Int32Array.from([1, 0, -1, 1, 0, 0]), [3, 2]);
    const a = codec.encode(kp, undefined, { rootJitter: jitter });
    const b = codec.encode(kp, undefined, { rootJitter: jitter });
    expect(Array.from(a.instanceHeatmaps.data)).toEqual(Array.from(b.instanceHeatmaps.data));
    expect(a.heatmaps.shape).toEqual([K + 1, 64, 64]);
    expect(a.instanceHeatmaps.shape).toEqual([3 * K, 64, 64]);
    expect(a.weights.shape).toEqual([3, K]);
    expect(a.instanceCoords.shape).toEqual([3, 2]);
    const r1 = codec.encode(kp, undefined, { random: seeded(4) });
    const r2 = codec.encode(kp, undefined, { random: seeded(4) });
    expect(Array.from(r1.instanceCoords.data)).toEqual(Array.from(r2.instanceCoords.data));
  });

  it('selects instances by ascending box diagonal and samples maxInstances of them by the given positions', () => {
    const small = createCodec({ type: 'decoupled', inputSize: [256, 256], heatmapSize: [64, 64], maxInstances: 1 });
    const kp = people(3, 2);
    const zero = ndarray(new Int32Array(6), [3, 2]);
    const all = codec.encode(kp, undefined, { rootJitter: zero });
    const one = small.encode(kp, undefined, { rootJitter: zero, sampleIndices: [2] });
    expect(Array.from(one.instanceCoords.data)).toEqual(Array.from(all.instanceCoords.data.subarray(4, 6)));
    expect(Array.from(one.instanceHeatmaps.data)).toEqual(Array.from(all.instanceHeatmaps.data.subarray(2 * K * 4096)));
  });

  it('a zero-size box gives σ = 0 and a NaN centre pixel, as mmpose', () => {
    expect(Array.from(cidSigmas(new Float64Array(8), 1, 0.7))).toEqual([0]);
    const kp = ndarray(Float32Array.from({ length: K * 2 }, () => 100), [1, K, 2]);
    const r = codec.encode(kp, undefined, { rootJitter: ndarray(new Int32Array(2), [1, 2]) });
    expect(r.heatmaps.get(0, 25, 25)).toBeNaN();
  });

  it('round trip: decode(instance heatmaps) returns each instance’s keypoints within the quarter offset', () => {
    const kp = people(3, 3);
    const enc = codec.encode(kp, undefined, { rootJitter: ndarray(new Int32Array(6), [3, 2]) });
    const M = enc.instanceCoords.shape[0];
    const inst = ndarray(enc.instanceHeatmaps.data, [M, K, 64, 64]);
    const before = snapshot(inst);
    const r = codec.decode(inst, ndarray(new Float32Array(M).fill(0.5), [M, 1]));
    expect(snapshot(inst)).toEqual(before);
    expect(r.keypoints.shape).toEqual([M, K, 2]);
    expect(r.scores.shape).toEqual([M, K]);
    for (let m = 0; m < M; m++) {
      let best = Infinity;
      for (let p = 0; p < 3; p++) {
        let e = 0;
        for (let i = 0; i < 2 * K; i++) e = Math.max(e, Math.abs(r.keypoints.data[m * 2 * K + i] - kp.data[p * 2 * K + i]));
        best = Math.min(best, e);
      }
      // rounding (½) + quarter offset + mmpose's fractional-3σ window shift of one pixel (docs/encode.md)
      expect(best).toBeLessThanOrEqual(4 * 1.75);
      for (let k = 0; k < K; k++) expect(r.scores.get(m, k)).toBeCloseTo(0.5, 5);
    }
  });

  it('law: no instance decodes to nothing; a rootless instance is never selected', () => {
    const r = codec.decode(ndarray(new Float32Array(0), [0, K, 64, 64]), ndarray(new Float32Array(0), [0, 1]));
    expect(r.keypoints.shape).toEqual([0, K, 2]);
    const kp = people(2, 5);
    const vis = ndarray(Float32Array.from({ length: 2 * K }, (_, i) => (i < K ? 1 : 0)), [2, K]);
    const e = codec.encode(kp, vis, { rootJitter: ndarray(new Int32Array(4), [2, 2]) });
    expect(e.instanceCoords.shape).toEqual([1, 2]);
  });

  const kp = people(2, 7);
  const hm = ndarray(new Float32Array(2 * K * 4096), [2, K, 64, 64]);
  it.each([
    ['rootJitter of another shape', () => codec.encode(kp, undefined, { rootJitter: ndarray(new Int32Array(2), [1, 2]) }), RangeError, /options\.rootJitter/],
    ['fractional rootJitter', () => codec.encode(kp, undefined, { rootJitter: ndarray(Float32Array.from([0.5, 0, 0, 0]), [2, 2]) }), RangeError, /options\.rootJitter/],
    ['sampleIndices of the wrong length', () => createCodec({ type: 'decoupled', inputSize: [256, 256], heatmapSize: [64, 64], maxInstances: 1 }).encode(kp, undefined, { rootJitter: ndarray(Int32Array.from([0, 0, 1, 1]), [2, 2]), sampleIndices: [0, 1] }), RangeError, /options\.sampleIndices/],
    ['repeated sampleIndices', () => createCodec({ type: 'decoupled', inputSize: [256, 256], heatmapSize: [64, 64], maxInstances: 1 }).encode(kp, undefined, { rootJitter: ndarray(Int32Array.from([0, 0, 1, 1]), [2, 2]), sampleIndices: [5] }), RangeError, /options\.sampleIndices/],
    ['random not a function', () => codec.encode(kp, undefined, { random: 3 as never }), TypeError, /options\.random/],
    ['boxes of another shape', () => codec.encode(kp, undefined, { boxes: ndarray(new Float32Array(8), [1, 4, 2]) }), RangeError, /options\.boxes/],
    ['instanceScores of another N', () => codec.decode(hm, ndarray(new Float32Array(3), [3, 1])), RangeError, /instanceScores/],
    ['instanceHeatmaps of another size', () => codec.decode(ndarray(new Float32Array(2 * K * 4032), [2, K, 63, 64]), ndarray(new Float32Array(2), [2, 1])), RangeError, /instanceHeatmaps must be 64×64/],
    ['instanceHeatmaps of rank 3', () => codec.decode(ndarray(new Float32Array(K * 4096), [K, 64, 64]), ndarray(new Float32Array(1), [1, 1])), TypeError, /instanceHeatmaps/],
    ['heatmapMinOverlap 1', () => createCodec({ type: 'decoupled', inputSize: [256, 256], heatmapSize: [64, 64], heatmapMinOverlap: 1 }), RangeError, /options\.heatmapMinOverlap/],
    ['maxInstances 0', () => createCodec({ type: 'decoupled', inputSize: [256, 256], heatmapSize: [64, 64], maxInstances: 0 }), RangeError, /options\.maxInstances/],
  ])('rejects %s', (_n, fn, cls, msg) => {
    expect(fn).toThrow(cls);
    expect(fn).toThrow(msg);
  });
});
