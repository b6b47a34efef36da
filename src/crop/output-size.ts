/** Output-size and output-buffer checks shared by the warps. */
import type { NdArray } from 'ndarray';
import { checkAllocation, checkNdArray, checkSize, type NumericData } from '../core/ndarray.js';

/** Validate `[w, h]` (positive integers) and that `w·h·channels` elements of `bytesPer` bytes fit the 1 GiB cap. */
export function checkOutputSize(name: string, v: unknown, channels: number, bytesPer: number): [number, number] {
  const [w, h] = checkSize(name, v);
  checkAllocation(name, w * h * channels, bytesPer);
  return [w, h];
}

/**
 * Validate a caller-provided output: an ndarray of exactly `shape` whose data
 * satisfies `okData` (described by `want` in the error). Returns its strides.
 */
export function checkOut(name: string, out: unknown, shape: readonly number[], okData: (d: unknown) => boolean, want: string): NdArray<NumericData> {
  const o = checkNdArray<NumericData>(name, out, { ranks: [shape.length], integer: true });
  if (!okData(o.data)) throw new TypeError(`${name} data must be ${want}, got ${o.data.constructor.name}`);
  if (o.shape.some((s, i) => s !== shape[i])) throw new RangeError(`${name} must have shape [${shape.join(', ')}], got [${o.shape.join(', ')}]`);
  return o;
}
