/**
 * Step 5 of the associative-embedding decode: fill each instance's missing
 * joints from the tag maps, mmpose `_fill_missing_keypoints`
 * (`codecs/associative_embedding.py`).
 */
import type { HeatmapView } from '../core/ndarray.js';
import { roundHalfEven } from './ae-grouping.js';

const f = Math.fround;

/** The maps the fill scores against, as one strided `[K, H, W]` view: the heatmaps of the image, or the UDP log maps. */
export interface FillMaps {
  data: ArrayLike<number>;
  offset: number;
  sK: number;
  sH: number;
  sW: number;
}

/**
 * The fill's pixel search for one missing joint: the first (row-major)
 * minimum of `float32(round(‖tags[·, k, y, x] − tag‖₂)·100 − M[k, y, x])`,
 * with numpy's float32 norm (`sqrt(Σ fl(d²))`; for L = 1 exactly |d|) and
 * round half to even. Returns the flat index y·W + x (0 when `tag` is NaN:
 * numpy's argmin of all-NaN costs).
 */
function searchJoint(tv: HeatmapView, tb: number, K: number, L: number, k: number, tag: Float64Array, maps: FillMaps): number {
  const { H, W, sH, sW, data: td } = tv;
  const md = maps.data;
  const mb = maps.offset + k * maps.sK;
  const t0 = tb + k * tv.sK;
  let best = Infinity;
  let bi = 0;
  if (L === 1) {
    const g = tag[0];
    for (let y = 0; y < H; y++) {
      const trow = t0 + y * sH;
      const mrow = mb + y * maps.sH;
      for (let x = 0; x < W; x++) {
        const d = f(td[trow + x * sW] - g);
        const e = d < 0 ? -d : d;
        let r = Math.floor(e + 0.5);
        if (r - e === 0.5 && r % 2 === 1) r -= 1; // half to even
        const c = f(r * 100 - md[mrow + x * maps.sW]);
        if (c < best) {
          best = c;
          bi = y * W + x;
        }
      }
    }
    return bi;
  }
  for (let y = 0; y < H; y++) {
    for (let x = 0; x < W; x++) {
      const p = tb + y * sH + x * sW;
      let ss = 0;
      for (let l = 0; l < L; l++) {
        const d = f(td[p + (l * K + k) * tv.sK] - tag[l]);
        ss = f(ss + f(d * d));
      }
      const c = f(roundHalfEven(f(Math.sqrt(ss))) * 100 - md[mb + y * maps.sH + x * maps.sW]);
      if (c < best) {
        best = c;
        bi = y * W + x;
      }
    }
  }
  return bi;
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
 * Cost: O(N·K + missing joints·H·W·L).
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
      const i = count > 0 ? searchJoint(tv, tb, K, L, k, tag, maps) : 0;
      const x = i % W;
      const y = (i - x) / W;
      kp[2 * (n * K + k)] = x;
      kp[2 * (n * K + k) + 1] = y;
      scores[n * K + k] = maps.data[maps.offset + k * maps.sK + y * maps.sH + x * maps.sW];
    }
  }
}
