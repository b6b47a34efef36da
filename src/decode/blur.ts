/**
 * DARK's distribution modulation: mmpose `gaussian_blur`
 * (`codecs/utils/post_processing.py`), DarkPose `inference.py`.
 */
import ndarray from 'ndarray';
import type { NdArray } from 'ndarray';
import { heatmapView, checkAllocation } from '../core/ndarray.js';
import { cvGaussianKernel } from '../core/gaussian-kernel.js';
import { convolvePlane } from '../core/convolve.js';
import { planeMax, flatMax } from '../core/nan-max.js';
import { f32Product, f32Quotient } from '../core/float32.js';
import type { Plane } from '../core/types.js';

/**
 * Blur one plane as mmpose `gaussian_blur` does (`post_processing.py:218-230`),
 * into `out`, float32-exact up to OpenCV's float32 sums: zero border (pad by
 * (k−1)/2, `cv2.GaussianBlur(k×k, σ=0)`, crop) accumulated in float64 and
 * stored as float32, then `out *= max h / max out` with the ratio and each
 * product in float32 as numpy does. An all-zero map gives 0/0 = NaN
 * everywhere, as in mmpose. Returns the original maximum (NaN wins).
 */
export function blurPlaneRescaled(src: Plane, kernel: Float64Array, out: Float32Array | Float64Array): number {
  convolvePlane(src, kernel, 'zero', out);
  const originMax = planeMax(src);
  const n = src.H * src.W;
  for (let i = 0; i < n; i++) out[i] = Math.fround(out[i]);
  // post_processing.py:229 heatmaps[k] *= origin_max / np.max(heatmaps[k]) (float32 scalar, float32 product).
  const ratio = f32Quotient(originMax, flatMax(out, 0, n));
  for (let i = 0; i < n; i++) out[i] = f32Product(out[i], ratio);
  return originMax;
}

/**
 * Gaussian blur of every heatmap with zero padding, rescaled to the original
 * maximum (DARK, Zhang et al., "Distribution-Aware Coordinate Representation
 * for Human Pose Estimation", CVPR 2020, §3.2 "modulation"; mmpose parity).
 *
 * The kernel is OpenCV's `getGaussianKernel(k, 0)`: σ = 0.3·((k−1)/2 − 1) + 0.8
 * (σ = 2 for k = 11), and OpenCV's fixed binomial tables for k = 3, 5, 7, 9.
 * An all-zero map becomes NaN (mmpose divides 0 by 0).
 * The paper's min–max rescale is not what the code does; this is the code.
 *
 * Cost: O(B·K·H·W·k). Decoders never call this on the hot path: DARK
 * evaluates the blur only at the 13 points it needs.
 *
 * @param heatmaps `[K, H, W]` or `[B, K, H, W]` (any strides)
 * @param kernelSize odd kernel size k ≥ 1 (default 11)
 * @returns fresh blurred heatmaps, same shape, Float32Array, C order
 */
export function gaussianBlur(heatmaps: NdArray, kernelSize = 11): NdArray<Float32Array> {
  const v = heatmapView('heatmaps', heatmaps);
  const kernel = cvGaussianKernel(kernelSize, 0, 'kernelSize');
  const plane = v.H * v.W;
  checkAllocation('heatmaps', v.B * v.K * plane, 4);
  const out = new Float32Array(v.B * v.K * plane);
  const tmp = new Float64Array(plane);
  for (let b = 0; b < v.B; b++) {
    for (let k = 0; k < v.K; k++) {
      const src: Plane = { data: v.data, offset: v.offset + b * v.sB + k * v.sK, sH: v.sH, sW: v.sW, H: v.H, W: v.W };
      blurPlaneRescaled(src, kernel, tmp);
      out.set(tmp, (b * v.K + k) * plane);
    }
  }
  return ndarray(out, v.batched ? [v.B, v.K, v.H, v.W] : [v.K, v.H, v.W]);
}
