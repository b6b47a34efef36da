/**
 * Read box-like arrays (`[N, D]` or `[D]`) for the box conversions: ndarrays
 * of any numeric type and strides, or plain (nested) number arrays. The data
 * type decides the arithmetic: float32 in, float32 operations and a
 * Float32Array out (as NumPy keeps float32); anything else in double.
 */
import ndarray from 'ndarray';
import type { NdArray } from 'ndarray';
import { checkNdArray, checkFinite, isNdArray, type NumericData } from '../core/ndarray.js';

/** A box array read into C order. */
export interface BoxArray {
  /** `[N, D]` or `[D]` (then N = 1). */
  shape: number[];
  N: number;
  D: number;
  /** True when the input was float32 (float32 arithmetic, Float32Array outputs). */
  f32: boolean;
  /** C-order values (a copy: inputs are never mutated). */
  values: Float32Array | Float64Array;
}

/** Read `[N, D]` / `[D]` boxes with `D` in `widths`; TypeError/RangeError naming `name`. */
export function readBoxes(name: string, x: unknown, widths: readonly number[]): BoxArray {
  let shape: number[];
  let values: Float32Array | Float64Array;
  if (isNdArray(x)) {
    const a = checkNdArray<NumericData>(name, x, { ranks: [1, 2], integer: true });
    shape = a.shape.slice();
    const n = shape.reduce((p, s) => p * s, 1);
    values = a.data instanceof Float32Array ? new Float32Array(n) : new Float64Array(n);
    const [N, D] = shape.length === 2 ? shape : [1, shape[0]];
    const [sN, sD] = shape.length === 2 ? a.stride : [0, a.stride[0]];
    for (let i = 0, k = 0; i < N; i++) for (let j = 0; j < D; j++, k++) values[k] = Number(a.data[a.offset + i * sN + j * sD]);
  } else if (Array.isArray(x)) {
    const nested = x.length > 0 && Array.isArray(x[0]);
    const rows = (nested ? x : [x]) as unknown[];
    const D = nested ? (rows[0] as unknown[]).length : x.length;
    shape = nested ? [rows.length, D] : [D];
    values = new Float64Array(rows.length * D);
    rows.forEach((r, i) => {
      if (!Array.isArray(r) || r.length !== D) throw new TypeError(`${name} must be a rectangular [N, ${D}] array, row ${i} is not`);
      r.forEach((v, j) => (values[i * D + j] = checkFinite(`${name}[${i}][${j}]`, v)));
    });
  } else {
    throw new TypeError(`${name} must be an ndarray or a number array, got ${x === null ? 'null' : typeof x}`);
  }
  const D = shape[shape.length - 1];
  if (!widths.includes(D)) throw new RangeError(`${name} last axis must have length ${widths.join(' or ')}, got shape [${shape.join(', ')}]`);
  const N = shape.length === 2 ? shape[0] : 1;
  return { shape, N, D, f32: values instanceof Float32Array, values };
}

/** A fresh C-order ndarray over the same float type as `b`. */
export function boxOutput(b: BoxArray, shape: number[]): NdArray<Float32Array | Float64Array> {
  const n = shape.reduce((p, s) => p * s, 1);
  return ndarray(b.f32 ? new Float32Array(n) : new Float64Array(n), shape);
}

/** `out`, or a RangeError naming `blame` when an entry overflowed to ±Infinity (inputs near the float range). */
export function checkFiniteBoxes<T extends NdArray<Float32Array | Float64Array>>(out: T, blame: string): T {
  const d = out.data;
  for (let i = 0; i < d.length; i++) if (!Number.isFinite(d[i])) throw new RangeError(`${blame} gives a non-finite result (${d[i]}): values too large for ${d instanceof Float32Array ? 'float32' : 'float64'}`);
  return out;
}
