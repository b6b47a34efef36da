/**
 * tfjs-models' `LowPassFilter` (shared/filters/low_pass_filter.ts, pose-detection 2.1.3), the
 * exponential smoother under its One Euro, velocity and visibility filters.
 */
import { describeValue, finiteOption, optionsBag } from './validate.js';

/**
 * The reference state machine, float64-exact: the first value passes through; then
 * `stored + alpha·(value − stored)` (low_pass_filter.ts:40, not `alpha·v + (1−alpha)·s`), or with a
 * threshold `stored + alpha·threshold·asinh((value − stored)/threshold)` (:50-52). `reset()` only
 * clears `initialized` (:77-79). Internal: callers validate their arguments.
 */
export class LowPassState {
  initialized = false;
  rawValue = 0;
  storedValue = 0;
  constructor(public alpha: number) {}

  apply(value: number, threshold?: number | null): number {
    let result: number;
    if (this.initialized) {
      result =
        threshold == null
          ? this.storedValue + this.alpha * (value - this.storedValue)
          : this.storedValue + this.alpha * threshold * Math.asinh((value - this.storedValue) / threshold);
    } else {
      result = value;
      this.initialized = true;
    }
    this.rawValue = value;
    this.storedValue = result;
    return result;
  }

  applyWithAlpha(value: number, alpha: number, threshold?: number | null): number {
    this.alpha = alpha;
    return this.apply(value, threshold);
  }

  reset(): void {
    this.initialized = false;
  }
}

/** Options of {@link createLowPassFilter} (tfjs-models' config name). */
export interface LowPassFilterOptions {
  /** Weight of the new value, in [0, 1] (1: no smoothing). */
  alpha: number;
}

/** A stateful tfjs-semantics low-pass filter. */
export interface LowPassFilter {
  /**
   * Filter one value. `null`/`undefined` come back as `null` and NaN as NaN, with the state
   * untouched (posecodec's rule for absent values; the reference has none). `threshold` (> 0)
   * switches to the asinh-capped update (MoveNet's outlier cap).
   */
  apply(value: number | null | undefined, threshold?: number | null): number | null;
  /** Forget the stored value: the next value passes through (the reference's `reset`). */
  reset(): void;
}

/** Check a value argument: a number, or null/undefined (absent). */
export function checkValue(name: string, v: unknown): number | null {
  if (v === null || v === undefined) return null;
  if (typeof v !== 'number') throw new TypeError(`${name} must be a number or null, got ${describeValue(v)}`);
  return v;
}

/**
 * tfjs-models `new LowPassFilter(alpha)` (low_pass_filter.ts:36-79): `y₀ = x₀`,
 * `yₜ = yₜ₋₁ + alpha·(xₜ − yₜ₋₁)`; float64-exact with the reference. O(1) per value.
 * @throws TypeError / RangeError naming `options.alpha` unless it is a number in [0, 1].
 */
export function createLowPassFilter(options: LowPassFilterOptions): LowPassFilter {
  const o = optionsBag('options', options);
  const alpha = finiteOption('options.alpha', o.alpha, { min: 0, max: 1 });
  const state = new LowPassState(alpha);
  return {
    apply(value, threshold) {
      const v = checkValue('value', value);
      let th: number | null = null;
      if (threshold !== undefined && threshold !== null) th = finiteOption('threshold', threshold, { positive: true });
      if (v === null) return null;
      if (Number.isNaN(v)) return NaN;
      return state.apply(v, th);
    },
    reset() {
      state.reset();
    },
  };
}
