/**
 * tfjs-models' `KeypointsOneEuroFilter` and `KeypointsVelocityFilter`
 * (shared/filters/keypoints_one_euro_filter.ts, keypoints_velocity_filter.ts; pose-detection
 * 2.1.3): one scalar filter per keypoint coordinate, object-scale aware. Time in µs.
 */
import type { NdArray } from 'ndarray';
import { readKeypointRows, rowsToNdArray, type KeypointsInput } from './keypoint-rows.js';
import { RelativeVelocityState, velocityParams, type VelocityFilterConfig } from './relative-velocity.js';
import { TfjsOneEuroState, oneEuroParams, type TfjsOneEuroConfig } from './tfjs-one-euro.js';
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

interface ScalarState {
  apply(v: number, us: number, scale: number): number;
}

/** Validated keypoints-filter configuration. */
export interface KeypointsFilterParams {
  type: 'oneEuro' | 'velocity';
  make: () => ScalarState;
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
    return { type, make: () => new TfjsOneEuroState(p), minAllowedObjectScale, disableValueScaling };
  }
  const p = velocityParams(name, o);
  return { type, make: () => new RelativeVelocityState(p), minAllowedObjectScale, disableValueScaling };
}

/** The filter of {@link createKeypointsFilter} from validated parameters. */
export function keypointsFilterFrom(p: KeypointsFilterParams): KeypointsFilter {
  let filters: ScalarState[][] | null = null; // [x, y, z] × K
  const ensure = (K: number) => {
    if (filters === null || filters[0].length !== K) filters = [0, 1, 2].map(() => Array.from({ length: K }, p.make));
  };
  return {
    apply(keypoints, microSeconds, objectScale) {
      if (keypoints === null || keypoints === undefined) {
        filters = null;
        return null;
      }
      const rows = readKeypointRows('keypoints', keypoints, [3, 4]);
      checkTimestamp('microSeconds', microSeconds);
      // T6: KeypointsOneEuroFilter (re)creates its filters before the scale check (keypoints_one_euro_filter.ts:45);
      // KeypointsVelocityFilter after it (keypoints_velocity_filter.ts:47-58).
      if (p.type === 'oneEuro') ensure(rows.K);
      let valueScale = 1;
      if (!p.disableValueScaling) {
        if (typeof objectScale !== 'number') throw new TypeError(`objectScale must be a number (px), got ${describeValue(objectScale)}`);
        if (p.minAllowedObjectScale !== undefined && objectScale < p.minAllowedObjectScale) return rowsToNdArray(rows);
        if (!(objectScale > 0) || !Number.isFinite(objectScale)) throw new RangeError(`objectScale must be finite and > 0, got ${objectScale}`);
        valueScale = 1.0 / objectScale;
      }
      if (p.type === 'velocity') ensure(rows.K);
      const f = filters as unknown as ScalarState[][];
      const { K, D, data } = rows;
      const coords = D - 1;
      for (let k = 0; k < K; k++) {
        for (let c = 0; c < coords; c++) {
          const v = data[k * D + c];
          if (!Number.isNaN(v)) data[k * D + c] = f[c][k].apply(v, microSeconds, valueScale);
        }
      }
      return rowsToNdArray(rows);
    },
    reset() {
      filters = null;
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
