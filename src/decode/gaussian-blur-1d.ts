/**
 * 1-D Gaussian modulation of SimCC rows: mmpose `gaussian_blur1d`
 * (`codecs/utils/post_processing.py:240-262`), the blur step of SimCC DARK.
 */
import ndarray from 'ndarray';
import type { NdArray } from 'ndarray';
import { checkAllocation } from '../core/ndarray.js';
import { cvGaussianKernel } from '../core/gaussian-kernel.js';
import { simccView, rowBase, type SimccView } from './simcc-view.js';

/**
 * `cv2.getGaussianKernel(k, 0, CV_32F)` as `cv2.GaussianBlur` applies it
 * (float32 weights): OpenCV's fixed tables for k = 1, 3, 5, 7, 9, else
 * σ = 0.3((k−1)/2 − 1) + 0.8 (see `cvGaussianKernel`).
 * @throws TypeError / RangeError naming `name` for a non-odd or absurd k
 */
export function simccBlurKernel(kernelSize: unknown, name = 'kernelSize'): Float64Array {
  return cvGaussianKernel(kernelSize as number, 0, name);
}

/**
 * The zero-padded blur of row (n, k) at bin i: `Σ_j w_j·row[i + j − r]` with
 * bins outside [0, W) read as 0, rounded to float32 (OpenCV's output type).
 * Accumulates in float64 (OpenCV: float32; the difference is ≤ 1e-7 relative).
 */
export function blurAt(v: SimccView, base: number, kernel: Float64Array, i: number): number {
  const r = (kernel.length - 1) >> 1;
  const lo = i < r ? r - i : 0;
  const hi = v.W + r - i < kernel.length ? v.W + r - i : kernel.length;
  const data = v.data;
  const sW = v.sW;
  let acc = 0;
  if (sW === 1) {
    const p0 = base + i - r;
    for (let j = lo; j < hi; j++) acc += kernel[j] * data[p0 + j];
  } else {
    let p = base + (i - r + lo) * sW;
    for (let j = lo; j < hi; j++, p += sW) acc += kernel[j] * data[p];
  }
  return Math.fround(acc);
}

/**
 * Blur row (n, k) into `out[0 .. W)` as `gaussian_blur1d` does: zero-pad by
 * (k−1)/2, blur, crop, then rescale to the row's original maximum,
 * `out = blur · f(max row / max blur)` (float32 scalars). Reproduces the
 * reference on purpose: an all-zero row gives 0/0 = NaN everywhere
 * (`post_processing.py:260`), an all-negative row is multiplied by a
 * positive factor. Cost O(W·k).
 */
export function blurRowRescaled(v: SimccView, base: number, kernel: Float64Array, out: Float64Array): void {
  let originMax = -Infinity;
  for (let i = 0; i < v.W; i++) {
    const x = v.data[base + i * v.sW];
    if (!(x <= originMax)) originMax = x;
  }
  let blurMax = -Infinity;
  for (let i = 0; i < v.W; i++) {
    const b = blurAt(v, base, kernel, i);
    out[i] = b;
    if (!(b <= blurMax)) blurMax = b;
  }
  const ratio = Math.fround(originMax / blurMax);
  for (let i = 0; i < v.W; i++) out[i] = Math.fround(out[i] * ratio);
}

/**
 * Gaussian modulation of every SimCC row (DARK's "distribution modulation",
 * Zhang et al., CVPR 2020, in 1-D; mmpose `gaussian_blur1d`): zero padding,
 * OpenCV's kernel for `kernelSize` (σ = 0.3((k−1)/2 − 1) + 0.8; fixed tables
 * for k = 3, 5, 7 **and 9**), then each row rescaled to its original maximum.
 * Unlike the reference, the input is not modified. Rows that are all zero
 * come back NaN, as in the reference (0/0 rescale). Kernels wider than the
 * row are fine (the padding grows with the kernel).
 *
 * Cost: O(N·K·W·k).
 *
 * @param simcc `[N, K, W]` (any strides, f32/f64; the reference requires 3-D)
 * @param kernelSize odd k ≥ 1
 * @returns fresh `[N, K, W]` Float32Array
 * @throws TypeError / RangeError naming `simcc` or `kernelSize`
 */
export function gaussianBlur1d(simcc: NdArray, kernelSize: number): NdArray<Float32Array> {
  const v = simccView('simcc', simcc, [3]);
  const kernel = simccBlurKernel(kernelSize);
  checkAllocation('simcc', v.N * v.K * v.W, 4);
  const out = new Float32Array(v.N * v.K * v.W);
  const row = new Float64Array(v.W);
  for (let n = 0; n < v.N; n++) {
    for (let k = 0; k < v.K; k++) {
      const base = rowBase(v, n, k);
      for (let i = 0; i < v.W; i++) {
        if (v.data[base + i * v.sW] !== v.data[base + i * v.sW]) throw new RangeError(`simcc must not contain NaN, got NaN at [${n}, ${k}, ${i}]`);
      }
      blurRowRescaled(v, base, kernel, row);
      out.set(row, (n * v.K + k) * v.W);
    }
  }
  return ndarray(out, [v.N, v.K, v.W]);
}
