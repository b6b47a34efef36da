/**
 * DARK's distribution modulation: mmpose `gaussian_blur`
 * (`codecs/utils/post_processing.py`), DarkPose `inference.py`.
 */
import ndarray from 'ndarray';
import type { NdArray } from 'ndarray';
import { heatmapView, checkAllocation } from '../core/ndarray.js';
import { cvGaussianKernel } from '../core/gaussian-kernel.js';
import { convolvePlane } from '../core/convolve.js';
import type { Plane } from '../core/types.js';

/**
 * Blur one plane as mmpose `gaussian_blur` does, into `out` (float32 semantics):
 * zero border (pad by (k−1)/2, `cv2.GaussianBlur(k×k, σ=0)`, crop), then
 * rescale so the blurred maximum equals the original maximum:
 * `out = blur · (max h / max blur)` with the ratio in float32 as numpy does.
 * When `max blur = 0` (all-zero map) the rescale is skipped instead of
 * producing NaN (mmpose divides 0 by 0). Returns the original maximum.
 */
export function blurPlaneRescaled(src: Plane, kernel: Float64Array, out: Float32Array | Float64Array): number {
  convolvePlane(src, kernel, 'zero', out);
  let originMax = -Infinity;
  for (let y = 0; y < src.H; y++) {
    for (let x = 0; x < src.W; x++) {
      const v = src.data[src.offset + y * src.sH + x * src.sW];
      if (v > originMax || v !== v) originMax = v;
    }
  }
  const n = src.H * src.W;
  let blurMax = -Infinity;
  for (let i = 0; i < n; i++) {
    const v = Math.fround(out[i]);
    out[i] = v;
    if (v > blurMax || v !== v) blurMax = v;
  }
  if (blurMax === 0) return originMax;
  const ratio = Math.fround(Math.fround(originMax) / blurMax);
  for (let i = 0; i < n; i++) out[i] = Math.fround(out[i] * ratio);
  return originMax;
}

/**
 * Gaussian blur of every heatmap with zero padding, rescaled to the original
 * maximum (DARK, Zhang et al., "Distribution-Aware Coordinate Representation
 * for Human Pose Estimation", CVPR 2020, §3.2 "modulation"; mmpose parity).
 *
 * The kernel is OpenCV's `getGaussianKernel(k, 0)`: σ = 0.3·((k−1)/2 − 1) + 0.8
 * (σ = 2 for k = 11), and OpenCV's fixed binomial tables for k = 3, 5, 7.
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
