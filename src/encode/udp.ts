/**
 * UDP Gaussian targets: Huang et al., "The Devil Is in the Details: Delving
 * into Unbiased Data Processing for Human Pose Estimation", CVPR 2020; mmpose
 * 1.x `generate_udp_gaussian_heatmaps` (`codecs/utils/gaussian_heatmap.py`).
 */
import type { NdArray } from 'ndarray';
import type { SigmaInput } from './types.js';
import { windowHeatmaps } from './window-gaussian.js';
import type { HeatmapTargets, WindowOptions } from './types.js';

/**
 * Sub-pixel Gaussians truncated to the 3σ window around the rounded centre.
 *
 * The window is placed exactly as in {@link msraHeatmaps} (`m = trunc(μ + 0.5)`,
 * columns `trunc(m − r) … trunc(m + r + 1) − 1`, same weight rule), but the
 * Gaussian inside it is centred at the exact μ:
 * `x0 = floor((2r + 1)/2) + (μx − mx)`, value `exp(−((g − x0)² + (h − y0)²)/(2σ²))`
 * at window sample (g, h). Peak < 1 unless μ is an integer. Encode with the
 * UDP geometry `x_hm = x_in·(W−1)/(w−1)` and decode with DARK-UDP.
 *
 * Units: heatmap pixels. Cost: O(N·K·(6σ+1)²).
 *
 * @param heatmapSize `[W, H]` positive integers
 * @param keypoints `[N, K, ≥2]` (x, y) in heatmap px, float32 or float64, any strides
 * @param visible `[N, K]` visibility (finite); invisible keypoints may be NaN
 * @param sigma σ in heatmap px, a number or one per instance (mmpose takes a number only)
 * @param options {@link WindowOptions} (`placement`, default `'mmpose'`)
 * @returns heatmaps `[K, H, W]`, weights `[N, K]` (float32)
 */
export function udpHeatmaps(heatmapSize: [number, number], keypoints: NdArray, visible: NdArray, sigma: SigmaInput, options?: WindowOptions): HeatmapTargets {
  return windowHeatmaps(heatmapSize, keypoints, visible, sigma, options, true);
}
