/**
 * Boxes spanned by the visible keypoints of each instance, the box CID feeds
 * to the CornerNet σ rule (mmpose `codecs/decoupled_heatmap.py`
 * `_get_instance_wise_sigmas`: `keypoints[i][keypoints_visible[i] > 0]`).
 */
import type { NdArray } from 'ndarray';
import { keypointView, matrixView, zerosF64 } from '../core/ndarray.js';

/**
 * For each instance n, the box `(x_min, y_min, x_max − x_min, y_max − y_min)`
 * over keypoints with `visible > 0` (CID's test, unlike the encoders' ≥ 0.5).
 * Instances without a visible keypoint get `(0, 0, 0, 0)` (CID skips them, σ 0).
 * Visible keypoints must be finite (RangeError). Units: those of `keypoints`.
 * Cost: O(N·K).
 *
 * @param keypoints `[N, K, ≥2]` (x, y), any strides
 * @param visible `[N, K]` visibility
 * @returns `[N, 4]` Float64Array boxes (x, y, w, h), ready for {@link scaleAdaptiveSigma}
 */
export function keypointBoxes(keypoints: NdArray, visible: NdArray): NdArray<Float64Array> {
  const kv = keypointView('keypoints', keypoints);
  const vis = matrixView('visible', visible, { N: kv.N, K: kv.K });
  const out = zerosF64([kv.N, 4], 'boxes');
  for (let n = 0; n < kv.N; n++) {
    let x0 = Infinity;
    let y0 = Infinity;
    let x1 = -Infinity;
    let y1 = -Infinity;
    for (let k = 0; k < kv.K; k++) {
      const v = vis.data[vis.offset + n * vis.sN + k * vis.sK];
      if (!(v > 0)) continue;
      const p = kv.offset + n * kv.sN + k * kv.sK;
      const x = kv.data[p];
      const y = kv.data[p + kv.sD];
      if (!Number.isFinite(x) || !Number.isFinite(y)) throw new RangeError(`keypoints[${n}][${k}] must be finite for a visible keypoint, got (${x}, ${y})`);
      x0 = Math.min(x0, x);
      y0 = Math.min(y0, y);
      x1 = Math.max(x1, x);
      y1 = Math.max(y1, y);
    }
    if (x0 === Infinity) continue;
    out.data.set([x0, y0, x1 - x0, y1 - y0], 4 * n);
  }
  return out;
}
