/**
 * tfjs-models' `OneEuroFilter` (shared/filters/one_euro_filter.ts, pose-detection 2.1.3), the
 * filter under MoveNet's and BlazePose's keypoint smoothing. Time in microseconds. The state of
 * many filters lives in flat Float64Arrays ({@link TfjsOneEuroBank}) so that a whole pose (or a
 * whole frame of poses) is filtered in one call.
 */
import type { ChannelBank } from './channel-bank.js';
import { finiteOption, optionsBag } from './validate.js';

/** tfjs-models `OneEuroFilterConfig` (config names kept). Cutoffs in Hz, frequency in Hz. */
export interface TfjsOneEuroConfig {
  /** Initial sampling frequency, Hz (> 0); replaced from the timestamps from the second accepted sample on. */
  frequency: number;
  /** Minimum cutoff frequency, Hz (> 0). */
  minCutOff: number;
  /** Speed coefficient (≥ 0): cutoff = minCutOff + beta·|filtered derivative|. */
  beta: number;
  /** Cutoff of the derivative's low-pass, Hz (> 0). */
  derivateCutOff: number;
  /** With `thresholdBeta`: asinh-capped update with threshold `thresholdCutOff + thresholdBeta·|ėx|` (MoveNet). */
  thresholdCutOff?: number;
  thresholdBeta?: number;
}

/** Validated snapshot of a {@link TfjsOneEuroConfig}. */
export interface OneEuroParams {
  frequency: number;
  minCutOff: number;
  beta: number;
  derivateCutOff: number;
  thresholdCutOff: number | null;
  thresholdBeta: number;
}

/** Validate and snapshot a tfjs One Euro config; errors name `${name}.<field>`. */
export function oneEuroParams(name: string, config: unknown): OneEuroParams {
  const c = optionsBag(name, config as TfjsOneEuroConfig) as Partial<TfjsOneEuroConfig>;
  const frequency = finiteOption(`${name}.frequency`, c.frequency, { positive: true });
  const minCutOff = finiteOption(`${name}.minCutOff`, c.minCutOff, { positive: true });
  const beta = finiteOption(`${name}.beta`, c.beta, { min: 0 });
  const derivateCutOff = finiteOption(`${name}.derivateCutOff`, c.derivateCutOff, { positive: true });
  let thresholdCutOff: number | null = null;
  let thresholdBeta = 0;
  if (c.thresholdCutOff !== undefined && c.thresholdCutOff !== null) {
    thresholdCutOff = finiteOption(`${name}.thresholdCutOff`, c.thresholdCutOff, { positive: true });
    if (c.thresholdBeta === undefined) throw new TypeError(`${name}.thresholdBeta is required with ${name}.thresholdCutOff (the reference would compute a NaN threshold)`);
    thresholdBeta = finiteOption(`${name}.thresholdBeta`, c.thresholdBeta, { min: 0 });
  }
  return { frequency, minCutOff, beta, derivateCutOff, thresholdCutOff, thresholdBeta };
}

/**
 * `size` independent reference filters (one_euro_filter.ts:61-100), float64-exact, state in flat
 * Float64Arrays. Internal: the caller checks its arguments and handles null.
 *
 * Per channel and accepted sample: `us = trunc(µs)`; a sample with `lastTimestamp >= us` is
 * returned raw and changes nothing (:67-71 — duplicates, steps back, and a first timestamp of 0
 * since `lastTimestamp` starts at 0); `frequency = 1/((us − last)·1e-6)` unless `last` is 0
 * (:74-77; `us` is then > 0); `ẋ = (x − lastRaw)·valueScale·frequency` (0 on the first sample,
 * :81-83 — the previous **raw** value, as MediaPipe); `ėx = lowpass(ẋ, α(derivateCutOff))`;
 * `cutoff = minCutOff + beta·|ėx|`; `α(c) = 1/(1 + frequency/(2π·c))` (:100); output
 * `lowpass(x, α(cutoff))`, asinh-capped with `thresholdCutOff + thresholdBeta·|ėx|` when configured
 * (:88-93; low_pass_filter.ts:40, :50-52). Both low-passes are initialised by the first accepted
 * sample, so "initialised" is `lastTimestamp > 0`, and the configured `frequency` is never used: from the
 * second accepted sample on it is recomputed from the timestamps, and on the first it multiplies 0.
 *
 * Exact hoisting: `2π·cutoff` is evaluated as the reference's `(2·π)·cutoff`; the frequency (a
 * function of the shared `us` and the channel's last timestamp) and `α(derivateCutOff)` (a
 * function of the frequency) are computed once per distinct value in a call, so channels that
 * share their timestamps share them, bit for bit. Per coordinate remain the reference's two
 * divisions of `α(cutoff)` (and with a threshold a third and an `asinh`). Cost O(channels) per
 * call, no allocation.
 */
export class TfjsOneEuroBank implements ChannelBank {
  readonly size: number;
  private readonly last: Float64Array;
  private readonly xRaw: Float64Array;
  private readonly xStored: Float64Array;
  private readonly dxStored: Float64Array;
  private readonly twoPiD: number;

  constructor(
    private readonly p: OneEuroParams,
    size: number,
  ) {
    this.size = size;
    this.last = new Float64Array(size);
    this.xRaw = new Float64Array(size);
    this.xStored = new Float64Array(size);
    this.dxStored = new Float64Array(size);
    this.twoPiD = 2 * Math.PI * p.derivateCutOff;
  }

  applyRows(data: Float64Array, off: number, K: number, D: number, coords: number, chBase: number, chStride: number, microSeconds: number, valueScale: number): void {
    const us = Math.trunc(microSeconds);
    const { last, xRaw, xStored, dxStored, twoPiD } = this;
    const { minCutOff, beta } = this.p;
    const thCut = this.p.thresholdCutOff;
    const hasThreshold = thCut !== null;
    const thCutOff = hasThreshold ? thCut : 0;
    const thBeta = this.p.thresholdBeta;
    const twoPi = 2 * Math.PI;
    let cachedLast = -1; // timestamps are ≥ 0 once accepted: -1 never matches
    let cachedFreq = 0;
    let cachedAlphaFreq = -1; // frequencies are > 0
    let alphaD = 0;
    for (let k = 0; k < K; k++) {
      const row = off + k * D;
      const chRow = chBase + k * chStride;
      for (let c = 0; c < coords; c++) {
        const i = row + c;
        const v = data[i];
        if (v !== v) continue; // NaN: absent, state untouched
        const j = chRow + c;
        const l = last[j];
        if (l >= us) continue; // :67-71: returned raw, nothing changes
        last[j] = us;
        if (l === 0) {
          // First accepted sample: ẋ = 0, both low-passes pass their value through.
          xRaw[j] = v;
          xStored[j] = v;
          dxStored[j] = 0;
          continue;
        }
        if (l !== cachedLast) {
          cachedLast = l;
          cachedFreq = 1 / ((us - l) * 1e-6); // :76
        }
        const f = cachedFreq;
        if (f !== cachedAlphaFreq) {
          cachedAlphaFreq = f;
          alphaD = 1.0 / (1.0 + f / twoPiD); // :100 with derivateCutOff
        }
        const dValue = (v - xRaw[j]) * valueScale * f; // :82
        const s0 = dxStored[j];
        const ed = s0 + alphaD * (dValue - s0); // low_pass_filter.ts:40
        const cutOff = minCutOff + beta * Math.abs(ed);
        const alpha = 1.0 / (1.0 + f / (twoPi * cutOff));
        const st = xStored[j];
        let r: number;
        if (hasThreshold) {
          const threshold = thCutOff + thBeta * Math.abs(ed);
          r = st + alpha * threshold * Math.asinh((v - st) / threshold); // low_pass_filter.ts:50-52
        } else r = st + alpha * (v - st);
        xRaw[j] = v;
        xStored[j] = r;
        dxStored[j] = ed;
        data[i] = r;
      }
    }
  }
}
