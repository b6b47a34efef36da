import { describe, expect, it } from 'vitest';
import ndarray from 'ndarray';
import { heatmapArgmax } from '../../src/decode/index.js';
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
