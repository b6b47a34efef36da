/**
 * Step 2 of the associative-embedding decode: group keypoint candidates into
 * instances by their tags (Newell et al., "Associative Embedding: End-to-End
 * Learning for Joint Detection and Grouping", NeurIPS 2017), as mmpose 1.x
 * `_group_keypoints_by_tags` (`codecs/associative_embedding.py`, commit 759b39c).
 *
 * Reference semantics reproduced on purpose:
 * - groups live in an insertion-ordered dict keyed by **the first tag
 *   component of the candidate that created them** (`key = tag[0]`); a new
 *   group whose key is bit-equal to an existing one reuses that group: joint k
 *   is overwritten and its tag list reset (`joint_dict.setdefault(key, …)`);
 * - cost `C[m, g] = round(‖tag_m − mean_g‖₂)·100 − val_m` with numpy's round
 *   half to even, float64; `M > G` appends `M − G` columns of 1e10; the
 *   assignment comes from Munkres 1.1.4 (`core/munkres.ts`), whose tie
 *   breaking decides between the many equal-cost assignments;
 * - a pair joins its group only when `‖tag − mean‖ < tagThreshold`; otherwise
 *   (or when paired with a padding column) the candidate starts a group, even
 *   if another group was within the threshold.
 *
 * Bounded: candidates per keypoint are capped by `topk`, so each Munkres
 * matrix is at most `max(topk, G)` square with G ≤ K·topk groups.
 */
import { munkres } from '../core/munkres.js';
import { roundHalfEven } from '../core/round-half-even.js';
import type { AeCandidates } from './ae-candidates.js';

/** How candidates are matched to groups. */
export type AeMatching = 'munkres' | 'greedy';

/** One instance being grouped. */
export interface AeGroup {
  /** The dict key: first tag component of the candidate that created (or last reset) it. */
  key: number;
  /** `K·3`: x, y (integer heatmap px) and value per keypoint; zeros = missing. */
  joints: Float64Array;
  /** Sum of the tags in its tag list (L components) and their count: the mean is `tagSum / tagCount`. */
  tagSum: Float64Array;
  tagCount: number;
}

/** Greedy assignment of an `M × G` cost matrix: cheapest pair first (ties: lower row, then column). */
export function greedyAssign(cost: Float64Array, M: number, G: number): Int32Array {
  const out = new Int32Array(M).fill(-1);
  const order = new Int32Array(M * G);
  for (let i = 0; i < M * G; i++) order[i] = i;
  order.sort((a, b) => cost[a] - cost[b] || a - b);
  const usedCol = new Uint8Array(G);
  let left = Math.min(M, G);
  for (let q = 0; q < order.length && left > 0; q++) {
    const i = order[q];
    const r = (i / G) | 0;
    const c = i - r * G;
    if (out[r] >= 0 || usedCol[c]) continue;
    out[r] = c;
    usedCol[c] = 1;
    left--;
  }
  return out;
}

/**
 * Group one image's candidates. `order` is mmpose's `decode_keypoint_order`;
 * returns every group in creation (dict) order — the caller keeps the first
 * `maxInstances` (mmpose truncates after grouping, not by score).
 * Cost: per keypoint O(M·G·L) for the costs plus the assignment
 * (Munkres O(n³), n = max(M, G); greedy O(M·G·log(M·G))).
 */
export function groupCandidates(cand: AeCandidates, order: readonly number[], tagThreshold: number, matching: AeMatching): AeGroup[] {
  const { K, L, topk } = cand;
  const groups: AeGroup[] = [];
  const byKey = new Map<number, AeGroup>(); // SameValueZero: −0 and +0 are one key, as in a Python dict
  const mean = new Float64Array(L);

  // group.setdefault(key, zeros)[k] = cand; taglist[key] = [tag]
  const startGroup = (k: number, s: number): void => {
    const key = cand.tags[s * L];
    let g = byKey.get(key);
    if (!g) {
      g = { key, joints: new Float64Array(K * 3), tagSum: new Float64Array(L), tagCount: 0 };
      byKey.set(key, g);
      groups.push(g);
    }
    setJoint(g, k, s);
    for (let l = 0; l < L; l++) g.tagSum[l] = cand.tags[s * L + l];
    g.tagCount = 1;
  };
  const setJoint = (g: AeGroup, k: number, s: number): void => {
    g.joints[3 * k] = cand.xs[s];
    g.joints[3 * k + 1] = cand.ys[s];
    g.joints[3 * k + 2] = Math.fround(cand.vals[s]); // stored in a float32 array (default_)
  };

  for (const k of order) {
    const M = cand.count[k];
    if (M === 0) continue;
    const s0 = k * topk;
    if (groups.length === 0) {
      for (let m = 0; m < M; m++) startGroup(k, s0 + m);
      continue;
    }
    const keys = groups.slice();
    const G = keys.length;
    const width = Math.max(M, G);
    const dist = new Float64Array(M * G);
    const cost = new Float64Array(matching === 'munkres' ? M * width : M * G);
    const cw = matching === 'munkres' ? width : G;
    for (let g = 0; g < G; g++) {
      const gr = keys[g];
      for (let l = 0; l < L; l++) mean[l] = Math.fround(gr.tagSum[l] / gr.tagCount); // np.mean of float32 tags is float32
      for (let m = 0; m < M; m++) {
        const t = (s0 + m) * L;
        let ss = 0;
        for (let l = 0; l < L; l++) {
          const d = cand.tags[t + l] - mean[l];
          ss += d * d;
        }
        const dd = Math.sqrt(ss);
        dist[m * G + g] = dd;
        cost[m * cw + g] = roundHalfEven(dd) * 100 - cand.vals[s0 + m];
      }
    }
    let assign: Int32Array;
    if (matching === 'munkres') {
      for (let m = 0; m < M; m++) for (let c = G; c < width; c++) cost[m * width + c] = 1e10; // :114-119 padding
      assign = munkres(cost, M, width);
    } else {
      assign = greedyAssign(cost, M, G);
    }
    for (let m = 0; m < M; m++) {
      const c = assign[m];
      const s = s0 + m;
      if (c >= 0 && c < G && dist[m * G + c] < tagThreshold) {
        const g = keys[c];
        setJoint(g, k, s);
        for (let l = 0; l < L; l++) g.tagSum[l] += cand.tags[s * L + l];
        g.tagCount++;
      } else {
        startGroup(k, s);
      }
    }
  }
  return groups;
}
