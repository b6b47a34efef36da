/**
 * OKS-based non-maximum suppression for pose instances (mmpose
 * `evaluation/functional/nms.py`: `oks_iou`, `oks_nms`, `soft_oks_nms`, after
 * HRNet / DEKR). Instances follow mmpose's `kpts_db`:
 * `{ keypoints: [K, 3] (x, y, score), score, area }`.
 */
import { checkFinite, checkOptions } from '../core/ndarray.js';
import { EPS } from './oks.js';
import { COCO_SIGMAS, oksVars } from './sigmas.js';
import { readInstanceKeypoints } from './instance-keypoints.js';
import { pairwiseSum64 } from '../core/numpy-sum.js';

/** One pose instance (mmpose `kpts_db` entry). */
export interface PoseInstance {
  /** `[K, 3]` ndarray (x, y, keypoint score) or the flat list `[x0, y0, s0, …]`. */
  keypoints: unknown;
  score: number;
  /** Instance area (px²), e.g. bbox w·h. */
  area: number;
}

/** Options of {@link oksNms} / {@link softOksNms}. */
export interface OksNmsOptions {
  /** σ per keypoint (default COCO). */
  sigmas?: ArrayLike<number>;
  /** Count only keypoints whose score exceeds this in both instances (default: all keypoints). */
  visThreshold?: number;
}

interface Packed {
  n: number;
  K: number;
  kp: Float64Array;
  score: Float64Array;
  area: Float64Array;
  /** True when every instance's keypoints were float32 (numpy then computes dx, dy in float32). */
  f32: boolean;
  vars: Float64Array;
  vis: number | undefined;
}

function pack(instances: unknown, threshold: number, options: OksNmsOptions | undefined): Packed {
  if (!Array.isArray(instances)) throw new TypeError('instances must be an array of { keypoints, score, area }');
  checkFinite('threshold', threshold);
  const o = checkOptions('options', options);
  const n = instances.length;
  let K = -1;
  let kp = new Float64Array(0);
  const score = new Float64Array(n);
  const area = new Float64Array(n);
  let f32 = n > 0;
  for (let i = 0; i < n; i++) {
    const inst = instances[i] as Record<string, unknown>;
    if (inst === null || typeof inst !== 'object') throw new TypeError(`instances[${i}] must be an object { keypoints, score, area }`);
    const k = readInstanceKeypoints(`instances[${i}].keypoints`, inst.keypoints, 3);
    if (K < 0) {
      K = k.K;
      kp = new Float64Array(n * 3 * K);
    } else if (k.K !== K) throw new RangeError(`instances[${i}].keypoints must have ${K} keypoints like instances[0], got ${k.K}`);
    kp.set(k.values, i * 3 * K);
    f32 &&= k.f32;
    score[i] = checkFinite(`instances[${i}].score`, inst.score);
    area[i] = checkFinite(`instances[${i}].area`, inst.area, { min: 0 });
  }
  const vars = oksVars('options.sigmas', o.sigmas ?? (K > 0 ? undefined : COCO_SIGMAS), K > 0 ? K : undefined);
  const vis = o.visThreshold === undefined || o.visThreshold === null ? undefined : checkFinite('options.visThreshold', o.visThreshold);
  return { n, K, kp, score, area, f32, vars, vis };
}

/**
 * mmpose `oks_iou(g, d, a_g, a_d)` for one pair: OKS with the mean area
 * `(a_g + a_d) / 2 + eps` and all K keypoints (or those above `vis` in both);
 * 0 when no keypoint counts. Returned as float32 (mmpose's `ious` array).
 */
function oksIou(P: Packed, gi: number, di: number, scratch: Float64Array): number {
  const { K, kp, vars } = P;
  const r = P.f32 ? Math.fround : (x: number) => x;
  const go = gi * 3 * K;
  const dOff = di * 3 * K;
  const s = (P.area[gi] + P.area[di]) / 2 + EPS;
  const vis = P.vis === undefined ? undefined : P.f32 ? Math.fround(P.vis) : P.vis;
  let n = 0;
  for (let k = 0; k < K; k++) {
    if (vis !== undefined && !(kp[go + 3 * k + 2] > vis && kp[dOff + 3 * k + 2] > vis)) continue;
    const dx = r(kp[dOff + 3 * k] - kp[go + 3 * k]);
    const dy = r(kp[dOff + 3 * k + 1] - kp[go + 3 * k + 1]);
    const e = r(r(dx * dx) + r(dy * dy)) / vars[k] / s / 2;
    // A NaN coordinate counts as infinitely far (similarity 0): mmpose's NaN IoU fails `<= thr` and drops any instance, however far.
    scratch[n++] = Number.isNaN(e) ? 0 : Math.exp(-e);
  }
  return n === 0 ? 0 : Math.fround(pairwiseSum64(scratch, 0, n) / n);
}

/** `scores.argsort()[::-1]` over positions: descending score; ties put the later position first (reversed stable sort). */
function descendingOrder(idx: number[], key: (i: number) => number): number[] {
  return idx
    .map((v, pos) => ({ v, pos, s: key(pos) }))
    .sort((a, b) => b.s - a.s || b.pos - a.pos)
    .map((e) => e.v);
}

/**
 * OKS NMS (mmpose `oks_nms`): take the highest-scoring instance, drop every
 * remaining one whose OKS with it exceeds `threshold`, repeat. O(n²·K).
 * @param instances pose instances of one image (finite score, area ≥ 0; a NaN
 *   keypoint coordinate counts as infinitely far, so it never makes two instances overlap)
 * @param threshold OKS above which an instance is suppressed (e.g. 0.9)
 * @returns kept indices into `instances`, in pick order
 */
export function oksNms(instances: PoseInstance[], threshold: number, options?: OksNmsOptions): number[] {
  const P = pack(instances, threshold, options);
  const thr = Math.fround(threshold); // float32 ious compared with a Python float: numpy casts it to float32
  const scratch = new Float64Array(Math.max(P.K, 1));
  let order = descendingOrder(Array.from({ length: P.n }, (_, i) => i), (pos) => P.score[pos]);
  const keep: number[] = [];
  while (order.length > 0) {
    const i = order[0];
    keep.push(i);
    order = order.slice(1).filter((j) => oksIou(P, i, j, scratch) <= thr);
  }
  return keep;
}

/**
 * Soft OKS NMS (mmpose `soft_oks_nms`): instead of dropping overlapping
 * instances, rescore them `score · exp(−oks² / threshold)` (gaussian) and
 * re-sort after every pick; stops after `maxDets` picks. O(maxDets·n·K + maxDets·n log n).
 * @returns kept indices into `instances`, in pick order (at most `maxDets`)
 */
export function softOksNms(instances: PoseInstance[], threshold: number, options?: OksNmsOptions & { maxDets?: number }): number[] {
  const P = pack(instances, threshold, options);
  if (!(threshold > 0)) throw new RangeError(`threshold must be > 0 for soft OKS NMS (it divides oks²), got ${threshold}`);
  const maxDets = options?.maxDets === undefined ? 20 : options.maxDets;
  if (!Number.isInteger(maxDets) || maxDets < 0) throw new RangeError(`options.maxDets must be an integer >= 0, got ${maxDets}`);
  const scratch = new Float64Array(Math.max(P.K, 1));
  let order = descendingOrder(Array.from({ length: P.n }, (_, i) => i), (pos) => P.score[pos]);
  let scores = order.map((i) => P.score[i]);
  const keep: number[] = [];
  while (order.length > 0 && keep.length < maxDets) {
    const i = order[0];
    order = order.slice(1);
    // _rescore (gaussian): overlap is float32, so overlap**2 / thr and exp run in float32.
    const rescored = order.map((j, p) => {
      const o = oksIou(P, i, j, scratch);
      return scores[p + 1] * Math.fround(Math.exp(Math.fround(-Math.fround(o * o) / Math.fround(threshold)))); // nms.py _rescore: float32 overlap² / thr, thr cast to float32
    });
    const tmp = descendingOrder(order.map((_, p) => p), (p) => rescored[p]);
    order = tmp.map((p) => order[p]);
    scores = tmp.map((p) => rescored[p]);
    keep.push(i);
  }
  return keep;
}
