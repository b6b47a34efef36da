/**
 * The fast path of SimCC 1-D DARK inside {@link decodeSimcc} (no visibility):
 * the same numbers as blurring the whole row (`refinement.py:170-215`,
 * `post_processing.py:240-262`) bit for bit, with the work bounded to the
 * bins that can matter and no allocation per row.
 *
 * Per row (after the caller's arg-maximum pass): the blur is evaluated at the
 * arg-maximum and the five stencil bins first (their largest value is the
 * lower bound `lb` of the blurred maximum), then only within `reach` of the
 * bins ≥ lb/2 (one compare per bin), as merged intervals blurred four bins at
 * a time ({@link blurMaxRange}: four independent
 * float64 accumulators, each summing its bin's taps in `blurAt`'s order, so
 * every value is `blurAt`'s).
 */
import { blurAt } from './gaussian-blur-1d.js';
import type { SimccView } from './simcc-view.js';
import { BOUND_SLACK, clippedLog, kernelTails, newtonFinish, paddedIndex, paddedToRow } from './simcc-dark.js';

const f32 = Math.fround;

/** Per-axis state, made once per decode call and reused by every row. */
export interface DarkScratch {
  readonly kernel: Float64Array;
  /** Kernel tail masses (see `kernelTails`). */
  readonly tails: Float64Array;
  /** Set by {@link blurMaxRange} when a blurred value was NaN. */
  sawNaN: boolean;
}

/** Per-axis state for a DARK kernel (no O(W) memory). */
export function darkScratch(kernel: Float64Array): DarkScratch {
  return {
    kernel,
    tails: kernelTails(kernel),
    sawNaN: false,
  };
}

/**
 * The running maximum `best` (numpy-style `!(b <= best)` updates, in bin
 * order) over the blurred bins `a … b` of the row at `base`, each value
 * exactly `blurAt(v, base, kernel, i)`. Interior bins are blurred four at a
 * time on contiguous rows: four accumulators, each adding its bin's taps in
 * increasing tap order (blurAt's order), so the four dependency chains run in
 * parallel. Sets `s.sawNaN` when a value is NaN. O((b − a + 1)·k).
 */
export function blurMaxRange(v: SimccView, base: number, s: DarkScratch, a: number, b: number, best: number): number {
  const kernel = s.kernel;
  const k = kernel.length;
  const r = (k - 1) >> 1;
  const data = v.data;
  let i = a;
  if (v.sW === 1) {
    // Bins whose taps all lie inside the row: i − r ≥ 0 and i + r ≤ W − 1.
    const lo = r;
    const hi = v.W - 1 - r;
    for (; i <= b && i < lo; i++) best = take(s, blurAt(v, base, kernel, i), best);
    const end4 = Math.min(b, hi) - 3;
    for (; i <= end4; i += 4) {
      const p0 = base + i - r;
      let a0 = 0;
      let a1 = 0;
      let a2 = 0;
      let a3 = 0;
      for (let j = 0; j < k; j++) {
        const w = kernel[j];
        const q = p0 + j;
        a0 += w * data[q];
        a1 += w * data[q + 1];
        a2 += w * data[q + 2];
        a3 += w * data[q + 3];
      }
      best = take(s, f32(a0), best);
      best = take(s, f32(a1), best);
      best = take(s, f32(a2), best);
      best = take(s, f32(a3), best);
    }
  }
  for (; i <= b; i++) best = take(s, blurAt(v, base, kernel, i), best);
  return best;
}

function take(s: DarkScratch, x: number, best: number): number {
  if (!(x <= best)) {
    if (x !== x) s.sawNaN = true;
    return x;
  }
  return best;
}

/**
 * DARK-refine coordinate `c` (bins) of the row at `base`, whose arg-maximum
 * is `argIdx` and maximum `originMax`. Same value as `darkRefineRowFull` bit
 * for bit. Cost one compare per bin plus O(m·k), m ≈ the bins within `reach`
 * of values ≥ lb/2 (≈ 20 on network output);
 * O(W·k) on rows the bound cannot prune (flat or non-positive).
 */
export function darkRefineRowFast(v: SimccView, base: number, s: DarkScratch, c: number, argIdx: number, originMax: number, where = ''): number {
  const W = v.W;
  const kernel = s.kernel;
  const px = paddedIndex(c, where);
  const r0 = paddedToRow(px, 0, W, c, where);
  const r1 = paddedToRow(px, 1, W, c, where);
  const rm1 = paddedToRow(px, -1, W, c, where);
  const r2 = paddedToRow(px, 2, W, c, where);
  const rm2 = paddedToRow(px, -2, W, c, where);
  const b0 = blurAt(v, base, kernel, r0);
  const b1 = blurAt(v, base, kernel, r1);
  const bm1 = blurAt(v, base, kernel, rm1);
  const b2 = blurAt(v, base, kernel, r2);
  const bm2 = blurAt(v, base, kernel, rm2);
  // Every evaluated blur is a lower bound of the blurred maximum.
  const lb = Math.max(blurAt(v, base, kernel, argIdx), b0, b1, bm1, b2, bm2);
  let best = -Infinity;
  s.sawNaN = false;
  if (lb > 0 && originMax >= lb) {
    // A bin whose nearest value ≥ h is D bins away blurs to ≤ M·T[D] + h·(Σw − T[D]) (see simcc-dark.ts blurredMaximum).
    const T = s.tails;
    const h = 0.5 * lb;
    let D = 1;
    while (D < T.length - 1 && (originMax * T[D] + h * Math.max(0, T[0] - T[D])) * BOUND_SLACK >= lb) D++;
    const reach = D - 1;
    const { data, sW } = v;
    let from = -1; // the pending interval [from, to] of bins to blur
    let to = -2;
    best = lb;
    for (let j = 0, p = base; j < W; j++, p += sW) {
      if (!(data[p] >= h)) continue;
      const a = j - reach < 0 ? 0 : j - reach;
      const e = j + reach > W - 1 ? W - 1 : j + reach;
      if (a <= to + 1) {
        if (e > to) to = e;
      } else {
        if (from >= 0) best = blurMaxRange(v, base, s, from, to, best);
        from = a;
        to = e;
      }
    }
    if (from >= 0) best = blurMaxRange(v, base, s, from, to, best);
  }
  if (!(lb > 0 && originMax >= lb) || s.sawNaN || lb !== lb) {
    // The full scan in blurRowRescaled's order (rows the bound cannot prune; NaN or infinite blurs).
    s.sawNaN = false;
    best = blurMaxRange(v, base, s, 0, W - 1, -Infinity);
  }
  const ratio = f32(originMax / best); // as blurRowRescaled: post_processing.py:260
  return newtonFinish(c, clippedLog(b0, ratio), clippedLog(b1, ratio), clippedLog(bm1, ratio), clippedLog(b2, ratio), clippedLog(bm2, ratio));
}
