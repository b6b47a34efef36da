/**
 * tfjs-models' `KeypointsOneEuroFilter` and `KeypointsVelocityFilter`
 * (shared/filters/keypoints_one_euro_filter.ts, keypoints_velocity_filter.ts; pose-detection
 * 2.1.3): one scalar filter per keypoint coordinate, object-scale aware. Time in µs.
 */
import type { NdArray } from 'ndarray';
import { readKeypointRows, rowsToNdArray, type KeypointsInput } from './keypoint-rows.js';
import type { ChannelBank } from './channel-bank.js';
import { RelativeVelocityBank, velocityParams, type VelocityFilterConfig } from './relative-velocity.js';
import { TfjsOneEuroBank, oneEuroParams, type TfjsOneEuroConfig } from './tfjs-one-euro.js';
import { boolOption, checkTimestamp, describeValue, enumOption, finiteOption, optionsBag } from './validate.js';

/** Object-scale options shared by both keypoint filters (tfjs config names). */
export interface ObjectScaleOptions {
  /** Below this object scale (px) keypoints pass through unfiltered and the state is kept; absent: no check. */
  minAllowedObjectScale?: number;
  /** Use valueScale 1 instead of 1/objectScale (MoveNet, world landmarks). Default false. */
  disableValueScaling?: boolean;
}

/** Options of {@link createKeypointsFilter}. */
export type KeypointsFilterOptions =
  | ({ type: 'oneEuro' } & TfjsOneEuroConfig & ObjectScaleOptions)
  | ({ type: 'velocity' } & VelocityFilterConfig & ObjectScaleOptions);

/** A stateful per-keypoint filter of one pose stream. */
export interface KeypointsFilter {
  /**
   * Filter one pose: `keypoints` `[K, 3]` (x, y, score) or `[K, 4]` (x, y, z, score) as an
   * ndarray, nested arrays or `{ x, y, z?, score }` objects, at `microSeconds`, with the object's
   * scale (px, e.g. the mean of its box width and height; ignored with `disableValueScaling`).
   * Returns a fresh `[K, 3|4]` Float64Array ndarray: x, y (and z) filtered, the score copied.
   * `null` resets the filter (the reference drops its filters) and returns `null`. A NaN
   * coordinate passes through as NaN and leaves that coordinate's filter untouched (the
   * reference's rule for a `null` value). Cost O(K) (O(K·windowSize) for velocity).
   */
  apply(keypoints: KeypointsInput | null | undefined, microSeconds: number, objectScale?: number): NdArray<Float64Array> | null;
  /** Drop the filters (the next pose starts fresh). */
  reset(): void;
}

/** Validated keypoints-filter configuration. */
export interface KeypointsFilterParams {
  type: 'oneEuro' | 'velocity';
  /** A bank of `channels` fresh scalar filters (flat state). */
  makeBank: (channels: number) => ChannelBank;
  minAllowedObjectScale: number | undefined;
  disableValueScaling: boolean;
}

/** Validate and snapshot keypoints-filter options (`type` given or implied by `impliedType`); errors name `${name}.<field>`. */
export function keypointsFilterParams(name: string, options: unknown, impliedType?: 'oneEuro' | 'velocity'): KeypointsFilterParams {
  const o = optionsBag(name, options as object) as Record<string, unknown>;
  const type = impliedType ?? enumOption(`${name}.type`, o.type, ['oneEuro', 'velocity'] as const);
  const minAllowedObjectScale = o.minAllowedObjectScale === undefined ? undefined : finiteOption(`${name}.minAllowedObjectScale`, o.minAllowedObjectScale);
  const disableValueScaling = boolOption(`${name}.disableValueScaling`, o.disableValueScaling, false);
  if (type === 'oneEuro') {
    const p = oneEuroParams(name, o);
    return { type, makeBank: (n) => new TfjsOneEuroBank(p, n), minAllowedObjectScale, disableValueScaling };
  }
  const p = velocityParams(name, o);
  return { type, makeBank: (n) => new RelativeVelocityBank(p, n), minAllowedObjectScale, disableValueScaling };
}

/** Channels per keypoint: x, y, z (the reference keeps three filters per keypoint whatever D is). */
export const CHANNELS_PER_KEYPOINT = 3;

/**
 * The value scale of one pose: 1 with `disableValueScaling`, else `1/objectScale`; `null` when
 * `objectScale < minAllowedObjectScale` (the pose passes through unfiltered, state kept).
 * @throws TypeError / RangeError naming `name` unless `objectScale` is a finite number > 0 (checked after the minimum, as the reference compares first).
 */
export function poseValueScale(p: KeypointsFilterParams, name: string, objectScale: unknown): number | null {
  if (p.disableValueScaling) return 1;
  if (typeof objectScale !== 'number') throw new TypeError(`${name} must be a number (px), got ${describeValue(objectScale)}`);
  if (p.minAllowedObjectScale !== undefined && objectScale < p.minAllowedObjectScale) return null;
  if (!(objectScale > 0) || !Number.isFinite(objectScale)) throw new RangeError(`${name} must be finite and > 0, got ${objectScale}`);
  return 1.0 / objectScale;
}

/** One pose stream's filter state: a bank of `K·3` channels, or null before the first pose. */
export interface KeypointsStream {
  bank: ChannelBank | null;
  K: number;
}

/**
 * Filter one pose's rows `data[off + k·D + d]` (`D` 3 or 4, x, y (z) then the score) in place, as
 * tfjs `KeypointsOneEuroFilter.apply` / `KeypointsVelocityFilter.apply` do, updating `s`.
 * Internal: rows and timestamp checked by the caller; `objectScale` is checked here.
 */
export function filterKeypointRows(p: KeypointsFilterParams, s: KeypointsStream, data: Float64Array, off: number, K: number, D: number, microSeconds: number, objectScale: unknown, scaleName = 'objectScale'): void {
  // T6: KeypointsOneEuroFilter (re)creates its filters before the scale check (keypoints_one_euro_filter.ts:45);
  // KeypointsVelocityFilter after it (keypoints_velocity_filter.ts:47-58).
  if (p.type === 'oneEuro' && (s.bank === null || s.K !== K)) ensureBank(p, s, K);
  const valueScale = poseValueScale(p, scaleName, objectScale);
  if (valueScale === null) return;
  if (p.type === 'velocity' && (s.bank === null || s.K !== K)) ensureBank(p, s, K);
  (s.bank as ChannelBank).applyRows(data, off, K, D, D - 1, 0, CHANNELS_PER_KEYPOINT, microSeconds, valueScale);
}

function ensureBank(p: KeypointsFilterParams, s: KeypointsStream, K: number): void {
  s.bank = p.makeBank(K * CHANNELS_PER_KEYPOINT);
  s.K = K;
}

/** The filter of {@link createKeypointsFilter} from validated parameters. */
export function keypointsFilterFrom(p: KeypointsFilterParams): KeypointsFilter {
  const s: KeypointsStream = { bank: null, K: 0 };
  return {
    apply(keypoints, microSeconds, objectScale) {
      if (keypoints === null || keypoints === undefined) {
        s.bank = null;
        return null;
      }
      const rows = readKeypointRows('keypoints', keypoints, [3, 4]);
      checkTimestamp('microSeconds', microSeconds);
      filterKeypointRows(p, s, rows.data, 0, rows.K, rows.D, microSeconds, objectScale);
      return rowsToNdArray(rows);
    },
    reset() {
      s.bank = null;
    },
  };
}

/**
 * tfjs-models `new KeypointsOneEuroFilter(config)` (`type: 'oneEuro'`) or `new
 * KeypointsVelocityFilter(config)` (`type: 'velocity'`), float64-exact: x, y and z of every
 * keypoint filtered independently with `valueScale = 1/objectScale` (1 with
 * `disableValueScaling`); `objectScale < minAllowedObjectScale` returns the keypoints unfiltered
 * with the state kept; a change of keypoint count recreates the filters (for `oneEuro` even when
 * the scale check then skips the frame, quirk T6).
 * @throws TypeError / RangeError naming the option (see {@link createOneEuroFilter} and
 *   {@link createRelativeVelocityFilter} for the config fields).
 */
export function createKeypointsFilter(options: KeypointsFilterOptions): KeypointsFilter {
  return keypointsFilterFrom(keypointsFilterParams('options', options));
}
