/**
 * mmpose 0.x `OneEuroFilter(min_cutoff, beta)` (temporal_filters/one_euro_filter.py:13-113,
 * 3b81734): a 1€ filter over a whole pose sequence whose time unit is **one frame**.
 */
import type { NdArray } from 'ndarray';
import { readSequence, writeSequence } from './sequence.js';
import { finiteOption, optionsBag, rateOption } from './validate.js';

/** Options of {@link smoothOneEuro}. */
export interface MmposeOneEuroOptions {
  /** Minimum cutoff (in [2^-60, 2^60]), cycles per frame — or Hz with `fps`. Default 0.004 (mmpose). */
  minCutoff?: number;
  /** Speed coefficient (≥ 0), per px/frame — or per px/s with `fps`. Default 0.7 (mmpose). */
  beta?: number;
  /** Derivative cutoff (in [2^-60, 2^60]; mmpose fixes 1.0). */
  dCutoff?: number;
  /**
   * Frame rate (Hz, in [2^-60, 2^60]). Absent (default): the reference's time unit of one frame, so its cutoffs
   * mean cycles per frame (the mmpose 0.x bug: settings depend on the frame rate). Given: time
   * step 1/fps s, so cutoffs are in Hz and beta per px/s, as in the 1€ paper.
   */
  fps?: number;
}

const ident = (v: number) => v;

/**
 * mmpose 0.x 1€ smoothing of `[T, K, C]`, per element (M5): frame 0 unchanged; then with time step
 * `tₑ` (1 frame, or 1/fps s): `a_d = r_d/(r_d + 1)`, `r_d = 2π·dCutoff·tₑ`; `ẋ = (x − x̂_prev)/tₑ`;
 * `ẋ̂ = a_d·ẋ + (1 − a_d)·ẋ̂_prev` (ẋ̂₀ = 0); `cutoff = minCutoff + beta·|ẋ̂|`; `a = r/(r + 1)`,
 * `r = 2π·cutoff·tₑ`; `x̂ = a·x + (1 − a)·x̂_prev` (derivative from the previous **filtered** value).
 * Float64 input: float64-exact. Float32 input: everything in float32 as NumPy 1.24 does it (the
 * Python constants 2π, minCutoff, beta cast to float32 per operation), emulated with
 * `Math.fround` — float32-exact. Output: fresh ndarray of the input's shape and dtype. O(T·K·C).
 * @throws TypeError / RangeError naming `sequence` or the option (`minCutoff`, `dCutoff`, `fps` in
 *   [2^-60, 2^60], beta finite ≥ 0).
 */
export function smoothOneEuro(sequence: NdArray, options: MmposeOneEuroOptions = {}): NdArray<Float32Array | Float64Array> {
  const o = optionsBag('options', options);
  // Rates bounded: a 5e-324 fps gives tₑ = ∞ (r/(r+1) = ∞/∞), a 2π·cutoff·tₑ overflow the same NaN.
  const minCutoff = rateOption('options.minCutoff', o.minCutoff, 0.004);
  const beta = finiteOption('options.beta', o.beta, { fallback: 0.7, min: 0 });
  const dCutoff = rateOption('options.dCutoff', o.dCutoff, 1.0);
  const fps = o.fps === undefined ? undefined : rateOption('options.fps', o.fps);
  const s = readSequence(sequence);
  const f = s.float32 ? Math.fround : ident;
  const te = fps === undefined ? 1 : f(1 / fps);
  const twoPi = 2 * Math.PI;
  // smoothing_factor(t_e, d_cutoff): Python evaluates 2·π·d_cutoff in double, then × t_e in the array dtype.
  const rD = f(f(twoPi * dCutoff) * te);
  const aD = f(rD / f(rD + 1));
  const fTwoPi = f(twoPi);
  const fMin = f(minCutoff);
  const fBeta = f(beta);
  const { T } = s;
  const out = new Float64Array(s.series.length);
  for (let ch = 0; ch < s.K * s.C; ch++) {
    const x = s.series.subarray(ch * T, (ch + 1) * T);
    let xPrev = x[0];
    let dxPrev = 0.0;
    out[ch * T] = x[0];
    for (let t = 1; t < T; t++) {
      const dx = f(f(x[t] - xPrev) / te);
      const dxHat = f(f(aD * dx) + f(f(1 - aD) * dxPrev));
      const cutoff = f(fMin + f(fBeta * Math.abs(dxHat)));
      const r = f(f(fTwoPi * cutoff) * te);
      const a = f(r / f(r + 1));
      const xHat = f(f(a * x[t]) + f(f(1 - a) * xPrev));
      xPrev = xHat;
      dxPrev = dxHat;
      out[ch * T + t] = xHat;
    }
  }
  return writeSequence(s, out);
}
