/**
 * Network-like perturbations of clean target heatmaps (codecs.md §8.4 step 2):
 * what a decoder sees from a trained network rather than from the encoder.
 */
import ndarray from 'ndarray';
import type { NdArray } from 'ndarray';
import type { Prng } from '../../src/core/prng.js';
import { msraHeatmaps } from '../../src/encode/index.js';
import { asInstance } from './encoders.js';

/** The perturbations: none, additive Gaussian noise, negative background. */
export type Variant = 'clean' | 'noisy' | 'negative';

/** Standard deviation of the additive noise (peak = 1). */
export const NOISE_STD = 0.02;
/** Background level of the `negative` variant: `h' = (1 + c)·h − c` keeps the peak at 1 and puts the background at −c. */
export const NEGATIVE_OFFSET = 0.2;

function contiguousCopy(h: NdArray): Float32Array {
  const n = h.shape.reduce((p, s) => p * s, 1);
  const out = new Float32Array(n);
  if (h.shape.length === 3 && h.offset === 0 && h.data.length === n && h.stride[2] === 1 && h.stride[1] === h.shape[2]) {
    out.set(h.data as ArrayLike<number>);
    return out;
  }
  let i = 0;
  const [K, H, W] = h.shape;
  for (let k = 0; k < K; k++) for (let y = 0; y < H; y++) for (let x = 0; x < W; x++) out[i++] = h.get(k, y, x);
  return out;
}

/**
 * A perturbed copy of `[K, H, W]` maps (the input is not modified).
 * - `noisy`: `h + N(0, NOISE_STD²)` per pixel;
 * - `negative`: `(1 + c)·h − c` with `c = NEGATIVE_OFFSET` (negative tails, as raw network outputs).
 */
export function perturbHeatmaps(h: NdArray, variant: Variant, rng: Prng): NdArray<Float32Array> {
  const data = contiguousCopy(h);
  if (variant === 'noisy') for (let i = 0; i < data.length; i++) data[i] += NOISE_STD * rng.normal();
  else if (variant === 'negative') for (let i = 0; i < data.length; i++) data[i] = (1 + NEGATIVE_OFFSET) * data[i] - NEGATIVE_OFFSET;
  return ndarray(data, h.shape.slice());
}

/**
 * The "expected target" of a network trained on rounded (MSRA) targets: the
 * bilinear mixture of the four integer-centred Gaussians around each point,
 * `Σ (1−|fx−i|)(1−|fy−j|)·G(⌊μ⌋ + (i, j))`, i.e. the MSE-optimal output when
 * the sub-pixel phase is uniform (randomized-rounding view, Yu & Tao, TPAMI;
 * codecs.md §8.3). Built with the library's own MSRA encoder.
 * @param xy flat points, heatmap px (MSRA geometry)
 * @returns `[n, H, W]` float32
 */
export function expectedTarget(heatmapSize: [number, number], xy: Float64Array, sigma: number): NdArray<Float32Array> {
  const n = xy.length / 2;
  const [W, H] = heatmapSize;
  const out = new Float32Array(n * H * W);
  for (let j = 0; j <= 1; j++) {
    for (let i = 0; i <= 1; i++) {
      const corner = new Float64Array(2 * n);
      const weight = new Float64Array(n);
      for (let p = 0; p < n; p++) {
        const x0 = Math.floor(xy[2 * p]);
        const y0 = Math.floor(xy[2 * p + 1]);
        const fx = xy[2 * p] - x0;
        const fy = xy[2 * p + 1] - y0;
        corner[2 * p] = x0 + i;
        corner[2 * p + 1] = y0 + j;
        weight[p] = (i ? fx : 1 - fx) * (j ? fy : 1 - fy);
      }
      const { keypoints, visible } = asInstance(corner);
      const g = msraHeatmaps(heatmapSize, keypoints, visible, sigma).heatmaps;
      const gd = contiguousCopy(g);
      const plane = H * W;
      for (let p = 0; p < n; p++) {
        const wgt = weight[p];
        if (wgt === 0) continue;
        const base = p * plane;
        for (let q = 0; q < plane; q++) out[base + q] += wgt * gd[base + q];
      }
    }
  }
  return ndarray(out, [n, H, W]);
}
