/**
 * Reading one instance's keypoints `[K, D]` from the forms the metrics API
 * accepts: an ndarray view `[K, D]` (any strides, Float32Array or
 * Float64Array), a flat COCO list `[x0, y0, v0, x1, …]`, or nested
 * `[[x, y, v], …]` number arrays.
 */
import { checkNdArray, isNdArray } from '../core/ndarray.js';

/** Keypoints `[K, D]` flattened in C order; `f32` tells whether the source data was float32. */
export interface InstanceKeypoints {
  K: number;
  D: number;
  values: Float64Array;
  f32: boolean;
}

/**
 * Copy an instance's keypoints into a flat `[K, D]` Float64Array.
 * @param name argument name for errors
 * @param x ndarray `[K, D]`, flat number[] (length K·D) or nested number[][]
 * @param D values per keypoint expected for flat input (3 for x, y, v)
 * @param allowD accepted D for ndarray/nested input
 */
export function readInstanceKeypoints(name: string, x: unknown, D: number, allowD: readonly number[] = [D]): InstanceKeypoints {
  if (isNdArray(x)) {
    const a = checkNdArray(name, x, { ranks: [2] });
    const [K, d] = a.shape;
    if (!allowD.includes(d)) throw new RangeError(`${name} must have shape [K, ${allowD.join(' or ')}], got [${a.shape.join(', ')}]`);
    const out = new Float64Array(K * d);
    for (let k = 0; k < K; k++) for (let j = 0; j < d; j++) out[k * d + j] = a.data[a.offset + k * a.stride[0] + j * a.stride[1]];
    return { K, D: d, values: out, f32: a.data instanceof Float32Array };
  }
  if (!Array.isArray(x)) throw new TypeError(`${name} must be an ndarray [K, ${D}] or an array of numbers`);
  if (x.length > 0 && Array.isArray(x[0])) {
    const d = (x[0] as unknown[]).length;
    if (!allowD.includes(d)) throw new RangeError(`${name}[0] must have ${allowD.join(' or ')} values, got ${d}`);
    const out = new Float64Array(x.length * d);
    for (let k = 0; k < x.length; k++) {
      const row = x[k];
      if (!Array.isArray(row) || row.length !== d) throw new RangeError(`${name}[${k}] must be an array of ${d} numbers`);
      for (let j = 0; j < d; j++) out[k * d + j] = checkNumber(`${name}[${k}][${j}]`, row[j]);
    }
    return { K: x.length, D: d, values: out, f32: false };
  }
  if (x.length % D !== 0) throw new RangeError(`${name} must hold K·${D} numbers (flat x, y${D === 3 ? ', v' : ''}), got ${x.length}`);
  const out = new Float64Array(x.length);
  for (let i = 0; i < x.length; i++) out[i] = checkNumber(`${name}[${i}]`, x[i]);
  return { K: x.length / D, D, values: out, f32: false };
}

function checkNumber(name: string, v: unknown): number {
  if (typeof v !== 'number') throw new TypeError(`${name} must be a number, got ${typeof v === 'string' ? JSON.stringify(v) : typeof v}`);
  return v;
}
