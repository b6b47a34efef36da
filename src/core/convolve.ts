import type { Plane, BorderMode } from './types.js';
/**
 * Separable convolution of one heatmap plane with a symmetric 1-D kernel, as
 * `cv2.GaussianBlur` / `cv2.sepFilter2D` compute it (rows first, then columns).
 *
 * Border modes: `'zero'` (what mmpose gets by zero-padding by (k−1)/2 before
 * `cv2.GaussianBlur`, then cropping) and `'reflect101'` (OpenCV's default
 * `BORDER_REFLECT_101`: `…c b | a b c … | b a…`). Accumulates in float64;
 * OpenCV accumulates float32 images in float32, so results agree to ~1e-7
 * relative. Cost: O(H·W·k) per plane, one H·W scratch row buffer.
 */

/** OpenCV `borderInterpolate(p, len, BORDER_REFLECT_101)`. */
export function reflect101(p: number, len: number): number {
  if (len === 1) return 0;
  while (p < 0 || p >= len) {
    if (p < 0) p = -p;
    if (p >= len) p = 2 * len - 2 - p;
  }
  return p;
}

/**
 * Blur a plane into `out` (C-order H·W, may be a fresh buffer; never aliases the input).
 * @param kernel odd-length symmetric weights (e.g. {@link cvGaussianKernel})
 */
export function convolvePlane(src: Plane, kernel: Float64Array, border: BorderMode, out: Float64Array | Float32Array): void {
  const { data, offset, sH, sW, H, W } = src;
  const k = kernel.length;
  const r = (k - 1) >> 1;
  const tmp = new Float64Array(H * W);
  // Row pass.
  for (let y = 0; y < H; y++) {
    const row = offset + y * sH;
    for (let x = 0; x < W; x++) {
      let acc = 0;
      for (let i = 0; i < k; i++) {
        let xx = x + i - r;
        if (xx < 0 || xx >= W) {
          if (border === 'zero') continue;
          xx = reflect101(xx, W);
        }
        acc += kernel[i] * data[row + xx * sW];
      }
      tmp[y * W + x] = acc;
    }
  }
  // Column pass.
  for (let y = 0; y < H; y++) {
    for (let x = 0; x < W; x++) {
      let acc = 0;
      for (let j = 0; j < k; j++) {
        let yy = y + j - r;
        if (yy < 0 || yy >= H) {
          if (border === 'zero') continue;
          yy = reflect101(yy, H);
        }
        acc += kernel[j] * tmp[yy * W + x];
      }
      out[y * W + x] = acc;
    }
  }
}

/**
 * The zero-border blur of a plane at the single point (y, x), without blurring
 * the whole plane: Σ_j k[j] Σ_i k[i] h[y+j−r, x+i−r] over in-bounds pixels.
 * Cost: O(k²). Equal to {@link convolvePlane} with `'zero'` at that point.
 */
export function blurAtPoint(src: Plane, kernel: Float64Array, y: number, x: number): number {
  const { data, offset, sH, sW, H, W } = src;
  const k = kernel.length;
  const r = (k - 1) >> 1;
  const i0 = Math.max(0, r - x);
  const i1 = Math.min(k, W - x + r);
  const j0 = Math.max(0, r - y);
  const j1 = Math.min(k, H - y + r);
  let acc = 0;
  for (let j = j0; j < j1; j++) {
    const row = offset + (y + j - r) * sH + (x - r) * sW;
    let rowAcc = 0;
    for (let i = i0; i < i1; i++) rowAcc += kernel[i] * data[row + i * sW];
    acc += kernel[j] * rowAcc;
  }
  return acc;
}
