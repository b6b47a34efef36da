/**
 * 1-D DARK refinement of SimCC coordinates: mmpose `refine_simcc_dark`
 * (`codecs/utils/refinement.py:170-215`; Zhang et al., "Distribution-Aware
 * Coordinate Representation for Human Pose Estimation", CVPR 2020, applied per
 * axis as RTMPose does). One Newton step on the log of the blurred row:
 * `c ← c − L'(p)/L''(p)` with `L = log(clip(blur(row), 1e-3, 50))`,
 * `L' = (L[p+1] − L[p−1])/2`, `L'' = 1e-9 + (L[p+2] − 2L[p] + L[p−2])/4`.
 */
import ndarray from 'ndarray';
import type { NdArray } from 'ndarray';
import { checkNdArray, checkAllocation, checkFinite, type FloatData } from '../core/ndarray.js';
import { blurAt, blurRowRescaled, simccBlurKernel } from './gaussian-blur-1d.js';
import { simccView, rowArgmaxAt, rowBase, type SimccView } from './simcc-view.js';

const f32 = Math.fround;
const CLIP_LO = f32(1e-3); // np.clip(simcc, 1e-3, 50.0, simcc) on float32 casts the bounds to float32
const EPS_DXX = f32(1e-9);
/** Slack on the bound `blur ≤ (Σw)·max(window)` (float32 kernel weights and output rounding). */
export const BOUND_SLACK = 1 + 1e-6;

/**
 * Python's float floor division `a // b` (`floatobject.c float_floor_div`),
 * which differs from `Math.floor(a / b)` when the quotient rounds to an integer.
 */
function pyFloorDiv(a: number, b: number): number {
  let mod = a % b;
  let div = (a - mod) / b;
  if (mod !== 0 && b < 0 !== mod < 0) {
    mod += b;
    div -= 1;
  }
  if (div === 0) return 0 * (a / b);
  let fl = Math.floor(div);
  if (div - fl > 0.5) fl += 1;
  return fl;
}

/**
 * mmpose's DARK blur kernel for a SimCC σ (bins), `simcc_label.py:181-185`:
 * `k = int((σ·20 − 7) // 3)`, minus 1 when even (4.9 → 29, 5.66 → 35, 6 → 37,
 * 6.93 → 43, 7.5 → 47, 2 → 11).
 * @throws TypeError naming `name` for a non-number σ; RangeError for a non-finite σ, σ < 0.5 (k < 1, the
 *   reference crashes there) or k > 4097
 */
export function simccDarkKernelSize(sigma: number, name = 'options.sigma'): number {
  checkFinite(name, sigma); // a string or array σ would coerce in the arithmetic below
  let k = Math.trunc(pyFloorDiv(sigma * 20 - 7, 3));
  if (k % 2 === 0) k -= 1;
  if (!(k >= 1)) throw new RangeError(`${name} must be >= 0.5 bins for DARK (blur kernel (20σ − 7) // 3 would be ${k}), got ${sigma}`);
  if (k > 4097) throw new RangeError(`${name} must give a DARK blur kernel <= 4097 bins, got σ = ${sigma} (k = ${k})`);
  return k;
}

/** `log(clip(f32(b·ratio), 1e-3, 50))` in float32; NaN stays NaN (numpy's clip propagates it). */
export function clippedLog(b: number, ratio: number): number {
  let v = f32(b * ratio);
  if (v < CLIP_LO) v = CLIP_LO;
  else if (v > 50) v = 50;
  return f32(Math.log(v));
}

/** Kernel tail masses `T[D] = Σ_{|k| ≥ D} w_k` (D = 0 … r + 1), and `T[0]` = Σw, cached per kernel array. */
const tailCache = new WeakMap<Float64Array, Float64Array>();
export function kernelTails(kernel: Float64Array): Float64Array {
  let t = tailCache.get(kernel);
  if (t) return t;
  const r = (kernel.length - 1) >> 1;
  t = new Float64Array(r + 2);
  for (let D = r; D >= 0; D--) t[D] = t[D + 1] + (D === 0 ? kernel[r] : kernel[r - D] + kernel[r + D]);
  tailCache.set(kernel, t);
  return t;
}

/**
 * The exact maximum of the blurred row without blurring all of it. The blur
 * at the arg-maximum `hint` is a lower bound `lb`. With `h = lb/2`, a bin
 * whose nearest value ≥ h is D bins away blurs to at most
 * `M·T[D] + h·(Σw − T[D])` (M the row maximum, T the kernel's tail mass
 * beyond D; values < h, padding zeros and negatives contribute < h·w), so
 * only bins within D* − 1 of a value ≥ h can beat `lb`, D* being the first
 * distance where that bound (with a 1e-6 slack for float32 rounding) falls
 * below `lb`. Rows whose bound is useless (`lb ≤ 0`) are blurred in full.
 * Same value as the full blur; ≈ 20 bins evaluated on network output.
 */
function blurredMaximum(v: SimccView, base: number, kernel: Float64Array, hint: number, originMax: number): number {
  const lb = blurAt(v, base, kernel, hint);
  let best = lb;
  if (!(lb > 0) || !(originMax >= lb)) {
    for (let i = 0; i < v.W; i++) {
      const b = blurAt(v, base, kernel, i);
      if (!(b <= best)) best = b;
    }
    return best;
  }
  const T = kernelTails(kernel);
  const h = 0.5 * lb;
  let D = 1;
  while (D < T.length - 1 && (originMax * T[D] + h * Math.max(0, T[0] - T[D])) * BOUND_SLACK >= lb) D++;
  const reach = D - 1;
  let covered = 0;
  const { data, sW, W } = v;
  for (let j = 0, p = base; j < W; j++, p += sW) {
    if (!(data[p] >= h)) continue;
    const end = Math.min(W - 1, j + reach);
    for (let i = Math.max(covered, j - reach); i <= end; i++) {
      const b = blurAt(v, base, kernel, i);
      if (!(b <= best)) best = b;
    }
    covered = Math.max(covered, end + 1);
  }
  return best;
}

/**
 * Row index read by `np.take_along_axis` at padded index `px + d` of the
 * edge-padded (2 bins each side) row of length W + 4: negative indices wrap
 * (`refinement.py:203-207`), e.g. the −1 sentinel's `px − 2 = −1` reads the
 * last padded element. Indices past either end are an IndexError there.
 */
export function paddedToRow(px: number, d: number, W: number, coord: number, where: string): number {
  let q = px + d;
  const P = W + 4;
  if (q < 0) q += P;
  if (q < 0 || q >= P) {
    throw new RangeError(`coords${where} must lie in [${-(W + 4.5)}, ${W - 0.5}) bins (the reference indexes past the padded row otherwise), got ${coord}`);
  }
  return q < 2 ? 0 : q - 2 >= W ? W - 1 : q - 2;
}

/** Reads the log-blurred row at a row index. */
type LogRow = (i: number) => number;

/**
 * The Newton step of `refinement.py:201-213` for coordinate `c` (bins):
 * `px = int64(f32(c + 2.5))`, then dx, dxx and `c − dx/dxx`, all in float32.
 */
function newtonStep(c: number, W: number, L: LogRow, where: string): number {
  const px = paddedIndex(c, where);
  const l0 = L(paddedToRow(px, 0, W, c, where));
  const l1 = L(paddedToRow(px, 1, W, c, where));
  const lm1 = L(paddedToRow(px, -1, W, c, where));
  const l2 = L(paddedToRow(px, 2, W, c, where));
  const lm2 = L(paddedToRow(px, -2, W, c, where));
  return newtonFinish(c, l0, l1, lm1, l2, lm2);
}

/** `trunc(f32(c + 2.5))`, the padded index of `refinement.py:201-202`; throws naming `coords<where>` for a non-finite c. */
export function paddedIndex(c: number, where: string): number {
  const s = f32(c + 2.5);
  if (!Number.isFinite(s)) throw new RangeError(`coords${where} must be finite, got ${c}`);
  return Math.trunc(s); // astype(np.int64): truncation toward zero
}

/** The float32 step from the five log values around the start: `c − dx/dxx` (`refinement.py:209-213`). */
export function newtonFinish(c: number, l0: number, l1: number, lm1: number, l2: number, lm2: number): number {
  const dx = f32(0.5 * f32(l1 - lm1));
  const dxx = f32(EPS_DXX + f32(0.25 * f32(f32(l2 - f32(2 * l0)) + lm2)));
  return f32(c - f32(dx / dxx));
}

/**
 * DARK-refine coordinate `c` of one row without materialising the blurred
 * row: only the blurred maximum (see {@link blurredMaximum}) and the five
 * bins of the stencil are evaluated. `argIdx`/`originMax` are the row's
 * arg-maximum and maximum. Cost O(W + m·k), m = bins near values ≥ the
 * blurred peak (≈ 2k on network output; O(W·k) on flat rows).
 */
export function darkRefineRow(v: SimccView, base: number, kernel: Float64Array, c: number, argIdx: number, originMax: number, where = ''): number {
  const ratio = f32(originMax / blurredMaximum(v, base, kernel, argIdx, originMax)); // as blurRowRescaled: post_processing.py:260
  return newtonStep(c, v.W, (i) => clippedLog(blurAt(v, base, kernel, i), ratio), where);
}

/**
 * Write the whole log-blurred row `log(clip(blur(row), 1e-3, 50))` into
 * `out[0 .. W)` — the map the reference leaves in the caller's array — and
 * return the DARK-refined `c` read from it. Cost O(W·k).
 */
export function darkRefineRowFull(v: SimccView, base: number, kernel: Float64Array, c: number, out: Float64Array, where = ''): number {
  blurRowRescaled(v, base, kernel, out);
  for (let i = 0; i < v.W; i++) out[i] = clippedLog(out[i], 1);
  return newtonStep(c, v.W, (i) => out[i], where);
}

/**
 * Refine 1-D SimCC coordinates (bins) by one DARK Newton step each, as mmpose
 * `refine_simcc_dark(keypoints, simcc, blur_kernel_size)`: blur each row
 * ({@link gaussianBlur1d}), clip to [1e-3, 50], log, edge-pad by 2, read the
 * five bins around `p = trunc(c + 2.5) − 2` and take `c − dx/dxx`.
 *
 * Reproduced on purpose: the index truncation (10.49 → bin 10, 10.5 → 11);
 * the −1 sentinel reads bin 0's edge copies and the wrapped last element,
 * where dx = 0 so it stays −1; starts next to the zero-padded border may jump
 * far; a row that is all zero blurs to NaN and so does its coordinate; clipped
 * (flat) neighbourhoods do not move. Unlike the reference, neither input is
 * modified (mmpose writes the log maps into `simcc` and the result into
 * `keypoints`). Float32-exact up to the blur's accumulation order.
 *
 * Cost: O(N·K·(W + m·k)) with m ≈ 2k on peaked rows (the blur is evaluated
 * only where it can reach the row's blurred maximum), one O(W) scan per row.
 *
 * @param coords `[N, K]` bins (usually the arg-maxima; −1 allowed), any float
 * @param simcc `[N, K, W]` logits (any strides, f32/f64)
 * @param blurKernelSize odd kernel size (mmpose derives it from σ, see {@link simccDarkKernelSize})
 * @returns fresh `[N, K]` Float64Array of float32 values
 * @throws TypeError / RangeError naming `coords`, `simcc` or `blurKernelSize`
 *   (NaN logits; coordinates the reference could not index: ≥ W − 0.5, NaN)
 */
export function refineSimccDark(coords: NdArray, simcc: NdArray, blurKernelSize: number): NdArray<Float64Array> {
  const v = simccView('simcc', simcc, [3]);
  const c = checkNdArray<FloatData>('coords', coords, { ranks: [2] });
  if (c.shape[0] !== v.N || c.shape[1] !== v.K) {
    throw new RangeError(`coords must have shape [N, K] = [${v.N}, ${v.K}] (simcc's first two axes), got [${c.shape.join(', ')}]`);
  }
  const kernel = simccBlurKernel(blurKernelSize, 'blurKernelSize');
  checkAllocation('coords', v.N * v.K, 8);
  const out = new Float64Array(v.N * v.K);
  const tmp = new Float64Array(1);
  for (let n = 0; n < v.N; n++) {
    for (let k = 0; k < v.K; k++) {
      const base = rowBase(v, n, k);
      const idx = rowArgmaxAt(v, base, tmp);
      if (tmp[0] !== tmp[0]) throw new RangeError(`simcc must not contain NaN, got NaN at [${n}, ${k}, ${idx}]`);
      const start = c.data[c.offset + n * c.stride[0] + k * c.stride[1]];
      out[n * v.K + k] = darkRefineRow(v, base, kernel, f32(start), idx, tmp[0], `[${n}][${k}]`);
    }
  }
  return ndarray(out, [v.N, v.K]);
}
