/**
 * pycocotools `COCOeval.accumulate` for keypoints: precision at 101 recall
 * points and final recall, per (threshold, category, area range).
 *
 * Detections of all images are merged by score (stable: `np.argsort(-s,
 * kind='mergesort')`); `recall = tp / npig`, `precision = tp / (tp + fp + eps)`,
 * precision made non-increasing from the right (the "envelope"), then read at
 * the first index where recall ≥ each recall point (`np.searchsorted(…,
 * 'left')`), 0 past the end. Entries with no GT stay −1. O(nd log nd) per category.
 */
import { EPS } from './oks.js';
import { AREA_RANGES, IOU_THRESHOLDS, RECALL_THRESHOLDS } from './coco-params.js';
import { TP, FP, type CategoryEval } from './coco-evaluate.js';

/** `precision [T, R, K, A, M]` and `recall [T, K, A, M]` in C order (M = 1 maxDets setting), −1 where undefined. */
export interface Accumulated {
  precision: Float64Array;
  recall: Float64Array;
  shape: { T: number; R: number; K: number; A: number; M: number };
}

/** Accumulate per-category outcomes into precision/recall tables. */
export function accumulate(cats: CategoryEval[]): Accumulated {
  const T = IOU_THRESHOLDS.length;
  const R = RECALL_THRESHOLDS.length;
  const K = cats.length;
  const A = AREA_RANGES.length;
  const M = 1;
  const precision = new Float64Array(T * R * K * A * M).fill(-1);
  const recall = new Float64Array(T * K * A * M).fill(-1);
  let rc = new Float64Array(0);
  let pr = new Float64Array(0);
  for (let k = 0; k < K; k++) {
    const c = cats[k];
    if (!c.present) continue;
    const nd = c.scores.length;
    const s = c.scores;
    const perm = new Int32Array(nd);
    for (let i = 0; i < nd; i++) perm[i] = i;
    perm.sort((i, j) => s[j] - s[i] || i - j);
    if (rc.length < nd) {
      rc = new Float64Array(nd);
      pr = new Float64Array(nd);
    }
    for (let a = 0; a < A; a++) {
      const npig = c.npig[a];
      if (npig === 0) continue;
      for (let t = 0; t < T; t++) {
        const row = c.outcome.subarray((a * T + t) * nd, (a * T + t + 1) * nd);
        let tp = 0;
        let fp = 0;
        for (let i = 0; i < nd; i++) {
          const o = row[perm[i]];
          if (o === TP) tp++;
          else if (o === FP) fp++;
          rc[i] = tp / npig;
          pr[i] = tp / (fp + tp + EPS);
        }
        recall[((t * K + k) * A + a) * M] = nd ? rc[nd - 1] : 0;
        for (let i = nd - 1; i > 0; i--) if (pr[i] > pr[i - 1]) pr[i - 1] = pr[i];
        let i = 0;
        for (let r = 0; r < R; r++) {
          while (i < nd && rc[i] < RECALL_THRESHOLDS[r]) i++;
          // pycocotools stops filling at the first recall point past the end (q keeps its zeros).
          precision[(((t * R + r) * K + k) * A + a) * M] = i < nd ? pr[i] : 0;
        }
      }
    }
  }
  return { precision, recall, shape: { T, R, K, A, M } };
}
