/**
 * The top-down crop's warp matrices, MSRA and UDP (`getWarpMatrix`).
 *
 * Conventions (see docs/geometry.md, docs/crop.md):
 * - Pixel `i` has its centre at coordinate `i` (pixel-index convention).
 * - `center` and `scale` are the bbox centre and size in image pixels
 *   (mmpose: scale in pixels, not ÷200), `[x, y]` and `[w, h]`.
 * - `rot` is in degrees. **One rotation sign for both geometries** by default:
 *   the crop box is the bbox rotated by `+rot` (mmpose `get_warp_matrix`'s
 *   sign). mmpose `get_udp_warp_matrix` rotates the other way; `compat:
 *   'mmpose'` reproduces that, the default uses `−rot` in its formula so that
 *   both warps agree. With `rot = 0` both equal mmpose exactly.
 *
 * MSRA (mmpose `get_warp_matrix`, HRNet `get_affine_transform`):
 *   `x_out = (w/S_w)·R(−rot)·(x − c) + (w/2, h/2)` — isotropic (width ratio)
 *   with `fixAspectRatio` (default), else `h/S_h` on the y axis.
 * UDP (mmpose `get_udp_warp_matrix`, Huang et al., CVPR 2020):
 *   `x_out = diag((w−1)/S_w, (h−1)/S_h)·R(−rot)·(x − c) + ((w−1)/2, (h−1)/2)`.
 *
 * Both are **bit-exact** with mmpose 1.x + OpenCV 4.6 (oracle/warp/FORMAT.md
 * W4–W9): MSRA builds mmpose's three float32 point pairs and solves them with
 * a port of `cv2.getAffineTransform` (6×6 LU, `hal::LU64f`); UDP evaluates
 * mmpose's expressions in double, left to right, and rounds each entry to
 * float32 as its `np.float32` matrix does.
 *
 * Long file: the MSRA warp needs a port of OpenCV's getAffineTransform (6×6 LU)
 * next to mmpose's float32 point construction; both are only used here.
 */
import { checkFinite, checkOptions } from './ndarray.js';
import { checkPair, invertAffineOpenCv, type Affine } from './affine.js';

export interface WarpOptions {
  /** UDP (corner-aligned, `(w−1)/S`) instead of MSRA (`w/S`) geometry. Default false. */
  udp?: boolean;
  /** Return the output→image matrix instead of image→output (mmpose `inv`). Default false. */
  inverse?: boolean;
  /** Shift of the centre as a fraction of `scale` (mmpose `shift`; for UDP a posecodec extension). Default [0, 0]. */
  shift?: [number, number];
  /**
   * MSRA only: the third point pair is the second rotated by 90° about the first
   * (isotropic `w/S_w` on both axes, mmpose `fix_aspect_ratio=True`, the default);
   * `false` uses the bbox's top edge (`h/S_h` on y). UDP is always anisotropic.
   */
  fixAspectRatio?: boolean;
  /**
   * How `rot` is rounded: `'float64'` (a Python float, default) or `'float32'`
   * (an `np.float32` angle, as mmpose `TopdownAffine` passes `bbox_rotation`:
   * float32 `deg2rad` and, for MSRA, float32 `sin`/`cos`; FORMAT.md W8).
   */
  rotDtype?: 'float64' | 'float32';
  /** `'mmpose'`: mmpose's UDP rotation sign (opposite to its MSRA sign). Default: one sign for both. */
  compat?: 'mmpose';
}

/**
 * Largest |center|, outputSize and |rot| (px, px, degrees) {@link getWarpMatrix}
 * accepts: 2^24, where float32 (mmpose stores the point pairs and, for
 * `TopdownAffine`, the angle as float32) stops resolving whole units.
 */
export const MAX_WARP_VALUE = 2 ** 24;

/** Validate a warp angle in degrees: finite, |rot| ≤ {@link MAX_WARP_VALUE}; RangeError naming `name`. */
export function checkRotation(name: string, v: unknown): number {
  const r = checkFinite(name, v);
  if (Math.abs(r) > MAX_WARP_VALUE) throw new RangeError(`${name} must be in [-${MAX_WARP_VALUE}, ${MAX_WARP_VALUE}] degrees, got ${r}`);
  return r;
}

/** A pair whose entries lie in [lo, {@link MAX_WARP_VALUE}] in absolute value (lo > 0: positive). */
function boundedPair(name: string, v: unknown, lo?: number): [number, number] {
  const p = checkPair(name, v, lo !== undefined);
  for (let i = 0; i < 2; i++) {
    const x = p[i];
    if (Math.abs(x) > MAX_WARP_VALUE || (lo !== undefined && x < lo)) throw new RangeError(`${name}[${i}] must be in ${lo === undefined ? `[-${MAX_WARP_VALUE}, ${MAX_WARP_VALUE}]` : `[${lo}, ${MAX_WARP_VALUE}]`}, got ${x}`);
  }
  return p;
}

const DEG_TO_RAD = Math.PI / 180; // np.deg2rad / math.radians: r · (π/180), the constant rounded once (W7)
const DEG_TO_RAD_F32 = Math.fround(DEG_TO_RAD);
const f32 = Math.fround;

/** `sin`/`cos` of `rot` degrees as mmpose's MSRA `_rotate_point` sees them (W7, W8). */
function msraSinCos(rot: number, rotDtype: 'float64' | 'float32'): [number, number] {
  if (rotDtype === 'float64') {
    const t = rot * DEG_TO_RAD;
    return [Math.sin(t), Math.cos(t)];
  }
  const t = f32(f32(rot) * DEG_TO_RAD_F32); // np.deg2rad(np.float32): float32 product
  return [f32(Math.sin(t)), f32(Math.cos(t))]; // np.sin/np.cos of a float32: float32 results
}

/** The radian angle mmpose's UDP warp passes to `math.sin`/`math.cos` (W8: a float32 angle stays float32 until then). */
function udpRadians(rot: number, rotDtype: 'float64' | 'float32'): number {
  return rotDtype === 'float64' ? rot * DEG_TO_RAD : f32(f32(rot) * DEG_TO_RAD_F32);
}

/**
 * `cv2.getAffineTransform(src, dst)` for three float32 point pairs, bit for
 * bit (imgwarp.cpp:3325-3346 → `solve(DECOMP_LU)` → `hal::LU64f`, LUImpl in
 * core/src/matrix_decomp.cpp:14-71): the 6×6 system with rows
 * `[x, y, 1, 0, 0, 0 | u]`, `[0, 0, 0, x, y, 1 | v]`, partial pivoting (first
 * strictly largest), elimination with `d = −1/pivot`, back substitution
 * dividing by the pivot. Double, no FMA. Cost: ~150 flops.
 * @param src `[x0, y0, x1, y1, x2, y2]` @param dst likewise
 * @returns the 2×3 matrix, or `undefined` when a pivot is below `100·DBL_EPSILON` (OpenCV: a zero matrix)
 */
function solveAffine3(src: ArrayLike<number>, dst: ArrayLike<number>): Affine | undefined {
  const A = new Float64Array(36);
  const b = new Float64Array(6);
  for (let i = 0; i < 3; i++) {
    const r0 = 12 * i;
    const r1 = r0 + 6;
    A[r0] = A[r1 + 3] = src[2 * i];
    A[r0 + 1] = A[r1 + 4] = src[2 * i + 1];
    A[r0 + 2] = A[r1 + 5] = 1;
    b[2 * i] = dst[2 * i];
    b[2 * i + 1] = dst[2 * i + 1];
  }
  const m = 6;
  const eps = 2.220446049250313e-16 * 100; // LU64f: DBL_EPSILON*100
  for (let i = 0; i < m; i++) {
    let k = i;
    for (let j = i + 1; j < m; j++) if (Math.abs(A[j * m + i]) > Math.abs(A[k * m + i])) k = j;
    if (!(Math.abs(A[k * m + i]) >= eps)) return undefined;
    if (k !== i) {
      for (let j = i; j < m; j++) {
        const t = A[i * m + j];
        A[i * m + j] = A[k * m + j];
        A[k * m + j] = t;
      }
      const t = b[i];
      b[i] = b[k];
      b[k] = t;
    }
    const d = -1 / A[i * m + i];
    for (let j = i + 1; j < m; j++) {
      const alpha = A[j * m + i] * d;
      for (let c = i + 1; c < m; c++) A[j * m + c] += alpha * A[i * m + c];
      b[j] += alpha * b[i];
    }
  }
  for (let i = m - 1; i >= 0; i--) {
    let s = b[i];
    for (let c = i + 1; c < m; c++) s -= A[i * m + c] * b[c];
    b[i] = s / A[i * m + i];
  }
  return [b[0], b[1], b[2], b[3], b[4], b[5]];
}

/** mmpose `_get_3rd_point(a, b)` on float32 points (transforms.py:509-525): `b + R90(a − b)`, float32 operations. */
function thirdPointF32(ax: number, ay: number, bx: number, by: number): [number, number] {
  const dx = f32(ax - bx);
  const dy = f32(ay - by);
  return [f32(bx + -dy), f32(by + dx)];
}

/** mmpose `get_warp_matrix` (transforms.py:372-436) + OpenCV's solver; W4-W5. */
function msraMatrix(
  c: [number, number],
  s: [number, number],
  rot: number,
  size: [number, number],
  shift: [number, number],
  inverse: boolean,
  fix: boolean,
  rotDtype: 'float64' | 'float32',
): Affine {
  const [cx, cy] = c;
  const [sw, sh] = s;
  const [w, h] = size;
  const [sn, cs] = msraSinCos(rot, rotDtype);
  const ssx = sw * shift[0]; // scale * shift, double
  const ssy = sh * shift[1];
  const a = sw * -0.5; // _rotate_point([src_w * -0.5, 0]): R·pt = (cs·a, sn·a)
  const src = new Float32Array(6); // np.zeros((3, 2), float32): every point is stored as float32
  const dst = new Float32Array(6);
  src[0] = cx + ssx;
  src[1] = cy + ssy;
  src[2] = cx + cs * a + ssx;
  src[3] = cy + sn * a + ssy;
  dst[0] = w * 0.5;
  dst[1] = h * 0.5;
  dst[2] = w * 0.5 + w * -0.5;
  dst[3] = h * 0.5;
  if (fix) {
    [src[4], src[5]] = thirdPointF32(src[0], src[1], src[2], src[3]);
    [dst[4], dst[5]] = thirdPointF32(dst[0], dst[1], dst[2], dst[3]);
  } else {
    const e = sh * -0.5; // _rotate_point([0, src_h * -0.5]): R·pt = (−sn·e, cs·e)
    src[4] = cx + -sn * e + ssx;
    src[5] = cy + cs * e + ssy;
    dst[4] = w * 0.5;
    dst[5] = h * 0.5 + h * -0.5;
  }
  const m = inverse ? solveAffine3(dst, src) : solveAffine3(src, dst);
  if (!m) throw new RangeError(`scale [${sw}, ${sh}] is too small (or too large) for a warp matrix about center [${cx}, ${cy}] (degenerate float32 point pairs)`);
  return m;
}

/** mmpose `get_udp_warp_matrix` (transforms.py:325-369) in double, each entry rounded to float32 (W6). */
function udpMatrix(c: [number, number], s: [number, number], rot: number, size: [number, number], rotDtype: 'float64' | 'float32'): Affine {
  const ix = c[0] * 2; // input_size = center * 2
  const iy = c[1] * 2;
  const t = udpRadians(rot, rotDtype);
  const cs = Math.cos(t);
  const sn = Math.sin(t);
  const kx = (size[0] - 1) / s[0];
  const ky = (size[1] - 1) / s[1];
  return [
    f32(cs * kx),
    f32(-sn * kx),
    f32(kx * (-0.5 * ix * cs + 0.5 * iy * sn + 0.5 * s[0])),
    f32(sn * ky),
    f32(cs * ky),
    f32(ky * (-0.5 * ix * sn - 0.5 * iy * cs + 0.5 * s[1])),
  ];
}

/**
 * The 2×3 affine that maps image pixels into a crop of `outputSize = [w, h]`
 * pixels (or back, with `inverse`), bit-exact with mmpose `get_warp_matrix`
 * (MSRA; float64 result of OpenCV's solver) and `get_udp_warp_matrix` (UDP;
 * float32 entries), with a single rotation sign unless `compat: 'mmpose'`.
 * Cost: O(1) (a 6×6 LU solve for MSRA).
 *
 * @param center bbox centre `[x, y]`, image px (pair, typed array or 2-element ndarray), |x|, |y| ≤ 2^24
 * @param scale bbox size `[S_w, S_h]`, image px (> 0)
 * @param rot rotation in degrees (see `options.rotDtype`), |rot| ≤ 2^24
 * @param outputSize crop size `[w, h]`, input px (in [1, 2^24]; > 1 for UDP)
 * @returns `[a, b, tx, c, d, ty]`: `x' = a·x + b·y + tx`, `y' = c·x + d·y + ty`
 */
export function getWarpMatrix(center: [number, number], scale: [number, number], rot: number, outputSize: [number, number], options?: WarpOptions): Affine {
  const c = boundedPair('center', center);
  const s = checkPair('scale', scale, true);
  checkRotation('rot', rot);
  const size = boundedPair('outputSize', outputSize, 1);
  const opts = checkOptions('options', options);
  const udp = checkFlag('options.udp', opts.udp, false);
  const inverse = checkFlag('options.inverse', opts.inverse, false);
  const fix = checkFlag('options.fixAspectRatio', opts.fixAspectRatio, true);
  const shift = opts.shift === undefined ? ([0, 0] as [number, number]) : checkPair('options.shift', opts.shift);
  const rotDtype = opts.rotDtype ?? 'float64';
  if (rotDtype !== 'float64' && rotDtype !== 'float32') throw new RangeError(`options.rotDtype must be 'float64' or 'float32', got ${JSON.stringify(rotDtype)}`);
  if (opts.compat !== undefined && opts.compat !== 'mmpose') throw new RangeError(`options.compat must be 'mmpose' or left out, got ${JSON.stringify(opts.compat)}`);
  if (!udp) return finiteMatrix(msraMatrix(c, s, rot, size, shift, inverse, fix, rotDtype), s);
  if (size[0] <= 1 || size[1] <= 1) throw new RangeError(`outputSize must be > 1 on both axes for UDP geometry, got [${size[0]}, ${size[1]}]`);
  const shifted: [number, number] = shift[0] === 0 && shift[1] === 0 ? c : [c[0] + s[0] * shift[0], c[1] + s[1] * shift[1]];
  // mmpose's UDP warp rotates by −rot relative to its MSRA warp; the default negates the angle so both agree.
  const m = udpMatrix(shifted, s, opts.compat === 'mmpose' ? rot : -rot, size, rotDtype);
  return finiteMatrix(inverse ? invertAffineOpenCv(m, 'scale') : m, s);
}

/** The matrix, or a RangeError naming `scale` when an entry overflowed (a scale far from the crop size). */
function finiteMatrix(m: Affine, s: [number, number]): Affine {
  if (!m.every(Number.isFinite)) throw new RangeError(`scale [${s[0]}, ${s[1]}] gives a non-finite warp matrix [${m.join(', ')}]`);
  return m;
}

function checkFlag(name: string, v: unknown, fallback: boolean): boolean {
  if (v === undefined) return fallback;
  if (typeof v !== 'boolean') throw new TypeError(`${name} must be a boolean, got ${typeof v}`);
  return v;
}
