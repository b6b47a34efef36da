import { describe, expect, it } from 'vitest';
import ndarray from 'ndarray';
import type { NdArray } from 'ndarray';
import { heatmapArgmax, refineDarkUdp, gaussianBlur } from '../../src/decode/index.js';
import { gaussianMaps, noiseMaps } from '../helpers/maps.js';

function argmax3(hm: NdArray): NdArray {
  return ndarray(heatmapArgmax(hm).keypoints.data, [1, hm.shape[0], 2]);
}

/** mmpose refine_keypoints_dark_udp on whole maps (float64 after the float32 blur). */
function fullBlurDarkUdp(kp: NdArray, hm: NdArray, k: number): number[] {
  const b = gaussianBlur(hm, k);
  const [K, H, W] = hm.shape;
  const L = (kk: number, y: number, x: number) => Math.log(Math.min(Math.max(b.get(kk, Math.min(Math.max(y, 0), H - 1), Math.min(Math.max(x, 0), W - 1)), 1e-3), 50));
  const out: number[] = [];
  for (let kk = 0; kk < K; kk++) {
    const px = kp.get(0, kk, 0);
    const py = kp.get(0, kk, 1);
    const [x, y] = [px, py];
    const i = L(kk, y, x);
    const dx = 0.5 * (L(kk, y, x + 1) - L(kk, y, x - 1));
    const dy = 0.5 * (L(kk, y + 1, x) - L(kk, y - 1, x));
    const dxx = L(kk, y, x + 1) - 2 * i + L(kk, y, x - 1);
    const dyy = L(kk, y + 1, x) - 2 * i + L(kk, y - 1, x);
    const dxy = 0.5 * (L(kk, y + 1, x + 1) - L(kk, y, x + 1) - L(kk, y + 1, x) + 2 * i - L(kk, y, x - 1) - L(kk, y - 1, x) + L(kk, y - 1, x - 1));
    const e = 1.1920928955078125e-7;
    const a = dxx + e;
    const d = dyy + e;
    const det = a * d - dxy * dxy;
    out.push(px - (d * dx - dxy * dy) / det, py - (-dxy * dx + a * dy) / det);
  }
  return out;
}

describe('refineDarkUdp', () => {
  it('recovers a Gaussian centre to ~1e-2 px with k=1 (unit-step stencil on a quadratic log is exact up to ε)', () => {
    const centres: [number, number][] = [
      [10.3, 20.7],
      [30.8, 40.45],
    ];
    const hm = gaussianMaps(48, 64, centres, 2);
    const out = refineDarkUdp(argmax3(hm), hm, { blurKernelSize: 1 });
    centres.forEach(([x, y], k) => {
      expect(Math.abs(out.get(0, k, 0) - x)).toBeLessThan(1e-3);
      expect(Math.abs(out.get(0, k, 1) - y)).toBeLessThan(1e-3);
    });
  });

  it('equals the whole-map reference (3×3 local blur) on clean, low, noisy and > 50 maps, borders included', () => {
    for (const [seed, k, amp] of [
      [1, 11, 1],
      [2, 3, 0.02],
      [3, 7, 80],
      [4, 11, 0.004],
    ]) {
      const g = gaussianMaps(48, 64, [
        [0.4, 30.6],
        [40.2, 63],
        [20.5, 20.5],
      ], 2, amp);
      const n = noiseMaps([3, 64, 48], seed, 0, 0.05 * amp);
      for (let i = 0; i < g.data.length; i++) g.data[i] = Math.fround(g.data[i] + n.data[i]);
      const kp = argmax3(g);
      const got = refineDarkUdp(kp, g, { blurKernelSize: k });
      const want = fullBlurDarkUdp(kp, g, k);
      for (let i = 0; i < want.length; i++) expect(Math.abs(got.data[i] - want[i])).toBeLessThan(1e-4);
    }
  });

  it('leaves keypoints outside the map (−1 sentinel) unchanged instead of reading wrapped memory', () => {
    const hm = ndarray(new Float32Array(2 * 8 * 8), [2, 8, 8]);
    const kp = ndarray(Float64Array.from([-1, -1, 8, 3]), [1, 2, 2]);
    expect(Array.from(refineDarkUdp(kp, hm).data)).toEqual([-1, -1, 8, 3]);
  });

  it('rejects bad kernel sizes and mismatched shapes', () => {
    const hm = noiseMaps([2, 8, 8]);
    const kp = ndarray(new Float64Array(4), [1, 2, 2]);
    expect(() => refineDarkUdp(kp, hm, { blurKernelSize: 10 })).toThrow(RangeError);
    expect(() => refineDarkUdp(ndarray(new Float64Array(6), [1, 3, 2]), hm)).toThrow(/K/);
    expect(() => refineDarkUdp(kp, ndarray(new Float32Array(256), [2, 2, 8, 8]))).toThrow(/B = 2/);
  });
});
