/**
 * The row loop shared by every warp: inverts the forward matrix with
 * OpenCV's arithmetic, builds the fixed-point column tables once, and hands
 * each sampled destination row (`w·C` values, channels interleaved) to a
 * writer. Scratch buffers are reused across calls, so a warp into a
 * caller-provided output allocates nothing of image size.
 */
import { flattenAffine, invertAffineOpenCv, type Affine } from '../core/geometry.js';
import { checkFinite } from '../core/ndarray.js';
import { roundHalfEven } from '../core/round-half-even.js';
import { columnDeltas, rowStartX, rowStartY } from './fixed-point.js';
import type { ImageView } from './image-view.js';
import { sampleRowU8, sampleRowU8x3, sampleRowFloat } from './warp-rows.js';

let scratchI32 = new Int32Array(0);
let scratchF64 = new Float64Array(0);

function i32Scratch(n: number): Int32Array {
  if (scratchI32.length < n) scratchI32 = new Int32Array(Math.max(n, scratchI32.length * 2));
  return scratchI32;
}

function f64Scratch(n: number): Float64Array {
  if (scratchF64.length < n) scratchF64 = new Float64Array(Math.max(n, scratchF64.length * 2));
  return scratchF64;
}

/**
 * Validate a forward (image → crop) matrix and return OpenCV's inverse of it
 * (destination → source). RangeError naming `name` when it is not invertible
 * or its inverse is not finite.
 */
export function inverseWarpMatrix(matrix: unknown, name = 'matrix'): Affine {
  const m = flattenAffine(matrix, name);
  const inv = invertAffineOpenCv(m, name);
  inv.forEach((v, i) => checkFinite(`${name} inverse[${i}]`, v));
  return inv;
}

/**
 * The border value per channel in the image's type: uint8 `saturate_cast<uchar>`
 * (round half to even, clamp to 0..255), float32 rounded, float64 as given.
 */
export function borderValues(name: string, v: unknown, C: number, kind: ImageView['kind']): number[] {
  const raw: unknown[] = v === undefined ? [0] : Array.isArray(v) ? v : [v];
  if (raw.length !== 1 && raw.length !== C) throw new RangeError(`${name} must be a number or ${C} numbers (one per channel), got ${raw.length} values`);
  const vals = raw.map((x, i) => checkFinite(`${name}${raw.length > 1 ? `[${i}]` : ''}`, x));
  const out: number[] = [];
  for (let c = 0; c < C; c++) {
    const x = vals[raw.length === 1 ? 0 : c];
    if (kind === 'u8') {
      out.push(Math.min(255, Math.max(0, roundHalfEven(x))));
    } else out.push(kind === 'f32' ? Math.fround(x) : x);
  }
  return out;
}

/** Where {@link warpRowsU8x3} writes source channel c of row y: `dst[offset(y, c) + x·step]`, through `lut[lutOffset[c] + value]`. */
export interface U8x3Target {
  dst: Float32Array | Uint8Array | Uint8ClampedArray;
  /** Start of row y for source channel c. */
  offset: (y: number, c: number) => number;
  step: number;
  lut: Float32Array | Int32Array;
  lutOffset: readonly [number, number, number];
}

/** True when the fused 3-channel uint8 path applies: uint8 data, channel stride 1, at least 3 channels. */
export function hasU8x3Path(v: ImageView): boolean {
  return v.kind === 'u8' && v.C >= 3 && v.sC === 1;
}

/** {@link warpRows} for the first 3 channels of a uint8 image ({@link hasU8x3Path}), written straight to `t` (no row buffer). */
export function warpRowsU8x3(v: ImageView, inv: Affine, w: number, h: number, cval: ArrayLike<number>, t: U8x3Target): void {
  const buf = i32Scratch(2 * w);
  const ad = buf.subarray(0, w);
  const bd = buf.subarray(w, 2 * w);
  columnDeltas(inv, w, ad, bd);
  const [l0, l1, l2] = t.lutOffset;
  for (let y = 0; y < h; y++) {
    sampleRowU8x3(v, rowStartX(inv, y), rowStartY(inv, y), ad, bd, w, cval, t.dst, t.offset(y, 0), t.offset(y, 1), t.offset(y, 2), t.step, t.lut, l0, l1, l2);
  }
}

/**
 * Sample every destination row `y = 0..h−1` of the warp of `v` by `inv`
 * (destination → source) and call `write(y, row)` with the row's `w·C` values.
 * The row buffer is an Int32Array (uint8 images: integer results 0..255) or a
 * Float64Array holding float32 values (float32 images) or doubles.
 */
export function warpRows(v: ImageView, inv: Affine, w: number, h: number, cval: ArrayLike<number>, write: (y: number, row: Int32Array | Float64Array) => void): void {
  const n = w * v.C;
  const buf = i32Scratch(2 * w + (v.kind === 'u8' ? n : 0));
  const ad = buf.subarray(0, w);
  const bd = buf.subarray(w, 2 * w);
  columnDeltas(inv, w, ad, bd);
  if (v.kind === 'u8') {
    const row = buf.subarray(2 * w, 2 * w + n);
    for (let y = 0; y < h; y++) {
      sampleRowU8(v, rowStartX(inv, y), rowStartY(inv, y), ad, bd, w, cval, row);
      write(y, row);
    }
  } else {
    const row = f64Scratch(n).subarray(0, n);
    for (let y = 0; y < h; y++) {
      sampleRowFloat(v, rowStartX(inv, y), rowStartY(inv, y), ad, bd, w, cval, row);
      write(y, row);
    }
  }
}
