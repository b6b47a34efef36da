import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import ndarray from 'ndarray';
import { topkPeaks } from '../../src/decode/index.js';
import { TopkBuffer } from '../../src/decode/topk-peaks.js';
import { noiseMaps, snapshot } from '../helpers/maps.js';

describe('topkPeaks', () => {
  it('returns the k largest values per map, descending, with (x, y) = (i % W, i / W)', () => {
    const h = ndarray(Float32Array.from([0.1, 0.9, 0.3, 0.8, 0.2, 0.7]), [1, 1, 2, 3]);
    const r = topkPeaks(h, 3);
    expect(Array.from(r.values.data)).toEqual([0.9, 0.8, 0.7].map(Math.fround));
    expect(Array.from(r.locations.data)).toEqual([1, 0, 0, 1, 2, 1]);
    expect(r.values.shape).toEqual([1, 1, 3]);
    expect(r.locations.shape).toEqual([1, 1, 3, 2]);
    expect(r.tags).toBeUndefined();
  });

  it('tie rule: equal values in increasing flat index; NaN ranks first', () => {
    const h = ndarray(Float32Array.from([0.5, 0.5, NaN, 0.5, 1]), [1, 1, 1, 5]);
    const r = topkPeaks(h, 4);
    expect(r.values.data[0]).toBeNaN();
    expect(Array.from(r.values.data.subarray(1))).toEqual([1, 0.5, 0.5]);
    expect(Array.from(r.locations.data).filter((_, i) => i % 2 === 0)).toEqual([2, 4, 0, 1]);
  });

  it('reads tag component l of keypoint k from channel l·K + k (flip test L = 2)', () => {
    const K = 2;
    const h = noiseMaps([1, K, 3, 3], 3);
    const tags = noiseMaps([1, 2 * K, 3, 3], 4);
    const r = topkPeaks(h, 2, { tags });
    expect(r.tags!.shape).toEqual([1, K, 2, 2]);
    for (let k = 0; k < K; k++)
      for (let j = 0; j < 2; j++) {
        const x = r.locations.get(0, k, j, 0);
        const y = r.locations.get(0, k, j, 1);
        for (let l = 0; l < 2; l++) expect(r.tags!.get(0, k, j, l)).toBe(tags.get(0, l * K + k, y, x));
      }
  });

  it('law: equals a full stable sort for every k (insertion and heap paths), unbatched input too', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 12 }), fc.integer({ min: 1, max: 12 }), fc.integer(), fc.double({ min: 0, max: 1, noNaN: true }), (H, W, seed, kf) => {
        const h = noiseMaps([2, H, W], seed);
        for (let i = 0; i < h.data.length; i += 3) h.data[i] = 0.5; // ties
        const k = Math.max(1, Math.round(kf * H * W));
        const r = topkPeaks(h, k);
        for (let c = 0; c < 2; c++) {
          const idx = Array.from({ length: H * W }, (_, i) => i).sort((a, b) => h.data[c * H * W + b] - h.data[c * H * W + a] || a - b).slice(0, k);
          expect(Array.from({ length: k }, (_, j) => r.values.get(c, j))).toEqual(idx.map((i) => h.data[c * H * W + i]));
          expect(Array.from({ length: k }, (_, j) => r.locations.get(c, j, 1) * W + r.locations.get(c, j, 0))).toEqual(idx);
        }
      }),
      { numRuns: 80 },
    );
  });

  it('TopkBuffer heap keeps the best k of a long stream', () => {
    const buf = new TopkBuffer(40);
    const vals = Array.from({ length: 500 }, (_, i) => Math.sin(i * 1.7));
    vals.forEach((v, i) => buf.push(v, i));
    expect(buf.finish()).toBe(40);
    const want = vals.map((v, i) => [v, i] as const).sort((a, b) => b[0] - a[0] || a[1] - b[1]).slice(0, 40);
    expect(Array.from(buf.indices)).toEqual(want.map((w) => w[1]));
  });

  it('law: never mutates its inputs', () => {
    const h = noiseMaps([1, 2, 5, 5], 9);
    const t = noiseMaps([1, 4, 5, 5], 10);
    const a = snapshot(h);
    const b = snapshot(t);
    topkPeaks(h, 7, { tags: t });
    expect(snapshot(h)).toEqual(a);
    expect(snapshot(t)).toEqual(b);
  });

  const h = noiseMaps([1, 2, 4, 4], 1);
  it.each([
    ['k > H·W', () => topkPeaks(h, 17), RangeError, /k must be <= H·W/],
    ['k = 0', () => topkPeaks(h, 0), RangeError, /^k/],
    ['fractional k', () => topkPeaks(h, 1.5), TypeError, /^k/],
    ['tag channels not a multiple of K', () => topkPeaks(h, 2, { tags: noiseMaps([1, 3, 4, 4]) }), RangeError, /options\.tags/],
    ['tags of another H×W', () => topkPeaks(h, 2, { tags: noiseMaps([1, 2, 4, 5]) }), RangeError, /options\.tags/],
    ['tags of another batch size', () => topkPeaks(h, 2, { tags: noiseMaps([2, 2, 4, 4]) }), RangeError, /options\.tags/],
    ['tags of another rank', () => topkPeaks(h, 2, { tags: noiseMaps([2, 4, 4]) }), TypeError, /options\.tags/],
    ['heatmaps not an ndarray', () => topkPeaks({} as never, 2), TypeError, /heatmaps/],
    ['options not an object', () => topkPeaks(h, 2, 5 as never), TypeError, /options/],
  ])('rejects %s', (_n, fn, cls, msg) => {
    expect(fn).toThrow(cls);
    expect(fn).toThrow(msg);
  });
});
