/**
 * Integer argmax of every heatmap: mmpose `get_heatmap_maximum`
 * (`codecs/utils/post_processing.py`), HRNet `get_max_preds`.
 */
import ndarray from 'ndarray';
import type { NdArray } from 'ndarray';
import { heatmapView, checkAllocation, type HeatmapView } from '../core/ndarray.js';

/** Decoded keypoints and their scores. */
export interface DecodeResult {
  /** `[K, 2]`, `[N, K, 2]` or `[B, K, 2]` (x, y), Float64Array. */
  keypoints: NdArray<Float64Array>;
  /** `[K]`, `[N, K]` or `[B, K]`, Float64Array. */
  scores: NdArray<Float64Array>;
}

/**
 * Argmax of one strided plane (first maximum in C order wins, like numpy;
 * a NaN wins at its first position, like `np.argmax`). Returns the flat
 * index `y·W + x` and writes the value to `out[0]`.
 */
export function planeArgmax(v: HeatmapView, base: number, out: Float64Array): number {
  const { data, H, W, sH, sW } = v;
  let best = -Infinity;
  let bestIdx = 0;
  if (sW === 1 && sH === W) {
    const n = H * W;
    for (let i = 0; i < n; i++) {
      const x = data[base + i];
      if (x > best) {
        best = x;
        bestIdx = i;
      } else if (x !== x) {
        out[0] = NaN;
        return i;
      }
    }
  } else {
    for (let y = 0; y < H; y++) {
      const row = base + y * sH;
      for (let x = 0; x < W; x++) {
        const val = data[row + x * sW];
        if (val > best) {
          best = val;
          bestIdx = y * W + x;
        } else if (val !== val) {
          out[0] = NaN;
          return y * W + x;
        }
      }
    }
  }
  out[0] = best;
  return bestIdx;
}

/**
 * Location and value of the maximum of each heatmap, in heatmap pixels
 * (pixel i centred at i). Ties go to the first maximum in row-major order
 * (numpy `argmax`); where the maximum is ≤ 0 both coordinates are −1
 * (mmpose's sentinel) and the score is that maximum. NaN behaves as in numpy:
 * the first NaN is the maximum and its score is NaN.
 *
 * Cost: one pass over the maps, O(B·K·H·W), no allocation beyond the output.
 *
 * @param heatmaps `[K, H, W]` or `[B, K, H, W]` (any strides, f32/f64)
 * @returns keypoints `[K, 2]` / `[B, K, 2]` and scores `[K]` / `[B, K]`
 */
export function heatmapArgmax(heatmaps: NdArray): DecodeResult {
  const v = heatmapView('heatmaps', heatmaps);
  const M = v.B * v.K;
  checkAllocation('keypoints', M * 2, 8);
  const kp = new Float64Array(M * 2);
  const sc = new Float64Array(M);
  const tmp = new Float64Array(1);
  for (let b = 0; b < v.B; b++) {
    for (let k = 0; k < v.K; k++) {
      const m = b * v.K + k;
      const idx = planeArgmax(v, v.offset + b * v.sB + k * v.sK, tmp);
      const val = tmp[0];
      sc[m] = val;
      if (val <= 0) {
        kp[2 * m] = -1;
        kp[2 * m + 1] = -1;
      } else {
        kp[2 * m] = idx % v.W;
        kp[2 * m + 1] = Math.floor(idx / v.W);
      }
    }
  }
  const lead = v.batched ? [v.B, v.K] : [v.K];
  return { keypoints: ndarray(kp, [...lead, 2]), scores: ndarray(sc, lead) };
}
