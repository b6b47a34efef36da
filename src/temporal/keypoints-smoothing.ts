/**
 * tfjs-models' `KeypointsSmoothingFilter` (shared/filters/keypoints_smoothing.ts, pose-detection
 * 2.1.3): a keypoints filter applied in pixel space, with the object scale from a ROI.
 */
import type { NdArray } from 'ndarray';
import { keypointsFilterFrom, keypointsFilterParams, type ObjectScaleOptions } from './keypoints-filter.js';
import { readKeypointRows, rowsToNdArray, type KeypointsInput } from './keypoint-rows.js';
import type { TfjsOneEuroConfig } from './tfjs-one-euro.js';
import type { VelocityFilterConfig } from './relative-velocity.js';
import { boolOption, describeValue, finiteOption, optionsBag } from './validate.js';

/** tfjs-models `KeypointsSmoothingConfig`: `velocityFilter` wins when both are given. */
export interface KeypointsSmoothingOptions {
  oneEuroFilter?: TfjsOneEuroConfig & ObjectScaleOptions;
  velocityFilter?: VelocityFilterConfig & ObjectScaleOptions;
}

/** A normalised rectangle (tfjs `Rect`), fractions of the image size. */
export interface NormalizedRect {
  xCenter: number;
  yCenter: number;
  width: number;
  height: number;
}

/** A stateful keypoints smoother (tfjs `KeypointsSmoothingFilter`). */
export interface KeypointsSmoothingFilter {
  /**
   * Smooth one pose `[K, 3|4]` at `microSeconds`. `imageSize` `[W, H]` (px, finite > 0; checked
   * whenever given) is needed when `normalized` or a `roi` is given; `roi` (normalised) gives `objectScale = (roi.width·W +
   * roi.height·H)/2` (get_object_scale.ts), else 1. With `normalized`, x·W, y·H, z·W are filtered
   * and x/W, y/H returned — **z is returned in pixel scale** (the reference divides the input's z
   * instead of its copy's, keypoints_to_normalized_keypoints.ts:30). `null` resets and returns `null`.
   */
  apply(
    keypoints: KeypointsInput | null | undefined,
    microSeconds: number,
    imageSize?: readonly [number, number],
    normalized?: boolean,
    roi?: NormalizedRect | null,
  ): NdArray<Float64Array> | null;
  reset(): void;
}

function checkImageSize(v: unknown): [number, number] {
  if (!Array.isArray(v) && !ArrayBuffer.isView(v)) throw new TypeError(`imageSize must be [W, H], got ${describeValue(v)}`);
  const a = v as ArrayLike<unknown>;
  if (a.length !== 2) throw new RangeError(`imageSize must be [W, H] (2 numbers), got ${a.length} values`);
  return [finiteOption('imageSize[0] (W)', a[0], { positive: true }), finiteOption('imageSize[1] (H)', a[1], { positive: true })];
}

/**
 * tfjs-models `new KeypointsSmoothingFilter(config)`, float64-exact (quirk T7 included).
 * @throws TypeError naming `options` when neither `oneEuroFilter` nor `velocityFilter` is given;
 *   the sub-config's fields as in {@link createKeypointsFilter}.
 */
export function createKeypointsSmoothingFilter(options: KeypointsSmoothingOptions): KeypointsSmoothingFilter {
  const o = optionsBag('options', options);
  let params;
  if (o.velocityFilter !== undefined && o.velocityFilter !== null) params = keypointsFilterParams('options.velocityFilter', o.velocityFilter, 'velocity');
  else if (o.oneEuroFilter !== undefined && o.oneEuroFilter !== null) params = keypointsFilterParams('options.oneEuroFilter', o.oneEuroFilter, 'oneEuro');
  else throw new TypeError('options must configure velocityFilter or oneEuroFilter, got neither');
  const inner = keypointsFilterFrom(params);
  return {
    apply(keypoints, microSeconds, imageSize, normalized = false, roi) {
      if (keypoints === null || keypoints === undefined) {
        inner.reset();
        return null;
      }
      const isNormalized = boolOption('normalized', normalized, false);
      const needSize = isNormalized || (roi !== undefined && roi !== null);
      // Checked whenever given: the reference ignores an unused image size, but a garbage one is a caller bug.
      const [W, H] = needSize || (imageSize !== undefined && imageSize !== null) ? checkImageSize(imageSize) : [1, 1];
      let objectScale = 1;
      if (roi !== undefined && roi !== null) {
        if (typeof roi !== 'object') throw new TypeError(`roi must be { xCenter, yCenter, width, height }, got ${describeValue(roi)}`);
        const rw = finiteOption('roi.width', roi.width);
        const rh = finiteOption('roi.height', roi.height);
        objectScale = (rw * W + rh * H) / 2;
      }
      const rows = readKeypointRows('keypoints', keypoints, [3, 4]);
      const { K, D, data } = rows;
      if (isNormalized) {
        for (let k = 0; k < K; k++) {
          data[k * D] *= W;
          data[k * D + 1] *= H;
          if (D === 4) data[k * D + 2] *= W;
        }
      }
      const out = inner.apply(rowsToNdArray(rows), microSeconds, objectScale) as NdArray<Float64Array>;
      if (isNormalized) {
        const od = out.data;
        for (let k = 0; k < K; k++) {
          od[k * D] /= W;
          od[k * D + 1] /= H; // z stays ×W: quirk T7, keypoints_to_normalized_keypoints.ts:30
        }
      }
      return out;
    },
    reset() {
      inner.reset();
    },
  };
}
