/**
 * Image argument checks: `[H, W, C]` (C = 1, 3, 4) or `[H, W]` ndarrays over
 * 8-bit or float data, read through flat indices with their strides.
 */
import { checkNdArray, type NumericData } from '../core/ndarray.js';
import type { ImageDataAny } from './types.js';

/** The largest image side: OpenCV's remap stores source coordinates as int16 (imgwarp.cpp:2264). */
export const MAX_IMAGE_SIDE = 32767;

/** Pixel kind: `'u8'` (Uint8Array / Uint8ClampedArray), `'f32'`, `'f64'`. */
export type PixelKind = 'u8' | 'f32' | 'f64';

/** Flat-index access: pixel (y, x), channel c is `data[offset + y*sH + x*sW + c*sC]`. */
export interface ImageView {
  H: number;
  W: number;
  C: number;
  /** True for a `[H, W]` input (then C = 1, sC = 0). */
  planar2d: boolean;
  kind: PixelKind;
  data: ImageDataAny;
  offset: number;
  sH: number;
  sW: number;
  sC: number;
}

/** The pixel kind of a typed array, or undefined when it is not an accepted image type. */
export function pixelKind(data: unknown): PixelKind | undefined {
  if (data instanceof Uint8Array || data instanceof Uint8ClampedArray) return 'u8';
  if (data instanceof Float32Array) return 'f32';
  if (data instanceof Float64Array) return 'f64';
  return undefined;
}

/**
 * Validate an image ndarray `[H, W, C]` (C = 1, 3 or 4) or `[H, W]`, H, W in
 * 1..32767, data Uint8Array / Uint8ClampedArray / Float32Array / Float64Array.
 * TypeError (wrong type, rank or dtype) or RangeError (sizes, channels) naming `name`.
 */
export function imageView(name: string, x: unknown): ImageView {
  const a = checkNdArray<NumericData>(name, x, { ranks: [2, 3], integer: true });
  const kind = pixelKind(a.data);
  if (!kind) throw new TypeError(`${name} data must be Uint8Array, Uint8ClampedArray, Float32Array or Float64Array, got ${a.data.constructor.name}`);
  const planar2d = a.shape.length === 2;
  const [H, W] = a.shape;
  const C = planar2d ? 1 : a.shape[2];
  if (C !== 1 && C !== 3 && C !== 4) throw new RangeError(`${name} must have 1, 3 or 4 channels ([H, W, C]), got shape [${a.shape.join(', ')}]`);
  if (H < 1 || W < 1) throw new RangeError(`${name} must have H >= 1 and W >= 1, got shape [${a.shape.join(', ')}]`);
  if (H > MAX_IMAGE_SIDE || W > MAX_IMAGE_SIDE) throw new RangeError(`${name} sides must be <= ${MAX_IMAGE_SIDE}, got shape [${a.shape.join(', ')}]`);
  return { H, W, C, planar2d, kind, data: a.data as ImageDataAny, offset: a.offset, sH: a.stride[0], sW: a.stride[1], sC: planar2d ? 0 : a.stride[2] };
}
