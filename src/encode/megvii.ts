/**
 * Megvii (CPN / MSPN) targets: Chen et al., "Cascaded Pyramid Network for
 * Multi-Person Pose Estimation", CVPR 2018; Li et al., MSPN 2019; mmpose 1.x
 * `MegviiHeatmap.encode` (`codecs/megvii_heatmap.py`).
 */
import type { NdArray } from 'ndarray';
import { checkPositiveInt, zerosF32 } from '../core/ndarray.js';
import { cvGaussianKernel } from '../core/gaussian-kernel.js';
import { reflect101 } from '../core/convolve.js';
import { readEncoderInputs, initialWeights, isDrawn } from './encoder-args.js';
import type { HeatmapTargets } from './types.js';

/**
 * A one-hot at `(trunc(x), trunc(y))` blurred with
 * `cv2.GaussianBlur(ksize = kernelSize, σ = 0)` (OpenCV's σ rule and k ≤ 7
 * tables, default border `BORDER_REFLECT_101`), then scaled so that the value
 * at the one-hot is **255**.
 *
 * Strict in-bounds weight rule (unlike MSRA's window rule): weight 0 and an
 * empty channel when `trunc(x) ∉ [0, W)` or `trunc(y) ∉ [0, H)`
 * (truncation toward 0, so x ∈ (−1, 0) still lands on column 0, as numpy's
 * `astype(int64)`). Single instance only: mmpose asserts `N == 1`, and so do we
 * (RangeError). Keypoints must already be in heatmap px — mmpose divides by
 * the stride first (the codec does that).
 *
 * The blur of a one-hot is separable, so it is computed as the outer product
 * `a(y)·b(x)` of the two reflect-101-folded 1-D kernels — the same numbers as
 * `convolvePlane(onehot, kernel, 'reflect101')` without its O(H·W·k) cost.
 * Float64 with OpenCV's float32 kernel weights, stored as float32 (OpenCV
 * accumulates in float32: agreement ~1e-7 relative). Cost: O(K·(H·W + (H+W)·k)).
 *
 * @param heatmapSize `[W, H]` positive integers
 * @param keypoints `[1, K, ≥2]` (x, y) in heatmap px
 * @param visible `[1, K]` visibility (finite)
 * @param kernelSize odd positive Gaussian kernel size (mmpose `kernel_size`)
 * @returns heatmaps `[K, H, W]` (peak 255), weights `[1, K]` (float32)
 */
export function megviiHeatmaps(heatmapSize: [number, number], keypoints: NdArray, visible: NdArray, kernelSize: number): HeatmapTargets {
  const inp = readEncoderInputs(heatmapSize, keypoints, visible);
  checkPositiveInt('kernelSize', kernelSize);
  const kernel = cvGaussianKernel(kernelSize, 0, 'kernelSize');
  const { W, H, N, K, kp, vis } = inp;
  if (N !== 1) throw new RangeError(`keypoints must hold exactly one instance (N = 1) for megviiHeatmaps, as mmpose MegviiHeatmap asserts; got N = ${N}`);
  const heatmaps = zerosF32([K, H, W], 'heatmaps');
  const weights = initialWeights(vis);
  const bx = new Float64Array(W);
  const by = new Float64Array(H);
  for (let k = 0; k < K; k++) {
    if (!isDrawn(vis, 0, k)) continue;
    const p = kp.offset + k * kp.sK;
    const kx = Math.trunc(kp.data[p]);
    const ky = Math.trunc(kp.data[p + kp.sD]);
    if (kx < 0 || kx >= W || ky < 0 || ky >= H) {
      weights.data[k] = 0;
      continue;
    }
    foldedKernel(kernel, kx, W, bx);
    foldedKernel(kernel, ky, H, by);
    const scale = 255 / (by[ky] * bx[kx]);
    const base = k * H * W;
    for (let y = 0; y < H; y++) {
      const sy = by[y] * scale;
      for (let x = 0; x < W; x++) heatmaps.data[base + y * W + x] = bx[x] * sy;
    }
  }
  return { heatmaps, weights };
}

/** 1-D blur of a one-hot at `c` on `[0, len)` with reflect-101 borders: `out[x] = Σ_i k[i]·[refl(x + i − r) = c]`. */
function foldedKernel(kernel: Float64Array, c: number, len: number, out: Float64Array): void {
  const r = (kernel.length - 1) >> 1;
  for (let x = 0; x < len; x++) {
    let acc = 0;
    for (let i = 0; i < kernel.length; i++) if (reflect101(x + i - r, len) === c) acc += kernel[i];
    out[x] = acc;
  }
}
