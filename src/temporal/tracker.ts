/**
 * tfjs-models' pose trackers (pose-detection 2.1.3, calculators/tracker.ts with
 * keypoint_tracker.ts (OKS) and bounding_box_tracker.ts (IoU)): greedy frame-to-frame linking of
 * detections to tracks, ids 1, 2, 3 … never reused. Time in µs, `maxAge` in ms.
 *
 * Long file: one reference state machine — its options, the OKS / IoU similarities and the greedy
 * linking (the {@link TrackerCore} the filter bank drives with pre-read detections) — whose OKS
 * terms are hoisted per track inside the linking loop; split, the hoisting would cross files.
 */
import { COCO_KEYPOINT_FALLOFF } from './constants.js';
import { readPoseBox, readPoseRows, type PoseBox, type PoseLike } from './pose-input.js';
import { checkTimestamp, describeValue, enumOption, finiteOption, intOption, optionsBag } from './validate.js';

/** tfjs `KeypointTrackerConfig`. */
export interface KeypointTrackerParams {
  /** A keypoint counts in OKS when both scores are ≥ this. */
  keypointConfidenceThreshold: number;
  /** Per-keypoint falloff σᵢ (> 0), one per keypoint (COCO's 17 by default). */
  keypointFalloff: readonly number[];
  /** OKS is 0 with fewer counted keypoints than this. */
  minNumberOfKeypoints: number;
}

/** Options of {@link createPoseTracker} (tfjs `TrackerConfig`; omitted fields take MoveNet's defaults). */
export interface PoseTrackerOptions {
  /** `'keypoint'` (OKS, default) or `'boundingBox'` (IoU of `pose.box`). */
  type?: 'keypoint' | 'boundingBox';
  /** Most tracks kept (the freshest), integer ≥ 1. Default 18. */
  maxTracks?: number;
  /** Tracks unseen for more than this many **milliseconds** are dropped. Default 1000. */
  maxAge?: number;
  /** Least similarity (OKS or IoU) that links a detection to a track. Default 0.2 (keypoint) / 0.15 (box). */
  minSimilarity?: number;
  /** OKS parameters (keypoint tracker). Default MoveNet's (0.3, COCO falloffs, 4). */
  keypointTrackerParams?: Partial<KeypointTrackerParams>;
  /** Accepted and ignored (tfjs passes `trackerParams: {}` to the box tracker). */
  trackerParams?: unknown;
}

/** A tracked pose: the input pose's fields plus its `id`. */
export type TrackedPose<P extends PoseLike = PoseLike> = P & { id: number };

/** A stateful pose tracker. */
export interface PoseTracker {
  /**
   * Link this frame's detections (most confident first, as the reference assumes) to the tracks.
   * Returns fresh pose objects in input order, each with its `id`; the inputs are not modified.
   * Keypoints are assumed normalised to [0, 1] by the keypoint tracker (its OKS area is seeded
   * with min 1.0 / max 0.0). Cost O(N·M·K) for N detections and M tracks.
   */
  apply<P extends PoseLike>(poses: readonly P[], microSeconds: number): TrackedPose<P>[];
  /** `[{ id, lastTimestamp }]` of the tracks kept, in the tracker's order (freshest first). */
  getTracks(): { id: number; lastTimestamp: number }[];
  /** The ids of the tracks kept. */
  getTrackIDs(): Set<number>;
  /** Drop all tracks (ids keep counting up, as the reference's `reset`). */
  reset(): void;
}

interface Track {
  id: number;
  lastTimestamp: number;
  /** x, y, score rows. */
  kp: Float64Array;
  box: PoseBox | null;
}

/** A detection as the tracker links it: x, y, score rows (`[K, 3]` flat) and the box. */
export interface Detection {
  kp: Float64Array;
  K: number;
  box: PoseBox | null;
}

/** Validated tracker configuration. */
interface TrackerParams {
  type: 'keypoint' | 'boundingBox';
  maxTracks: number;
  maxAgeMicros: number;
  minSimilarity: number;
  threshold: number;
  falloff: Float64Array;
  minNumberOfKeypoints: number;
}

function trackerParams(options: PoseTrackerOptions | undefined, name = 'options'): TrackerParams {
  const o = optionsBag(name, options);
  const type = enumOption(`${name}.type`, o.type, ['keypoint', 'boundingBox'] as const, 'keypoint');
  // The bounds of tfjs validateTrackerConfig (calculators/tracker_utils.ts): maxTracks ≥ 1, maxAge > 0,
  // keypointConfidenceThreshold in [0, 1], minNumberOfKeypoints ≥ 1, falloffs > 0. minSimilarity is
  // not checked there: any finite value has a defined result (≤ 0 links every pair, > 1 none).
  const maxTracks = intOption(`${name}.maxTracks`, o.maxTracks, 1, 1_000_000, 18);
  const maxAge = finiteOption(`${name}.maxAge`, o.maxAge, { fallback: 1000, positive: true });
  const minSimilarity = finiteOption(`${name}.minSimilarity`, o.minSimilarity, { fallback: type === 'keypoint' ? 0.2 : 0.15 });
  const kp = optionsBag(`${name}.keypointTrackerParams`, o.keypointTrackerParams);
  const threshold = finiteOption(`${name}.keypointTrackerParams.keypointConfidenceThreshold`, kp.keypointConfidenceThreshold, { fallback: 0.3, min: 0, max: 1 });
  const fo = kp.keypointFalloff ?? COCO_KEYPOINT_FALLOFF;
  if (!Array.isArray(fo) && !ArrayBuffer.isView(fo)) throw new TypeError(`${name}.keypointTrackerParams.keypointFalloff must be an array of numbers, got ${describeValue(fo)}`);
  const falloff = new Float64Array((fo as ArrayLike<number>).length);
  for (let i = 0; i < falloff.length; i++) falloff[i] = finiteOption(`${name}.keypointTrackerParams.keypointFalloff[${i}]`, (fo as ArrayLike<number>)[i], { positive: true });
  const minNumberOfKeypoints = intOption(`${name}.keypointTrackerParams.minNumberOfKeypoints`, kp.minNumberOfKeypoints, 1, 1_000_000, 4);
  // tracker.ts:40 — maxAge is given in ms and compared with µs timestamps.
  return { type, maxTracks, maxAgeMicros: maxAge * 1000, minSimilarity, threshold, falloff, minNumberOfKeypoints };
}

/**
 * Area of the box around a track's keypoints with score **>** threshold, seeded with min 1.0 and
 * max 0.0 (keypoint_tracker.ts:113-120): assumes normalised coordinates; 1 with no such keypoint.
 */
function keypointArea(kp: Float64Array, K: number, threshold: number): number {
  let minX = 1.0;
  let maxX = 0.0;
  let minY = 1.0;
  let maxY = 0.0;
  for (let k = 0; k < K; k++) {
    if (!(kp[k * 3 + 2] > threshold)) continue;
    minX = Math.min(minX, kp[k * 3]);
    maxX = Math.max(maxX, kp[k * 3]);
    minY = Math.min(minY, kp[k * 3 + 1]);
    maxY = Math.max(maxY, kp[k * 3 + 1]);
  }
  return (maxX - minX) * (maxY - minY);
}

/**
 * IoU of two boxes (bounding_box_tracker.ts:56-68): intersection of the corners (0 when empty,
 * `>=` test), union from each box's own `width·height` fields.
 */
export function trackerIou(a: PoseBox, b: PoseBox): number {
  const xMin = Math.max(a.xMin, b.xMin);
  const yMin = Math.max(a.yMin, b.yMin);
  const xMax = Math.min(a.xMax, b.xMax);
  const yMax = Math.min(a.yMax, b.yMax);
  if (xMin >= xMax || yMin >= yMax) return 0.0;
  const intersection = (xMax - xMin) * (yMax - yMin);
  const areaPose = a.width * a.height;
  const areaTrack = b.width * b.height;
  return intersection / (areaPose + areaTrack - intersection);
}

/** The tracker's state machine on pre-read detections (shared by {@link createPoseTracker} and the filter bank). */
export interface TrackerCore {
  /** Check one detection (errors name `name`) and wrap it. */
  detection(name: string, kp: Float64Array, K: number, box: PoseBox | null): Detection;
  /** Link one frame's detections at `ts` (µs, checked) and return their ids, in input order. */
  assign(dets: readonly Detection[], ts: number): number[];
  getTracks(): { id: number; lastTimestamp: number }[];
  getTrackIDs(): Set<number>;
  reset(): void;
}

/** The tracker of {@link createPoseTracker} on pre-read detections; options validated here (errors name `name`, default `options`). */
export function createTrackerCore(options?: PoseTrackerOptions, name = 'options'): TrackerCore {
  const p = trackerParams(options, name);
  let tracks: Track[] = [];
  let nextId = 1;
  // OKS (keypoint_tracker.ts:85-104): mean over keypoints whose scores are both ≥ threshold of
  // `exp(−d²/(2·(area + 1e-6)·(2σᵢ)²))`, 0 with fewer than minNumberOfKeypoints of them. The terms
  // that depend on the track only (its keypoint area, the denominators) are computed once per track
  // per frame with the reference's expressions: the same values as recomputing them per pair.
  let denoms = new Float64Array(0);

  const trackDenoms = (): void => {
    const K = p.falloff.length;
    if (denoms.length < tracks.length * K) denoms = new Float64Array(tracks.length * K);
    for (let j = 0; j < tracks.length; j++) {
      const boxArea = keypointArea(tracks[j].kp, K, p.threshold) + 1e-6;
      for (let i = 0; i < K; i++) {
        const x = 2 * p.falloff[i];
        denoms[j * K + i] = 2 * boxArea * Math.pow(x, 2);
      }
    }
  };

  const oks = (det: Float64Array, j: number): number => {
    const track = tracks[j].kp;
    const K = p.falloff.length;
    const th = p.threshold;
    let oksTotal = 0;
    let n = 0;
    for (let i = 0; i < K; i++) {
      if (det[i * 3 + 2] < th || track[i * 3 + 2] < th) continue;
      n += 1;
      const dSquared = Math.pow(det[i * 3] - track[i * 3], 2) + Math.pow(det[i * 3 + 1] - track[i * 3 + 1], 2);
      oksTotal += Math.exp((-1 * dSquared) / denoms[j * K + i]);
    }
    if (n < p.minNumberOfKeypoints) return 0.0;
    return oksTotal / n;
  };

  const similarity = (d: Detection, j: number): number => (p.type === 'keypoint' ? oks(d.kp, j) : trackerIou(d.box as PoseBox, tracks[j].box as PoseBox));

  return {
    detection(name, kp, K, box) {
      if (p.type === 'boundingBox' && box === null) throw new TypeError(`${name}.box is required by the bounding-box tracker`);
      if (p.type === 'keypoint' && K !== p.falloff.length) {
        throw new RangeError(`${name}.keypoints has ${K} keypoints but options.keypointTrackerParams.keypointFalloff has ${p.falloff.length}`);
      }
      return { kp, K, box };
    },
    assign(dets, ts) {
      // tracker.ts:53 filterOldTracks: keep `t − lastTimestamp <= maxAge`.
      tracks = tracks.filter((t) => ts - t.lastTimestamp <= p.maxAgeMicros);
      if (p.type === 'keypoint') trackDenoms();
      const ids = new Array<number>(dets.length);
      const unmatchedTracks = tracks.map((_, j) => j);
      const unmatchedDets: number[] = [];
      for (let i = 0; i < dets.length; i++) {
        if (unmatchedTracks.length === 0) {
          unmatchedDets.push(i);
          continue;
        }
        let best = -1;
        let bestSim = -1;
        for (const j of unmatchedTracks) {
          const s = similarity(dets[i], j);
          if (s >= p.minSimilarity && s > bestSim) {
            best = j;
            bestSim = s;
          }
        }
        if (best >= 0) {
          const t = tracks[best];
          // tracker.ts:129 Object.assign(track, createTrack(pose)): keypoints, time and (when the pose has one) box.
          // The track's OKS terms stay those of the frame's start: the reference computes them from
          // the track as it is when compared, and a linked track is not compared again this frame.
          t.kp = dets[i].kp;
          t.lastTimestamp = ts;
          if (dets[i].box !== null) t.box = dets[i].box;
          ids[i] = t.id;
          unmatchedTracks.splice(unmatchedTracks.indexOf(best), 1);
        } else unmatchedDets.push(i);
      }
      for (const i of unmatchedDets) {
        const t: Track = { id: nextId++, lastTimestamp: ts, kp: dets[i].kp, box: dets[i].box };
        tracks.push(t);
        ids[i] = t.id;
      }
      // tracker.ts:161-162: stable sort, freshest first, then keep maxTracks.
      tracks.sort((a, b) => b.lastTimestamp - a.lastTimestamp);
      tracks = tracks.slice(0, p.maxTracks);
      return ids;
    },
    getTracks() {
      return tracks.map((t) => ({ id: t.id, lastTimestamp: t.lastTimestamp }));
    },
    getTrackIDs() {
      return new Set(tracks.map((t) => t.id));
    },
    reset() {
      tracks = [];
    },
  };
}

/**
 * tfjs-models `new KeypointTracker(config)` (`type: 'keypoint'`) or `new
 * BoundingBoxTracker(config)` (`type: 'boundingBox'`), id-exact with the reference (quirk T9):
 * per frame, tracks with `t − lastTimestamp > maxAge·1000` are dropped; each detection in input
 * order takes the unmatched track of highest similarity ≥ `minSimilarity` (ties to the earlier
 * track); a link overwrites the track's keypoints, box and time; unmatched detections open new
 * tracks (ids 1, 2, 3 … never reused); tracks are stably sorted by `lastTimestamp` descending and
 * cut to `maxTracks` (a new track may be cut at once while its pose keeps the id).
 * @throws TypeError / RangeError naming the option, with tfjs validateTrackerConfig's bounds
 *   (maxTracks integer ≥ 1, maxAge finite > 0 ms, keypointConfidenceThreshold in [0, 1], falloffs
 *   > 0, minNumberOfKeypoints integer ≥ 1); minSimilarity finite.
 */
export function createPoseTracker(options?: PoseTrackerOptions): PoseTracker {
  const core = createTrackerCore(options);
  const readDetection = (pose: unknown, i: number): Detection => {
    const name = `poses[${i}]`;
    const r = readPoseRows(name, pose);
    const kp = new Float64Array(r.K * 3);
    for (let k = 0; k < r.K; k++) {
      kp[k * 3] = r.data[k * r.D];
      kp[k * 3 + 1] = r.data[k * r.D + 1];
      kp[k * 3 + 2] = r.data[k * r.D + r.D - 1];
    }
    return core.detection(name, kp, r.K, readPoseBox(name, pose as PoseLike));
  };
  return {
    apply(poses, microSeconds) {
      if (!Array.isArray(poses)) throw new TypeError(`poses must be an array of pose objects, got ${describeValue(poses)}`);
      const ts = checkTimestamp('microSeconds', microSeconds);
      const ids = core.assign(poses.map(readDetection), ts);
      return poses.map((pose, i) => ({ ...pose, id: ids[i] }));
    },
    getTracks: () => core.getTracks(),
    getTrackIDs: () => core.getTrackIDs(),
    reset: () => core.reset(),
  };
}
