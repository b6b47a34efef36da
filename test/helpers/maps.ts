/** Small deterministic heatmap builders for unit tests. */
import ndarray from 'ndarray';
import type { NdArray } from 'ndarray';
import { createPrng } from '../../src/core/prng.js';

/** `[K, H, W]` float32 maps with one Gaussian exp(−|p−μ|²/2σ²) each (exact μ, full grid). */
export function gaussianMaps(W: number, H: number, centres: [number, number][], sigma = 2, amp = 1): NdArray<Float32Array> {
  const K = centres.length;
  const d = new Float32Array(K * H * W);
  centres.forEach(([mx, my], k) => {
    for (let y = 0; y < H; y++) for (let x = 0; x < W; x++) d[(k * H + y) * W + x] = amp * Math.exp(-((x - mx) ** 2 + (y - my) ** 2) / (2 * sigma * sigma));
  });
  return ndarray(d, [K, H, W]);
}

/** Seeded uniform noise `[...shape]` in [lo, hi) (mulberry32). */
export function noiseMaps(shape: number[], seed = 1, lo = 0, hi = 1): NdArray<Float32Array> {
  const rand = createPrng(seed).next;
  const n = shape.reduce((p, v) => p * v, 1);
  const d = new Float32Array(n);
  for (let i = 0; i < n; i++) d[i] = lo + (hi - lo) * rand();
  return ndarray(d, shape);
}

/** NHWC copy of `[B, K, H, W]` maps viewed back as `[B, K, H, W]` through `.transpose(0, 3, 1, 2)`. */
export function nhwcView(m: NdArray): NdArray {
  const [B, K, H, W] = m.shape;
  const d = new Float32Array(B * H * W * K);
  for (let b = 0; b < B; b++) for (let k = 0; k < K; k++) for (let y = 0; y < H; y++) for (let x = 0; x < W; x++) d[((b * H + y) * W + x) * K + k] = m.get(b, k, y, x);
  return ndarray(d, [B, H, W, K]).transpose(0, 3, 1, 2);
}

/** Snapshot of an ndarray's backing data, to assert inputs are never mutated. */
export function snapshot(a: NdArray): number[] {
  return Array.from(a.data as ArrayLike<number>);
}
