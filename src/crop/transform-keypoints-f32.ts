/**
 * `cv2.transform(points, M)` on float32 points as mmpose `TopdownAffine`
 * applies it to keypoints (topdown_transforms.py:126-127; W14).
 */
import ndarray from 'ndarray';
import type { NdArray } from 'ndarray';
import { checkInvertibleAffine, checkKeypointDim, flattenAffine, type Affine } from '../core/affine.js';
import { checkAllocation, checkNdArray } from '../core/ndarray.js';

const FLT_EPSILON = 1.1920928955078125e-7;

/**
 * Map keypoints `[..., D ≥ 2]` (x, y first) by a 2×3 affine the way OpenCV
 * does for float32 data: the matrix is rounded to float32
 * (core/src/matmul.dispatch.cpp:470-488); when both off-diagonal entries are
 * ≤ FLT_EPSILON the diagonal kernel `x' = f32(M00·x + M02)` is used (they are
 * ignored, :508-519), otherwise `x' = f32(f32(M00·x + f32(M01·y)) + M02)` —
 * the fused first product of GCC's AVX-512 build (1836 of 1836 reference
 * values; a plain float32 evaluation differs by ≤ 1 ulp). Within 1e-4 px of
 * the reference on any CPU. Extra columns (scores) are copied.
 * @param keypoints `[N, K, D]`, `[K, D]` (any rank ≥ 1), image px, float32 or float64
 * @param matrix `[a, b, tx, c, d, ty]`, nested or a `[2, 3]` ndarray; invertible, entries within float32 range
 * @param name the argument name used in error messages (default `'keypoints'`)
 * @returns same shape, Float64Array holding float32 values, crop px
 */
export function transformKeypointsF32(keypoints: NdArray, matrix: Affine, name = 'keypoints'): NdArray<Float64Array> {
  if (typeof name !== 'string') throw new TypeError(`name (the argument name for messages) must be a string, got ${name === null ? 'null' : typeof name}`);
  const kp = checkNdArray(name, keypoints, { ranks: [1, 2, 3, 4] });
  const D = checkKeypointDim(name, kp.shape);
  const f = Math.fround;
  const m32 = flattenAffine(matrix, 'matrix').map(f) as Affine; // cv2.transform on float32 points: the matrix in float32
  for (let i = 0; i < 6; i++) if (!Number.isFinite(m32[i])) throw new RangeError(`matrix[${i}] must be within float32 range, got ${flattenAffine(matrix, 'matrix')[i]}`);
  checkInvertibleAffine('matrix', m32);
  const n = kp.shape.reduce((p, s) => p * s, 1);
  checkAllocation(name, n, 8);
  const [a, b, tx, c, d, ty] = m32;
  const diagonal = Math.abs(b) <= FLT_EPSILON && Math.abs(c) <= FLT_EPSILON;
  const out = ndarray(new Float64Array(n), kp.shape.slice());
  const o = out.data;
  const outer = kp.shape.slice(0, -1);
  const idx = new Array(outer.length).fill(0);
  const sD = kp.stride[kp.stride.length - 1];
  for (let r = 0; r < n / D; r++) {
    let p = kp.offset;
    for (let k = 0; k < outer.length; k++) p += idx[k] * kp.stride[k];
    const x = f(kp.data[p]);
    const y = f(kp.data[p + sD]);
    const q = r * D;
    if (diagonal) {
      o[q] = f(a * x + tx);
      o[q + 1] = f(d * y + ty);
    } else {
      o[q] = f(f(a * x + f(b * y)) + tx);
      o[q + 1] = f(f(c * x + f(d * y)) + ty);
    }
    for (let e = 2; e < D; e++) o[q + e] = kp.data[p + e * sD];
    for (let k = outer.length - 1; k >= 0; k--) {
      if (++idx[k] < outer[k]) break;
      idx[k] = 0;
    }
  }
  return out;
}
