/**
 * Reading a pose object from any decoder — `{ keypoints [K,2|3|4], scores? [K], score?, box?, id? }`
 * with keypoints as an ndarray, nested arrays or `{ x, y, score }` objects — into x, y, score rows.
 */
import { checkNdArray, isNdArray } from '../core/ndarray.js';
import { readKeypointRows, type KeypointRows } from './keypoint-rows.js';
import { describeValue } from './validate.js';

/** A box as tfjs-models gives it (`BoundingBox`): corners plus width and height. */
export interface PoseBox {
  xMin: number;
  yMin: number;
  xMax: number;
  yMax: number;
  width: number;
  height: number;
}

/** A pose as the trackers and the filter bank take it (extra fields are kept on the output). */
export interface PoseLike {
  /** `[K, 3]` (x, y, score), `[K, 4]` (x, y, z, score), or `[K, 2]` with `scores`. */
  keypoints: unknown;
  /** Per-keypoint scores `[K]` when `keypoints` has no score column (posecodec decoders). */
  scores?: unknown;
  /** Pose score. */
  score?: number;
  /** Box (needed by the bounding-box tracker): `{ xMin, yMin, xMax, yMax, width?, height? }`, or `[4]` / `[6]` numbers in that order (as `decodeCenterNet` gives it). */
  box?: Partial<PoseBox> | ArrayLike<number> | import('ndarray').NdArray | null;
  /** Track id (set by a tracker). */
  id?: number | string;
}

function readVector(name: string, v: unknown, K: number): Float64Array {
  let out: Float64Array;
  if (isNdArray(v)) {
    const a = checkNdArray(name, v, { ranks: [1] });
    out = new Float64Array(a.shape[0]);
    for (let i = 0; i < out.length; i++) out[i] = a.data[a.offset + i * a.stride[0]];
  } else if (Array.isArray(v) || (ArrayBuffer.isView(v) && !(v instanceof DataView))) {
    const a = v as ArrayLike<unknown>;
    out = new Float64Array(a.length);
    for (let i = 0; i < a.length; i++) {
      if (typeof a[i] !== 'number') throw new TypeError(`${name}[${i}] must be a number, got ${describeValue(a[i])}`);
      out[i] = a[i] as number;
    }
  } else throw new TypeError(`${name} must be an array of ${K} numbers, got ${describeValue(v)}`);
  if (out.length !== K) throw new RangeError(`${name} must have ${K} values (one per keypoint), got ${out.length}`);
  return out;
}

/**
 * The keypoints of `pose` as rows of D = 3 (x, y, score) or 4 (x, y, z, score); `[K, 2]` input
 * takes its scores from `pose.scores` (NaN when absent). `inputD` is the input's column count.
 */
export function readPoseRows(name: string, pose: unknown): KeypointRows & { inputD: number } {
  if (pose === null || typeof pose !== 'object' || Array.isArray(pose)) throw new TypeError(`${name} must be a pose object { keypoints, score?, box?, id? }, got ${describeValue(pose)}`);
  const p = pose as PoseLike;
  const r = readKeypointRows(`${name}.keypoints`, p.keypoints, [2, 3, 4]);
  if (r.D !== 2) return { ...r, inputD: r.D };
  const scores = p.scores === undefined || p.scores === null ? null : readVector(`${name}.scores`, p.scores, r.K);
  const data = new Float64Array(r.K * 3);
  for (let k = 0; k < r.K; k++) {
    data[k * 3] = r.data[k * 2];
    data[k * 3 + 1] = r.data[k * 2 + 1];
    data[k * 3 + 2] = scores ? scores[k] : NaN;
  }
  return { K: r.K, D: 3, data, inputD: 2 };
}

/** The box of `pose` with all six fields (width/height from the corners when absent); null when it has none. */
export function readPoseBox(name: string, pose: PoseLike): PoseBox | null {
  const raw = pose.box;
  if (raw === undefined || raw === null) return null;
  if (isNdArray(raw) || Array.isArray(raw) || ArrayBuffer.isView(raw)) {
    const v = isNdArray(raw) ? readVector(`${name}.box`, raw, raw.shape[0] === 6 ? 6 : 4) : Float64Array.from(raw as ArrayLike<number>);
    if (v.length !== 4 && v.length !== 6) throw new RangeError(`${name}.box must have 4 (xMin, yMin, xMax, yMax) or 6 values, got ${v.length}`);
    for (let i = 0; i < v.length; i++) if (typeof v[i] !== 'number') throw new TypeError(`${name}.box[${i}] must be a number`);
    return { xMin: v[0], yMin: v[1], xMax: v[2], yMax: v[3], width: v.length === 6 ? v[4] : v[2] - v[0], height: v.length === 6 ? v[5] : v[3] - v[1] };
  }
  const b = raw as Partial<PoseBox>;
  if (typeof b !== 'object') throw new TypeError(`${name}.box must be { xMin, yMin, xMax, yMax, width?, height? }, got ${describeValue(b)}`);
  for (const f of ['xMin', 'yMin', 'xMax', 'yMax'] as const) {
    if (typeof b[f] !== 'number') throw new TypeError(`${name}.box.${f} must be a number, got ${describeValue(b[f])}`);
  }
  const box = { xMin: b.xMin!, yMin: b.yMin!, xMax: b.xMax!, yMax: b.yMax!, width: b.width ?? b.xMax! - b.xMin!, height: b.height ?? b.yMax! - b.yMin! };
  if (typeof box.width !== 'number' || typeof box.height !== 'number') throw new TypeError(`${name}.box.width and .height must be numbers`);
  return box;
}
