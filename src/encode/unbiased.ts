/**
 * DARK unbiased Gaussian targets: Zhang et al., "Distribution-Aware Coordinate
 * Representation for Human Pose Estimation", CVPR 2020; mmpose 1.x
 * `generate_unbiased_gaussian_heatmaps` (`codecs/utils/gaussian_heatmap.py`).
 */
import type { NdArray } from 'ndarray';
import { zerosF32 } from '../core/ndarray.js';
import { readEncoderInputs, readSigmas, initialWeights, isDrawn } from './encoder-args.js';
import type { SigmaInput } from './types.js';
import type { HeatmapTargets } from './types.js';

/**
 * Sub-pixel Gaussians at the exact μ, evaluated on the full `W×H` grid (no
 * window truncation; tails are tiny but nonzero), max-combined across
 * instances: `h_k(x, y) = max_n exp(−((x − μx)² + (y − μy)²)/(2σ_n²))`.
 *
 * Weight 0 (and nothing drawn) when the 3σ window around the float μ is off
 * the map: `μx − r ≥ W or μy − r ≥ H or μx + r + 1 < 0 or μy + r + 1 < 0`,
 * r = 3σ (mmpose; computed in float32 for float32 keypoints, as numpy does).
 * Invisible keypoints (visible < 0.5) are skipped and keep their visibility
 * as weight; their coordinates may be NaN.
 *
 * Units: heatmap pixels. Cost: O(N·K·H·W) (separable: one exp per row and column).
 *
 * @param heatmapSize `[W, H]` positive integers
 * @param keypoints `[N, K, ≥2]` (x, y) in heatmap px, float32 or float64, any strides
 * @param visible `[N, K]` visibility (finite)
 * @param sigma σ in heatmap px, a number or one per instance (mmpose takes a number only)
 * @returns heatmaps `[K, H, W]`, weights `[N, K]` (float32)
 */
export function unbiasedHeatmaps(heatmapSize: [number, number], keypoints: NdArray, visible: NdArray, sigma: SigmaInput): HeatmapTargets {
  const inp = readEncoderInputs(heatmapSize, keypoints, visible);
  const sigmas = readSigmas(sigma, inp.N);
  const { W, H, N, K, kp, vis, f } = inp;
  const heatmaps = zerosF32([K, H, W], 'heatmaps');
  const weights = initialWeights(vis);
  const gx = new Float64Array(W);
  const gy = new Float64Array(H);
  const out = heatmaps.data;
  for (let n = 0; n < N; n++) {
    const s = sigmas[n];
    const r = f(s * 3);
    const inv = -1 / (2 * s * s);
    for (let k = 0; k < K; k++) {
      if (!isDrawn(vis, n, k)) continue;
      const p = kp.offset + n * kp.sN + k * kp.sK;
      const x = kp.data[p];
      const y = kp.data[p + kp.sD];
      if (f(x - r) >= W || f(y - r) >= H || f(f(x + r) + 1) < 0 || f(f(y + r) + 1) < 0) {
        weights.data[n * K + k] = 0;
        continue;
      }
      // The grid is float32, so numpy casts μ to float32 in `x - mu[0]` even for float64 keypoints.
      const mx = Math.fround(x);
      const my = Math.fround(y);
      for (let i = 0; i < W; i++) gx[i] = Math.exp((i - mx) * (i - mx) * inv);
      for (let j = 0; j < H; j++) gy[j] = Math.exp((j - my) * (j - my) * inv);
      const base = k * H * W;
      for (let j = 0; j < H; j++) {
        const row = base + j * W;
        const vy = gy[j];
        for (let i = 0; i < W; i++) {
          const v = Math.fround(gx[i] * vy);
          if (v > out[row + i]) out[row + i] = v;
        }
      }
    }
  }
  return { heatmaps, weights };
}
