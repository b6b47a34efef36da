/**
 * Crop + normalise fused: `cv2.warpAffine` (bit-exact, see warp-affine.ts)
 * and mmpose's normalisation (normalize-image.ts) in one pass, straight into a
 * float32 network input, planar `[C, h, w]` (NCHW) or interleaved `[h, w, C]` (NHWC).
 */
import ndarray from 'ndarray';
import type { NdArray } from 'ndarray';
import { checkOptions } from '../core/ndarray.js';
import { channelNormalizer, normalizeF32 } from './channel-normalizer.js';
import { imageView } from './image-view.js';
import { checkOut, checkOutputSize } from './output-size.js';
import type { AffineLike, Image, NormalizeOptions } from './types.js';
import { borderValues, hasU8x3Path, inverseWarpMatrix, warpRows, warpRowsU8x3 } from './warp-driver.js';

export interface WarpToTensorOptions extends NormalizeOptions {
  /** Constant border before normalisation (OpenCV `borderValue`), one number or one per channel. Default 0. */
  borderValue?: number | readonly number[];
  /**
   * Write into this float32 ndarray instead of allocating: `[C, h, w]` or
   * `[h, w, C]` per `layout`, any strides — e.g. `batch.pick(i)` of an NCHW
   * batch. The call then allocates nothing of image size.
   */
  out?: NdArray<Float32Array>;
}

/**
 * Warp `image` by the forward affine `matrix` into `outputSize = [w, h]` and
 * normalise, in one pass: every value equals
 * `normalizeImage(warpAffine(image, matrix, outputSize), options)` bit for bit
 * (uint8 crops are integers 0..255 before the 256-entry table; float crops
 * are float32-exact before `f32(f32(x − mean) / std)`).
 * Cost: O(w·h·C); no allocation of image size with `out`.
 * @param image `[H, W, C]` (C = 1, 3, 4) or `[H, W]`, any strides, uint8 / Uint8ClampedArray / float
 * @param matrix forward 2×3 affine, image px → output px (`getWarpMatrix`)
 * @returns float32 `[C', h, w]` (default `'CHW'`) or `[h, w, C']`
 */
export function warpAffineToTensor(image: Image, matrix: AffineLike, outputSize: readonly [number, number] | readonly number[], options: WarpToTensorOptions): NdArray<Float32Array> {
  const v = imageView('image', image);
  const inv = inverseWarpMatrix(matrix, 'matrix');
  const opts = checkOptions('options', options);
  const n = channelNormalizer('options', opts, v.C);
  const [w, h] = checkOutputSize('outputSize', outputSize, n.nOut, 4);
  const cval = borderValues('options.borderValue', opts.borderValue, v.C, v.kind);
  const chw = n.layout === 'CHW';
  const shape = chw ? [n.nOut, h, w] : [h, w, n.nOut];
  const out = opts.out === undefined ? ndarray(new Float32Array(n.nOut * h * w), shape) : checkOut('options.out', opts.out, shape, (d) => d instanceof Float32Array, 'Float32Array');
  const od = out.data as Float32Array;
  const [sC, sY, sX] = chw ? out.stride : [out.stride[2], out.stride[0], out.stride[1]];
  const C = v.C;
  const { nOut, source, lut, mean32, std32 } = n;
  const u8 = v.kind === 'u8';
  if (nOut === 3 && hasU8x3Path(v) && source[0] + source[1] + source[2] === 3) {
    const outOf = [0, 0, 0]; // output channel of each source channel
    for (let c = 0; c < 3; c++) outOf[source[c]] = c;
    const o0 = out.offset;
    warpRowsU8x3(v, inv, w, h, cval, { dst: od, offset: (y, c) => o0 + outOf[c] * sC + y * sY, step: sX, lut, lutOffset: [outOf[0] * 256, outOf[1] * 256, outOf[2] * 256] });
    return out as NdArray<Float32Array>;
  }
  warpRows(v, inv, w, h, cval, (y, row) => {
    for (let c = 0; c < nOut; c++) {
      const q = out.offset + c * sC + y * sY;
      const ic = source[c];
      if (u8) {
        const base = c * 256;
        for (let x = 0, i = ic; x < w; x++, i += C) od[q + x * sX] = lut[base + row[i]];
      } else {
        const m = mean32[c];
        const s = std32[c];
        for (let x = 0, i = ic; x < w; x++, i += C) od[q + x * sX] = normalizeF32(row[i], m, s);
      }
    }
  });
  return out as NdArray<Float32Array>;
}
