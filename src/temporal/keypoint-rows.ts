/**
 * Reading one pose's keypoints — an ndarray `[K, D]` (any strides, Float32Array or Float64Array),
 * nested arrays `number[K][D]`, or tfjs-style objects `{ x, y, z?, score? }[]` — into a fresh
 * row-major Float64Array, once per call, so the filters' loops index flat memory.
 */
import ndarray from 'ndarray';
import type { NdArray } from 'ndarray';
import { checkNdArray, isNdArray, MAX_VIEW_ELEMENTS } from '../core/ndarray.js';
import { describeValue } from './validate.js';

/** `K` keypoints of `D` values each, row-major (`data[k·D + d]`). */
export interface KeypointRows {
  K: number;
  D: number;
  data: Float64Array;
}

/** A tfjs-models style keypoint. */
export interface KeypointObject {
  x: number;
  y: number;
  z?: number;
  score?: number;
  name?: string;
}

/** Keypoints as accepted by the temporal filters and trackers. */
export type KeypointsInput = NdArray | ArrayLike<ArrayLike<number>> | ArrayLike<KeypointObject>;

function checkD(name: string, D: number, allowed: readonly number[], shape?: readonly number[]): void {
  if (!allowed.includes(D)) throw new RangeError(`${name}${shape ? ` (shape [${shape.join(', ')}])` : ''} must have ${allowed.join(' or ')} values per keypoint, got ${D}`);
}

/**
 * Read keypoints `[K, D]` with `D` in `allowed`. Objects give D = 4 (x, y, z, score) when the
 * first has a numeric `z` and 4 is allowed, else 3 (x, y, score); a missing score reads as NaN.
 * @throws TypeError for anything else (message names `name`), RangeError for a wrong D or ragged rows.
 */
export function readKeypointRows(name: string, kp: unknown, allowed: readonly number[]): KeypointRows {
  if (isNdArray(kp)) {
    const a = checkNdArray(name, kp, { ranks: [2] });
    const [K, D] = a.shape;
    checkD(name, D, allowed, a.shape);
    const out = new Float64Array(K * D);
    const s0 = a.stride[0];
    const s1 = a.stride[1];
    const src = a.data as Float32Array | Float64Array;
    const off = a.offset;
    if (s1 === 1 && s0 === D) out.set(src.subarray(off, off + K * D)); // C order: one block copy
    else for (let k = 0; k < K; k++) for (let d = 0; d < D; d++) out[k * D + d] = src[off + k * s0 + d * s1];
    return { K, D, data: out };
  }
  if (!Array.isArray(kp)) throw new TypeError(`${name} must be an ndarray [K, D], nested arrays or keypoint objects, got ${describeValue(kp)}`);
  const K = kp.length;
  if (K > MAX_VIEW_ELEMENTS) throw new RangeError(`${name} has ${K} keypoints, over the limit`);
  if (K === 0) return { K: 0, D: allowed[0], data: new Float64Array(0) };
  const first = kp[0] as unknown;
  if (first !== null && typeof first === 'object' && !Array.isArray(first) && !ArrayBuffer.isView(first)) {
    const hasZ = typeof (first as KeypointObject).z === 'number' && allowed.includes(4);
    const D = hasZ ? 4 : 3;
    checkD(name, D, allowed);
    const out = new Float64Array(K * D);
    for (let k = 0; k < K; k++) {
      const p = kp[k] as KeypointObject;
      if (p === null || typeof p !== 'object') throw new TypeError(`${name}[${k}] must be a keypoint object, got ${describeValue(p)}`);
      if (typeof p.x !== 'number' || typeof p.y !== 'number') throw new TypeError(`${name}[${k}].x and .y must be numbers`);
      out[k * D] = p.x;
      out[k * D + 1] = p.y;
      if (hasZ) out[k * D + 2] = typeof p.z === 'number' ? p.z : NaN;
      out[k * D + D - 1] = typeof p.score === 'number' ? p.score : NaN;
    }
    return { K, D, data: out };
  }
  if (!Array.isArray(first) && !ArrayBuffer.isView(first)) throw new TypeError(`${name}[0] must be an array of numbers or a keypoint object, got ${describeValue(first)}`);
  const D = (first as ArrayLike<number>).length;
  checkD(name, D, allowed);
  const out = new Float64Array(K * D);
  for (let k = 0; k < K; k++) {
    const row = kp[k] as ArrayLike<number>;
    if (!Array.isArray(row) && !ArrayBuffer.isView(row)) throw new TypeError(`${name}[${k}] must be an array of numbers, got ${describeValue(row)}`);
    if (row.length !== D) throw new RangeError(`${name}[${k}] has ${row.length} values, expected ${D} like ${name}[0]`);
    for (let d = 0; d < D; d++) {
      const v = row[d];
      if (typeof v !== 'number') throw new TypeError(`${name}[${k}][${d}] must be a number, got ${describeValue(v)}`);
      out[k * D + d] = v;
    }
  }
  return { K, D, data: out };
}

/** Wrap rows as a fresh C-order `[K, D]` Float64Array ndarray (the data is not copied). */
export function rowsToNdArray(r: KeypointRows): NdArray<Float64Array> {
  return ndarray(r.data, [r.K, r.D]);
}
