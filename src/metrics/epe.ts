/**
 * End-point error (mmpose `keypoint_epe`): the mean Euclidean distance
 * between predicted and GT keypoints over masked-in keypoints.
 */
import type { NdArray } from 'ndarray';
import { calcDistances } from './keypoint-distances.js';
import { meanValidDistance } from './nme.js';

/**
 * Mean end-point error in the keypoints' units (0 when nothing is valid). O(N·K).
 * @param pred `[N, K, 2]` predicted keypoints
 * @param gt `[N, K, 2]` ground truth
 * @param mask `[N, K]` > 0 where counted
 */
export function epe(pred: NdArray, gt: NdArray, mask: NdArray): number {
  // mmpose passes np.ones(..., dtype=np.float32) as the norm factor.
  return meanValidDistance(calcDistances(pred, gt, mask, 'ones-f32'));
}
