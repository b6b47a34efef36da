/**
 * Normalised mean error (mmpose `keypoint_nme`): the mean of
 * ‖(pred − gt) / norm‖ over masked-in keypoints, e.g. normalised by the
 * inter-ocular distance for faces.
 */
import type { NdArray } from 'ndarray';
import { calcDistances, type KeypointDistances } from './keypoint-distances.js';
import { pairwiseSum32 } from '../core/numpy-sum.js';

/**
 * `distances[distances != -1].sum() / max(1, count)` with numpy's float32
 * pairwise sum over the keypoint-major order mmpose uses (`distances.T`);
 * the division by the count runs in float64 (numpy 1.24 float32 scalar / int).
 */
export function meanValidDistance(d: KeypointDistances): number {
  const valid = new Float32Array(d.dist.length);
  let n = 0;
  for (let i = 0; i < d.dist.length; i++) if (d.dist[i] !== -1) valid[n++] = d.dist[i];
  return pairwiseSum32(valid, 0, n) / Math.max(1, n);
}

/**
 * Normalised mean error (0 when nothing is valid). O(N·K).
 * @param pred `[N, K, 2]` predicted keypoints
 * @param gt `[N, K, 2]` ground truth
 * @param mask `[N, K]` > 0 where counted
 * @param normFactor `[N, 2]` per-instance normalisation; rows with a 0 are skipped, values ≤ 0 become 1e6
 */
export function nme(pred: NdArray, gt: NdArray, mask: NdArray, normFactor: NdArray): number {
  return meanValidDistance(calcDistances(pred, gt, mask, normFactor));
}
