/**
 * tfjs-models' `OneEuroFilter` (shared/filters/one_euro_filter.ts, pose-detection 2.1.3), the
 * filter under MoveNet's and BlazePose's keypoint smoothing. Time in microseconds.
 */
import { LowPassState } from './low-pass.js';
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
 * The reference state machine (one_euro_filter.ts:61-100), float64-exact. Internal: the caller
 * checks its arguments and handles null/NaN.
 *
 * Per accepted sample: `us = trunc(µs)`; a sample with `lastTimestamp >= us` is returned raw and
 * changes nothing (:67-71 — duplicates, steps back, and a first timestamp of 0 since
 * `lastTimestamp` starts at 0); `frequency = 1/((us − last)·1e-6)` unless `last` or `us` is 0
 * (:74-77); `ẋ = (x − lastRaw)·valueScale·frequency` (0 on the first sample, :81-83 — the previous
 * **raw** value, as MediaPipe); `ėx = lowpass(ẋ, α(derivateCutOff))`; `cutoff = minCutOff +
 * beta·|ėx|`; `α(c) = 1/(1 + frequency/(2π·c))` (:100); output `lowpass(x, α(cutoff))`, asinh-capped
 * with `thresholdCutOff + thresholdBeta·|ėx|` when configured (:88-93).
 */
export class TfjsOneEuroState {
  private frequency: number;
  private lastTimestamp = 0;
  private readonly x = new LowPassState(0);
  private readonly dx = new LowPassState(0);

  constructor(private readonly p: OneEuroParams) {
    this.frequency = p.frequency;
  }

  apply(value: number, microSeconds: number, valueScale: number): number {
    const us = Math.trunc(microSeconds);
    if (this.lastTimestamp >= us) return value;
    if (this.lastTimestamp !== 0 && us !== 0) this.frequency = 1 / ((us - this.lastTimestamp) * 1e-6);
    this.lastTimestamp = us;
    const dValue = this.x.initialized ? (value - this.x.rawValue) * valueScale * this.frequency : 0;
    const edValue = this.dx.applyWithAlpha(dValue, this.alpha(this.p.derivateCutOff));
    const cutOff = this.p.minCutOff + this.p.beta * Math.abs(edValue);
    const threshold = this.p.thresholdCutOff !== null ? this.p.thresholdCutOff + this.p.thresholdBeta * Math.abs(edValue) : null;
    return this.x.applyWithAlpha(value, this.alpha(cutOff), threshold);
  }

  private alpha(cutoff: number): number {
    return 1.0 / (1.0 + this.frequency / (2 * Math.PI * cutoff));
  }
}
