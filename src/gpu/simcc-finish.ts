/**
 * CPU finish of the GPU SimCC DARK step: from the kernel's arg-maximum and
 * blurred-row maximum (`SIMCC_DARK_SOURCE`), the Newton step of mmpose
 * `refine_simcc_dark` (`refinement.py:201-213`) in O(KS) per row.
 */
import { blurAt } from '../decode/gaussian-blur-1d.js';
import type { SimccView } from '../decode/simcc-view.js';
import { clippedLog, newtonFinish } from '../decode/simcc-dark.js';
import { darkRefineRowFast, type DarkScratch } from '../decode/simcc-dark-fast.js';

const f32 = Math.fround;
/** Largest step change (bins) a float32 error of the GPU's blurred maximum may cause before the row is re-decoded on the CPU. */
export const SIMCC_GPU_STEP_TOLERANCE = 1e-5;

/**
 * DARK-refine coordinate `c` (bins) of the row at `base` whose arg-maximum
 * `ix` and maximum `originMax` are known, given the bin `blurArg` where the
 * GPU's float32 sums found the blurred row's maximum (NaN: unknown) and
 * `maxAbs = max |row|`.
 *
 * The five stencil bins `clamp(ix − 2 … ix + 2)` and `blurArg` are blurred
 * here exactly as `blurAt`, so the log values, and the rescale
 * `ratio = f32(originMax / max(blur))`, are the CPU's bit for bit wherever
 * `blurArg` holds the true blurred maximum. Where another bin could beat it
 * by float32 error (≤ 2·KS·2⁻²³·Σw·maxAbs), the step is evaluated at both
 * ends of that range; if they differ by more than
 * {@link SIMCC_GPU_STEP_TOLERANCE}, and for −1 sentinels (score ≤ 0),
 * non-positive blurred maxima and unknown `blurArg`, the CPU's exact
 * `darkRefineRowFast` decides. O(KS) per row.
 */
export function darkFinishRow(v: SimccView, base: number, s: DarkScratch, c: number, ix: number, originMax: number, blurArg: number, maxAbs: number): number {
  const W = v.W;
  if (c !== ix || !(blurArg >= 0 && blurArg < W)) return darkRefineRowFast(v, base, s, c, ix, originMax);
  const k = s.kernel;
  const at = (d: number) => blurAt(v, base, k, Math.min(W - 1, Math.max(0, ix + d)));
  const bm2 = at(-2);
  const bm1 = at(-1);
  const b0 = at(0);
  const b1 = at(1);
  const b2 = at(2);
  // Every evaluated blur is a lower bound of the true blurred maximum.
  const best = Math.max(blurAt(v, base, k, blurArg), bm2, bm1, b0, b1, b2);
  if (!(best > 0)) return darkRefineRowFast(v, base, s, c, ix, originMax);
  const err = 2 * k.length * 2 ** -23 * s.tails[0] * maxAbs + best * 2 ** -22;
  const step = (m: number) => {
    const ratio = f32(originMax / m);
    return newtonFinish(c, clippedLog(b0, ratio), clippedLog(b1, ratio), clippedLog(bm1, ratio), clippedLog(b2, ratio), clippedLog(bm2, ratio));
  };
  const z = step(best);
  const hi = step(f32(best + err));
  if (!(Math.abs(hi - z) <= SIMCC_GPU_STEP_TOLERANCE)) return darkRefineRowFast(v, base, s, c, ix, originMax);
  return z;
}
