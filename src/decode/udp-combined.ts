/**
 * Decoding of UDP "combined" classification + offset maps: Huang et al.,
 * CVPR 2020; mmpose 1.x `UDPHeatmap.decode` with `heatmap_type='combined'`.
 */
import ndarray from 'ndarray';
import type { NdArray } from 'ndarray';
import { heatmapView, checkOptions, checkAllocation } from '../core/ndarray.js';
import { udpRadius } from '../core/udp-radius.js';
import { cvGaussianKernel } from '../core/gaussian-kernel.js';
import { convolvePlane } from '../core/convolve.js';
import { flatArgmax } from '../core/nan-max.js';
import { f32Sum, f32Product } from '../core/float32.js';
import type { DecodeResult } from './types.js';
import type { UdpCombinedOptions } from './types.js';

/**
 * For each keypoint k: blur its cls map (channel 3k) with `cv2.GaussianBlur`
 * (k = 2·blurKernelSize + 1, OpenCV's default reflect-101 border, no rescale;
 * `udp_heatmap.py:166-169`), take the argmax of the blurred map (numpy rules:
 * first maximum, first NaN; −1 where the maximum is ≤ 0) and add the offsets
 * read at numpy's flat index `x + y·W + W·H·k` (float32, truncated) times R:
 * `p = m + R·(offX, offY)` in float32 (`udp_heatmap.py:172-180`). Score =
 * blurred cls maximum.
 *
 * Reproduced on purpose: a NaN maximum keeps its location (as
 * `heatmapArgmax`); the (−1, −1) sentinel reads index `−1 − W + W·H·k`, i.e.
 * keypoint k−1's offsets at pixel (W−1, H−2) (k = 0 wraps to the last
 * keypoint's), as mmpose does. Float32-exact up to OpenCV's float32 blur sums.
 *
 * Units: heatmap pixels. Cost: O(B·K·H·W·k) (the argmax must see the blurred map).
 *
 * @param heatmaps `[3K, H, W]` or `[B, 3K, H, W]`: cls, offX, offY per keypoint
 * @param options `blurKernelSize` (default 11), `radiusFactor` (default 0.0546875; R = radiusFactor·max(W, H)
 *   must lie in [1e-9, 1e12] heatmap px, as for `udpCombinedTargets`)
 * @returns keypoints `[K, 2]`/`[B, K, 2]`, scores `[K]`/`[B, K]`
 * @throws TypeError / RangeError naming `heatmaps`, `options.blurKernelSize` or `options.radiusFactor`
 */
export function decodeUdpCombined(heatmaps: NdArray, options?: UdpCombinedOptions): DecodeResult {
  const v = heatmapView('heatmaps', heatmaps);
  if (v.K % 3 !== 0) throw new RangeError(`heatmaps must have 3K channels (cls, offX, offY per keypoint), got ${v.K}`);
  const opts = checkOptions('options', options);
  const bks = opts.blurKernelSize ?? 11;
  if (!Number.isInteger(bks) || bks < 0) throw new RangeError(`options.blurKernelSize must be a non-negative integer, got ${bks}`);
  const kernel = cvGaussianKernel(2 * bks + 1, 0, 'options.blurKernelSize (2k+1)');
  const { H, W } = v;
  // R in [1e-9, 1e12] heatmap px, as udpCombinedTargets (radiusFactor 1e308 would give ±∞ keypoints).
  const R = udpRadius('options.radiusFactor', opts.radiusFactor ?? 0.0546875, W, H);
  const K = v.K / 3;
  const M = v.B * K;
  checkAllocation('keypoints', M * 2, 8);
  checkAllocation('heatmaps', H * W, 8);
  // udp_heatmap.py:172-174: radius is a Python float, the offsets float32 arrays times it (float32).
  const radius = Math.fround(R);
  const kp = new Float64Array(M * 2);
  const sc = new Float64Array(M);
  const blurred = new Float32Array(H * W);
  const best = new Float64Array(1);
  const at = (b: number, c: number, flat: number) => {
    const x = flat % W;
    return v.data[v.offset + b * v.sB + c * v.sK + ((flat - x) / W) * v.sH + x * v.sW];
  };
  for (let b = 0; b < v.B; b++) {
    for (let k = 0; k < K; k++) {
      const m = b * K + k;
      convolvePlane({ data: v.data, offset: v.offset + b * v.sB + 3 * k * v.sK, sH: v.sH, sW: v.sW, H, W }, kernel, 'reflect101', blurred);
      const idx = flatArgmax(blurred, 0, H * W, best);
      sc[m] = best[0];
      // get_heatmap_maximum: −1 where the maximum is ≤ 0 (NaN is not, and keeps its location).
      const x = best[0] <= 0 ? -1 : idx % W;
      const y = best[0] <= 0 ? -1 : (idx - (idx % W)) / W;
      // udp_heatmap.py:175-177: index = (x + y·W) in float32, += W·H·k, astype(int); numpy wraps negatives.
      let flat = Math.trunc(Math.fround(f32Sum(x, f32Product(y, W)) + W * H * k));
      if (flat < 0) flat += W * H * K;
      if (!(flat >= 0 && flat < W * H * K)) {
        kp[2 * m] = x;
        kp[2 * m + 1] = y;
        continue;
      }
      const kk = Math.floor(flat / (W * H));
      const px = flat - kk * W * H;
      kp[2 * m] = f32Sum(x, f32Product(at(b, 3 * kk + 1, px), radius));
      kp[2 * m + 1] = f32Sum(y, f32Product(at(b, 3 * kk + 2, px), radius));
    }
  }
  const lead = v.batched ? [v.B, K] : [K];
  return { keypoints: ndarray(kp, [...lead, 2]), scores: ndarray(sc, lead) };
}
