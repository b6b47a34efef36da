/**
 * DARK Taylor-expansion refinement: Zhang et al., "Distribution-Aware
 * Coordinate Representation for Human Pose Estimation", CVPR 2020; parity
 * with mmpose `refine_keypoints_dark` (`codecs/utils/refinement.py`).
 */
import type { NdArray } from 'ndarray';
import type { Plane } from '../core/types.js';
import { blurPlaneRescaled } from './blur.js';
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

const identity = (v: number): number => v;

/** Log-derivatives at the centre of a 5×5 grid of log values `L[(dy+2)·5 + (dx+2)]`. */
function newtonOffset(L: Float64Array, f32: boolean, guard: boolean, maxStep: number, out: Float64Array): boolean {
  const f = f32 ? Math.fround : identity;
  // L[(dy + 2)·5 + dx + 2]: centre 12, (±1, 0) 13/11, (±2, 0) 14/10, (0, ±1) 17/7, (0, ±2) 22/2, diagonals 18, 8, 16, 6.
  // numpy 1.24 scalar semantics (mmpose): differences of float32 scalars stay
  // float32, a Python-float factor promotes to float64. Only emulated (f32)
  // on the exact full-blur path; the local path works in float64 throughout.
  const dx = 0.5 * f(L[13] - L[11]);
  const dy = 0.5 * f(L[17] - L[7]);
  const dxx = 0.25 * (L[14] - 2 * L[12] + L[10]); // step 2 (mmpose PR #1676 fixed the x−1 stencil)
  const dxy = 0.25 * f(f(f(L[18] - L[8]) - L[16]) + L[6]);
  const dyy = 0.25 * (L[22] - 2 * L[12] + L[2]);
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
  if (det === 0 || det !== det) return false; // mmpose: `if det != 0` (NaN would give NaN; we keep the point)
  out[0] = -(dyy * dx - dxy * dy) / det;
  out[1] = -(-dxy * dx + dxx * dy) / det;
  return Number.isFinite(out[0]) && Number.isFinite(out[1]);
}

/**
 * A reusable DARK evaluator for one kernel size: computes the Newton offset
 * at integer peak (x, y) of a plane. Shared by the CPU decoders and codecs.
 */
export interface DarkEvaluator {
  /** Writes the offset to `out` and returns true, or returns false where the point is kept. */
  offsetAt(plane: Plane, x: number, y: number, out: Float64Array): boolean;
}

/** Build a {@link DarkEvaluator} (validates the options). */
export function createDarkEvaluator(options?: DarkOptions): DarkEvaluator {
  const { kernel, guard, maxStep } = parseDarkOptions(options);
  const stencil = createStencilBlur(kernel);
  const B = new Float64Array(25);
  const L = new Float64Array(25);
  let full: Float32Array | undefined;
  return {
    offsetAt(plane, x, y, out) {
      stencil(plane, x, y, B);
      let ok = true;
      for (let u = 0; u < USED.length; u++) {
        const i = USED[u];
        const v = B[i];
        if (!(v >= 1e-10) || !Number.isFinite(v)) {
          ok = false;
          break;
        }
        // log(c·v) − log(c·v') = log v − log v': the rescale to the original
        // maximum cancels in every derivative while no value hits the floor.
        L[i] = Math.log(v);
      }
      if (ok) return newtonOffset(L, false, guard, maxStep, out);
      // Exact path (floor reached): blur the whole plane and rescale as mmpose.
      const n = plane.H * plane.W;
      if (!full || full.length < n) full = new Float32Array(n);
      blurPlaneRescaled(plane, kernel, full);
      for (let j = 0; j < 5; j++) {
        for (let i = 0; i < 5; i++) {
          const v = full[(y + GRID[j]) * plane.W + x + GRID[i]];
          L[j * 5 + i] = Math.fround(Math.log(Math.max(v, FLOOR)));
        }
      }
      for (const i of USED) if (L[i] !== L[i]) return false;
      return newtonOffset(L, true, guard, maxStep, out);
    },
  };
}

/**
 * DARK step for the keypoint at `o[i]`, `o[i + 1]` (heatmap px) on one plane,
 * in place, with mmpose's rules: at `(trunc x, trunc y)`, only where
 * `1 < x < W−2` and `1 < y < H−2`. `step` is scratch of length 2. Shared by
 * {@link refineDark} and the fused `decodeHeatmaps`.
 */
export function darkAt(ev: DarkEvaluator, plane: Plane, o: Float64Array, i: number, step: Float64Array): void {
  const x = Math.trunc(o[i]);
  const y = Math.trunc(o[i + 1]);
  if (!(1 < x && x < plane.W - 2 && 1 < y && y < plane.H - 2)) return;
  if (ev.offsetAt(plane, x, y, step)) {
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
 * taken whenever `det ≠ 0` (no definiteness test, no clamp — see `guard`).
 * Differences on purpose: a keypoint whose result would be NaN/∞ is kept.
 *
 * The blur is evaluated only at the 13 stencil points around each keypoint,
 * never on whole maps, unless a value there falls below the 1e-10
 * floor; then that one map is blurred and rescaled exactly as mmpose.
 *
 * Units: heatmap pixels in and out. Cost: O(N·K·k²) plus O(H·W·k) per
 * floored map.
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
