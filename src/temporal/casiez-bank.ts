/**
 * Flat state of D independent casiez/OneEuroFilter filters (`python/OneEuroFilter/OneEuroFilter.py`,
 * b992684) sharing each call's timestamp — the vector form of `createOneEuroFilter`. Time in
 * seconds.
 */

/** Validated Casiez options. */
export interface CasiezParams {
  minCutoff: number;
  beta: number;
  dCutoff: number;
  frequency: number | undefined;
  raw: boolean;
}

/** Flag bits: the `__y` (last raw value) of the value and derivative low-passes, and the value's `__s`, are not None. */
const X_Y = 1;
const X_S = 2;
const DX_Y = 4;

function missingFrequency(): RangeError {
  return new RangeError('options.frequency is required: the timestamps do not give a sampling frequency for this sample (none given, a first timestamp of 0, or one that does not advance)');
}

/**
 * `size` reference filters, float64-exact (OneEuroFilter.py:50-59, :111-113, :127-137): per channel
 * `freq ← 1/(t − t_last)` when both are non-zero (Python truthiness, "None" stored as 0) and
 * `t > t_last`, then `t_last ← t` (quirk C2); `ẋ = (x − prev)·freq` with `prev` the last filtered
 * (or with `raw`, the last raw) value, 0 when there is none; `ėx = LP(ẋ, α(dCutoff))`;
 * `x̂ = LP(x, α(minCutoff + beta·|ėx|))`; `LP`: the first value passes through, then
 * `α·x + (1 − α)·s`; `α(c) = 1/(1 + τ/te)` with `te = 1/freq`, `τ = 1/(2π·c)` in that order (C1).
 *
 * Exact hoisting: a channel's frequency, `te` and `α(dCutoff)` are functions of values shared by
 * the channels that saw the same timestamps, so they are computed once per distinct value per
 * call; per coordinate remain the reference's three divisions of `α(cutoff)`. A NaN value is
 * skipped (NaN out, its channel untouched). Without a configured frequency, a call in which some
 * channel would need one throws before any state changes. Cost O(size), no allocation.
 */
export class CasiezBank {
  readonly size: number;
  private readonly freq: Float64Array; // NaN: None (no frequency configured or measured yet)
  private readonly lastTime: Float64Array; // 0: None or 0.0 (both falsy)
  private readonly xy: Float64Array;
  private readonly xs: Float64Array;
  private readonly dxs: Float64Array;
  private readonly flags: Uint8Array;

  constructor(
    private readonly p: CasiezParams,
    size: number,
  ) {
    this.size = size;
    this.freq = new Float64Array(size).fill(p.frequency ?? NaN);
    this.lastTime = new Float64Array(size);
    this.xy = new Float64Array(size);
    this.xs = new Float64Array(size);
    this.dxs = new Float64Array(size);
    this.flags = new Uint8Array(size);
  }

  /** The reference's `reset()`: forget the last raw values and the last timestamp; keep `freq` and the last filtered value. */
  reset(): void {
    for (let j = 0; j < this.size; j++) {
      this.flags[j] &= ~(X_Y | DX_Y);
      this.lastTime[j] = 0;
    }
  }

  /** Throw (before any change) when a non-NaN channel would need a frequency it does not have. */
  private checkFrequency(values: ArrayLike<number>, t: number): void {
    const { freq, lastTime, flags } = this;
    const prevBit = this.p.raw ? X_Y : X_S;
    for (let j = 0; j < this.size; j++) {
      const v = values[j];
      if (v !== v || freq[j] === freq[j]) continue;
      const lt = lastTime[j];
      const gains = lt !== 0 && t !== 0 && t > lt;
      if (!gains && (flags[j] & (prevBit | X_Y | DX_Y)) !== 0) throw missingFrequency();
    }
  }

  /** Filter `values` (`size` of them) at time `t` (seconds; 0 for None) into `out`. */
  filter(values: ArrayLike<number>, t: number, out: Float64Array): void {
    if (this.p.frequency === undefined) this.checkFrequency(values, t);
    const { freq, lastTime, xy, xs, dxs, flags } = this;
    const { minCutoff, beta, raw } = this.p;
    const twoPi = 2 * Math.PI;
    const tauD = 1.0 / (twoPi * this.p.dCutoff);
    const prevBit = raw ? X_Y : X_S;
    let cachedLast = NaN;
    let cachedFreq = 0;
    let cachedAlphaFreq = NaN;
    let te = 0;
    let alphaD = 0;
    for (let j = 0; j < this.size; j++) {
      const v = values[j];
      if (v !== v) {
        out[j] = NaN;
        continue;
      }
      const lt = lastTime[j];
      let f = freq[j];
      if (lt !== 0 && t !== 0 && t > lt) {
        // C2, OneEuroFilter.py:127-129 (a repeat or a step back keeps freq).
        if (lt !== cachedLast) {
          cachedLast = lt;
          cachedFreq = 1.0 / (t - lt);
        }
        f = cachedFreq;
        freq[j] = f;
      }
      lastTime[j] = t;
      if (f !== cachedAlphaFreq) {
        cachedAlphaFreq = f; // NaN (no frequency) is never used: checkFrequency threw
        te = 1.0 / f;
        alphaD = 1.0 / (1.0 + tauD / te);
      }
      const fl = flags[j];
      // C3, :131: lastFilteredValue() (as published) or lastValue() (the 2012 code).
      const dx = (fl & prevBit) === 0 ? 0.0 : (v - (raw ? xy[j] : xs[j])) * f;
      const edx = (fl & DX_Y) === 0 ? dx : alphaD * dx + (1.0 - alphaD) * dxs[j];
      dxs[j] = edx;
      let s = v;
      if ((fl & X_Y) !== 0) {
        const cutoff = minCutoff + beta * Math.abs(edx);
        const tau = 1.0 / (twoPi * cutoff);
        const alpha = 1.0 / (1.0 + tau / te);
        s = alpha * v + (1.0 - alpha) * xs[j];
      }
      xy[j] = v;
      xs[j] = s;
      flags[j] = X_Y | X_S | DX_Y;
      out[j] = s;
    }
  }
}
