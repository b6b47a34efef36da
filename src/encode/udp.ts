/**
 * UDP Gaussian targets: Huang et al., "The Devil Is in the Details: Delving
 * into Unbiased Data Processing for Human Pose Estimation", CVPR 2020; mmpose
 * 1.x `generate_udp_gaussian_heatmaps` (`codecs/utils/gaussian_heatmap.py`).
 */
import type { NdArray } from 'ndarray';
import { checkOptions, zerosF32 } from '../core/ndarray.js';
import { readEncoderInputs, readSigmas, readPlacement, initialWeights, isDrawn, type SigmaInput } from './encoder-args.js';
import { placeAxis, windowOffMap, drawWindow } from './window-gaussian.js';
import type { HeatmapTargets, WindowOptions } from './msra.js';

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
  const inp = readEncoderInputs(heatmapSize, keypoints, visible);
  const sigmas = readSigmas(sigma, inp.N);
  const placement = readPlacement(checkOptions('options', options).placement);
  const { W, H, N, K, kp, vis, f } = inp;
  const heatmaps = zerosF32([K, H, W], 'heatmaps');
  const weights = initialWeights(vis);
  for (let n = 0; n < N; n++) {
    const s = sigmas[n];
    const r = s * 3;
    const centre = Math.floor((2 * r + 1) / 2);
    for (let k = 0; k < K; k++) {
      if (!isDrawn(vis, n, k)) continue;
      const p = kp.offset + n * kp.sN + k * kp.sK;
      const x = kp.data[p];
      const y = kp.data[p + kp.sD];
      const ax = placeAxis(x, r, f, placement);
      const ay = placeAxis(y, r, f, placement);
      if (windowOffMap(ax, ay, W, H, placement)) {
        weights.data[n * K + k] = 0;
        continue;
      }
      // numpy: x0 is float64, then cast to the float32 grid's dtype in `x - x0` (whatever the keypoint dtype).
      const cx = Math.fround(centre + (x - ax.m));
      const cy = Math.fround(centre + (y - ay.m));
      drawWindow(heatmaps.data, k * H * W, W, H, ax, ay, cx, cy, s);
    }
  }
  return { heatmaps, weights };
}
