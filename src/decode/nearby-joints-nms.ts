/**
 * Nearby-joints NMS of DEKR (Geng et al., "Bottom-Up Human Pose Estimation
 * via Disentangled Keypoint Regression", CVPR 2021): mmpose 1.x
 * `nearby_joints_nms` (`evaluation/functional/nms.py`).
 */
import { checkFinite, checkNdArray, checkOptions, isNdArray, keypointView, type FloatData } from '../core/ndarray.js';
import { checkBoolean } from '../core/options.js';
import type { NearbyJointsInstance, NearbyJointsNmsOptions } from './bottomup-types.js';

/** Largest number of instances (the closeness matrix is P²·K). */
export const MAX_NEARBY_INSTANCES = 4096;

function readScore(name: string, s: unknown, K: number, perJoint: boolean): number {
  if (!perJoint) {
    if (typeof s === 'number') return checkFinite(name, s);
    if (isNdArray(s) && s.shape.length === 0) return checkFinite(name, (s.data as FloatData)[s.offset]);
    throw new TypeError(`${name} must be a number (scorePerJoint is false), got ${s === null ? 'null' : typeof s}`);
  }
  let vals: ArrayLike<number>;
  let get: (k: number) => number;
  if (isNdArray(s)) {
    const a = checkNdArray(name, s, { ranks: [1], integer: true });
    if (a.shape[0] !== K) throw new RangeError(`${name} must have K = ${K} per-joint scores, got ${a.shape[0]}`);
    get = (k) => a.data[a.offset + k * a.stride[0]];
  } else if (Array.isArray(s) || (ArrayBuffer.isView(s) && !(s instanceof DataView))) {
    vals = s as ArrayLike<number>;
    if (vals.length !== K) throw new RangeError(`${name} must have K = ${K} per-joint scores, got ${vals.length}`);
    get = (k) => vals[k];
  } else {
    throw new TypeError(`${name} must be K per-joint scores (scorePerJoint is true), got ${s === null ? 'null' : typeof s}`);
  }
  let sum = 0;
  for (let k = 0; k < K; k++) sum += checkFinite(`${name}[${k}]`, get(k));
  return sum / K;
}

/**
 * Suppress poses that share too many nearby joints with a higher-scoring
 * one, as mmpose `nearby_joints_nms`:
 * - `s_i` = the score, or the mean of the per-joint scores;
 *   `area_i = ‖max_k kp_i,k − min_k kp_i,k‖` over all joints (no visibility);
 * - `close[i, j] = #{k : ‖kp_i,k − kp_j,k‖ < area_i·distThreshold} > numNearbyJoints`
 *   (row i uses i's own threshold, so `close` is not symmetric);
 * - visit i by descending score, skip ignored ones; `c = argmax_{j : close[i,j]} s_j`
 *   (first maximum); if c is not ignored it is kept — on behalf of i, at i's
 *   turn — and every j with `close[i, j]` becomes ignored; otherwise i is dropped;
 * - with `maxDets > 0` and more kept: the `maxDets` highest-scoring, in
 *   descending score order; otherwise the visit order.
 *
 * Decisions where the reference is undefined: equal scores are visited in
 * decreasing index (numpy's small-array `argsort(s)[::-1]`); a zero-area pose
 * (not close to itself, where mmpose's argmax of an empty set raises) counts
 * as close to itself only. Cost: O(P²·K) time, O(P²) memory.
 *
 * @param instances poses `{ keypoints [K, ≥2], score }` (any pixel unit)
 * @param options {@link NearbyJointsNmsOptions}
 * @returns indices of the kept instances, in output order
 * @throws RangeError for `distThreshold ≤ 0`, `numNearbyJoints ≥ K`, mixed K or non-finite values
 */
export function nearbyJointsNms(instances: readonly NearbyJointsInstance[], options?: NearbyJointsNmsOptions): number[] {
  if (!Array.isArray(instances)) throw new TypeError(`instances must be an array of { keypoints, score }, got ${instances === null ? 'null' : typeof instances}`);
  const o = checkOptions('options', options);
  const distThr = o.distThreshold === undefined ? 0.05 : checkFinite('options.distThreshold', o.distThreshold, { positive: true });
  const perJoint = checkBoolean('options.scorePerJoint', o.scorePerJoint, false);
  const maxDets = o.maxDets === undefined ? 30 : checkFinite('options.maxDets', o.maxDets);
  if (!Number.isInteger(maxDets)) throw new RangeError(`options.maxDets must be an integer, got ${maxDets}`);
  const P = instances.length;
  if (P === 0) return [];
  if (P > MAX_NEARBY_INSTANCES) throw new RangeError(`instances must hold at most ${MAX_NEARBY_INSTANCES} poses, got ${P}`);
  let K = -1;
  let kp = new Float64Array(0);
  const scores = new Float64Array(P);
  for (let i = 0; i < P; i++) {
    const inst = instances[i] as unknown;
    if (inst === null || typeof inst !== 'object') throw new TypeError(`instances[${i}] must be { keypoints, score }, got ${inst === null ? 'null' : typeof inst}`);
    const { keypoints, score } = inst as NearbyJointsInstance;
    const kv = keypointView(`instances[${i}].keypoints`, keypoints, { allowRank2: true });
    if (kv.N !== 1) throw new RangeError(`instances[${i}].keypoints must be [K, 2], got ${kv.N} poses`);
    if (K < 0) {
      K = kv.K;
      if (K < 1) throw new RangeError(`instances[0].keypoints must have K >= 1 joints, got 0`);
      kp = new Float64Array(P * K * 2);
    } else if (kv.K !== K) throw new RangeError(`instances[${i}].keypoints must have K = ${K} joints like instances[0], got ${kv.K}`);
    for (let k = 0; k < K; k++) {
      const p = kv.offset + k * kv.sK;
      const x = kv.data[p];
      const y = kv.data[p + kv.sD];
      if (!Number.isFinite(x) || !Number.isFinite(y)) throw new RangeError(`instances[${i}].keypoints[${k}] must be finite, got (${x}, ${y})`);
      kp[2 * (i * K + k)] = x;
      kp[2 * (i * K + k) + 1] = y;
    }
    scores[i] = readScore(`instances[${i}].score`, score, K, perJoint);
  }
  let thr = K >> 1;
  if (o.numNearbyJoints !== undefined) {
    thr = checkFinite('options.numNearbyJoints', o.numNearbyJoints, { min: 0 });
    if (!Number.isInteger(thr)) throw new RangeError(`options.numNearbyJoints must be an integer, got ${thr}`);
  }
  if (thr >= K) throw new RangeError(`options.numNearbyJoints must be < K = ${K}, got ${thr}`);

  const closeThr = new Float64Array(P);
  for (let i = 0; i < P; i++) {
    let x0 = Infinity;
    let y0 = Infinity;
    let x1 = -Infinity;
    let y1 = -Infinity;
    for (let k = 0; k < K; k++) {
      const x = kp[2 * (i * K + k)];
      const y = kp[2 * (i * K + k) + 1];
      x0 = Math.min(x0, x);
      x1 = Math.max(x1, x);
      y0 = Math.min(y0, y);
      y1 = Math.max(y1, y);
    }
    closeThr[i] = Math.sqrt((x1 - x0) ** 2 + (y1 - y0) ** 2) * distThr;
  }
  const close = new Uint8Array(P * P);
  for (let i = 0; i < P; i++) {
    for (let j = 0; j < P; j++) {
      let count = 0;
      for (let k = 0; k < K; k++) {
        const dx = kp[2 * (i * K + k)] - kp[2 * (j * K + k)];
        const dy = kp[2 * (i * K + k) + 1] - kp[2 * (j * K + k) + 1];
        if (Math.sqrt(dx * dx + dy * dy) < closeThr[i]) count++;
      }
      close[i * P + j] = count > thr ? 1 : 0;
    }
    if (closeThr[i] === 0) close[i * P + i] = 1; // zero-area pose: close to itself only (mmpose raises)
  }
  // argsort(s)[::-1] — stable ascending order reversed
  const order = Array.from({ length: P }, (_, i) => i).sort((a, b) => scores[a] - scores[b] || a - b).reverse();
  const ignored = new Uint8Array(P);
  const keep: number[] = [];
  for (const i of order) {
    if (ignored[i]) continue;
    let c = -1;
    for (let j = 0; j < P; j++) if (close[i * P + j] && (c < 0 || scores[j] > scores[c])) c = j;
    if (c < 0 || ignored[c]) continue;
    keep.push(c);
    for (let j = 0; j < P; j++) if (close[i * P + j]) ignored[j] = 1;
  }
  if (maxDets > 0 && keep.length > maxDets) {
    // np.argsort(scores[keep])[-1:-maxDets-1:-1]: descending, equal scores later position first
    const pos = keep.map((_, q) => q).sort((a, b) => scores[keep[a]] - scores[keep[b]] || a - b).reverse();
    return pos.slice(0, maxDets).map((q) => keep[q]);
  }
  return keep;
}
