/**
 * A per-track bank of keypoint filters for multi-person streams: one filter per track id, filters
 * of lost tracks dropped — MoveNet multi-pose's tracking + smoothing branch (tfjs-models
 * movenet/detector.ts:429-450) generalised to the poses of any decoder.
 */
import ndarray from 'ndarray';
import type { NdArray } from 'ndarray';
import { MOVENET_KEYPOINT_FILTER_CONFIG } from './constants.js';
import { filterKeypointRows, keypointsFilterParams, type KeypointsFilterOptions, type KeypointsStream } from './keypoints-filter.js';
import { readPoseBox, readPoseRows, type PoseBox, type PoseLike } from './pose-input.js';
import { createTrackerCore, type Detection, type PoseTrackerOptions, type TrackerCore } from './tracker.js';
import type { KeypointRows } from './keypoint-rows.js';
import { checkTimestamp, describeValue, finiteOption, optionsBag } from './validate.js';

/** Options of {@link createPoseFilterBank}. */
export interface PoseFilterBankOptions {
  /** The per-track keypoints filter (see `createKeypointsFilter`). Default MoveNet's `KEYPOINT_FILTER_CONFIG`. */
  filter?: KeypointsFilterOptions;
  /**
   * Track the poses with `createPoseTracker(tracker)` (any `id` on the input is replaced), and
   * drop the filters whose id the tracker no longer keeps (MoveNet). The bounding-box tracker
   * uses `pose.box`, or for poses without one (heatmap, SimCC, PersonLab decoders) the box of
   * their finite keypoints. Absent: the poses must carry
   * their own `id` (number or string), and a filter is dropped when its id has not been seen for
   * more than `maxAge` ms.
   */
  tracker?: PoseTrackerOptions;
  /** Without a tracker: ms an unseen id keeps its filter. Default 1000 (the tracker's default). */
  maxAge?: number;
  /**
   * The object scale handed to the filter per pose: a number (px; MoveNet passes 1), `'box'`
   * (`(box.width + box.height)/2`, tfjs get_object_scale), or a function of the pose. Default 1.
   */
  objectScale?: number | 'box' | ((pose: PoseLike) => number);
  /**
   * `[W, H]`: divide x by W and y by H (and the box) for the tracker only, so that pixel poses
   * meet the keypoint tracker's normalised-coordinate assumption. The filters always see the
   * poses' own units.
   */
  trackerImageSize?: readonly [number, number];
}

/** A pose out of the bank: the input's fields, its `id`, and smoothed keypoints (same columns as the input). */
export type FilteredPose<P extends PoseLike = PoseLike> = P & { id: number | string; keypoints: NdArray<Float64Array> };

/** A stateful multi-person smoother. */
export interface PoseFilterBank {
  /**
   * Smooth one frame of poses at `microSeconds`. Returns fresh poses in input order with `id`
   * and `keypoints` replaced by a fresh Float64Array ndarray `[K, D]` (D as the input: 2, 3 or
   * 4; x, y (z) filtered, scores copied). Inputs are not modified. Cost O(N·K) plus the tracker.
   */
  apply<P extends PoseLike>(poses: readonly P[], microSeconds: number): FilteredPose<P>[];
  /** The ids that currently own a filter. */
  trackIds(): (number | string)[];
  /**
   * With a tracker: its `getTracks()` (`[{ id, lastTimestamp }]`, freshest first). Without: one
   * entry per id that owns a filter, with the time (µs) it was last seen, in first-seen order.
   */
  getTracks(): { id: number | string; lastTimestamp: number }[];
  /** Drop every filter (and the tracker's tracks). */
  reset(): void;
}

function scaleOf(opt: PoseFilterBankOptions['objectScale'], pose: PoseLike, i: number): number {
  if (opt === undefined) return 1;
  if (typeof opt === 'number') return opt;
  if (opt === 'box') {
    const b = readPoseBox(`poses[${i}]`, pose);
    if (b === null) throw new TypeError(`poses[${i}].box is required with options.objectScale 'box'`);
    return (b.width + b.height) / 2;
  }
  return opt(pose);
}

/** The box of the finite keypoints of `r` (x, y in the first two columns). */
function keypointBox(r: { K: number; D: number; data: Float64Array }): PoseBox {
  let xMin = Infinity;
  let yMin = Infinity;
  let xMax = -Infinity;
  let yMax = -Infinity;
  for (let k = 0; k < r.K; k++) {
    const x = r.data[k * r.D];
    const y = r.data[k * r.D + 1];
    if (!Number.isFinite(x) || !Number.isFinite(y)) continue;
    xMin = Math.min(xMin, x);
    xMax = Math.max(xMax, x);
    yMin = Math.min(yMin, y);
    yMax = Math.max(yMax, y);
  }
  if (xMin > xMax) return { xMin: 0, yMin: 0, xMax: 0, yMax: 0, width: 0, height: 0 };
  return { xMin, yMin, xMax, yMax, width: xMax - xMin, height: yMax - yMin };
}

/**
 * The tracker's detection of pose `i` from its rows: x/W, y/H and the score, and the box (the
 * pose's, or the keypoints' when the box tracker needs one) divided the same way.
 */
function detectionOf(core: TrackerCore, pose: PoseLike, i: number, r: KeypointRows, size: [number, number] | null, needBox: boolean): Detection {
  const name = `poses[${i}]`;
  const kp = new Float64Array(r.K * 3);
  const [W, H] = size ?? [1, 1];
  for (let k = 0; k < r.K; k++) {
    kp[k * 3] = size ? r.data[k * r.D] / W : r.data[k * r.D];
    kp[k * 3 + 1] = size ? r.data[k * r.D + 1] / H : r.data[k * r.D + 1];
    kp[k * 3 + 2] = r.data[k * r.D + r.D - 1];
  }
  const b = readPoseBox(name, pose) ?? (needBox ? keypointBox(r) : null);
  const box = b && size ? { xMin: b.xMin / W, yMin: b.yMin / H, xMax: b.xMax / W, yMax: b.yMax / H, width: b.width / W, height: b.height / H } : b;
  return core.detection(name, kp, r.K, box);
}

/**
 * Create a per-track filter bank. With `tracker`, it is MoveNet multi-pose's branch, id- and
 * value-exact with the reference: `tracker.apply(poses, t)`; per pose, the filter of its id
 * (created on first sight) applied with the object scale; then the filters of ids the tracker no
 * longer keeps are deleted, so a returning id starts fresh (quirk T12). Works on the poses of any
 * decoder: `{ keypoints [K,2] + scores [K] }` (heatmap, SimCC, bottom-up, PersonLab, CenterNet)
 * or `[K,3|4]` with the score column.
 * @throws TypeError / RangeError naming the option (see `createKeypointsFilter`, `createPoseTracker`).
 */
export function createPoseFilterBank(options?: PoseFilterBankOptions): PoseFilterBank {
  const o = optionsBag('options', options);
  const fp = keypointsFilterParams('options.filter', o.filter ?? MOVENET_KEYPOINT_FILTER_CONFIG);
  const tracker = o.tracker === undefined ? null : createTrackerCore(o.tracker, 'options.tracker');
  const needBox = o.tracker?.type === 'boundingBox';
  const maxAgeMicros = finiteOption('options.maxAge', o.maxAge, { fallback: 1000, min: 0 }) * 1000;
  const objectScale = o.objectScale;
  if (objectScale !== undefined && typeof objectScale !== 'number' && objectScale !== 'box' && typeof objectScale !== 'function') {
    throw new TypeError(`options.objectScale must be a number, 'box' or a function, got ${describeValue(objectScale)}`);
  }
  if (typeof objectScale === 'number') finiteOption('options.objectScale', objectScale, { positive: true });
  let size: [number, number] | null = null;
  if (o.trackerImageSize !== undefined) {
    const s = o.trackerImageSize as unknown;
    if (!Array.isArray(s) || s.length !== 2) throw new TypeError(`options.trackerImageSize must be [W, H], got ${describeValue(s)}`);
    size = [finiteOption('options.trackerImageSize[0] (W)', s[0], { positive: true }), finiteOption('options.trackerImageSize[1] (H)', s[1], { positive: true })];
  }
  const filters = new Map<number | string, { f: KeypointsStream; seen: number }>();

  return {
    apply(poses, microSeconds) {
      if (!Array.isArray(poses)) throw new TypeError(`poses must be an array of pose objects, got ${describeValue(poses)}`);
      const ts = checkTimestamp('microSeconds', microSeconds);
      const rows = poses.map((p, i) => readPoseRows(`poses[${i}]`, p));
      let ids: (number | string)[];
      if (tracker) {
        ids = tracker.assign(poses.map((p, i) => detectionOf(tracker, p, i, rows[i], size, needBox)), ts);
      } else {
        ids = poses.map((p, i) => {
          const id = p.id;
          if (typeof id !== 'number' && typeof id !== 'string') throw new TypeError(`poses[${i}].id must be a number or string (or give options.tracker), got ${describeValue(id)}`);
          return id;
        });
      }
      const out = poses.map((pose, i) => {
        let entry = filters.get(ids[i]);
        if (!entry) {
          entry = { f: { bank: null, K: 0 }, seen: ts };
          filters.set(ids[i], entry);
        }
        entry.seen = ts;
        const r = rows[i]; // a fresh copy of the pose's rows: filtered in place, it becomes the output
        filterKeypointRows(fp, entry.f, r.data, 0, r.K, r.D, ts, fp.disableValueScaling ? 1 : scaleOf(objectScale, pose, i));
        let keypoints = ndarray(r.data, [r.K, r.D]);
        if (r.inputD === 2) {
          const xy = new Float64Array(r.K * 2);
          for (let k = 0; k < r.K; k++) {
            xy[k * 2] = r.data[k * 3];
            xy[k * 2 + 1] = r.data[k * 3 + 1];
          }
          keypoints = ndarray(xy, [r.K, 2]);
        }
        return { ...pose, id: ids[i], keypoints };
      });
      // movenet/detector.ts:443-448: drop the filters of ids the tracker no longer keeps.
      const alive = tracker ? tracker.getTrackIDs() : null;
      for (const [id, e] of filters) {
        const keep = alive ? alive.has(id as number) : ts - e.seen <= maxAgeMicros;
        if (!keep) filters.delete(id);
      }
      return out as FilteredPose<(typeof poses)[number]>[];
    },
    trackIds() {
      return [...filters.keys()];
    },
    getTracks() {
      return tracker ? tracker.getTracks() : [...filters].map(([id, e]) => ({ id, lastTimestamp: e.seen }));
    },
    reset() {
      filters.clear();
      tracker?.reset();
    },
  };
}
