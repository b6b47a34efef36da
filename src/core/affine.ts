/**
 * 2×3 affine matrices: the {@link Affine} type, argument readers (pairs,
 * nested or ndarray matrices), inverses (closed form and OpenCV's
 * `invertAffineTransform`) and application to keypoints `[N, K, 2]`.
 */
import ndarray from 'ndarray';
import type { NdArray } from 'ndarray';
import { checkFinite, checkNdArray, checkAllocation, isNdArray } from './ndarray.js';

/** A 2×3 affine matrix as a row-major `[a, b, tx, c, d, ty]`. */
export type Affine = [number, number, number, number, number, number];

/**
 * Read a pair `[x, y]`: a plain array, a typed array or an ndarray with
 * exactly 2 elements (e.g. mmpose's `[1, 2]` float32 `bbox_center`).
 * Throws a TypeError naming `name` for anything else, a RangeError for a
 * non-finite value or (with `positive`) a value ≤ 0.
 */
export function checkPair(name: string, v: unknown, positive = false): [number, number] {
  let a: ArrayLike<unknown>;
  if (isNdArray(v)) {
    const n = v.shape.reduce((p, s) => p * s, 1);
    if (n !== 2) throw new TypeError(`${name} must have 2 values, got an ndarray of shape [${v.shape.join(', ')}]`);
    a = flatValues(name, v);
  } else if (Array.isArray(v) || ArrayBuffer.isView(v)) {
    a = v as ArrayLike<unknown>;
  } else throw new TypeError(`${name} must be a pair [x, y], got ${v === null ? 'null' : typeof v}`);
  if (a.length !== 2) throw new TypeError(`${name} must have 2 values, got ${a.length}`);
  return [checkFinite(`${name}[0]`, a[0], { positive }), checkFinite(`${name}[1]`, a[1], { positive })];
}

/** C-order values of a small ndarray (any strides), as numbers. */
function flatValues(name: string, v: NdArray): number[] {
  const a = checkNdArray(name, v, { ranks: [1, 2, 3, 4], integer: true });
  const out: number[] = [];
  const idx = new Array(a.shape.length).fill(0);
  const n = a.shape.reduce((p, s) => p * s, 1);
  for (let i = 0; i < n; i++) {
    let p = a.offset;
    for (let d = 0; d < idx.length; d++) p += idx[d] * a.stride[d];
    out.push(Number(a.data[p]));
    for (let d = idx.length - 1; d >= 0; d--) {
      if (++idx[d] < a.shape[d]) break;
      idx[d] = 0;
    }
  }
  return out;
}

/** Boundary check of a flat 2×3 affine `[a, b, tx, c, d, ty]`: an array or typed array of 6 finite numbers. */
function checkAffineArg(name: string, m: unknown): void {
  if (!Array.isArray(m) && !(ArrayBuffer.isView(m) && !(m instanceof DataView))) throw new TypeError(`${name} must be a flat 2x3 affine [a, b, tx, c, d, ty], got ${m === null ? 'null' : typeof m}`);
  const a = m as ArrayLike<unknown>;
  if (a.length !== 6) throw new RangeError(`${name} must have 6 values [a, b, tx, c, d, ty], got ${a.length}`);
  for (let i = 0; i < 6; i++) if (typeof a[i] !== 'number' || !Number.isFinite(a[i] as number)) throw new RangeError(`${name}[${i}] must be a finite number, got ${String(a[i])}`);
}

/** Smallest |det| of a usable 2×3 affine: the least normal float64 (below, the inverse overflows). */
const MIN_NORMAL = 2.2250738585072014e-308;

/** Longest last axis of keypoints `[..., D]` the transforms accept (x, y and extra values such as scores). */
export const MAX_KEYPOINT_DIM = 1024;

/**
 * Reject a 2×3 affine whose linear part is singular or out of float64 range:
 * `det = a·d − b·c` must be finite with |det| ≥ the least normal double (an
 * all-zero, a 5e-324 or a 1e308 matrix collapses or overflows every point).
 * RangeError naming `name`.
 */
export function checkInvertibleAffine(name: string, m: Affine): Affine {
  const det = m[0] * m[4] - m[1] * m[3];
  if (!(Math.abs(det) >= MIN_NORMAL) || !Number.isFinite(det)) throw new RangeError(`${name} must be an invertible affine with a finite determinant in float64 range, got determinant ${det} for [${m.join(', ')}]`);
  return m;
}

/** Validate the last axis `D` of keypoints `[..., D]`: 2 ≤ D ≤ {@link MAX_KEYPOINT_DIM}. */
export function checkKeypointDim(name: string, shape: readonly number[]): number {
  const D = shape[shape.length - 1];
  if (!(D >= 2) || D > MAX_KEYPOINT_DIM) throw new RangeError(`${name} last axis must have length in [2, ${MAX_KEYPOINT_DIM}] (x, y[, extra values]), got shape [${shape.join(', ')}]`);
  return D;
}

/** Invert a 2×3 affine (exact division by the determinant). Throws a RangeError for a singular matrix. */
export function invertAffine(m: Affine): Affine {
  checkAffineArg('matrix', m);
  const [a, b, tx, c, d, ty] = m;
  const det = a * d - b * c;
  if (det === 0 || !Number.isFinite(det)) throw new RangeError('matrix is singular and cannot be inverted');
  const ia = d / det;
  const ib = -b / det;
  const ic = -c / det;
  const id = a / det;
  return [ia, ib, -(ia * tx + ib * ty), ic, id, -(ic * tx + id * ty)];
}

/**
 * Invert a 2×3 affine with OpenCV's arithmetic, bit for bit: the in-place
 * inversion at the top of `cv::warpAffine` (imgproc/src/imgwarp.cpp:2607-2617),
 * which is also `cv::invertAffineTransform`'s: `D = 1/(a·d − b·c)`, then
 * `a' = d·D, b' = −b·D, c' = −c·D, d' = a·D`, `tx' = −a'·tx − b'·ty`,
 * `ty' = −c'·tx − d'·ty` in double. Throws a RangeError naming `name` when the
 * determinant is 0 or not finite (OpenCV silently uses a zero matrix).
 */
export function invertAffineOpenCv(m: Affine, name = 'matrix'): Affine {
  if (typeof name !== 'string') throw new TypeError(`name (the argument name for messages) must be a string, got ${name === null ? 'null' : typeof name}`);
  checkAffineArg(name, m);
  const [M0, M1, M2, M3, M4, M5] = m;
  const det = M0 * M4 - M1 * M3;
  if (det === 0 || !Number.isFinite(det)) throw new RangeError(`${name} is not invertible (determinant ${det})`);
  const D = 1 / det;
  const a = M4 * D;
  const b = M1 * -D;
  const c = M3 * -D;
  const d = M0 * D;
  return [a, b, -a * M2 - b * M5, c, d, -c * M2 - d * M5];
}

/**
 * Apply a 2×3 affine to keypoints `[..., 2]` (any rank ≥ 1, last axis x, y; a
 * longer last axis, up to {@link MAX_KEYPOINT_DIM}, keeps its extra values).
 * Returns a fresh Float64Array ndarray.
 * @param matrix `[a, b, tx, c, d, ty]` or nested `[[a, b, tx], [c, d, ty]]`;
 *   invertible (RangeError for a singular or overflowing one, {@link checkInvertibleAffine})
 */
export function transformKeypoints(keypoints: NdArray, matrix: Affine | number[][]): NdArray<Float64Array> {
  const kp = checkNdArray('keypoints', keypoints, { ranks: [1, 2, 3, 4, 5] });
  const D = checkKeypointDim('keypoints', kp.shape);
  const m = checkInvertibleAffine('matrix', flattenAffine(matrix));
  const n = kp.shape.reduce((p, s) => p * s, 1);
  checkAllocation('keypoints', n, 8);
  const out = ndarray(new Float64Array(n), kp.shape.slice());
  const rows = n / D;
  const outer = kp.shape.slice(0, -1);
  const idx = new Array(outer.length).fill(0);
  const sD = kp.stride[kp.stride.length - 1];
  for (let r = 0; r < rows; r++) {
    let p = kp.offset;
    for (let d = 0; d < outer.length; d++) p += idx[d] * kp.stride[d];
    const x = kp.data[p];
    const y = kp.data[p + sD];
    const o = r * D;
    out.data[o] = m[0] * x + m[1] * y + m[2];
    out.data[o + 1] = m[3] * x + m[4] * y + m[5];
    for (let e = 2; e < D; e++) out.data[o + e] = kp.data[p + e * sD];
    for (let d = outer.length - 1; d >= 0; d--) {
      if (++idx[d] < outer[d]) break;
      idx[d] = 0;
    }
  }
  return out;
}

/**
 * Read a 2×3 affine given as a flat `[a, b, tx, c, d, ty]` (array or typed
 * array), nested `[[a, b, tx], [c, d, ty]]`, or a `[2, 3]` / `[6]` ndarray
 * (any dtype and strides). Throws a TypeError naming `name` for another shape,
 * a RangeError for a non-finite entry.
 */
export function flattenAffine(matrix: unknown, name = 'matrix'): Affine {
  let flatM: unknown[];
  if (Array.isArray(matrix) && matrix.length === 2 && Array.isArray(matrix[0]) && Array.isArray(matrix[1])) flatM = [...(matrix[0] as unknown[]), ...(matrix[1] as unknown[])];
  else if (isNdArray(matrix)) {
    const n = matrix.shape.reduce((p, s) => p * s, 1);
    const ok = (matrix.shape.length === 2 && matrix.shape[0] === 2 && matrix.shape[1] === 3) || (matrix.shape.length === 1 && n === 6);
    if (!ok) throw new TypeError(`${name} must be a 2x3 affine, got an ndarray of shape [${matrix.shape.join(', ')}]`);
    flatM = flatValues(name, matrix);
  } else if (Array.isArray(matrix) || ArrayBuffer.isView(matrix)) flatM = Array.from(matrix as ArrayLike<unknown>);
  else throw new TypeError(`${name} must be a 2x3 affine [a, b, tx, c, d, ty] or [[a, b, tx], [c, d, ty]]`);
  if (flatM.length !== 6) throw new TypeError(`${name} must have 6 values (2x3), got ${flatM.length}`);
  return flatM.map((v, i) => checkFinite(`${name}[${i}]`, v)) as Affine;
}
