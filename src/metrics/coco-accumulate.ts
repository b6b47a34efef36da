/**
 * pycocotools `COCOeval.accumulate` for keypoints: precision at 101 recall
 * points and final recall, per (threshold, category, area range, maxDets).
 *
 * Detections of all images are merged by score (stable: `np.argsort(-s,
 * kind='mergesort')`); `recall = tp / npig`, `precision = tp / (tp + fp + eps)`,
 * precision made non-increasing from the right (the "envelope"), then read at
 * the first index where recall ≥ each recall point (`np.searchsorted(…,
 * 'left')`), 0 past the end. Entries with no GT stay −1. O(nd log nd) per category.
 * Sizes are checked (1 GiB cap) before anything is allocated.
 */
import { EPS } from './oks.js';
import { AREA_RANGES, IOU_THRESHOLDS, RECALL_THRESHOLDS } from './coco-params.js';
import { TP, FP, type CategoryEval } from './coco-evaluate.js';
import { checkAllocation } from '../core/ndarray.js';

/** `precision [T, R, K, A, M]` and `recall [T, K, A, M]` in C order, −1 where undefined. */
export interface Accumulated {
  precision: Float64Array;
  recall: Float64Array;
  shape: { T: number; R: number; K: number; A: number; M: number };
  /** Ascending indices of the categories with GT or results (`present`); every entry of the others is −1, so readers may skip them. */
  active: Int32Array;
}

/** What one accumulation reads besides the per-category outcomes. */
export interface AccumulateSpec {
  T: number;
  A: number;
  /** Sorted ascending (pycocotools `maxDets`); detections of rank ≥ maxDets[m] are left out of column m. */
  maxDets: readonly number[];
  /** Per category, replacement outcomes (same layout as `CategoryEval.outcome`), e.g. with background FPs ignored. */
  outcome?: readonly (Uint8Array | undefined)[];
  /** Per category, `npig` per (area a, threshold t) at `a·T + t`, e.g. with false negatives ignored. */
  npig?: readonly (Int32Array | undefined)[];
}

/** Precision/recall of one (category, area, threshold, maxDets) from the sorted outcomes. */
function curve(row: Uint8Array, perm: Int32Array, nd: number, npig: number, rc: Float64Array, pr: Float64Array): { recall: number; q: Float64Array } {
  let tp = 0;
  let fp = 0;
  for (let i = 0; i < nd; i++) {
    const o = row[perm[i]];
    if (o === TP) tp++;
    else if (o === FP) fp++;
    rc[i] = tp / npig;
    pr[i] = tp / (fp + tp + EPS);
  }
  for (let i = nd - 1; i > 0; i--) if (pr[i] > pr[i - 1]) pr[i - 1] = pr[i];
  const R = RECALL_THRESHOLDS.length;
  const q = new Float64Array(R);
  let i = 0;
  for (let r = 0; r < R; r++) {
    while (i < nd && rc[i] < RECALL_THRESHOLDS[r]) i++;
    // pycocotools stops filling at the first recall point past the end (q keeps its zeros).
    q[r] = i < nd ? pr[i] : 0;
  }
  return { recall: nd ? rc[nd - 1] : 0, q };
}

/** Indices of the detections of rank < maxDet, sorted by score (stable). */
function sortedKept(c: CategoryEval, maxDet: number): Int32Array {
  const idx: number[] = [];
  for (let i = 0; i < c.scores.length; i++) if (c.rank[i] < maxDet) idx.push(i);
  const s = c.scores;
  idx.sort((i, j) => s[j] - s[i] || i - j);
  return Int32Array.from(idx);
}

/** Accumulate per-category outcomes into precision/recall tables. */
export function accumulateWith(cats: CategoryEval[], spec: AccumulateSpec): Accumulated {
  const { T, A } = spec;
  const R = RECALL_THRESHOLDS.length;
  const K = cats.length;
  const M = spec.maxDets.length;
  checkAllocation('gt.categories', T * R * K * A * M, 8);
  const precision = new Float64Array(T * R * K * A * M).fill(-1);
  const recall = new Float64Array(T * K * A * M).fill(-1);
  const active: number[] = [];
  for (let k = 0; k < K; k++) {
    const c = cats[k];
    if (!c.present) continue;
    active.push(k);
    const nd = c.scores.length;
    const outcome = spec.outcome?.[k] ?? c.outcome;
    const rc = new Float64Array(nd);
    const pr = new Float64Array(nd);
    for (let m = 0; m < M; m++) {
      const perm = sortedKept(c, spec.maxDets[m]);
      for (let a = 0; a < A; a++) {
        for (let t = 0; t < T; t++) {
          const npig = spec.npig?.[k]?.[a * T + t] ?? c.npig[a];
          if (npig === 0) continue;
          const row = outcome.subarray((a * T + t) * nd, (a * T + t + 1) * nd);
          const { recall: rcl, q } = curve(row, perm, perm.length, npig, rc, pr);
          recall[((t * K + k) * A + a) * M + m] = rcl;
          for (let r = 0; r < R; r++) precision[(((t * R + r) * K + k) * A + a) * M + m] = q[r];
        }
      }
    }
  }
  return { precision, recall, shape: { T, R, K, A, M }, active: Int32Array.from(active) };
}

/** Plain pycocotools keypoint accumulation: 10 thresholds, 3 area ranges, one maxDets (already applied). */
export function accumulate(cats: CategoryEval[]): Accumulated {
  return accumulateWith(cats, { T: IOU_THRESHOLDS.length, A: AREA_RANGES.length, maxDets: [Infinity] });
}

