/**
 * DARK Taylor-expansion refinement: Zhang et al., "Distribution-Aware
 * Coordinate Representation for Human Pose Estimation", CVPR 2020; parity
 * with mmpose `refine_keypoints_dark` (`codecs/utils/refinement.py`).
 */
import type { NdArray } from 'ndarray';
import type { Plane } from '../core/types.js';
import { planeMax } from '../core/nan-max.js';
import { f32Difference, f32Sum, f32Log, f32Ulp } from '../core/float32.js';
import { blurPlaneRescaled } from './blur.js';
import type { MapPlane } from './argmax.js';
import { createStencilBlur } from './local-blur.js';
import { pairKeypoints } from './pairing.js';
import type { DarkOptions } from './types.js';
import { parseDarkOptions } from './options.js';

const FLOOR = Math.fround(1e-10);
// 5×5 grid offsets −2..2; DARK reads 13 of the 25 points.
const GRID = [-2, -1, 0, 1, 2];
// The 13 grid points the stencil reads (the corners (±2, ±1), (±1, ±2), (±2, ±2) are not).
const USED = GRID.flatMap((dy) => GRID.map((dx) => (dx === 0 || dy === 0 || (Math.abs(dx) === 1 && Math.abs(dy) === 1)) && Math.abs(dx) + Math.abs(dy) <= 2))
  .flatMap((u, i) => (u ? [i] : []));

/** Largest worst-case distance (heatmap px) between the float64 fast path and mmpose's float32 arithmetic. */
const FAST_PATH_TOLERANCE = 5e-5;
/** Relative noise of one float32 blurred, rescaled value (storage, rescale product, OpenCV's float32 sums). */
const BLUR_NOISE = 2 * 2 ** -24;

/** dx, dy, dxx, dxy, dyy at the centre of a 5×5 grid of logs `L[(dy+2)·5 + dx+2]`. */
interface Derivatives {
  dx: number;
  dy: number;
  dxx: number;
  dxy: number;
  dyy: number;
}

/**
 * mmpose's derivatives (`refinement.py:89-97`, step 2 for dxx/dyy, mmpose PR
 * #1676) with numpy 1.24 scalar semantics when `f32`: a difference of float32
 * scalars stays float32 ({@link f32Difference}); `2 * h` and a Python-float
 * factor promote to float64. Without `f32`, plain float64.
 */
function darkDerivatives(L: Float64Array, f32: boolean, d: Derivatives): void {
  // L[(dy + 2)·5 + dx + 2]: centre 12, (±1, 0) 13/11, (±2, 0) 14/10, (0, ±1) 17/7, (0, ±2) 22/2, diagonals 18, 8, 16, 6.
  d.dx = 0.5 * (f32 ? f32Difference(L[13], L[11]) : L[13] - L[11]);
  d.dy = 0.5 * (f32 ? f32Difference(L[17], L[7]) : L[17] - L[7]);
  d.dxx = 0.25 * (L[14] - 2 * L[12] + L[10]);
  d.dyy = 0.25 * (L[22] - 2 * L[12] + L[2]);
  d.dxy = 0.25 * (f32 ? f32Sum(f32Difference(f32Difference(L[18], L[8]), L[16]), L[6]) : L[18] - L[8] - L[16] + L[6]);
}

/**
 * The offset added to the keypoint: mmpose's Newton step `−H⁻¹∇` whenever
 * `det ≠ 0` (`refinement.py:98-101`; NaN derivatives give NaN, as numpy), or
 * with `guard` the bounded step / quarter fallback. False where the point is kept.
 */
function darkStep(d: Derivatives, guard: boolean, maxStep: number, out: Float64Array): boolean {
  const { dx, dy, dxx, dxy, dyy } = d;
  const det = dxx * dyy - dxy * dxy;
  if (guard) {
    const ox = det > 0 && dxx < 0 ? -(dyy * dx - dxy * dy) / det : NaN;
    const oy = det > 0 && dxx < 0 ? -(-dxy * dx + dxx * dy) / det : NaN;
    if (Math.abs(ox) <= maxStep && Math.abs(oy) <= maxStep) {
      out[0] = ox;
      out[1] = oy;
    } else {
      out[0] = 0.25 * Math.sign(dx);
      out[1] = 0.25 * Math.sign(dy);
    }
    return Number.isFinite(out[0]) && Number.isFinite(out[1]);
  }
  if (det === 0) return false; // refinement.py:98 `if dxx * dyy - dxy**2 != 0`
  out[0] = -(dyy * dx - dxy * dy) / det;
  out[1] = -(-dxy * dx + dxx * dy) / det;
  return true;
}

/**
 * Whether mmpose's float32 arithmetic provably lands within
 * {@link FAST_PATH_TOLERANCE} of the float64 step `s`: the bound is
 * ‖H⁻¹‖∞ · (e_g + e_H·|s|₁) with e_g, e_H the worst float32 noise of the
 * gradient and Hessian entries (float32 log and blur rounding at |L| ≤ `lmax`,
 * the float32 difference chains); false where H is too ill-conditioned for it.
 */
function fastStepReliable(d: Derivatives, s: Float64Array, lmax: number): boolean {
  const b = Math.abs(d.dxy);
  const norm = Math.max(Math.abs(d.dxx) + b, Math.abs(d.dyy) + b) / Math.abs(d.dxx * d.dyy - d.dxy * d.dxy);
  const ulp = f32Ulp(lmax);
  const u = 0.5 * ulp + BLUR_NOISE;
  const eG = u + 0.5 * ulp;
  const eH = u + 1.5 * ulp;
  if (!(norm * eH < 0.05)) return false;
  return 1.25 * norm * (eG + eH * (Math.abs(s[0]) + Math.abs(s[1]))) <= FAST_PATH_TOLERANCE;
}

/**
 * A reusable DARK evaluator for one kernel size: computes the Newton offset
 * at integer peak (x, y) of a plane. Shared by the CPU decoders and codecs.
 */
export interface DarkEvaluator {
  /**
   * Writes the offset to `out` and returns true, or returns false where the
   * point is kept. `originMax` is the plane's maximum when known (the argmax score).
   */
  offsetAt(plane: Plane, x: number, y: number, out: Float64Array, originMax?: number): boolean;
}

/** Build a {@link DarkEvaluator} (validates the options). */
export function createDarkEvaluator(options?: DarkOptions): DarkEvaluator {
  const { kernel, guard, maxStep } = parseDarkOptions(options);
  const stencil = createStencilBlur(kernel);
  const B = new Float64Array(25);
  const L = new Float64Array(25);
  const d: Derivatives = { dx: 0, dy: 0, dxx: 0, dxy: 0, dyy: 0 };
  let full: Float32Array | undefined;
  return {
    offsetAt(plane, x, y, out, originMax) {
      stencil(plane, x, y, B);
      let lo = Infinity;
      for (let u = 0; u < USED.length; u++) {
        const i = USED[u];
        const v = B[i];
        if (!(v >= 1e-10) || !Number.isFinite(v)) {
          lo = NaN;
          break;
        }
        if (v < lo) lo = v;
        // log(c·v) − log(c·v') = log v − log v': the rescale to the original
        // maximum cancels in every derivative while no value hits the floor.
        L[i] = Math.log(v);
      }
      if (lo === lo) {
        darkDerivatives(L, false, d);
        if (guard) return darkStep(d, guard, maxStep, out);
        // mmpose's logs are log(c·v) ∈ [log lo, log max h] (c = max h / max blur ≥ 1).
        const hmax = Math.fround(originMax ?? planeMax(plane));
        const lmax = Math.max(Math.abs(Math.log(lo)), Math.abs(Math.log(hmax)));
        if (darkStep(d, false, maxStep, out) && Number.isFinite(out[0]) && Number.isFinite(out[1]) && fastStepReliable(d, out, lmax)) return true;
      }
      // Exact path (floor reached, or a step float32 noise could move): blur the whole plane and rescale as mmpose.
      const n = plane.H * plane.W;
      if (!full || full.length < n) full = new Float32Array(n);
      blurPlaneRescaled(plane, kernel, full);
      for (let j = 0; j < 5; j++) {
        for (let i = 0; i < 5; i++) {
          // refinement.py:85-86 np.maximum(h, 1e-10) (NaN stays), np.log in float32.
          const v = full[(y + GRID[j]) * plane.W + x + GRID[i]];
          L[j * 5 + i] = f32Log(v !== v ? v : Math.max(v, FLOOR));
        }
      }
      darkDerivatives(L, true, d);
      return darkStep(d, guard, maxStep, out);
    },
  };
}

/**
 * DARK step for the keypoint at `o[i]`, `o[i + 1]` (heatmap px) on one plane,
 * in place, with mmpose's rules: at `(trunc x, trunc y)`, only where
 * `1 < x < W−2` and `1 < y < H−2`. `step` is scratch of length 2. Shared by
 * {@link refineDark} and the fused `decodeHeatmaps`.
 */
export function darkAt(ev: DarkEvaluator, plane: Plane | MapPlane, o: Float64Array, i: number, step: Float64Array): void {
  const x = Math.trunc(o[i]);
  const y = Math.trunc(o[i + 1]);
  if (!(1 < x && x < plane.W - 2 && 1 < y && y < plane.H - 2)) return;
  if (ev.offsetAt(plane, x, y, step, 'max' in plane ? plane.max : undefined)) {
    // refinement.py:101 stores the sum in float32; kept in float64 here (≤ 4e-6 px at x < 64) so that
    // integer translations stay exact.
    o[i] += step[0];
    o[i + 1] += step[1];
  }
}

/**
 * Refine integer keypoints by one Newton step on the log of the blurred map:
 * `μ = m − (∇²L)⁻¹ ∇L` with `L = log(max(blur(h), 1e-10))`, first derivatives
 * by central differences and pure second derivatives with **step 2**
 * (`dxx = (L[x+2] − 2L[x] + L[x−2])/4`), as mmpose and DarkPose.
 *
 * Rules reproduced from mmpose: the point is `(trunc x, trunc y)`; only points
 * with `1 < x < W−2` and `1 < y < H−2` are refined (others kept); a step is
 * taken whenever `det ≠ 0` (no definiteness test, no clamp — see `guard`);
 * NaN in the blurred map (an all-zero map blurs to 0/0) gives NaN, as numpy.
 *
 * Fast path: the blur is evaluated only at the 13 stencil points around each
 * keypoint in float64 (the rescale cancels in the log-derivatives), and that
 * step is kept only where mmpose's float32 arithmetic provably lands within
 * 5e-5 px of it. Elsewhere (a value below the 1e-10 floor; elongated, flat,
 * ridge-like, tiny or huge maps, where 1-ulp float32 noise moves the step)
 * the map is blurred whole and the derivatives are taken in float32 exactly
 * as mmpose (float32-exact up to OpenCV's float32 blur sums).
 *
 * Units: heatmap pixels in and out. Cost: O(N·K·k²) (plus one max scan per
 * map when its maximum is not known, and O(H·W·k) per exact map).
 *
 * @param keypoints `[N, K, 2]` with heatmaps `[K, H, W]`, or `[B, K, 2]` with `[B, K, H, W]`
 * @returns fresh keypoints `[N, K, 2]` (Float64Array)
 */
export function refineDark(keypoints: NdArray, heatmaps: NdArray, options?: DarkOptions): NdArray<Float64Array> {
  const ev = createDarkEvaluator(options);
  const p = pairKeypoints(keypoints, heatmaps);
  const { hv, kv, out } = p;
  const o = out.data;
  const step = new Float64Array(2);
  const plane: Plane = { data: hv.data, offset: 0, sH: hv.sH, sW: hv.sW, H: hv.H, W: hv.W };
  for (let n = 0; n < kv.N; n++) {
    for (let k = 0; k < kv.K; k++) {
      plane.offset = p.planeOffset(n, k);
      darkAt(ev, plane, o, 2 * (n * kv.K + k), step);
    }
  }
  return out;
}
