/**
 * AUC of the PCK curve (mmpose `keypoint_auc`): the mean PCK over the
 * thresholds `i / numThresholds`, i = 0 … numThresholds − 1, each weighted
 * `1 / numThresholds`. Used for hands/faces (norm factor in pixels, e.g. 30).
 */
import type { NdArray } from 'ndarray';
import { checkFinite, MAX_VIEW_ELEMENTS } from '../core/ndarray.js';
import { checkCount } from '../core/options.js';
import { calcDistances } from './keypoint-distances.js';
import { pckFromDistances } from './pck.js';

/** Largest `numThresholds` {@link auc} accepts (a bigger count only hangs: the curve is already exact to 1e-6). */
const MAX_AUC_THRESHOLDS = 1_000_000;

/**
 * Area under the PCK curve, in [0, 1]. O(N·K·numThresholds).
 * @param pred `[N, K, 2]` predicted keypoints (pixels)
 * @param gt `[N, K, 2]` ground truth
 * @param mask `[N, K]` > 0 where counted
 * @param normFactor one normalisation length for every instance and axis (pixels)
 * @param numThresholds number of thresholds (default 20), an integer in [1, 10^6] with numThresholds·N·K ≤ 2^30
 */
export function auc(pred: NdArray, gt: NdArray, mask: NdArray, normFactor: number, numThresholds = 20): number {
  checkFinite('normFactor', normFactor);
  checkCount('numThresholds', numThresholds, MAX_AUC_THRESHOLDS);
  // mmpose tiles the Python float into a float64 [N, 2] array: the division runs in float64.
  const d = calcDistances(pred, gt, mask, normFactor);
  const work = numThresholds * d.N * d.K;
  if (work > MAX_VIEW_ELEMENTS) throw new RangeError(`numThresholds ${numThresholds} × N ${d.N} × K ${d.K} = ${work} PCK evaluations, over the limit of ${MAX_VIEW_ELEMENTS}`);
  let area = 0;
  for (let i = 0; i < numThresholds; i++) {
    const thr = (1.0 * i) / numThresholds;
    area += (1.0 / numThresholds) * pckFromDistances(d, thr).average;
  }
  return area;
}
