/**
 * MSRA (SimpleBaseline / HRNet) Gaussian targets: Xiao et al., "Simple
 * Baselines for Human Pose Estimation and Tracking", ECCV 2018; mmpose 1.x
 * `generate_gaussian_heatmaps` (`codecs/utils/gaussian_heatmap.py`).
 */
import type { NdArray } from 'ndarray';
import type { SigmaInput, Placement } from './types.js';
import { windowHeatmaps } from './window-gaussian.js';
import type { HeatmapTargets, WindowOptions } from './types.js';

/**
 * Integer-centre Gaussian heatmaps with peak 1 (unnormalised), one channel per
 * keypoint, several instances max-combined.
 *
 * For every instance n and keypoint k with `visible[n,k] ≥ 0.5`:
 * `m = trunc(μ + 0.5)`, `r = 3σ_n`, window columns `trunc(m − r) … trunc(m + r + 1) − 1`,
 * value `exp(−((x − m)² + (y − m_y)²)/(2σ_n²))` inside the window, 0 outside;
 * `heatmaps[k] = max(heatmaps[k], window)`. Weights start as a float32 copy of
 * `visible` and become 0 when the window is entirely off the map
 * (`left ≥ W or top ≥ H or right < 0 or bottom < 0`). Invisible keypoints are
 * not drawn and keep their visibility as weight; their coordinates may be NaN.
 *
 * Units: heatmap pixels (pixel i centred at i). Cost: O(N·K·(6σ+1)²).
 *
 * @param heatmapSize `[W, H]` positive integers
 * @param keypoints `[N, K, ≥2]` (x, y) in heatmap px, float32 or float64, any strides
 * @param visible `[N, K]` visibility (any numeric type, finite)
 * @param sigma σ in heatmap px: a number, or one per instance (`[N]`, e.g. from {@link scaleAdaptiveSigma})
 * @param options {@link WindowOptions}
 * @returns heatmaps `[K, H, W]`, weights `[N, K]` (float32)
 */
export function msraHeatmaps(heatmapSize: [number, number], keypoints: NdArray, visible: NdArray, sigma: SigmaInput, options?: WindowOptions): HeatmapTargets {
  return windowHeatmaps(heatmapSize, keypoints, visible, sigma, options, false);
}
