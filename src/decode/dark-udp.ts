/**
 * DARK-UDP refinement: Huang et al., "The Devil is in the Details: Delving
 * into Unbiased Data Processing for Human Pose Estimation", CVPR 2020; parity
 * with mmpose 1.x `refine_keypoints_dark_udp` (`codecs/utils/refinement.py`).
 */
import type { NdArray } from 'ndarray';
import { cvGaussianKernel } from '../core/gaussian-kernel.js';
import type { Plane } from '../core/types.js';
import { blurPlaneRescaled } from './blur.js';
import { createGridBlur } from './local-blur.js';
import { pairKeypoints } from './pairing.js';
import type { DarkUdpOptions } from './types.js';
import { parseDarkUdpOptions } from './options.js';

const LO = Math.fround(1e-3);
const HI = 50;
const EPS_F32 = 1.1920928955078125e-7; // np.finfo(np.float32).eps

/** Max of a strided plane (NaN wins). */
function planeMax(p: Plane): number {
  let m = -Infinity;
  for (let y = 0; y < p.H; y++) {
    for (let x = 0; x < p.W; x++) {
      const v = p.data[p.offset + y * p.sH + x * p.sW];
      if (v > m || v !== v) m = v;
    }
  }
  return m;
}

/** Newton step from a 3×3 grid of log values `L[(dy+1)·3 + dx+1]` (unit-step stencil, `H + ε·I`). */
function udpStep(L: Float64Array, out: Float64Array): boolean {
  const i_ = L[4];
  const ix1 = L[5];
  const ix1_ = L[3];
  const iy1 = L[7];
  const iy1_ = L[1];
  const ix1y1 = L[8];
  const ix1_y1_ = L[0];
  const dx = 0.5 * (ix1 - ix1_);
  const dy = 0.5 * (iy1 - iy1_);
  const dxx = ix1 - 2 * i_ + ix1_;
  const dyy = iy1 - 2 * i_ + iy1_;
  // mmpose: 0.5·(I(x+1,y+1) − I(x+1) − I(y+1) + 2I − I(x−1) − I(y−1) + I(x−1,y−1))
  const dxy = 0.5 * (ix1y1 - ix1 - iy1 + i_ + i_ - ix1_ - iy1_ + ix1_y1_);
  const a = dxx + EPS_F32;
  const d = dyy + EPS_F32;
  const det = a * d - dxy * dxy;
  if (det === 0 || det !== det) return false; // numpy would raise LinAlgError
  out[0] = -(d * dx - dxy * dy) / det;
  out[1] = -(-dxy * dx + a * dy) / det;
  return Number.isFinite(out[0]) && Number.isFinite(out[1]);
}

/**
 * Refine keypoints with DARK-UDP: blur (zero border, rescaled to the original
 * max, as {@link gaussianBlur}), `L = log(clip(h, 1e-3, 50))`, edge-replicate
 * padding by 1 px, unit-step derivatives, and one Newton step
 * `p ← p − (∇²L + ε·I)⁻¹ ∇L` with ε = float32 eps. No interior test: edge
 * padding lets border peaks be refined; no clamp (mmpose parity).
 *
 * The point is `(floor x, floor y)`. Differences on purpose: keypoints outside
 * `[0, W) × [0, H)` (e.g. the −1 sentinel of empty maps) are returned unchanged,
 * where mmpose reads wrapped garbage; a singular `H + εI` keeps the point where
 * numpy raises.
 *
 * The blur is evaluated only on the 3×3 neighbourhood; the clip makes the
 * rescale matter, so a map whose maximum exceeds 50 or whose neighbourhood
 * falls below 1e-3 is blurred whole and rescaled exactly as mmpose.
 * Units: heatmap pixels. Cost: O(N·K·(H·W + k²)) (one max scan per map).
 *
 * @param keypoints `[N, K, 2]` with heatmaps `[K, H, W]`, or `[B, K, 2]` with `[B, K, H, W]`
 * @returns fresh keypoints `[N, K, 2]` (Float64Array)
 */
export function refineDarkUdp(keypoints: NdArray, heatmaps: NdArray, options?: DarkUdpOptions): NdArray<Float64Array> {
  const { kernel } = parseDarkUdpOptions(options);
  const p = pairKeypoints(keypoints, heatmaps);
  const { hv, kv, out } = p;
  const o = out.data;
  const ev = createDarkUdpEvaluator(kernel);
  const step = new Float64Array(2);
  const plane: Plane = { data: hv.data, offset: 0, sH: hv.sH, sW: hv.sW, H: hv.H, W: hv.W };
  for (let n = 0; n < kv.N; n++) {
    for (let k = 0; k < kv.K; k++) {
      plane.offset = p.planeOffset(n, k);
      darkUdpAt(ev, plane, o, 2 * (n * kv.K + k), step);
    }
  }
  return out;
}

/**
 * DARK-UDP step for the keypoint at `o[i]`, `o[i + 1]` (heatmap px) on one
 * plane, in place: at `(floor x, floor y)`, only inside the map. `originMax`
 * is the plane's maximum when known. Shared by {@link refineDarkUdp} and the
 * fused `decodeHeatmaps`.
 */
export function darkUdpAt(ev: DarkUdpEvaluator, plane: Plane, o: Float64Array, i: number, step: Float64Array, originMax?: number): void {
  const x = Math.floor(o[i]);
  const y = Math.floor(o[i + 1]);
  if (!(x >= 0 && x < plane.W && y >= 0 && y < plane.H)) return;
  if (ev.offsetAt(plane, x, y, step, originMax)) {
    o[i] += step[0];
    o[i + 1] += step[1];
  }
}

/** Reusable DARK-UDP evaluator for one kernel; `originMax` may be passed when known (e.g. the argmax score). */
export interface DarkUdpEvaluator {
  offsetAt(plane: Plane, x: number, y: number, out: Float64Array, originMax?: number): boolean;
}

/** Build a {@link DarkUdpEvaluator} for a kernel from {@link cvGaussianKernel}. */
export function createDarkUdpEvaluator(kernel: Float64Array): DarkUdpEvaluator {
  const grid = createGridBlur(kernel, 3, 3);
  const B = new Float64Array(9);
  const L = new Float64Array(9);
  let full: Float32Array | undefined;
  return {
    offsetAt(plane, x, y, out, originMax) {
      const { H, W } = plane;
      const xs = [Math.max(x - 1, 0), x, Math.min(x + 1, W - 1)];
      const ys = [Math.max(y - 1, 0), y, Math.min(y + 1, H - 1)];
      const hmax = originMax ?? planeMax(plane);
      grid(plane, ys, xs, B);
      let lo = Infinity;
      let hi = -Infinity;
      for (let i = 0; i < 9; i++) {
        lo = Math.min(lo, B[i]);
        hi = Math.max(hi, B[i]);
      }
      // Rescale factor c = hmax / max(blur) lies in [1, hmax / hi] when hmax > 0;
      // the clip is inactive for every such c iff lo ≥ 1e-3 and hmax ≤ 50.
      if (lo >= 1e-3 && hmax <= HI && hi > 0 && Number.isFinite(lo) && Number.isFinite(hmax)) {
        for (let i = 0; i < 9; i++) L[i] = Math.log(B[i]);
        return udpStep(L, out);
      }
      const n = H * W;
      if (!full || full.length < n) full = new Float32Array(n);
      blurPlaneRescaled(plane, kernel, full);
      for (let j = 0; j < 3; j++) {
        for (let i = 0; i < 3; i++) {
          const v = full[ys[j] * W + xs[i]];
          const c = v !== v ? v : Math.min(Math.max(v, LO), HI);
          L[j * 3 + i] = Math.fround(Math.log(c));
        }
      }
      for (let i = 0; i < 9; i++) if (L[i] !== L[i]) return false;
      return udpStep(L, out);
    },
  };
}
