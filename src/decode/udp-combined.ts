/**
 * Decoding of UDP "combined" classification + offset maps: Huang et al.,
 * CVPR 2020; mmpose 1.x `UDPHeatmap.decode` with `heatmap_type='combined'`.
 */
import ndarray from 'ndarray';
import type { NdArray } from 'ndarray';
import { heatmapView, checkOptions, checkFinite, checkAllocation } from '../core/ndarray.js';
import { cvGaussianKernel } from '../core/gaussian-kernel.js';
import { convolvePlane } from '../core/convolve.js';
import type { DecodeResult } from './types.js';
import type { UdpCombinedOptions } from './types.js';

/**
 * For each keypoint k: blur its cls map (channel 3k) with `cv2.GaussianBlur`
 * (k = 2·blurKernelSize + 1, OpenCV's default reflect-101 border, no rescale),
 * take the argmax of the blurred map, and add the offsets stored at that
 * integer location times R: `p = m + R·(offX[m], offY[m])`. Score = blurred
 * cls maximum. Where that maximum is ≤ 0 the keypoint is (−1, −1) with no
 * offset added (mmpose reads a wrapped index there).
 *
 * Units: heatmap pixels. Cost: O(B·K·H·W·k) (the argmax must see the blurred map).
 *
 * @param heatmaps `[3K, H, W]` or `[B, 3K, H, W]`: cls, offX, offY per keypoint
 * @returns keypoints `[K, 2]`/`[B, K, 2]`, scores `[K]`/`[B, K]`
 */
export function decodeUdpCombined(heatmaps: NdArray, options?: UdpCombinedOptions): DecodeResult {
  const v = heatmapView('heatmaps', heatmaps);
  if (v.K % 3 !== 0) throw new RangeError(`heatmaps must have 3K channels (cls, offX, offY per keypoint), got ${v.K}`);
  const opts = checkOptions('options', options);
  const bks = opts.blurKernelSize ?? 11;
  if (!Number.isInteger(bks) || bks < 0) throw new RangeError(`options.blurKernelSize must be a non-negative integer, got ${bks}`);
  const kernel = cvGaussianKernel(2 * bks + 1, 0, 'options.blurKernelSize (2k+1)');
  const radiusFactor = opts.radiusFactor === undefined ? 0.0546875 : checkFinite('options.radiusFactor', opts.radiusFactor, { positive: true });
  const { H, W } = v;
  const K = v.K / 3;
  const M = v.B * K;
  checkAllocation('keypoints', M * 2, 8);
  const radius = radiusFactor * Math.max(W, H);
  const kp = new Float64Array(M * 2);
  const sc = new Float64Array(M);
  const blurred = new Float64Array(H * W);
  for (let b = 0; b < v.B; b++) {
    for (let k = 0; k < K; k++) {
      const m = b * K + k;
      const cls = v.offset + b * v.sB + 3 * k * v.sK;
      convolvePlane({ data: v.data, offset: cls, sH: v.sH, sW: v.sW, H, W }, kernel, 'reflect101', blurred);
      let best = -Infinity;
      let idx = 0;
      for (let i = 0; i < H * W; i++) {
        const val = Math.fround(blurred[i]);
        if (val > best) {
          best = val;
          idx = i;
        } else if (val !== val) {
          best = NaN;
          idx = i;
          break;
        }
      }
      sc[m] = best;
      if (!(best > 0)) {
        kp[2 * m] = -1;
        kp[2 * m + 1] = -1;
        continue;
      }
      const x = idx % W;
      const y = (idx - x) / W;
      const at = (c: number) => v.data[v.offset + b * v.sB + c * v.sK + y * v.sH + x * v.sW];
      kp[2 * m] = x + radius * at(3 * k + 1);
      kp[2 * m + 1] = y + radius * at(3 * k + 2);
    }
  }
  const lead = v.batched ? [v.B, K] : [K];
  return { keypoints: ndarray(kp, [...lead, 2]), scores: ndarray(sc, lead) };
}
