import { describe, expect, it } from 'vitest';
import ndarray from 'ndarray';
import type { NdArray } from 'ndarray';
import { heatmapArgmax, refineDark, gaussianBlur } from '../../src/decode/index.js';
import { gaussianMaps, noiseMaps, nhwcView, snapshot } from '../helpers/maps.js';

/** The mmpose algorithm on whole blurred maps, written out plainly (float64 logs): the reference for the 13-point path. */
function fullBlurDark(kp: NdArray, hm: NdArray, k: number): number[] {
  const b = gaussianBlur(hm, k);
  const [K, H, W] = hm.shape;
  const L = (kk: number, y: number, x: number) => Math.log(Math.max(b.get(kk, y, x), 1e-10));
  const out: number[] = [];
  for (let kk = 0; kk < K; kk++) {
    let px = kp.get(0, kk, 0);
    let py = kp.get(0, kk, 1);
    const x = Math.trunc(px);
    const y = Math.trunc(py);
    if (1 < x && x < W - 2 && 1 < y && y < H - 2) {
      const dx = 0.5 * (L(kk, y, x + 1) - L(kk, y, x - 1));
      const dy = 0.5 * (L(kk, y + 1, x) - L(kk, y - 1, x));
      const dxx = 0.25 * (L(kk, y, x + 2) - 2 * L(kk, y, x) + L(kk, y, x - 2));
      const dyy = 0.25 * (L(kk, y + 2, x) - 2 * L(kk, y, x) + L(kk, y - 2, x));
      const dxy = 0.25 * (L(kk, y + 1, x + 1) - L(kk, y - 1, x + 1) - L(kk, y + 1, x - 1) + L(kk, y - 1, x - 1));
      const det = dxx * dyy - dxy * dxy;
      if (det !== 0) {
        px -= (dyy * dx - dxy * dy) / det;
        py -= (-dxy * dx + dxx * dy) / det;
      }
    }
    out.push(px, py);
  }
  return out;
}

function argmax3(hm: NdArray): NdArray {
  const r = heatmapArgmax(hm);
  return ndarray(r.keypoints.data, [1, hm.shape[0], 2]);
}

describe('refineDark', () => {
  it('recovers the exact sub-pixel centre of a Gaussian when the blur is the identity (k=1)', () => {
    const centres: [number, number][] = [
      [10.3, 20.7],
      [23.49, 31.02],
      [5.5, 6.25],
    ];
    const hm = gaussianMaps(48, 64, centres, 2);
    const out = refineDark(argmax3(hm), hm, { blurKernelSize: 1 });
    centres.forEach(([x, y], k) => {
      expect(Math.abs(out.get(0, k, 0) - x)).toBeLessThan(1e-4);
      expect(Math.abs(out.get(0, k, 1) - y)).toBeLessThan(1e-4);
    });
  });

  it('equals the whole-map blur reference (13-point local blur) on clean, noisy and low maps', () => {
    for (const [seed, k] of [
      [1, 11],
      [2, 3],
      [3, 17],
      [4, 7],
    ]) {
      const g = gaussianMaps(48, 64, [
        [12.4, 30.6],
        [40.2, 8.9],
      ]);
      const n = noiseMaps([2, 64, 48], seed, 0, 0.05);
      for (let i = 0; i < g.data.length; i++) g.data[i] = Math.fround(g.data[i] * 0.6 + n.data[i]);
      const kp = argmax3(g);
      const got = refineDark(kp, g, { blurKernelSize: k });
      const want = fullBlurDark(kp, g, k);
      for (let i = 0; i < want.length; i++) expect(Math.abs(got.data[i] - want[i])).toBeLessThan(1e-5);
    }
  });

  it('keeps border points (1 < x < W−2 rule) and the −1 sentinel unchanged', () => {
    const hm = gaussianMaps(20, 20, [
      [1.3, 10.2],
      [10, 17.6],
    ]);
    const kp = ndarray(Float64Array.from([1, 10, 10, 18, -1, -1]).subarray(0, 4), [1, 2, 2]);
    const out = refineDark(kp, hm);
    expect(Array.from(out.data)).toEqual([1, 10, 10, 18]);
  });

  it('takes unbounded Newton steps by default but bounds them with guard (quarter fallback)', () => {
    const hm = noiseMaps([17, 32, 24], 11, 0, 1);
    const kp = argmax3(hm);
    const d = kp.data as Float64Array;
    const guarded = refineDark(kp, hm, { guard: true });
    const free = refineDark(kp, hm);
    let maxFree = 0;
    for (let i = 0; i < d.length; i++) {
      expect(Math.abs(guarded.data[i] - d[i])).toBeLessThanOrEqual(1);
      maxFree = Math.max(maxFree, Math.abs(free.data[i] - d[i]));
    }
    expect(maxFree).toBeGreaterThan(1);
  });

  it('is invariant to scaling the heatmap values by c > 0', () => {
    const hm = gaussianMaps(48, 64, [[20.3, 33.8]]);
    const scaled = ndarray(hm.data.map((v) => v * 7.5), hm.shape);
    const a = refineDark(argmax3(hm), hm);
    const b = refineDark(argmax3(scaled), scaled);
    expect(Math.abs(a.data[0] - b.data[0]) + Math.abs(a.data[1] - b.data[1])).toBeLessThan(1e-6);
  });

  it('decodes [B,K,2] with [B,K,H,W], NCHW ≡ NHWC view, and never mutates inputs', () => {
    const g = gaussianMaps(24, 32, [
      [7.2, 9.9],
      [15.5, 20.1],
    ]);
    const batch = ndarray(Float32Array.from([...g.data, ...g.data]), [2, 2, 32, 24]);
    const am = heatmapArgmax(batch).keypoints;
    const before = snapshot(batch);
    const amBefore = snapshot(am);
    const a = refineDark(am, batch);
    const b = refineDark(am, nhwcView(batch));
    expect(Array.from(b.data)).toEqual(Array.from(a.data));
    expect(Array.from(a.data.subarray(0, 4))).toEqual(Array.from(a.data.subarray(4, 8)));
    expect(snapshot(batch)).toEqual(before);
    expect(snapshot(am)).toEqual(amBefore);
  });

  it('rejects bad arguments with typed errors naming them', () => {
    const hm = gaussianMaps(8, 8, [[4, 4]]);
    const kp = ndarray(new Float64Array(2), [1, 1, 2]);
    expect(() => refineDark(kp, hm, { blurKernelSize: 4 })).toThrow(/odd/);
    expect(() => refineDark(kp, hm, { blurKernelSize: 0 })).toThrow(RangeError);
    expect(() => refineDark(kp, hm, { blurKernelSize: 2.5 })).toThrow(TypeError);
    expect(() => refineDark(ndarray(new Float64Array(4), [1, 2, 2]), hm)).toThrow(/K/);
    // [K, 2] is heatmapArgmax's output for [K, H, W] (the two-step form); [K, 1] is not keypoints.
    expect(() => refineDark(ndarray(new Float64Array(2), [2, 1]), hm)).toThrow(/keypoints/);
    expect(() => refineDark(kp, hm, 'x' as never)).toThrow(TypeError);
    expect(() => refineDark(kp, hm, { maxStep: -1 })).toThrow(/maxStep/);
  });
});
