/**
 * DARK-UDP refinement: Huang et al., "The Devil is in the Details: Delving
 * into Unbiased Data Processing for Human Pose Estimation", CVPR 2020; parity
 * with mmpose 1.x `refine_keypoints_dark_udp` (`codecs/utils/refinement.py:132-163`),
 * float32-exact where mmpose rounds (../shared/oracle/codec-hard/FORMAT.md).
 *
 * Long file: the DARK-UDP evaluator, mmpose's flat-index quirks (fractional
 * starts, the (−1, −1) read of the previous channel) and the whole-map float32
 * fallback share one private state; split, they would export their internals.
 */
import type { NdArray } from 'ndarray';
import type { Plane } from '../core/types.js';
import { planeMax } from '../core/nan-max.js';
import { f32Difference, f32Sum, f32Product, f32Log, f32Ulp } from '../core/float32.js';
import { blurPlaneRescaled } from './blur.js';
import { createGridBlur } from './local-blur.js';
import { pairKeypoints } from './pairing.js';
import type { MapPlane } from './argmax.js';
import type { DarkUdpOptions } from './types.js';
import { parseDarkUdpOptions } from './options.js';

// refinement.py:145 np.clip(heatmaps, 1e-3, 50.) on float32 maps: the bounds are float32.
const LO = Math.fround(1e-3);
const HI = 50;
const EPS_F32 = 1.1920928955078125e-7; // np.finfo(np.float32).eps, added to the Hessian in float64
/** Largest worst-case distance (heatmap px) between the float64 fast path and mmpose's float32 arithmetic. */
const FAST_PATH_TOLERANCE = 5e-5;
/** Relative noise of one float32 blurred, rescaled value (storage, rescale product, OpenCV's float32 sums). */
const BLUR_NOISE = 2 * 2 ** -24;

/** The K maps of one instance that a keypoint set is refined on (mmpose flattens exactly these). */
export interface ChannelStack {
  data: ArrayLike<number>;
  /** Offset of channel 0. */
  offset: number;
  sK: number;
  sH: number;
  sW: number;
  H: number;
  W: number;
  K: number;
}

/**
 * numpy's flat read index of `refinement.py:147-149` for a keypoint (x, y)
 * of channel k: `x + 1 + (y + 1)·(W + 2)` in float32 (the keypoints are a
 * float32 array), `+ (W + 2)(H + 2)·k` added in float64 and stored back in
 * float32 (`index +=` on a float32 array), then `astype(int)` (truncation).
 */
export function udpFlatIndex(x: number, y: number, k: number, W: number, H: number): number {
  const row = f32Product(f32Sum(y, 1), W + 2);
  const index = f32Sum(f32Sum(x, 1), row);
  return Math.trunc(Math.fround(index + (W + 2) * (H + 2) * k));
}

/**
 * Newton step `−(H + εI)⁻¹ g` in float64 (`np.linalg.inv` of the float32
 * Hessian plus float32 eps·I, `refinement.py:160-163`). Returns false where
 * `H + εI` is exactly singular (numpy raises); NaN derivatives give NaN, as in numpy.
 */
function udpNewton(dx: number, dy: number, dxx: number, dyy: number, dxy: number, out: Float64Array): boolean {
  const a = dxx + EPS_F32;
  const d = dyy + EPS_F32;
  const det = a * d - dxy * dxy;
  if (det === 0) return false;
  out[0] = (d * dx - dxy * dy) / det;
  out[1] = (-dxy * dx + a * dy) / det;
  return true;
}

/**
 * The step from the seven log values mmpose reads, `v = [i, ix1, iy1, ix1y1,
 * ix1_y1_, ix1_, iy1_]`, with the derivatives in float32 evaluated left to
 * right as numpy does (`refinement.py:157-163`; the order matters when the
 * exact value is 0). Writes the offset that is subtracted.
 */
function udpStepF32(v: Float64Array, out: Float64Array): boolean {
  const [i, ix1, iy1, ix1y1, ix1y1m, ix1m, iy1m] = v;
  const dx = 0.5 * f32Difference(ix1, ix1m);
  const dy = 0.5 * f32Difference(iy1, iy1m);
  const dxx = f32Sum(f32Difference(ix1, 2 * i), ix1m);
  const dyy = f32Sum(f32Difference(iy1, 2 * i), iy1m);
  let t = f32Difference(ix1y1, ix1);
  t = f32Difference(t, iy1);
  t = f32Sum(t, i);
  t = f32Sum(t, i);
  t = f32Difference(t, ix1m);
  t = f32Difference(t, iy1m);
  t = f32Sum(t, ix1y1m);
  return udpNewton(dx, dy, dxx, dyy, 0.5 * t, out);
}

/**
 * The same step in float64 from a 3×3 grid `L[(dy+1)·3 + dx+1]` of
 * rescale-free logs, accepted only when mmpose's float32 arithmetic on these
 * values provably lands within {@link FAST_PATH_TOLERANCE}: the bound is
 * ‖(H + εI)⁻¹‖∞ · (e_g + e_H·|s|₁) with e_g, e_H the worst float32 noise of
 * the gradient and Hessian entries (float32 log and blur rounding at
 * |L| ≤ `lmax`, the chained float32 sums).
 */
function udpStepFast(L: Float64Array, lmax: number, out: Float64Array): boolean {
  const i = L[4];
  const dx = 0.5 * (L[5] - L[3]);
  const dy = 0.5 * (L[7] - L[1]);
  const dxx = L[5] - 2 * i + L[3];
  const dyy = L[7] - 2 * i + L[1];
  const dxy = 0.5 * (L[8] - L[5] - L[7] + i + i - L[3] - L[1] + L[0]);
  if (!udpNewton(dx, dy, dxx, dyy, dxy, out)) return false;
  const a = Math.abs(dxx + EPS_F32);
  const d = Math.abs(dyy + EPS_F32);
  const b = Math.abs(dxy);
  const norm = Math.max(a + b, d + b) / Math.abs((dxx + EPS_F32) * (dyy + EPS_F32) - dxy * dxy);
  const ulp = f32Ulp(lmax);
  const u = 0.5 * ulp + BLUR_NOISE;
  const eG = u + 0.5 * ulp;
  const eH = 4 * u + 4 * ulp;
  if (!(norm * eH < 0.05)) return false;
  const bound = 1.25 * norm * (eG + eH * (Math.abs(out[0]) + Math.abs(out[1])));
  return bound <= FAST_PATH_TOLERANCE;
}

/** Reusable DARK-UDP evaluator for one kernel (scratch, and the exact log maps of the current call). */
export interface DarkUdpEvaluator {
  /**
   * Refine the keypoint at `o[i]`, `o[i + 1]` (heatmap px) of channel `k` of
   * `stack` in place. `originMax` is channel k's maximum when known (the argmax score).
   */
  refine(stack: ChannelStack, k: number, o: Float64Array, i: number, originMax?: number): void;
}

/** Build a {@link DarkUdpEvaluator} for a kernel from `cvGaussianKernel`. */
export function createDarkUdpEvaluator(kernel: Float64Array): DarkUdpEvaluator {
  const grid = createGridBlur(kernel, 3, 3);
  const B = new Float64Array(9);
  const L = new Float64Array(9);
  const V = new Float64Array(7);
  const step = new Float64Array(2);
  const xs = [0, 0, 0];
  const ys = [0, 0, 0];
  const plane: Plane = { data: [], offset: 0, sH: 0, sW: 0, H: 0, W: 0 };
  // Exact float32 log maps (blur, rescale, clip, log) per channel offset, for this data only.
  let logData: ArrayLike<number> | undefined;
  const logMaps = new Map<number, Float32Array>();

  const planeOf = (s: ChannelStack, c: number): Plane => {
    plane.data = s.data;
    plane.offset = s.offset + c * s.sK;
    plane.sH = s.sH;
    plane.sW = s.sW;
    plane.H = s.H;
    plane.W = s.W;
    return plane;
  };

  /** refinement.py:144-146 on channel c: blur (rescaled), clip to [1e-3, 50], float32 log. */
  const logMap = (s: ChannelStack, c: number): Float32Array => {
    if (logData !== s.data) {
      logData = s.data;
      logMaps.clear();
    }
    const key = s.offset + c * s.sK;
    let m = logMaps.get(key);
    if (!m) {
      m = new Float32Array(s.H * s.W);
      blurPlaneRescaled(planeOf(s, c), kernel, m);
      for (let j = 0; j < m.length; j++) {
        const v = m[j];
        m[j] = f32Log(v !== v ? v : Math.min(Math.max(v, LO), HI)); // np.clip keeps NaN
      }
      if (logMaps.size >= 8) logMaps.delete(logMaps.keys().next().value as number);
      logMaps.set(key, m);
    }
    return m;
  };

  /** The float64 fast path at pixel (cx, cy) of channel c; false where the exact path must decide. */
  const fastStep = (s: ChannelStack, c: number, cx: number, cy: number, originMax: number | undefined): boolean => {
    const { H, W } = s;
    xs[0] = Math.max(cx - 1, 0);
    xs[1] = cx;
    xs[2] = Math.min(cx + 1, W - 1);
    ys[0] = Math.max(cy - 1, 0);
    ys[1] = cy;
    ys[2] = Math.min(cy + 1, H - 1);
    const p = planeOf(s, c);
    grid(p, ys, xs, B);
    let lo = Infinity;
    let hi = -Infinity;
    for (let j = 0; j < 9; j++) {
      lo = Math.min(lo, B[j]);
      hi = Math.max(hi, B[j]);
    }
    const hmax = Math.fround(originMax ?? planeMax(p));
    // The rescale c = max h / max blur lies in [1, hmax / hi]: the clip is inactive at
    // all 9 points for every such c iff lo > 1e-3 and hmax ≤ 50; then the logs differ
    // from mmpose's only by log c, which cancels in every derivative.
    if (!(lo > LO * (1 + 1e-6) && hmax <= HI && Number.isFinite(lo) && Number.isFinite(hmax))) return false;
    for (let j = 0; j < 9; j++) L[j] = Math.log(B[j]);
    return udpStepFast(L, Math.max(Math.abs(Math.log(lo)), Math.abs(Math.log(hmax))), step);
  };

  return {
    refine(s, k, o, i, originMax) {
      const { H, W, K } = s;
      const P = (W + 2) * (H + 2);
      const T = K * P;
      const f = udpFlatIndex(o[i], o[i + 1], k, W, H);
      // refinement.py:150-156: i_, ix1, iy1, ix1y1, ix1_y1_, ix1_, iy1_ (numpy wraps indices in [−T, 0)).
      if (!(f - (W + 3) >= -T && f + W + 3 < T)) return; // numpy raises IndexError: keep the point
      const centre = f < 0 ? f + T : f;
      const c0 = Math.floor(centre / P);
      const r0 = Math.floor((centre - c0 * P) / (W + 2));
      const q0 = centre - c0 * P - r0 * (W + 2);
      if (q0 >= 1 && q0 <= W && r0 >= 1 && r0 <= H) {
        // The reads are the edge-clamped 3×3 neighbourhood of pixel (q0 − 1, r0 − 1) of channel c0.
        const cx = q0 - 1;
        const cy = r0 - 1;
        if (!fastStep(s, c0, cx, cy, c0 === k ? originMax : undefined)) {
          const m = logMap(s, c0);
          const xm = Math.max(cx - 1, 0);
          const xp = Math.min(cx + 1, W - 1);
          const ym = Math.max(cy - 1, 0);
          const yp = Math.min(cy + 1, H - 1);
          V[0] = m[cy * W + cx];
          V[1] = m[cy * W + xp];
          V[2] = m[yp * W + cx];
          V[3] = m[yp * W + xp];
          V[4] = m[ym * W + xm];
          V[5] = m[cy * W + xm];
          V[6] = m[ym * W + cx];
          if (!udpStepF32(V, step)) return;
        }
      } else {
        // The centre is a padding cell: reads wrap into the neighbouring rows and channels (e.g. the (−1, −1) sentinel).
        const d = [0, 1, W + 2, W + 3, -(W + 3), -1, -(W + 2)];
        for (let j = 0; j < 7; j++) {
          let g = f + d[j];
          if (g < 0) g += T;
          const c = Math.floor(g / P);
          const r = Math.floor((g - c * P) / (W + 2));
          const q = g - c * P - r * (W + 2);
          const px = Math.min(Math.max(q - 1, 0), W - 1);
          const py = Math.min(Math.max(r - 1, 0), H - 1);
          V[j] = logMap(s, c)[py * W + px];
        }
        if (!udpStepF32(V, step)) return;
      }
      // refinement.py:162 keypoints[n] -= ... stores float32; kept in float64 here (≤ 4e-6 px at x < 64)
      // so that integer translations stay exact.
      o[i] -= step[0];
      o[i + 1] -= step[1];
    },
  };
}

/**
 * DARK-UDP step for the keypoint at `o[i]`, `o[i + 1]` of the visited map, in
 * place (the fused `decodeHeatmaps` visitor; `originMax` is the map's maximum).
 */
export function darkUdpAt(ev: DarkUdpEvaluator, plane: MapPlane, o: Float64Array, i: number, _step: Float64Array, originMax?: number): void {
  const v = plane.view;
  const b = Math.floor(plane.m / v.K);
  const s = visitStack; // reused: the refinement is synchronous and keeps no reference
  s.data = v.data;
  s.offset = v.offset + b * v.sB;
  s.sK = v.sK;
  s.sH = v.sH;
  s.sW = v.sW;
  s.H = v.H;
  s.W = v.W;
  s.K = v.K;
  ev.refine(s, plane.m - b * v.K, o, i, originMax);
}

const visitStack: ChannelStack = { data: [], offset: 0, sK: 0, sH: 0, sW: 0, H: 0, W: 0, K: 0 };

/**
 * Refine keypoints with DARK-UDP exactly as mmpose: blur (zero border,
 * rescaled to the original max, as {@link gaussianBlur}),
 * `L = log(clip(h, 1e-3, 50))` in float32, edge padding by 1 px, all K
 * padded maps flattened into one vector read at the float32 flat index
 * `x + 1 + (y + 1)(W + 2) + (W + 2)(H + 2)k` (truncated), unit-step
 * derivatives in float32, and one Newton step `p ← p − (∇²L + ε·I)⁻¹ ∇L`
 * (ε = float32 eps, inverse in float64) subtracted from the original start
 * (in float64; mmpose stores float32). No interior test; no clamp.
 *
 * Reproduced on purpose (codec-hard/FORMAT.md): a fractional start reads
 * `trunc(frac(x) + frac(y)(W + 2))` flat elements past `(trunc x, trunc y)`;
 * the float32 index rounds to a neighbouring column once it exceeds 2²⁴/…;
 * the (−1, −1) sentinel reads the previous channel's padded last row (channel
 * 0 wraps to the end); an all-zero map blurs to NaN and its keypoint is NaN.
 * Differences: where numpy would raise (an index outside the vector, an
 * exactly singular `H + εI`) the point is kept.
 *
 * Fast path: the blur is evaluated only on the 3×3 neighbourhood in float64
 * (the rescale cancels in the log-derivatives while the clip is inactive);
 * it is kept only where mmpose's float32 arithmetic provably lands within
 * 5e-5 px of it. Elsewhere (clip active, elongated or flat peaks, tiny or huge
 * maps, wrapped reads) the channel is blurred whole in float32 as mmpose.
 * Units: heatmap pixels. Cost: O(N·K·k²) plus O(H·W·k) per exact channel
 * (and one max scan per map when the maximum is not known).
 *
 * @param keypoints `[N, K, 2]` with heatmaps `[K, H, W]`, or `[B, K, 2]` with `[B, K, H, W]`
 * @returns fresh keypoints `[N, K, 2]` (Float64Array)
 */
export function refineDarkUdp(keypoints: NdArray, heatmaps: NdArray, options?: DarkUdpOptions): NdArray<Float64Array> {
  const { kernel } = parseDarkUdpOptions(options);
  const p = pairKeypoints(keypoints, heatmaps);
  const { hv, kv, out } = p;
  const ev = createDarkUdpEvaluator(kernel);
  const stack: ChannelStack = { data: hv.data, offset: 0, sK: hv.sK, sH: hv.sH, sW: hv.sW, H: hv.H, W: hv.W, K: hv.K };
  for (let n = 0; n < kv.N; n++) {
    stack.offset = p.planeOffset(n, 0);
    for (let k = 0; k < kv.K; k++) ev.refine(stack, k, out.data, 2 * (n * kv.K + k));
  }
  return out;
}
