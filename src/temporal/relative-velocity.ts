/**
 * tfjs-models' `RelativeVelocityFilter` (shared/filters/relative_velocity_filter.ts,
 * pose-detection 2.1.3; MediaPipe relative_velocity_filter.cc, kLegacyTransition). Time in µs.
 */
import type { ChannelBank } from './channel-bank.js';
import { checkValue } from './low-pass.js';
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
 * `size` independent reference filters (relative_velocity_filter.ts:58-114), float64-exact, state
 * in flat Float64Arrays (the window a ring of `windowSize` (distance, duration) pairs per
 * channel). Internal. Per channel: `lastTimestamp >= trunc(µs)` returns the raw value and changes
 * nothing (initial −1, so t = 0 is accepted); first sample: passed through (alpha 1); then
 * `distance = x·scale − lastX·lastScale`, durations summed newest first while
 * `cum + d <= (1 + window.length)·1e6/30`, `velocity = Σdistance/(Σduration·1e-6)`,
 * `alpha = 1 − 1/(1 + velocityScale·|velocity|)`; output `stored + alpha·(x − stored)`
 * (low_pass_filter.ts:40), then the pair enters the window (newest first, the oldest beyond
 * `windowSize` dropped). Cost O(windowSize) per channel, no allocation.
 */
export class RelativeVelocityBank implements ChannelBank {
  readonly size: number;
  private readonly last: Float64Array;
  private readonly lastValue: Float64Array;
  private readonly lastScale: Float64Array;
  private readonly stored: Float64Array;
  private readonly distance: Float64Array;
  private readonly duration: Float64Array;
  /** Ring index of the newest pair and number of pairs, per channel. */
  private readonly head: Int32Array;
  private readonly count: Int32Array;

  constructor(
    private readonly p: VelocityFilterConfig,
    size: number,
  ) {
    this.size = size;
    this.last = new Float64Array(size).fill(-1);
    this.lastValue = new Float64Array(size);
    this.lastScale = new Float64Array(size).fill(1);
    this.stored = new Float64Array(size);
    this.distance = new Float64Array(size * p.windowSize);
    this.duration = new Float64Array(size * p.windowSize);
    this.head = new Int32Array(size);
    this.count = new Int32Array(size);
  }

  applyRows(data: Float64Array, off: number, K: number, D: number, coords: number, chBase: number, chStride: number, microSeconds: number, valueScale: number): void {
    const us = Math.trunc(microSeconds);
    const { last, lastValue, lastScale, stored, distance, duration, head, count } = this;
    const W = this.p.windowSize;
    const velocityScale = this.p.velocityScale;
    for (let k = 0; k < K; k++) {
      const row = off + k * D;
      const chRow = chBase + k * chStride;
      for (let c = 0; c < coords; c++) {
        const i = row + c;
        const v = data[i];
        if (v !== v) continue; // NaN: absent, state untouched
        const j = chRow + c;
        const l = last[j];
        if (l >= us) continue; // :61-63: returned raw, nothing changes
        let r = v; // first sample: the low-pass passes it through
        if (l !== -1) {
          const dist = v * valueScale - lastValue[j] * lastScale[j];
          const dur = us - l;
          let cumDistance = dist;
          let cumDuration = dur;
          const n = count[j];
          const maxCumulativeDuration = (1 + n) * ASSUMED_MAX_DURATION;
          const base = j * W;
          let q = head[j];
          for (let m = 0; m < n; m++) {
            const d = duration[base + q];
            if (cumDuration + d > maxCumulativeDuration) break;
            cumDistance += distance[base + q];
            cumDuration += d;
            q = q === 0 ? W - 1 : q - 1;
          }
          const velocity = cumDistance / (cumDuration * 1e-6);
          const alpha = 1 - 1 / (1 + velocityScale * Math.abs(velocity));
          const h = n === 0 ? 0 : head[j] === W - 1 ? 0 : head[j] + 1;
          distance[base + h] = dist;
          duration[base + h] = dur;
          head[j] = h;
          if (n < W) count[j] = n + 1;
          const st = stored[j];
          r = st + alpha * (v - st);
        }
        lastValue[j] = v;
        lastScale[j] = valueScale;
        last[j] = us;
        stored[j] = r;
        data[i] = r;
      }
    }
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

/** Shared argument handling of the µs-timestamp scalar filters: a one-channel bank per stream. */
export function scalarStream(make: () => ChannelBank): ScalarStreamFilter {
  let bank = make();
  const cell = new Float64Array(1);
  return {
    apply(value, microSeconds, valueScale = 1) {
      const v = checkValue('value', value);
      checkTimestamp('microSeconds', microSeconds);
      finiteOption('valueScale', valueScale);
      if (v === null) return null;
      if (Number.isNaN(v)) return NaN;
      cell[0] = v;
      bank.applyRows(cell, 0, 1, 1, 1, 0, 1, microSeconds, valueScale);
      return cell[0];
    },
    reset() {
      bank = make();
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
  return scalarStream(() => new RelativeVelocityBank(p, 1));
}
