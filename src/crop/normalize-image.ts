/**
 * mmpose's image normalisation for one image: `PackPoseInputs.image_to_tensor`
 * (`[H, W, C]` → `[C, H, W]`, formatting.py:14-37) then mmengine
 * `ImgDataPreprocessor` (channel flip, `(x − mean) / std` in float32).
 */
import ndarray from 'ndarray';
import type { NdArray } from 'ndarray';
import { channelNormalizer, normalizeF32 } from './channel-normalizer.js';
import { imageView } from './image-view.js';
import { checkOut, checkOutputSize } from './output-size.js';
import type { Image, NormalizeOptions } from './types.js';

export interface NormalizeImageOptions extends NormalizeOptions {
  /** Write into this float32 ndarray (`[C, H, W]` or `[H, W, C]` per `layout`, any strides) instead of allocating. */
  out?: NdArray<Float32Array>;
}

/**
 * Normalise an image into a float32 network input:
 * `out[c] = f32(f32(img[src(c)] − mean32[c]) / std32[c])`, float32-exact with
 * mmpose `PoseDataPreprocessor(mean, std, bgr_to_rgb)` (W16). With
 * `bgrToRgb`, output channel 0 is input channel 2 (`mean`/`std` are in output
 * order). uint8 images go through a 256-entry table per channel.
 * Cost: O(H·W·C); no allocation with `out`.
 * @param image `[H, W, C]` (or `[H, W]`), uint8 / Uint8ClampedArray / float, any strides
 * @returns `[C', H, W]` (`layout: 'CHW'`, default) or `[H, W, C']` float32, C' = output channels
 */
export function normalizeImage(image: Image, options: NormalizeImageOptions): NdArray<Float32Array> {
  const v = imageView('image', image);
  const n = channelNormalizer('options', options, v.C);
  const { H, W } = v;
  const chw = n.layout === 'CHW';
  const shape = chw ? [n.nOut, H, W] : [H, W, n.nOut];
  checkOutputSize('image', [W, H], n.nOut, 4);
  const out = options.out === undefined ? ndarray(new Float32Array(n.nOut * H * W), shape) : checkOut('options.out', options.out, shape, (d) => d instanceof Float32Array, 'Float32Array');
  const od = out.data as Float32Array;
  const [sC, sY, sX] = chw ? out.stride : [out.stride[2], out.stride[0], out.stride[1]];
  const { data, offset } = v;
  for (let c = 0; c < n.nOut; c++) {
    const ic = offset + n.source[c] * v.sC;
    const m = n.mean32[c];
    const s = n.std32[c];
    const lut = n.lut.subarray(c * 256, c * 256 + 256);
    const oc = out.offset + c * sC;
    for (let y = 0; y < H; y++) {
      const p = ic + y * v.sH;
      const q = oc + y * sY;
      if (v.kind === 'u8') for (let x = 0; x < W; x++) od[q + x * sX] = lut[data[p + x * v.sW]];
      else for (let x = 0; x < W; x++) od[q + x * sX] = normalizeF32(data[p + x * v.sW], m, s);
    }
  }
  return out as NdArray<Float32Array>;
}
