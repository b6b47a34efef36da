/**
 * Step 5 of the associative-embedding decode: fill each instance's missing
 * joints from the tag maps, mmpose `_fill_missing_keypoints`
 * (`codecs/associative_embedding.py`).
 */
import type { HeatmapView } from '../core/ndarray.js';
import { roundHalfEven } from './ae-grouping.js';

const f = Math.fround;

/** Reads value (k, y, x) of the maps the fill scores against: the heatmaps, or the UDP log maps. */
export interface FillMaps {
  at(k: number, y: number, x: number): number;
}

/**
 * For each instance n (in place on `kp [N,K,2]`, `scores [N,K]`, heatmap px):
 * - `tag` = mean, over joints with `score > 0`, of the tags at
 *   `(clip(trunc x, 0, W−1), clip(trunc y, 0, H−1))` of the **refined and
 *   shifted** position (not the candidate's own tag);
 * - every joint k with `score ≤ 0` moves to the first (row-major) minimum of
 *   `round(‖tags[·, k] − tag‖₂)·100 − M[k]` (numpy round half to even, float32
 *   as numpy computes it), integer position, no refinement and no shift, and
 *   gets the score `M[k, y, x]` — with UDP `M` are the log maps (`hl`), so
 *   the score is a log value.
 * An instance without a detected joint (only possible with a negative
 * keypoint threshold) gets numpy's all-NaN argmin, pixel (0, 0).
 * Cost: O(N·(K + missing·H·W·L)).
 */
export function fillMissing(kp: Float64Array, scores: Float64Array, N: number, tv: HeatmapView, b: number, K: number, L: number, maps: FillMaps): void {
  const { H, W } = tv;
  const tag = new Float64Array(L);
  const tb = tv.offset + b * tv.sB;
  for (let n = 0; n < N; n++) {
    let count = 0;
    tag.fill(0);
    for (let k = 0; k < K; k++) {
      if (!(scores[n * K + k] > 0)) continue;
      const x = Math.min(Math.max(Math.trunc(kp[2 * (n * K + k)]), 0), W - 1);
      const y = Math.min(Math.max(Math.trunc(kp[2 * (n * K + k) + 1]), 0), H - 1);
      for (let l = 0; l < L; l++) tag[l] += tv.data[tb + (l * K + k) * tv.sK + y * tv.sH + x * tv.sW];
      count++;
    }
    for (let l = 0; l < L; l++) tag[l] = f(tag[l] / count); // float32 mean (NaN when count = 0)
    for (let k = 0; k < K; k++) {
      if (scores[n * K + k] > 0) continue;
      let best = Infinity;
      let bx = 0;
      let by = 0;
      if (count > 0) {
        for (let y = 0; y < H; y++) {
          for (let x = 0; x < W; x++) {
            const p = tb + y * tv.sH + x * tv.sW;
            let ss = 0;
            for (let l = 0; l < L; l++) {
              const d = f(tv.data[p + (l * K + k) * tv.sK] - tag[l]);
              ss = f(ss + f(d * d));
            }
            const c = f(roundHalfEven(f(Math.sqrt(ss))) * 100 - maps.at(k, y, x));
            if (c < best) {
              best = c;
              bx = x;
              by = y;
            }
          }
        }
      }
      kp[2 * (n * K + k)] = bx;
      kp[2 * (n * K + k) + 1] = by;
      scores[n * K + k] = maps.at(k, by, bx);
    }
  }
}
