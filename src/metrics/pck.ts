/**
 * PCK — Percentage of Correct Keypoints (mmpose `keypoint_pck_accuracy`).
 * A keypoint is correct when its normalised distance ‖(pred − gt) / norm‖ < thr.
 */
import ndarray from 'ndarray';
import type { NdArray } from 'ndarray';
import { checkFinite } from '../core/ndarray.js';
import { calcDistances, distanceAcc, type KeypointDistances } from './keypoint-distances.js';
import { pairwiseSum64 } from '../core/numpy-sum.js';

/** Result of {@link pckAccuracy}. */
export interface PckResult {
  /** `[K]` accuracy per keypoint in [0, 1], −1 for keypoints with no valid sample. */
  perKeypoint: NdArray<Float64Array>;
  /** Mean over keypoints with accuracy ≥ 0 (0 when there is none). */
  average: number;
  /** Number of keypoints with accuracy ≥ 0. */
  count: number;
}

/** Per-keypoint accuracies at `thr` from precomputed distances, with their mean and count. */
export function pckFromDistances(d: KeypointDistances, thr: number): { acc: Float64Array; average: number; count: number } {
  const acc = new Float64Array(d.K);
  const valid: number[] = [];
  for (let k = 0; k < d.K; k++) {
    acc[k] = distanceAcc(d.dist, k * d.N, d.N, thr);
    if (acc[k] >= 0) valid.push(acc[k]);
  }
  const count = valid.length;
  return { acc, average: count > 0 ? pairwiseSum64(valid) / count : 0, count };
}

/**
 * PCK accuracy per keypoint and on average (mmpose `keypoint_pck_accuracy`).
 * O(N·K).
 * @param pred `[N, K, 2]` predicted keypoints
 * @param gt `[N, K, 2]` ground-truth keypoints (same units)
 * @param mask `[N, K]` > 0 where the GT keypoint counts
 * @param thr threshold on the normalised distance (e.g. 0.05, 0.1, 0.2)
 * @param normFactor `[N, 2]` per-instance normalisation (e.g. bbox or heatmap size); rows with a 0 are skipped, values ≤ 0 become 1e6
 */
export function pckAccuracy(pred: NdArray, gt: NdArray, mask: NdArray, thr: number, normFactor: NdArray): PckResult {
  checkFinite('thr', thr);
  const d = calcDistances(pred, gt, mask, normFactor);
  const r = pckFromDistances(d, thr);
  return { perKeypoint: ndarray(r.acc, [d.K]), average: r.average, count: r.count };
}
