/** Shared types of the top-down crop (`posecodec/crop`). */
import type { NdArray } from 'ndarray';

/** Pixel data a crop accepts: 8-bit (canvas `ImageData.data` is a `Uint8ClampedArray`) or float. */
export type ImageData8 = Uint8Array | Uint8ClampedArray;
/** Every pixel data type a warp accepts; the output keeps it. */
export type ImageDataAny = ImageData8 | Float32Array | Float64Array;

/**
 * An image `[H, W, C]` (C = 1, 3 or 4) or `[H, W]` as an ndarray view, any
 * strides: `ndarray(imageData.data, [h, w, 4])` wraps a canvas `ImageData`
 * without a copy; `ndarray(chw, [C, H, W]).transpose(1, 2, 0)` reads a planar one.
 */
export type Image<T extends ImageDataAny = ImageDataAny> = NdArray<T>;

/** A 2×3 affine as `getWarpMatrix` returns it, nested `[[a, b, tx], [c, d, ty]]`, or a `[2, 3]` ndarray. */
export type AffineLike = readonly number[] | readonly (readonly number[])[] | Float32Array | Float64Array | NdArray;

/** A pair `[x, y]` / `[w, h]`: plain array, typed array or a 2-element ndarray. */
export type PairLike = readonly [number, number] | readonly number[] | Float32Array | Float64Array | NdArray;

/** Layout of a float32 network input: planar `[C, h, w]` (NCHW without N) or interleaved `[h, w, C]`. */
export type TensorLayout = 'CHW' | 'HWC';

/** Per-channel normalisation `out = (x − mean) / std` (mmpose `PoseDataPreprocessor`). */
export interface NormalizeOptions {
  /** Per output channel, in output order (RGB for mmpose's `bgr_to_rgb`); 1 or 3 values (or C). */
  mean: readonly number[];
  /** Per output channel, > 0. */
  std: readonly number[];
  /** Reverse the 3 colour channels (mmpose `bgr_to_rgb`; OpenCV BGR ↔ canvas RGB). Default false. */
  bgrToRgb?: boolean;
  /** Output layout, default `'CHW'`. */
  layout?: TensorLayout;
}
