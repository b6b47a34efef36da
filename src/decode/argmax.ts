/**
 * Integer argmax of every heatmap: mmpose `get_heatmap_maximum`
 * (`codecs/utils/post_processing.py`), HRNet `get_max_preds`.
 */
import ndarray from 'ndarray';
import type { NdArray } from 'ndarray';
import { heatmapView, checkAllocation, type HeatmapView, type FloatData } from '../core/ndarray.js';

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
  if (sW === 1 && sH === W) return contiguousArgmax(data, base, H * W, out);
  let best = -Infinity;
  let bestIdx = 0;
  for (let y = 0; y < H; y++) {
    const row = base + y * sH;
    for (let x = 0; x < W; x++) {
      const val = data[row + x * sW];
      // One comparison per element on the common path: `!(val <= best)` is
      // true for a new maximum and for NaN, which numpy's argmax returns.
      if (!(val <= best)) {
        if (val !== val) {
          out[0] = NaN;
          return y * W + x;
        }
        best = val;
        bestIdx = y * W + x;
      }
    }
  }
  out[0] = best;
  return bestIdx;
}

/**
 * {@link planeArgmax} over `n` contiguous values from `base`: a branch-free
 * max pass (`Math.max` lanes; NaN propagates), then the native `indexOf` for
 * the first position of that value. About 1.5× one summing pass, where a
 * compare-and-branch loop costs 2–4×.
 */
function contiguousArgmax(data: FloatData, base: number, n: number, out: Float64Array): number {
  const end = base + n;
  const end4 = base + (n & ~3);
  let m0 = -Infinity;
  let m1 = -Infinity;
  let m2 = -Infinity;
  let m3 = -Infinity;
  let i = base;
  for (; i < end4; i += 4) {
    m0 = Math.max(m0, data[i]);
    m1 = Math.max(m1, data[i + 1]);
    m2 = Math.max(m2, data[i + 2]);
    m3 = Math.max(m3, data[i + 3]);
  }
  for (; i < end; i++) m0 = Math.max(m0, data[i]);
  const best = Math.max(m0, m1, m2, m3);
  out[0] = best;
  if (best !== best) {
    for (let j = base; j < end; j++) if (data[j] !== data[j]) return j - base;
  }
  return data.indexOf(best, base) - base;
}

/**
 * Write map `m`'s argmax result: score `val`, keypoint (idx mod W, ⌊idx/W⌋),
 * or mmpose's sentinel (−1, −1) where `val ≤ 0`.
 */
export function storeMaximum(kp: Float64Array, sc: Float64Array, m: number, idx: number, val: number, W: number): void {
  sc[m] = val;
  if (val <= 0) {
    kp[2 * m] = -1;
    kp[2 * m + 1] = -1;
  } else {
    kp[2 * m] = idx % W;
    kp[2 * m + 1] = Math.floor(idx / W);
  }
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
      storeMaximum(kp, sc, m, idx, tmp[0], v.W);
    }
  }
  const lead = v.batched ? [v.B, v.K] : [v.K];
  return { keypoints: ndarray(kp, [...lead, 2]), scores: ndarray(sc, lead) };
}
