/**
 * mmpose `TopdownAffine` (mmpose/datasets/transforms/topdown_transforms.py:73-137):
 * fix the box's aspect ratio to the network input's, build the warp matrix,
 * crop with `cv2.warpAffine`, and move the keypoints into the crop.
 */
import ndarray from 'ndarray';
import type { NdArray } from 'ndarray';
import { checkPair, getWarpMatrix, type Affine } from '../core/geometry.js';
import { checkRotation } from '../core/warp-matrix.js';
import { checkNdArray, checkOptions, isNdArray } from '../core/ndarray.js';
import { fixAspectRatio } from './fix-aspect-ratio.js';
import { checkOutputSize } from './output-size.js';
import { transformKeypointsF32 } from './transform-keypoints-f32.js';
import type { Image, ImageDataAny, NormalizeOptions, PairLike } from './types.js';
import { warpAffine } from './warp-affine.js';
import { warpAffineToTensor } from './warp-to-tensor.js';

/** The person box of {@link topdownAffine}: centre and size in image px, rotation in degrees. */
export interface TopdownBox {
  /** Box centre `[x, y]`, image px (mmpose `bbox_center`, e.g. from `bboxXyxyToCs`). */
  center: PairLike;
  /** Box size `[w, h]`, image px, > 0 (mmpose `bbox_scale`, padded, **not** yet aspect-fixed). */
  scale: PairLike;
  /** Rotation in degrees, treated as an `np.float32` angle as mmpose passes `bbox_rotation` (W8); a 1-element array or ndarray (mmpose's `[1]` array) is read too. Default 0. */
  rotation?: number | readonly number[] | Float32Array | Float64Array | NdArray;
}

export interface TopdownAffineOptions {
  /** UDP geometry (`get_udp_warp_matrix`, mmpose `use_udp`). Default false (MSRA `get_warp_matrix`). */
  udp?: boolean;
  /** Keypoints `[N, K, ≥2]` or `[K, ≥2]`, image px, to move into the crop (mmpose `keypoints`). */
  keypoints?: NdArray;
  /** `'mmpose'`: mmpose's UDP rotation sign (see `getWarpMatrix`). */
  compat?: 'mmpose';
  /** Constant border (OpenCV `borderValue`). Default 0. */
  borderValue?: number | readonly number[];
  /** Normalise in the same pass (fused; see `warpAffineToTensor`): `image` is then a float32 tensor. */
  normalize?: NormalizeOptions;
  /** Output ndarray for `image` (input's data type `[h, w, C]`, or float32 per `normalize.layout`); allocation-free. */
  out?: NdArray;
}

export interface TopdownAffineResult<T extends ImageDataAny = ImageDataAny> {
  /** The crop `[h, w, C]` in the input's data type, or the normalised float32 tensor with `normalize`. */
  image: NdArray<T>;
  /** The forward matrix used (image px → crop px), as `getWarpMatrix` returns it (float64 MSRA / float32-valued UDP). */
  matrix: Affine;
  /** Box centre, image px (float32 values, mmpose `input_center`). */
  center: [number, number];
  /** Aspect-fixed box size, image px (float32 values, mmpose `bbox_scale[0]` / `input_scale`). */
  scale: [number, number];
  /** `[w, h]` of the crop (mmpose `input_size`). */
  inputSize: [number, number];
  /** The keypoints in crop px (only when `keypoints` were given), same shape, float32 values (W14). */
  keypoints?: NdArray<Float64Array>;
}

/** A number, or the single value of a 1-element array / typed array / ndarray. */
function scalarOf(name: string, v: unknown): unknown {
  if (typeof v === 'number') return v;
  if (isNdArray(v)) {
    if (v.shape.reduce((p, s) => p * s, 1) !== 1) throw new TypeError(`${name} must be a number or hold 1 value, got shape [${v.shape.join(', ')}]`);
    return Number(checkNdArray(name, v, { ranks: [0, 1, 2], integer: true }).data[v.offset]);
  }
  if (Array.isArray(v) || ArrayBuffer.isView(v)) {
    const a = v as ArrayLike<unknown>;
    if (a.length !== 1) throw new TypeError(`${name} must be a number or hold 1 value, got ${a.length} values`);
    return a[0];
  }
  return v;
}

/**
 * The top-down crop of one person, bit-exact with mmpose `TopdownAffine`
 * (`input_size`, `use_udp`) on float32 boxes: `scale` is aspect-fixed to
 * `w/h` in float32 (W3), the matrix is `getWarpMatrix(center, scale, rotation,
 * inputSize, { udp, rotDtype: 'float32' })` (W8, W13), the image is cropped by
 * `warpAffine` (uint8 exact) and keypoints follow `cv2.transform` (W14).
 * `center` and `scale` are rounded to float32 first, as mmpose holds them.
 * Cost: O(w·h·C) + O(K).
 * @param image `[H, W, C]` or `[H, W]`, any strides, uint8 / Uint8ClampedArray / float
 * @param inputSize network input `[w, h]`, px (positive integers)
 */
export function topdownAffine<T extends ImageDataAny>(image: Image<T>, box: TopdownBox, inputSize: readonly [number, number] | readonly number[], options?: TopdownAffineOptions): TopdownAffineResult<T | Float32Array> {
  const b = checkOptions('box', box as TopdownBox);
  const f = Math.fround;
  const [cx, cy] = checkPair('box.center', b.center).map(f);
  const [sw, sh] = checkPair('box.scale', b.scale, true).map(f);
  const rotation = b.rotation === undefined ? 0 : checkRotation('box.rotation', scalarOf('box.rotation', b.rotation));
  const [w, h] = checkOutputSize('inputSize', inputSize, 1, 1);
  const opts = checkOptions('options', options);
  const udp = opts.udp ?? false;
  if (typeof udp !== 'boolean') throw new TypeError(`options.udp must be a boolean, got ${typeof udp}`);
  if (udp && (w < 2 || h < 2)) throw new RangeError(`inputSize must be >= 2 on both axes for UDP, got [${w}, ${h}]`);
  const fixed = fixAspectRatio(ndarray(new Float32Array([sw, sh]), [2]), w / h).data; // mmpose: aspect_ratio=w / h (:88)
  const scale: [number, number] = [fixed[0], fixed[1]];
  const center: [number, number] = [cx, cy];
  const matrix = getWarpMatrix(center, scale, f(rotation), [w, h], { udp, rotDtype: 'float32', compat: opts.compat });
  const crop =
    opts.normalize === undefined
      ? warpAffine(image, matrix, [w, h], { borderValue: opts.borderValue, out: opts.out })
      : warpAffineToTensor(image, matrix, [w, h], { ...(checkOptions('options.normalize', opts.normalize) as NormalizeOptions), borderValue: opts.borderValue, out: opts.out as NdArray<Float32Array> | undefined });
  const result: TopdownAffineResult<T | Float32Array> = { image: crop as NdArray<T | Float32Array>, matrix, center, scale, inputSize: [w, h] };
  if (opts.keypoints !== undefined) result.keypoints = transformKeypointsF32(opts.keypoints, matrix, 'options.keypoints');
  return result;
}
