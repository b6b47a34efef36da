import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import ndarray from 'ndarray';
import { heatmapNms } from '../../src/decode/index.js';
import { noiseMaps, nhwcView, snapshot } from '../helpers/maps.js';

/** Brute-force reference: h · [h == max over the clipped window]. */
function bruteNms(h: ndarray.NdArray, k: number): number[] {
  const [K, H, W] = h.shape;
  const r = (k - 1) / 2;
  const out: number[] = [];
  for (let c = 0; c < K; c++)
    for (let y = 0; y < H; y++)
      for (let x = 0; x < W; x++) {
        let m = -Infinity;
        for (let yy = Math.max(0, y - r); yy <= Math.min(H - 1, y + r); yy++)
          for (let xx = Math.max(0, x - r); xx <= Math.min(W - 1, x + r); xx++) m = Math.max(m, h.get(c, yy, xx));
        const v = h.get(c, y, x);
        out.push(v === m ? v : v * 0);
      }
  return out;
}

describe('heatmapNms', () => {
  it('keeps every pixel equal to its window maximum (plateaus, adjacent equal maxima, constant maps)', () => {
    const h = ndarray(Float32Array.from([0, 1, 1, 0, 0.5, 0, 0, 0.2, 0, 0, 0.3, 0.1]), [1, 3, 4]);
    expect(Array.from(heatmapNms(h, 3).data)).toEqual([0, 1, 1, 0, 0, 0, 0, 0, 0, 0, 0.30000001192092896, 0]);
    const c = ndarray(new Float32Array(12).fill(0.25), [1, 3, 4]);
    expect(Array.from(heatmapNms(c, 5).data)).toEqual(Array(12).fill(0.25));
  });

  it('pads with −inf (negative border maxima survive) and writes −0 for suppressed negative pixels', () => {
    const h = ndarray(Float32Array.from([-1, -2, -3]), [1, 1, 3]);
    const out = heatmapNms(h, 3).data;
    expect(out[0]).toBe(-1);
    expect(Object.is(out[1], -0)).toBe(true);
    expect(Object.is(out[2], -0)).toBe(true);
  });

  it('propagates NaN as torch max_pool2d: a NaN pixel stays NaN and suppresses its window; suppressed ±inf become NaN', () => {
    const h = ndarray(Float32Array.from([0.5, NaN, 0.1, 0, 0, Infinity, -Infinity, 1]), [1, 1, 8]);
    const out = Array.from(heatmapNms(h, 3).data);
    expect(out[0]).toBe(0);
    expect(out[1]).toBeNaN();
    expect(out[2]).toBe(0);
    expect(out[5]).toBe(Infinity);
    expect(out[6]).toBeNaN();
  });

  it('law: equals the brute-force h·[h == window max] on random quantised maps, any odd kernel', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 9 }), fc.integer({ min: 1, max: 9 }), fc.constantFrom(1, 3, 5, 7), fc.integer(), (H, W, k, seed) => {
        const h = noiseMaps([2, H, W], seed, -1, 1);
        for (let i = 0; i < h.data.length; i++) h.data[i] = Math.round(h.data[i] * 4) / 4;
        expect(Array.from(heatmapNms(h, k).data)).toEqual(bruteNms(h, k));
      }),
      { numRuns: 60 },
    );
  });

  it('law: batch ≡ per image, NHWC views ≡ NCHW, the input is never mutated', () => {
    const h = noiseMaps([3, 2, 9, 7], 4);
    const before = snapshot(h);
    const all = heatmapNms(h, 5);
    expect(snapshot(h)).toEqual(before);
    for (let b = 0; b < 3; b++) expect(Array.from(heatmapNms(h.pick(b), 5).data)).toEqual(Array.from(all.data.subarray(b * 2 * 63, (b + 1) * 2 * 63)));
    expect(Array.from(heatmapNms(nhwcView(h), 5).data)).toEqual(Array.from(all.data));
    expect(all.shape).toEqual([3, 2, 9, 7]);
  });

  it('law: idempotent on non-negative maps', () => {
    fc.assert(
      fc.property(fc.integer(), (seed) => {
        const once = heatmapNms(noiseMaps([1, 8, 8], seed), 3);
        expect(Array.from(heatmapNms(once, 3).data)).toEqual(Array.from(once.data));
      }),
      { numRuns: 30 },
    );
  });

  it.each([
    ['even kernel', () => heatmapNms(noiseMaps([1, 4, 4]), 4), RangeError, /kernelSize/],
    ['zero kernel', () => heatmapNms(noiseMaps([1, 4, 4]), 0), RangeError, /kernelSize/],
    ['fractional kernel', () => heatmapNms(noiseMaps([1, 4, 4]), 2.5), TypeError, /kernelSize/],
    ['huge kernel', () => heatmapNms(noiseMaps([1, 4, 4]), 1e9 + 1), RangeError, /kernelSize/],
    ['plain array', () => heatmapNms([1, 2, 3] as never), TypeError, /heatmaps/],
    ['rank 2', () => heatmapNms(ndarray(new Float32Array(4), [2, 2])), TypeError, /heatmaps/],
    ['integer data', () => heatmapNms(ndarray(new Int32Array(4), [1, 2, 2])), TypeError, /heatmaps/],
  ])('rejects %s', (_name, fn, cls, msg) => {
    expect(fn).toThrow(cls);
    expect(fn).toThrow(msg);
  });
});
