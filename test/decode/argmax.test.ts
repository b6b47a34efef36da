import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import ndarray from 'ndarray';
import { heatmapArgmax } from '../../src/decode/index.js';
import { planeArgmax } from '../../src/decode/argmax.js';
import { heatmapView } from '../../src/core/ndarray.js';
import { noiseMaps, nhwcView, snapshot } from '../helpers/maps.js';

describe('heatmapArgmax', () => {
  it('returns the first maximum in row-major order on ties (numpy rule)', () => {
    const d = new Float32Array(12);
    d[5] = 0.7; // (y=1, x=1)
    d[6] = 0.7; // (y=1, x=2)
    d[9] = 0.7; // (y=2, x=1)
    const r = heatmapArgmax(ndarray(d, [1, 3, 4]));
    expect(Array.from(r.keypoints.data)).toEqual([1, 1]);
    expect(r.keypoints.shape).toEqual([1, 2]);
    expect(r.scores.data[0]).toBeCloseTo(0.7, 6);
  });

  it('gives the −1 sentinel and the maximum as score where the maximum is <= 0', () => {
    const zero = new Float32Array(6);
    const neg = new Float32Array(6).fill(-0.5);
    neg[4] = -0.1;
    const r = heatmapArgmax(ndarray(Float32Array.from([...zero, ...neg]), [2, 2, 3]));
    expect(Array.from(r.keypoints.data)).toEqual([-1, -1, -1, -1]);
    expect(r.scores.data[0]).toBe(0);
    expect(r.scores.data[1]).toBeCloseTo(-0.1, 6);
  });

  it('treats NaN as numpy does (first NaN wins, score NaN)', () => {
    const d = Float32Array.from([0.1, 0.9, NaN, 0.2]);
    const r = heatmapArgmax(ndarray(d, [1, 2, 2]));
    expect(Array.from(r.keypoints.data)).toEqual([0, 1]);
    expect(r.scores.data[0]).toBeNaN();
  });

  it('decodes [B,K,H,W] and an NHWC view through strides identically', () => {
    const m = noiseMaps([3, 4, 7, 5], 7, -0.2, 1);
    const a = heatmapArgmax(m);
    const b = heatmapArgmax(nhwcView(m));
    expect(a.keypoints.shape).toEqual([3, 4, 2]);
    expect(a.scores.shape).toEqual([3, 4]);
    expect(Array.from(b.keypoints.data)).toEqual(Array.from(a.keypoints.data));
    expect(Array.from(b.scores.data)).toEqual(Array.from(a.scores.data));
  });

  it('handles 1×1 and 1×N maps and never mutates its input', () => {
    const one = ndarray(Float32Array.from([0.3]), [1, 1, 1]);
    expect(Array.from(heatmapArgmax(one).keypoints.data)).toEqual([0, 0]);
    const row = ndarray(Float64Array.from([0.1, 0.5, 0.2]), [1, 1, 3]);
    const before = snapshot(row);
    expect(Array.from(heatmapArgmax(row).keypoints.data)).toEqual([1, 0]);
    expect(snapshot(row)).toEqual(before);
  });

  it('rejects bad input with typed errors naming the argument', () => {
    expect(() => heatmapArgmax(undefined as never)).toThrow(TypeError);
    expect(() => heatmapArgmax(new Float32Array(4) as never)).toThrow(/heatmaps/);
    expect(() => heatmapArgmax(ndarray(new Float32Array(4), [2, 2]))).toThrow(/rank/);
    expect(() => heatmapArgmax(ndarray(new Int32Array(8), [2, 2, 2]))).toThrow(TypeError);
    expect(() => heatmapArgmax(ndarray(new Float32Array(4), [1, 0, 4]))).toThrow(RangeError);
    expect(() => heatmapArgmax(ndarray(new Float32Array(4), [2, 2, 2]))).toThrow(/outside/);
  });
});

/** numpy's `argmax` of one flat plane: the first NaN, else the first maximum. */
function numpyArgmax(v: ArrayLike<number>): number {
  let bi = 0;
  for (let i = 0; i < v.length; i++) {
    if (v[i] !== v[i]) return i;
    if (v[i] > v[bi]) bi = i;
  }
  return bi;
}

describe('heatmapArgmax against numpy argmax on adversarial planes', () => {
  // Few distinct values (many ties across the four internal lanes and the tail), ±∞, NaN, −0/+0,
  // every plane length 1…41 (lengths not divisible by 4 put values in the tail), ramps, all −∞.
  const value = fc.oneof(
    { weight: 12, arbitrary: fc.integer({ min: -3, max: 3 }) },
    { weight: 1, arbitrary: fc.constantFrom(Infinity, -Infinity, NaN, -0, 0) },
  );
  const plane = fc.oneof(
    fc.array(value, { minLength: 1, maxLength: 41 }),
    fc.integer({ min: 1, max: 41 }).map((n) => Array.from({ length: n }, (_, i) => i)),
    fc.integer({ min: 1, max: 41 }).map((n) => Array.from({ length: n }, () => -Infinity)),
  );
  it('same flat index and value as numpy, float32 and float64, contiguous rows, columns and strided views', () => {
    fc.assert(
      fc.property(plane, fc.boolean(), (vals, f64) => {
        const n = vals.length;
        const data = f64 ? Float64Array.from(vals) : Float32Array.from(vals);
        const want = numpyArgmax(data);
        // A copy interleaved with junk, read through stride 2 (the strided code path).
        const wide = f64 ? new Float64Array(2 * n).fill(99) : new Float32Array(2 * n).fill(99);
        data.forEach((v, i) => (wide[2 * i] = v));
        const views = [ndarray(data, [1, 1, n]), ndarray(data, [1, n, 1]), ndarray(wide, [1, 1, n], [2 * n, 2 * n, 2])];
        for (const h of views) {
          const v = heatmapView('heatmaps', h);
          const out = new Float64Array(1);
          expect(planeArgmax(v, v.offset, out)).toBe(want);
          expect(Object.is(out[0], data[want]) || out[0] === data[want]).toBe(true);
          const r = heatmapArgmax(h);
          expect(Object.is(r.scores.data[0], data[want]) || r.scores.data[0] === data[want]).toBe(true);
        }
      }),
      { numRuns: 2000 },
    );
  });
});
