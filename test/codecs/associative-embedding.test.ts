import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import ndarray from 'ndarray';
import type { NdArray } from 'ndarray';
import { createCodec } from '../../src/codecs/index.js';
import type { AePoses } from '../../src/codecs/index.js';
import { bottomupScene, aeCodec } from '../../src/testing/bottomup-scene.js';
import { snapshot } from '../helpers/maps.js';

const K = 17;

/** Rows `x, y, score` of every decoded person, sorted (order-free comparison). */
function personSet(r: AePoses): string[] {
  const N = r.keypoints.shape[0];
  return Array.from({ length: N }, (_, n) =>
    Array.from({ length: K }, (_, k) => `${r.keypoints.get(n, k, 0).toFixed(4)},${r.keypoints.get(n, k, 1).toFixed(4)},${r.scores.get(n, k).toFixed(6)}`).join(' '),
  ).sort();
}

/** Shift `[1, C, H, W]` maps by (dx, dy) px, filling with `fill`. */
function shift(m: NdArray<Float32Array>, dx: number, dy: number, fill: number): NdArray<Float32Array> {
  const [B, C, H, W] = m.shape;
  const out = ndarray(new Float32Array(m.data.length).fill(fill), m.shape);
  for (let b = 0; b < B; b++)
    for (let c = 0; c < C; c++)
      for (let y = 0; y < H; y++)
        for (let x = 0; x < W; x++) {
          const X = x + dx;
          const Y = y + dy;
          if (X >= 0 && X < W && Y >= 0 && Y < H) out.set(b, c, Y, X, m.get(b, c, y, x));
        }
  return out;
}

function stack(a: NdArray<Float32Array>, b: NdArray<Float32Array>): NdArray<Float32Array> {
  const [, C, H, W] = a.shape;
  const d = new Float32Array(2 * C * H * W);
  d.set(a.data, 0);
  d.set(b.data, C * H * W);
  return ndarray(d, [2, C, H, W]);
}

describe('associative embedding codec', () => {
  it('finds every person of a clean scene (Munkres and greedy agree), in input px, with instance scores', () => {
    const s = bottomupScene({ persons: 6, size: 64, seed: 3, missing: 0 });
    const r = aeCodec(64).decode(s.heatmaps, s.tags)[0];
    const g = aeCodec(64, 'greedy').decode(s.heatmaps, s.tags)[0];
    expect(r.keypoints.shape).toEqual([6, K, 2]);
    expect(personSet(g)).toEqual(personSet(r));
    for (let n = 0; n < 6; n++) {
      // match each decoded person to the nearest truth by its first joint
      let best = Infinity;
      for (let p = 0; p < 6; p++) {
        let e = 0;
        for (let k = 0; k < K; k++) e = Math.max(e, Math.hypot(r.keypoints.get(n, k, 0) / 4 - s.keypoints[2 * (p * K + k)], r.keypoints.get(n, k, 1) / 4 - s.keypoints[2 * (p * K + k) + 1]));
        best = Math.min(best, e);
      }
      expect(best).toBeLessThan(1.5); // heatmap px: integer peak + quarter offset + centre shift 0.5
      expect(r.instanceScores.get(n)).toBeGreaterThan(0.3);
    }
  });

  it('law: an empty scene gives no person (both images of a batch)', () => {
    const hm = ndarray(new Float32Array(2 * K * 16 * 16), [2, K, 16, 16]);
    const tags = ndarray(new Float32Array(2 * K * 16 * 16), [2, K, 16, 16]);
    const out = aeCodec(16).decode(hm, tags);
    expect(out.length).toBe(2);
    for (const r of out) {
      expect(r.keypoints.shape).toEqual([0, K, 2]);
      expect(r.scores.shape).toEqual([0, K]);
      expect(r.instanceScores.shape).toEqual([0]);
    }
  });

  it('law: batch ≡ per image', () => {
    const a = bottomupScene({ persons: 4, size: 48, seed: 11 });
    const b = bottomupScene({ persons: 3, size: 48, seed: 12 });
    const codec = aeCodec(48);
    const both = codec.decode(stack(a.heatmaps, b.heatmaps), stack(a.tags, b.tags));
    expect(personSet(both[0])).toEqual(personSet(codec.decode(a.heatmaps, a.tags)[0]));
    expect(personSet(both[1])).toEqual(personSet(codec.decode(b.heatmaps, b.tags)[0]));
    expect(Array.from(both[1].groups.data)).toEqual(Array.from(codec.decode(b.heatmaps, b.tags)[0].groups.data));
  });

  it('law: permuting the people’s tags permutes the output and nothing else', () => {
    fc.assert(
      fc.property(fc.integer({ min: 2, max: 6 }), fc.integer({ min: 0, max: 1000 }), (P, seed) => {
        const s = bottomupScene({ persons: P, size: 48, seed, missing: 0.1 });
        // person p has tags 2p + noise: the reflection t ↦ 2(P − 1) − t (background included) maps person p's tags to
        // those of a person P − 1 − p and keeps every tag distance
        const t2 = ndarray(s.tags.data.map((t) => 2 * (P - 1) - t), s.tags.shape);
        const codec = aeCodec(48);
        expect(personSet(codec.decode(s.heatmaps, t2)[0])).toEqual(personSet(codec.decode(s.heatmaps, s.tags)[0]));
      }),
      { numRuns: 12 },
    );
  });

  it('law: translating the scene translates the found joints (input px = 4 × heatmap px) when they stay 2 px inside the map; joints not found stay at (0, 0) with score 0', () => {
    fc.assert(
      fc.property(fc.integer({ min: -3, max: 3 }), fc.integer({ min: -3, max: 3 }), fc.integer({ min: 0, max: 1000 }), (dx, dy, seed) => {
        const s = bottomupScene({ persons: 3, size: 64, seed, missing: 0.1 });
        const codec = aeCodec(64);
        const a = codec.decode(s.heatmaps, s.tags)[0];
        // Refinement differs within 2 px of the map edge (the quarter/DARK interior rules), so the law
        // is stated for scenes whose found joints stay at least 2 heatmap px inside, before and after.
        const inside = (v: number, d: number) => v / 4 >= 2 - Math.min(0, d) + 1 && v / 4 <= 64 - 3 - Math.max(0, d) - 1;
        fc.pre(Array.from(a.keypoints.data).every((v, i) => a.scores.data[i >> 1] <= 0 || inside(v, i % 2 === 0 ? dx : dy)));
        const b = codec.decode(shift(s.heatmaps, dx, dy, 0), shift(s.tags, dx, dy, -5))[0];
        // A joint whose channel is empty is filled at pixel (0, 0) with score 0 (mmpose's argmax of an
        // all-zero map): it marks "not found" and stays at (0, 0); every found joint moves.
        const found = (i: number) => a.scores.data[i >> 1] > 0;
        const moved = { ...a, keypoints: ndarray(a.keypoints.data.map((v, i) => (found(i) ? v + 4 * (i % 2 === 0 ? dx : dy) : v)), a.keypoints.shape) };
        expect(personSet(b)).toEqual(personSet(moved as AePoses));
      }),
      { numRuns: 12 },
    );
  });

  it('law: flip-test tags (L = 2): a zero second component changes nothing; component l of keypoint k is channel l·K + k', () => {
    const s = bottomupScene({ persons: 4, size: 48, seed: 21, missing: 0.15 });
    const [, , H, W] = s.heatmaps.shape;
    const t2 = ndarray(new Float32Array(2 * K * H * W), [1, 2 * K, H, W]);
    t2.data.set(s.tags.data, 0);
    const codec = aeCodec(48);
    const a = codec.decode(s.heatmaps, s.tags)[0];
    const b = codec.decode(s.heatmaps, t2)[0];
    expect(Array.from(b.keypoints.data)).toEqual(Array.from(a.keypoints.data));
    expect(Array.from(b.scores.data)).toEqual(Array.from(a.scores.data));
    const real = bottomupScene({ persons: 4, size: 48, seed: 21, missing: 0.15, L: 2 });
    expect(codec.decode(real.heatmaps, real.tags)[0].keypoints.shape[0]).toBe(4);
  });

  it('law: decoding never mutates its inputs (mmpose log-blurs them in place with UDP)', () => {
    const s = bottomupScene({ persons: 3, size: 32, seed: 5, missing: 0.2 });
    const codec = createCodec({ type: 'associativeEmbedding', inputSize: [128, 128], heatmapSize: [32, 32], udp: true, centerShift: 0.5 });
    const h = snapshot(s.heatmaps);
    const t = snapshot(s.tags);
    const r1 = codec.decode(s.heatmaps, s.tags);
    expect(snapshot(s.heatmaps)).toEqual(h);
    expect(snapshot(s.tags)).toEqual(t);
    expect(Array.from(codec.decode(s.heatmaps, s.tags)[0].keypoints.data)).toEqual(Array.from(r1[0].keypoints.data));
  });

  it('round trip: encode → decode puts each keypoint within the quarter offset of its rounded position', () => {
    const codec = createCodec({ type: 'associativeEmbedding', inputSize: [256, 256], heatmapSize: [64, 64], sigma: 2 });
    const s = bottomupScene({ persons: 3, size: 64, seed: 8, missing: 0 });
    const kpIn = ndarray(Float32Array.from(s.keypoints, (v) => v * 4), [3, K, 2]);
    const enc = codec.encode(kpIn);
    expect(enc.heatmaps.shape).toEqual([K, 64, 64]);
    expect(enc.keypointIndices.shape).toEqual([3, K, 2]);
    expect(enc.weights.shape).toEqual([3, K]);
    const hm = ndarray(enc.heatmaps.data, [1, K, 64, 64]);
    const out = codec.decode(hm, s.tags)[0];
    expect(out.keypoints.shape[0]).toBe(3);
    for (let n = 0; n < 3; n++) {
      let best = Infinity;
      for (let p = 0; p < 3; p++) {
        let e = 0;
        for (let k = 0; k < K; k++) e = Math.max(e, Math.abs(out.keypoints.get(n, k, 0) - kpIn.get(p, k, 0)), Math.abs(out.keypoints.get(n, k, 1) - kpIn.get(p, k, 1)));
        best = Math.min(best, e);
      }
      expect(best).toBeLessThanOrEqual(4 * 0.75);
    }
  });

  it('bounded: noise heatmaps with scattered tags (every candidate a new group) finish, capped by topk', () => {
    let seed = 7;
    const rnd = () => ((seed = (seed * 16807) % 2147483647) / 2147483647);
    const H = 64;
    const hm = ndarray(Float32Array.from({ length: K * H * H }, rnd), [1, K, H, H]);
    const tags = ndarray(Float32Array.from({ length: K * H * H }, () => rnd() * 2000 - 1000), [1, K, H, H]);
    for (const matching of ['munkres', 'greedy'] as const) {
      const codec = createCodec({ type: 'associativeEmbedding', inputSize: [256, 256], heatmapSize: [H, H], topk: 30, nmsKernel: 3, matching });
      const r = codec.decode(hm, tags)[0];
      expect(r.groups.shape[0]).toBeGreaterThan(100);
      expect(r.groups.shape[0]).toBeLessThanOrEqual(K * 30);
    }
  });

  it('options are snapshotted at creation and the codec is frozen', () => {
    const o = { type: 'associativeEmbedding' as const, inputSize: [64, 64] as [number, number], heatmapSize: [16, 16] as [number, number], topk: 5 };
    const codec = createCodec(o);
    o.heatmapSize[0] = 99;
    o.topk = 1000;
    expect(codec.heatmapSize).toEqual([16, 16]);
    expect(Object.isFrozen(codec)).toBe(true);
    expect(Object.isFrozen(codec.scale)).toBe(true);
    expect(codec.sigma).toBe(0.25);
  });

  const codec = aeCodec(16);
  const hm = ndarray(new Float32Array(K * 256), [1, K, 16, 16]);
  const tags = ndarray(new Float32Array(K * 256), [1, K, 16, 16]);
  const nanTags = ndarray(new Float32Array(K * 256), [1, K, 16, 16]);
  nanTags.data[300] = NaN;
  const infHm = ndarray(new Float32Array(K * 256), [1, K, 16, 16]);
  infHm.data[7] = -Infinity;
  const make = (o: Record<string, unknown>) => () => createCodec({ type: 'associativeEmbedding', inputSize: [64, 64], heatmapSize: [16, 16], ...o } as never);
  it.each([
    ['tag channels not a multiple of K', () => codec.decode(hm, ndarray(new Float32Array(20 * 256), [1, 20, 16, 16])), RangeError, /tags must have L·K channels/],
    ['tags of another H×W', () => codec.decode(hm, ndarray(new Float32Array(K * 240), [1, K, 16, 15])), RangeError, /tags must have the heatmaps' H×W/],
    ['tags of another batch size', () => codec.decode(hm, ndarray(new Float32Array(2 * K * 256), [2, K, 16, 16])), RangeError, /tags must have the heatmaps' batch size/],
    ['heatmaps of another size than the codec', () => codec.decode(ndarray(new Float32Array(K * 64), [1, K, 8, 8]), ndarray(new Float32Array(K * 64), [1, K, 8, 8])), RangeError, /heatmaps must be 16×16/],
    ['NaN in tags', () => codec.decode(hm, nanTags), RangeError, /tags must be finite/],
    ['-Infinity in heatmaps', () => codec.decode(infHm, tags), RangeError, /heatmaps must be finite/],
    ['K ≠ 17 without keypointOrder', () => make({})().decode(ndarray(new Float32Array(3 * 256), [1, 3, 16, 16]), ndarray(new Float32Array(3 * 256), [1, 3, 16, 16])), RangeError, /keypointOrder is required/],
    ['K ≠ keypointOrder length', () => make({ keypointOrder: [1, 0] })().decode(hm, tags), RangeError, /K = 2/],
    ['topk > H·W', make({ topk: 257 }), RangeError, /options\.topk must be <= H·W/],
    ['topk over the bound', make({ heatmapSize: [64, 64], topk: 300 }), RangeError, /options\.topk/],
    ['even NMS kernel', make({ nmsKernel: 4 }), RangeError, /options\.nmsKernel must be odd/],
    ['even Gaussian kernel', make({ gaussianKernel: 2 }), RangeError, /options\.gaussianKernel/],
    ['keypointOrder with a repeat', make({ keypointOrder: [0, 0, 1] }), RangeError, /options\.keypointOrder/],
    ['keypointOrder not an array', make({ keypointOrder: 3 }), TypeError, /options\.keypointOrder/],
    ['unknown matching', make({ matching: 'hungarian' }), RangeError, /options\.matching/],
    ['negative maxInstances', make({ maxInstances: -1 }), RangeError, /options\.maxInstances/],
    ['NaN tagThreshold', make({ tagThreshold: NaN }), RangeError, /options\.tagThreshold/],
    ['string keypointThreshold', make({ keypointThreshold: '0.1' }), TypeError, /options\.keypointThreshold/],
    ['udp with a 1-px heatmap', make({ udp: true, heatmapSize: [1, 16] }), RangeError, /options\.heatmapSize/],
    ['sigma 0', make({ sigma: 0 }), RangeError, /options\.sigma/],
    ['encode: visible of another shape', () => codec.encode(ndarray(new Float32Array(2 * K * 2), [2, K, 2]), ndarray(new Float32Array(K), [1, K])), RangeError, /visible/],
    ['encode: plain array keypoints', () => codec.encode([1, 2] as never), TypeError, /keypoints/],
  ])('rejects %s', (_n, fn, cls, msg) => {
    expect(fn).toThrow(cls);
    expect(fn).toThrow(msg);
  });
});

describe('fill of missing joints (indexed search ≡ mmpose’s full argmin)', () => {
  it('law: UDP with an all-zero channel (NaN log maps: the blur rescales 0/0) fills that joint at (0, 0) with a NaN score, as numpy’s argmin', () => {
    const s = bottomupScene({ persons: 3, size: 40, seed: 3, missing: 0 });
    const hm = ndarray(Float32Array.from(s.heatmaps.data), s.heatmaps.shape);
    hm.data.fill(0, 4 * 40 * 40, 5 * 40 * 40); // keypoint 4 never detected
    const codec = createCodec({ type: 'associativeEmbedding', inputSize: [160, 160], heatmapSize: [40, 40], sigma: 2, udp: true });
    const [r] = codec.decode(hm, s.tags);
    expect(r.keypoints.shape[0]).toBeGreaterThan(0);
    for (let n = 0; n < r.keypoints.shape[0]; n++) {
      expect([r.keypoints.get(n, 4, 0), r.keypoints.get(n, 4, 1)]).toEqual([0, 0]);
      expect(r.scores.get(n, 4)).toBeNaN();
    }
  });

  it('law: the indexed search equals the brute-force argmin on odd-sized maps with scattered and clustered tags (L = 1 and 2, strided tags)', async () => {
    const { fillMissing } = await import('../../src/codecs/ae-fill.js');
    const { heatmapView } = await import('../../src/core/ndarray.js');
    const f = Math.fround;
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 2 }), fc.integer({ min: 9, max: 29 }), fc.integer({ min: 9, max: 29 }), fc.integer(), fc.boolean(), (L, H, W, seed, transposed) => {
        let st = seed >>> 0;
        const rnd = () => ((st = (Math.imul(st, 1664525) + 1013904223) >>> 0) / 4294967296);
        const Kc = 2;
        const flat = Float64Array.from({ length: L * Kc * H * W }, () => (rnd() < 0.7 ? -5 : Math.round(rnd() * 6) + 0.1 * (rnd() - 0.5)));
        const tags = transposed
          ? ndarray(Float64Array.from({ length: flat.length }, (_, i) => {
              const c = Math.floor(i / (H * W));
              const x = Math.floor((i % (H * W)) / H);
              const y = i % H;
              return flat[c * H * W + y * W + x];
            }), [1, L * Kc, H, W], [L * Kc * H * W, H * W, 1, H])
          : ndarray(flat, [1, L * Kc, H, W]);
        const M = ndarray(Float32Array.from({ length: Kc * H * W }, () => (rnd() < 0.5 ? 0 : rnd())), [1, Kc, H, W]);
        const kp = Float64Array.from([2, 3, 0, 0]);
        const sc = Float64Array.from([0.9, 0]);
        const tv = heatmapView('tags', tags);
        const hv = heatmapView('heatmaps', M);
        fillMissing(kp, sc, 1, tv, 0, Kc, L, { data: hv.data, offset: 0, sK: hv.sK, sH: hv.sH, sW: hv.sW });
        const tag = Array.from({ length: L }, (_, l) => f(tags.get(0, l * Kc, 3, 2)));
        let best = Infinity;
        let bi = 0;
        for (let y = 0; y < H; y++)
          for (let x = 0; x < W; x++) {
            let ss = 0;
            for (let l = 0; l < L; l++) {
              const d = f(tags.get(0, l * Kc + 1, y, x) - tag[l]);
              ss = f(ss + f(d * d));
            }
            const e = L === 1 ? Math.abs(f(tags.get(0, 1, y, x) - tag[0])) : f(Math.sqrt(ss));
            const r = Math.round(e) - (Math.round(e) - e === 0.5 && Math.round(e) % 2 !== 0 ? 1 : 0);
            const c = f(r * 100 - M.get(0, 1, y, x));
            if (c < best) {
              best = c;
              bi = y * W + x;
            }
          }
        expect([kp[2], kp[3]]).toEqual([bi % W, Math.floor(bi / W)]);
      }),
      { numRuns: 200 },
    );
  });

  it('law: equals the brute-force first argmin of float32(round(‖t − tag‖)·100 − M) on tie-heavy maps, L = 1 and 2, any M range', async () => {
    const { fillMissing } = await import('../../src/codecs/ae-fill.js');
    const { heatmapView } = await import('../../src/core/ndarray.js');
    const f = Math.fround;
    const rhe = (x: number) => {
      const fl = Math.floor(x);
      const d = x - fl;
      return d < 0.5 ? fl : d > 0.5 ? fl + 1 : fl % 2 === 0 ? fl : fl + 1;
    };
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 2 }), fc.integer({ min: 2, max: 12 }), fc.integer({ min: 2, max: 12 }), fc.integer(), fc.constantFrom(1, 300), (L, H, W, seed, mRange) => {
        let s = seed >>> 0;
        const rnd = () => ((s = (Math.imul(s, 1664525) + 1013904223) >>> 0) / 4294967296);
        const Kc = 2;
        const tags = ndarray(Float32Array.from({ length: L * Kc * H * W }, () => Math.round(rnd() * 16) / 4 - 1), [1, L * Kc, H, W]);
        const M = ndarray(Float32Array.from({ length: Kc * H * W }, () => Math.round(rnd() * 8) / 8 * mRange), [1, Kc, H, W]);
        // one instance: joint 0 detected at (1, 1), joint 1 missing
        const kp = Float64Array.from([1, 1, 0, 0]);
        const sc = Float64Array.from([0.9, 0]);
        const tv = heatmapView('tags', tags);
        const hv = heatmapView('heatmaps', M);
        fillMissing(kp, sc, 1, tv, 0, Kc, L, { data: hv.data, offset: 0, sK: hv.sK, sH: hv.sH, sW: hv.sW });
        const tag = Array.from({ length: L }, (_, l) => f(tags.get(0, l * Kc, 1, 1)));
        let best = Infinity;
        let bi = 0;
        for (let y = 0; y < H; y++)
          for (let x = 0; x < W; x++) {
            let ss = 0;
            for (let l = 0; l < L; l++) {
              const d = f(tags.get(0, l * Kc + 1, y, x) - tag[l]);
              ss = f(ss + f(d * d));
            }
            const c = f(rhe(f(Math.sqrt(ss))) * 100 - M.get(0, 1, y, x));
            if (c < best) {
              best = c;
              bi = y * W + x;
            }
          }
        expect([kp[2], kp[3]]).toEqual([bi % W, Math.floor(bi / W)]);
        expect(sc[1]).toBe(M.get(0, 1, Math.floor(bi / W), bi % W));
      }),
      { numRuns: 300 },
    );
  });
});
