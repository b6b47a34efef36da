/**
 * `cv2.warpAffine(img, M, dsize, flags=INTER_LINEAR, borderMode=BORDER_CONSTANT)`
 * ported bit for bit (OpenCV 4.6 `hal::warpAffine` → `WarpAffineInvoker` →
 * `remapBilinear`; oracle/warp/FORMAT.md steps 1-7).
 */
import ndarray from 'ndarray';
import type { NdArray } from 'ndarray';
import { checkOptions } from '../core/ndarray.js';
import { imageView, type ImageView } from './image-view.js';
import { checkOut, checkOutputSize } from './output-size.js';
import type { AffineLike, Image, ImageDataAny } from './types.js';
import { borderValues, hasU8x3Path, inverseWarpMatrix, warpRows, warpRowsU8x3 } from './warp-driver.js';

/** The identity table of the 3-channel uint8 path. */
const IDENTITY_LUT = Int32Array.from({ length: 256 }, (_, i) => i);

export interface WarpAffineOptions {
  /** Constant border, one number or one per channel (OpenCV `borderValue`). Default 0. */
  borderValue?: number | readonly number[];
  /** Write into this `[h, w, C]` (or `[h, w]`) ndarray of the input's data type instead of allocating (any strides). */
  out?: NdArray;
}

function allocLike(v: ImageView, n: number): ImageDataAny {
  const d = v.data;
  if (d instanceof Uint8ClampedArray) return new Uint8ClampedArray(n);
  if (d instanceof Uint8Array) return new Uint8Array(n);
  return d instanceof Float32Array ? new Float32Array(n) : new Float64Array(n);
}

const sameKind = (v: ImageView) => (d: unknown) =>
  v.kind === 'u8' ? d instanceof Uint8Array || d instanceof Uint8ClampedArray : v.kind === 'f32' ? d instanceof Float32Array : d instanceof Float64Array;

/**
 * Warp an image by a forward (image → output) 2×3 affine into `outputSize =
 * [w, h]`, bilinear, constant border — `cv2.warpAffine` with `INTER_LINEAR`,
 * bit-exact: uint8 to 0 levels, float32 to 0 ulp (float32-exact emulation),
 * float64 with OpenCV's double work type.
 *
 * The matrix is inverted with OpenCV's arithmetic; each destination pixel's
 * source point is quantised to 1/32 px in fixed point (1/1024 px per term,
 * round half to even, then half-up), the four taps are blended with weights
 * `(32−fx)(32−fy)/1024, …`, and taps outside the image read `borderValue` (no
 * edge clamping: a crop reaching out of the image fades to the border over one
 * pixel). Cost: O(w·h·C), no allocation besides the output (none with `out`).
 *
 * @param image `[H, W, C]` (C = 1, 3, 4) or `[H, W]`, uint8 / Uint8ClampedArray / float32 / float64, any strides
 * @param matrix forward 2×3 affine (image px → output px): `getWarpMatrix`'s result, nested `[[a, b, tx], [c, d, ty]]` or a `[2, 3]` ndarray
 * @param outputSize `[w, h]`, output pixels
 * @returns `[h, w, C]` (or `[h, w]`), same data type as `image`
 */
export function warpAffine<T extends ImageDataAny>(image: Image<T>, matrix: AffineLike, outputSize: readonly [number, number] | readonly number[], options?: WarpAffineOptions): NdArray<T> {
  const v = imageView('image', image);
  const inv = inverseWarpMatrix(matrix, 'matrix');
  const opts = checkOptions('options', options);
  const bytes = v.kind === 'u8' ? 1 : v.kind === 'f32' ? 4 : 8;
  const [w, h] = checkOutputSize('outputSize', outputSize, v.C, bytes);
  const cval = borderValues('options.borderValue', opts.borderValue, v.C, v.kind);
  const shape = v.planar2d ? [h, w] : [h, w, v.C];
  const out = opts.out === undefined ? ndarray(allocLike(v, w * h * v.C), shape) : checkOut('options.out', opts.out, shape, sameKind(v), `the image's type (${v.data.constructor.name})`);
  const od = out.data;
  const oo = out.offset;
  const osH = out.stride[0];
  const osW = out.stride[1];
  const osC = v.planar2d ? 0 : out.stride[2];
  const C = v.C;
  if (C === 3 && hasU8x3Path(v)) {
    const dst = od as Uint8Array | Uint8ClampedArray;
    warpRowsU8x3(v, inv, w, h, cval, { dst, offset: (y, c) => oo + y * osH + c * osC, step: osW, lut: IDENTITY_LUT, lutOffset: [0, 0, 0] });
    return out as unknown as NdArray<T>;
  }
  const contiguous = osW === C && (C === 1 || osC === 1);
  warpRows(v, inv, w, h, cval, (y, row) => {
    const base = oo + y * osH;
    if (contiguous) {
      for (let i = 0, n = w * C; i < n; i++) od[base + i] = row[i];
      return;
    }
    for (let x = 0, i = 0; x < w; x++) for (let c = 0; c < C; c++, i++) od[base + x * osW + c * osC] = row[i];
  });
  return out as unknown as NdArray<T>;
}
