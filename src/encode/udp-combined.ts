/**
 * UDP "combined" classification + offset targets: Huang et al., CVPR 2020
 * (`target_type='offset'`); mmpose 1.x `generate_offset_heatmap`
 * (`codecs/utils/offset_heatmap.py`, after PR #1815).
 */
import type { NdArray } from 'ndarray';
import { zerosF32 } from '../core/ndarray.js';
import { udpRadius } from '../core/udp-radius.js';
import { readEncoderInputs, initialWeights, isDrawn } from './encoder-args.js';
import type { HeatmapTargets } from './types.js';

/**
 * Three maps per keypoint, interleaved as channels `3k, 3k+1, 3k+2`:
 * - `offX(i, j) = (μx − i)/R`, `offY(i, j) = (μy − j)/R` over the **whole** map
 *   (mmpose 1.x dropped the original UDP code's masking to the disk, PR #1815);
 * - `cls(i, j) = 1` where `offX² + offY² ≤ 1`, else 0 (a disk of radius R);
 * with `R = radiusFactor·max(W, H)` heatmap px (0.0546875 = 3.5/64, UDPv1's KPD 3.5 at 64 px).
 * Computed in float64 and stored as float32, as numpy does.
 *
 * Instances are **assigned**, not max-combined (mmpose
 * `heatmaps[k, 0] = …`): the last visible instance wins each channel.
 * There is no bounds rule: weights are a float32 copy of `visible`, so a
 * keypoint far off the map keeps its weight with an all-zero cls map.
 * Invisible keypoints (visible < 0.5) are skipped; their coordinates may be NaN.
 *
 * Units: heatmap pixels. Cost: O(K·H·W). Decode with `decodeUdpCombined`.
 *
 * @param heatmapSize `[W, H]` positive integers
 * @param keypoints `[N, K, ≥2]` (x, y) in heatmap px, any strides
 * @param visible `[N, K]` visibility (finite)
 * @param radiusFactor R / max(W, H), > 0, with R in [1e-9, 1e12] heatmap px; default 0.0546875
 * @returns heatmaps `[3K, H, W]` (cls, offX, offY per keypoint), weights `[N, K]` (float32)
 */
export function udpCombinedTargets(heatmapSize: [number, number], keypoints: NdArray, visible: NdArray, radiusFactor = 0.0546875): HeatmapTargets {
  const inp = readEncoderInputs(heatmapSize, keypoints, visible, 3);
  const { W, H, N, K, kp, vis } = inp;
  // Offsets are (μ − i) / R: a subnormal R makes them infinite, a huge R makes every pixel cls 1.
  const R = udpRadius('radiusFactor', radiusFactor, W, H);
  const heatmaps = zerosF32([3 * K, H, W], 'heatmaps');
  const weights = initialWeights(vis);
  const out = heatmaps.data;
  const plane = H * W;
  for (let k = 0; k < K; k++) {
    // Later instances overwrite earlier ones, so only the last visible one matters.
    let last = -1;
    for (let n = N - 1; n >= 0 && last < 0; n--) if (isDrawn(vis, n, k)) last = n;
    if (last < 0) continue;
    const p = kp.offset + last * kp.sN + k * kp.sK;
    const mx = kp.data[p];
    const my = kp.data[p + kp.sD];
    const cls = 3 * k * plane;
    for (let j = 0; j < H; j++) {
      const oy = (my - j) / R;
      for (let i = 0; i < W; i++) {
        const ox = (mx - i) / R;
        const at = j * W + i;
        out[cls + at] = ox * ox + oy * oy <= 1 ? 1 : 0;
        out[cls + plane + at] = ox;
        out[cls + 2 * plane + at] = oy;
      }
    }
  }
  return { heatmaps, weights };
}
