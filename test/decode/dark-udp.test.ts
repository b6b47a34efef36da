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

  it('equals a literal port of refinement.py:132-163 (flat padded float32 vector) on sentinel, fractional, border and outside starts', () => {
    const f = Math.fround;
    const literal = (kp: NdArray, hm: NdArray, ks: number): number[] => {
      const [K, H, W] = hm.shape;
      const b = gaussianBlur(hm, ks);
      const P = (W + 2) * (H + 2);
      const pad = new Float32Array(K * P);
      for (let k = 0; k < K; k++)
        for (let r = 0; r < H + 2; r++)
          for (let q = 0; q < W + 2; q++) {
            const v = b.get(k, Math.min(Math.max(r - 1, 0), H - 1), Math.min(Math.max(q - 1, 0), W - 1));
            pad[k * P + r * (W + 2) + q] = f(Math.log(v !== v ? v : Math.min(Math.max(v, f(1e-3)), 50)));
          }
      const at = (j: number) => pad[j < 0 ? j + pad.length : j];
      const out: number[] = [];
      for (let k = 0; k < K; k++) {
        const x = f(kp.get(0, k, 0));
        const y = f(kp.get(0, k, 1));
        const idx = Math.trunc(f(f(f(x + 1) + f(f(y + 1) * (W + 2))) + P * k));
        const [i, ix1, iy1, ix1y1, ix1y1m, ix1m, iy1m] = [0, 1, W + 2, W + 3, -W - 3, -1, -W - 2].map((d) => at(idx + d));
        const dx = 0.5 * f(ix1 - ix1m);
        const dy = 0.5 * f(iy1 - iy1m);
        const dxx = f(f(ix1 - 2 * i) + ix1m);
        const dyy = f(f(iy1 - 2 * i) + iy1m);
        const dxy = 0.5 * f(f(f(f(f(f(f(ix1y1 - ix1) - iy1) + i) + i) - ix1m) - iy1m) + ix1y1m);
        const a = dxx + 1.1920928955078125e-7;
        const d = dyy + 1.1920928955078125e-7;
        const det = a * d - dxy * dxy;
        out.push(x - (d * dx - dxy * dy) / det, y - (-dxy * dx + a * dy) / det);
      }
      return out;
    };
    const hm = gaussianMaps(10, 12, [[3, 4], [7.3, 8.6], [0, 0], [5, 5]], 1.5);
    // channel 2 all zero (blurs to NaN), channel 3 all negative (clipped flat)
    for (let i = 0; i < 120; i++) {
      hm.data[2 * 120 + i] = 0;
      hm.data[3 * 120 + i] = -0.5;
    }
    const starts = [
      [-1, -1, 3, 4, -1, -1, -1, -1],
      [0, 0, 9, 11, 5.5, 2.04, 4.9999, 7.02],
      [2.6, 6.98, 0.9999, 0.02, 9, 0, 0, 11],
      [10, 3, -1, 5, 4, 12, 3, 3],
    ];
    for (const s of starts) {
      const kp = ndarray(Float64Array.from(s), [1, 4, 2]);
      for (const ks of [3, 11]) {
        const got = Array.from(refineDarkUdp(kp, hm, { blurKernelSize: ks }).data);
        const want = literal(kp, hm, ks);
        for (let j = 0; j < 8; j++) {
          if (Number.isNaN(want[j])) expect(got[j]).toBeNaN();
          else expect(Math.abs(got[j] - want[j]), `start ${s}, k ${ks}, value ${j}`).toBeLessThanOrEqual(1e-5);
        }
      }
    }
  });

  it('keeps the point where numpy would raise IndexError (the flat index leaves the vector)', () => {
    const hm = gaussianMaps(8, 8, [[3, 3], [4, 4]]);
    const kp = ndarray(Float64Array.from([3, 3, 200, 200]), [1, 2, 2]);
    expect(refineDarkUdp(kp, hm).data[2]).toBe(200);
  });

  it('rejects bad kernel sizes and mismatched shapes', () => {
    const hm = noiseMaps([2, 8, 8]);
    const kp = ndarray(new Float64Array(4), [1, 2, 2]);
    expect(() => refineDarkUdp(kp, hm, { blurKernelSize: 10 })).toThrow(RangeError);
    expect(() => refineDarkUdp(ndarray(new Float64Array(6), [1, 3, 2]), hm)).toThrow(/K/);
    expect(() => refineDarkUdp(kp, ndarray(new Float32Array(256), [2, 2, 8, 8]))).toThrow(/B = 2/);
  });
});
