/**
 * tfjs-models' `RelativeVelocityFilter` (shared/filters/relative_velocity_filter.ts,
 * pose-detection 2.1.3; MediaPipe relative_velocity_filter.cc, kLegacyTransition). Time in µs.
 */
import { LowPassState, checkValue } from './low-pass.js';
import { checkTimestamp, finiteOption, intOption, optionsBag } from './validate.js';

/** tfjs-models `VelocityFilterConfig` (config names kept). */
export interface VelocityFilterConfig {
  /** Number of past (distance, duration) pairs averaged into the velocity (integer ≥ 1). */
  windowSize: number;
  /** Velocity weight (≥ 0): `alpha = 1 − 1/(1 + velocityScale·|velocity|)`; lower = smoother, more lag. */
  velocityScale: number;
}

/** Validate and snapshot a velocity config; errors name `${name}.<field>`. */
export function velocityParams(name: string, config: unknown): VelocityFilterConfig {
  const c = optionsBag(name, config as VelocityFilterConfig) as Partial<VelocityFilterConfig>;
  return {
    windowSize: intOption(`${name}.windowSize`, c.windowSize, 1, 1_000_000),
    velocityScale: finiteOption(`${name}.velocityScale`, c.velocityScale, { min: 0 }),
  };
}

/** 1 s / 30: the window's assumed duration per element (relative_velocity_filter.ts:87). */
const ASSUMED_MAX_DURATION = 1e6 / 30;

/**
 * The reference state machine (relative_velocity_filter.ts:58-114), float64-exact. Internal.
 * `lastTimestamp >= trunc(µs)` returns the raw value and changes nothing (initial −1, so t = 0 is
 * accepted); first sample: alpha 1; then `distance = x·scale − lastX·lastScale`, durations summed
 * newest first while `cum + d <= (1 + window.length)·1e6/30`, `velocity = Σdistance/(Σduration·1e-6)`,
 * `alpha = 1 − 1/(1 + velocityScale·|velocity|)`; output `lowpass(x, alpha)`.
 */
export class RelativeVelocityState {
  private readonly window: { distance: number; duration: number }[] = [];
  private readonly lowPass = new LowPassState(1.0);
  private lastValue = 0;
  private lastValueScale = 1;
  private lastTimestamp = -1;

  constructor(private readonly p: VelocityFilterConfig) {}

  apply(value: number, microSeconds: number, valueScale: number): number {
    const us = Math.trunc(microSeconds);
    if (this.lastTimestamp >= us) return value;
    let alpha: number;
    if (this.lastTimestamp === -1) {
      alpha = 1;
    } else {
      const distance = value * valueScale - this.lastValue * this.lastValueScale;
      const duration = us - this.lastTimestamp;
      let cumulativeDistance = distance;
      let cumulativeDuration = duration;
      const maxCumulativeDuration = (1 + this.window.length) * ASSUMED_MAX_DURATION;
      for (const el of this.window) {
        if (cumulativeDuration + el.duration > maxCumulativeDuration) break;
        cumulativeDistance += el.distance;
        cumulativeDuration += el.duration;
      }
      const velocity = cumulativeDistance / (cumulativeDuration * 1e-6);
      alpha = 1 - 1 / (1 + this.p.velocityScale * Math.abs(velocity));
      this.window.unshift({ distance, duration });
      if (this.window.length > this.p.windowSize) this.window.pop();
    }
    this.lastValue = value;
    this.lastValueScale = valueScale;
    this.lastTimestamp = us;
    return this.lowPass.applyWithAlpha(value, alpha);
  }
}

/** A stateful tfjs-semantics filter of one scalar over time (µs timestamps). */
export interface ScalarStreamFilter {
  /**
   * Filter one value at `microSeconds` (truncated to an integer, as the reference) with
   * `valueScale` (the reference's per-sample scale, e.g. 1/object size). `null`/`undefined` come back
   * as `null` with the state untouched (the reference's rule); NaN is treated the same way and
   * comes back as NaN. A timestamp that does not advance returns the raw value and changes nothing.
   */
  apply(value: number | null | undefined, microSeconds: number, valueScale?: number): number | null;
  /** Start over (a fresh filter with the same options). */
  reset(): void;
}

/** Shared argument handling of the µs-timestamp scalar filters. */
export function scalarStream(make: () => { apply(v: number, us: number, s: number): number }): ScalarStreamFilter {
  let state = make();
  return {
    apply(value, microSeconds, valueScale = 1) {
      const v = checkValue('value', value);
      checkTimestamp('microSeconds', microSeconds);
      finiteOption('valueScale', valueScale);
      if (v === null) return null;
      if (Number.isNaN(v)) return NaN;
      return state.apply(v, microSeconds, valueScale);
    },
    reset() {
      state = make();
    },
  };
}

/**
 * tfjs-models `new RelativeVelocityFilter({ windowSize, velocityScale })`: a low-pass whose alpha
 * grows with the windowed speed. Float64-exact with the reference. O(windowSize) per value.
 * @throws TypeError / RangeError naming `options.windowSize` (integer ≥ 1) or `options.velocityScale` (finite ≥ 0).
 */
export function createRelativeVelocityFilter(options: VelocityFilterConfig): ScalarStreamFilter {
  const p = velocityParams('options', options);
  return scalarStream(() => new RelativeVelocityState(p));
}
