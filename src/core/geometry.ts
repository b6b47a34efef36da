/**
 * Geometry: affine crop matrices (MSRA and UDP) and 2×3 affine application.
 *
 * Conventions (see docs/geometry.md):
 * - Pixel `i` has its centre at coordinate `i` (pixel-index convention).
 * - `center` and `scale` are the bbox centre and size in image pixels
 *   (mmpose: scale in pixels, not ÷200), `[x, y]` and `[w, h]`.
 * - `rot` is in degrees. **One rotation sign for both geometries**: the crop
 *   box is the bbox rotated by `+rot` (counter-clockwise on screen for y down
 *   is clockwise; what matters is that both warps agree). This is mmpose
 *   `get_warp_matrix`'s sign; mmpose `get_udp_warp_matrix` rotates the other
 *   way, so for `rot ≠ 0` our UDP matrix equals mmpose's with `−rot`.
 *   With `rot = 0` both equal mmpose exactly.
 *
 * MSRA (mmpose `get_warp_matrix`, HRNet `get_affine_transform`):
 *   `x_out = (w/S_w)·R(−rot)·(x − c) + (w/2, h/2)` — isotropic, width ratio.
 * UDP (mmpose `get_udp_warp_matrix`, Huang et al., CVPR 2020):
 *   `x_out = diag((w−1)/S_w, (h−1)/S_h)·R(−rot)·(x − c) + ((w−1)/2, (h−1)/2)`.
 */
import ndarray from 'ndarray';
import type { NdArray } from 'ndarray';
import { checkFinite, checkOptions, checkNdArray, checkAllocation } from './ndarray.js';

/** A 2×3 affine matrix as a row-major `[a, b, tx, c, d, ty]`. */
export type Affine = [number, number, number, number, number, number];

function checkPair(name: string, v: unknown, positive = false): [number, number] {
  if (!Array.isArray(v) && !ArrayBuffer.isView(v)) throw new TypeError(`${name} must be a pair [x, y], got ${typeof v}`);
  const a = v as ArrayLike<unknown>;
  if (a.length !== 2) throw new TypeError(`${name} must have 2 values, got ${a.length}`);
  return [checkFinite(`${name}[0]`, a[0], { positive }), checkFinite(`${name}[1]`, a[1], { positive })];
}

/** Invert a 2×3 affine. Throws a RangeError for a singular matrix. */
export function invertAffine(m: Affine): Affine {
  const [a, b, tx, c, d, ty] = m;
  const det = a * d - b * c;
  if (det === 0 || !Number.isFinite(det)) throw new RangeError('matrix is singular and cannot be inverted');
  const ia = d / det;
  const ib = -b / det;
  const ic = -c / det;
  const id = a / det;
  return [ia, ib, -(ia * tx + ib * ty), ic, id, -(ic * tx + id * ty)];
}

export interface WarpOptions {
  /** UDP (corner-aligned, `(w−1)/S`) instead of MSRA (`w/S`) geometry. Default false. */
  udp?: boolean;
  /** Return the output→image matrix instead of image→output. Default false. */
  inverse?: boolean;
  /** MSRA only: shift of the centre as a fraction of `scale` (mmpose `shift`). Default [0, 0]. */
  shift?: [number, number];
}

/**
 * The 2×3 affine that maps image pixels into a crop of `outputSize = [w, h]`
 * pixels (or back, with `inverse`), as mmpose `get_warp_matrix` /
 * `get_udp_warp_matrix` with a single rotation sign (see module doc).
 *
 * @param center bbox centre `[x, y]`, image px
 * @param scale bbox size `[S_w, S_h]`, image px (> 0)
 * @param rot rotation in degrees
 * @param outputSize crop size `[w, h]`, input px (> 0; > 1 for UDP)
 * @returns `[a, b, tx, c, d, ty]`: `x' = a·x + b·y + tx`, `y' = c·x + d·y + ty`
 */
export function getWarpMatrix(center: [number, number], scale: [number, number], rot: number, outputSize: [number, number], options?: WarpOptions): Affine {
  const [cx0, cy0] = checkPair('center', center);
  const [sw, sh] = checkPair('scale', scale, true);
  checkFinite('rot', rot);
  const [w, h] = checkPair('outputSize', outputSize, true);
  const opts = checkOptions('options', options);
  const udp = opts.udp ?? false;
  const [shx, shy] = opts.shift === undefined ? [0, 0] : checkPair('options.shift', opts.shift);
  if (udp && (w <= 1 || h <= 1)) throw new RangeError(`outputSize must be > 1 on both axes for UDP geometry, got [${w}, ${h}]`);
  const cx = cx0 + sw * shx;
  const cy = cy0 + sh * shy;
  const t = (rot * Math.PI) / 180;
  const cs = Math.cos(t);
  const sn = Math.sin(t);
  const kx = udp ? (w - 1) / sw : w / sw;
  const ky = udp ? (h - 1) / sh : w / sw;
  const ox = udp ? (w - 1) / 2 : w / 2;
  const oy = udp ? (h - 1) / 2 : h / 2;
  // R(−rot) = [[cos, sin], [−sin, cos]]
  const a = kx * cs;
  const b = kx * sn;
  const c = -ky * sn;
  const d = ky * cs;
  const m: Affine = [a, b, ox - a * cx - b * cy, c, d, oy - c * cx - d * cy];
  return opts.inverse ? invertAffine(m) : m;
}

/**
 * Apply a 2×3 affine to keypoints `[..., 2]` (any rank ≥ 1, last axis x, y; a
 * longer last axis keeps its extra values). Returns a fresh Float64Array ndarray.
 * @param matrix `[a, b, tx, c, d, ty]` or nested `[[a, b, tx], [c, d, ty]]`
 */
export function transformKeypoints(keypoints: NdArray, matrix: Affine | number[][]): NdArray<Float64Array> {
  const kp = checkNdArray('keypoints', keypoints, { ranks: [1, 2, 3, 4, 5] });
  const D = kp.shape[kp.shape.length - 1];
  if (D < 2) throw new RangeError(`keypoints last axis must have length >= 2, got ${D}`);
  const m = flattenAffine(matrix);
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

function flattenAffine(matrix: unknown): Affine {
  let flatM: unknown[];
  if (Array.isArray(matrix) && matrix.length === 2 && Array.isArray(matrix[0])) flatM = [...(matrix[0] as unknown[]), ...(matrix[1] as unknown[])];
  else if (Array.isArray(matrix) || ArrayBuffer.isView(matrix)) flatM = Array.from(matrix as ArrayLike<unknown>);
  else throw new TypeError('matrix must be a 2x3 affine [a, b, tx, c, d, ty] or [[a, b, tx], [c, d, ty]]');
  if (flatM.length !== 6) throw new TypeError(`matrix must have 6 values (2x3), got ${flatM.length}`);
  return flatM.map((v, i) => checkFinite(`matrix[${i}]`, v)) as Affine;
}

/**
 * Heatmap ↔ input pixel scale per axis for a geometry.
 * MSRA: `x_hm = x_in·W/w`; UDP: `x_hm = x_in·(W−1)/(w−1)` (exact inverses).
 * @returns `[sx, sy]` with `x_in = x_hm·sx`
 */
export function heatmapToInputScale(geometry: 'msra' | 'udp', inputSize: [number, number], heatmapSize: [number, number]): [number, number] {
  const [w, h] = inputSize;
  const [W, H] = heatmapSize;
  if (geometry === 'udp') {
    return [W > 1 ? (w - 1) / (W - 1) : 1, H > 1 ? (h - 1) / (H - 1) : 1];
  }
  return [w / W, h / H];
}
