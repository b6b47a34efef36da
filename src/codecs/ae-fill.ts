/**
 * Step 5 of the associative-embedding decode: fill each instance's missing
 * joints from the tag maps, mmpose `_fill_missing_keypoints`
 * (`codecs/associative_embedding.py`).
 */
import type { HeatmapView } from '../core/ndarray.js';
import { roundHalfEven } from '../core/round-half-even.js';

const f = Math.fround;

/** The maps the fill scores against, as one strided `[K, H, W]` view: the heatmaps of the image, or the UDP log maps. */
export interface FillMaps {
  data: ArrayLike<number>;
  offset: number;
  sK: number;
  sH: number;
  sW: number;
}

/** Exact float32 fill cost of pixel (y, x) for joint k: `float32(round(‖tags − tag‖₂)·100 − M)`. */
function pixelCost(td: ArrayLike<number>, p: number, sKl: number, L: number, tag: Float64Array, m: number): number {
  let r: number;
  if (L === 1) {
    const d = f(td[p] - tag[0]);
    const e = d < 0 ? -d : d; // numpy's float32 norm of one component is exactly |d|
    r = Math.floor(e + 0.5);
    if (r - e === 0.5 && r % 2 === 1) r -= 1; // half to even
  } else {
    let ss = 0;
    for (let l = 0; l < L; l++) {
      const d = f(td[p + l * sKl] - tag[l]);
      ss = f(ss + f(d * d));
    }
    r = roundHalfEven(f(Math.sqrt(ss)));
  }
  return f(r * 100 - m);
}

/** Value buckets of the per-channel tag index: `floor(t) + BIAS` must fall in [0, BUCKETS). */
const BUCKETS = 4096;
const BIAS = 2048;

/**
 * Per-channel index of the fill search: every pixel in a linked list of its
 * first tag component's unit bucket `floor(t₀)`, and the range of the scored
 * maps M. Built once per channel and image in one pass; `ok` is false when a
 * tag falls outside ±2048 (the search then scans the whole map).
 */
interface ChannelIndex {
  head: Int32Array;
  next: Int32Array;
  mMin: number;
  mMax: number;
  ok: boolean;
}

function buildIndex(tv: HeatmapView, t0: number, maps: FillMaps, mb: number, ix: ChannelIndex): void {
  const { H, W, sH, sW, data: td } = tv;
  const { head, next } = ix;
  head.fill(-1);
  let mMin = Infinity;
  let mMax = -Infinity;
  let ok = true;
  const md = maps.data;
  const msH = maps.sH;
  const msW = maps.sW;
  for (let y = 0; y < H; y++) {
    const trow = t0 + y * sH;
    const mrow = mb + y * msH;
    const irow = y * W;
    for (let x = 0; x < W; x++) {
      const m = md[mrow + x * msW];
      mMin = m < mMin ? m : mMin;
      mMax = m > mMax ? m : mMax;
      const u = td[trow + x * sW] + BIAS;
      const j = u | 0; // floor for u ≥ 0
      if (u >= 0 && u < BUCKETS) {
        next[irow + x] = head[j];
        head[j] = irow + x;
      } else ok = false;
    }
  }
  ix.mMin = mMin;
  ix.mMax = mMax;
  ix.ok = ok;
}

/**
 * The fill's pixel search for one missing joint: the first (row-major)
 * minimum of `float32(round(‖tags[·, k, y, x] − tag‖₂)·100 − M[k, y, x])`,
 * with numpy's float32 norm (`sqrt(Σ fl(d²))`; for L = 1 exactly |d|) and
 * round half to even — exactly, but visiting only the pixels whose first tag
 * component is near the instance tag: buckets are visited outwards from the
 * tag until their distance exceeds r* + ½ (r* = the smallest rounded distance
 * seen), which holds every pixel of rounded distance r*. Pixels farther away
 * cannot win when `100(r*+1) − max M > 100·r* − min M` (always for heatmaps
 * and UDP log maps, whose range is far below 100); otherwise, or when the
 * index overflowed, the whole map is scanned. Returns the flat index y·W + x.
 */
function searchJoint(tv: HeatmapView, t0: number, L: number, sKl: number, tag: Float64Array, maps: FillMaps, mb: number, ix: ChannelIndex): number {
  const { H, W, sH, sW, data: td } = tv;
  const md = maps.data;
  let best = Infinity;
  let bi = 0;
  const full = (): number => {
    best = Infinity;
    bi = 0;
    for (let y = 0; y < H; y++)
      for (let x = 0; x < W; x++) {
        const c = pixelCost(td, t0 + y * sH + x * sW, sKl, L, tag, md[mb + y * maps.sH + x * maps.sW]);
        if (c < best) {
          best = c;
          bi = y * W + x;
        }
      }
    return bi;
  };
  if (!ix.ok) return full();
  const g = tag[0];
  let rMin = Infinity;
  const visit = (j: number): void => {
    for (let i = ix.head[j]; i >= 0; i = ix.next[i]) {
      const x = i % W;
      const y = (i - x) / W;
      const m = md[mb + y * maps.sH + x * maps.sW];
      const c = pixelCost(td, t0 + y * sH + x * sW, sKl, L, tag, m);
      const r = Math.round((c + m) / 100); // the rounded distance (c = fl(100r − m))
      if (r < rMin) rMin = r;
      if (c < best || (c === best && i < bi)) {
        best = c;
        bi = i;
      }
    }
  };
  const jg = Math.floor(g) + BIAS;
  let lo = jg; // next bucket to visit below (inclusive)
  let hi = jg + 1; // next bucket to visit above
  const lbLo = (j: number): number => (j < 0 ? Infinity : Math.max(0, g - (j - BIAS + 1))); // bucket j holds t ∈ [j−BIAS, j−BIAS+1)
  const lbHi = (j: number): number => (j >= BUCKETS ? Infinity : Math.max(0, j - BIAS - g));
  for (;;) {
    const a = lbLo(lo);
    const c = lbHi(hi);
    const nearest = Math.min(a, c);
    if (nearest === Infinity || nearest > rMin + 0.5 + 1e-5 * (1 + rMin)) break;
    if (a <= c) visit(lo--);
    else visit(hi++);
  }
  if (!Number.isFinite(rMin) || !(f(100 * (rMin + 1) - ix.mMax) > f(100 * rMin - ix.mMin))) return full();
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
 * Cost: O(N·K) plus one pass over each channel with a missing joint and, per
 * missing joint, the pixels whose tag is near its tag (worst case the whole map).
 */
export function fillMissing(kp: Float64Array, scores: Float64Array, N: number, tv: HeatmapView, b: number, K: number, L: number, maps: FillMaps): void {
  const { H, W } = tv;
  const tb = tv.offset + b * tv.sB;
  // every instance's tag first (a fill only changes its own instance's rows, after its tag was taken)
  const tags = new Float64Array(N * L);
  const counts = new Int32Array(N);
  let missing = false;
  for (let n = 0; n < N; n++) {
    for (let k = 0; k < K; k++) {
      if (!(scores[n * K + k] > 0)) {
        missing = true;
        continue;
      }
      const x = Math.min(Math.max(Math.trunc(kp[2 * (n * K + k)]), 0), W - 1);
      const y = Math.min(Math.max(Math.trunc(kp[2 * (n * K + k) + 1]), 0), H - 1);
      for (let l = 0; l < L; l++) tags[n * L + l] += tv.data[tb + (l * K + k) * tv.sK + y * tv.sH + x * tv.sW];
      counts[n]++;
    }
    for (let l = 0; l < L; l++) tags[n * L + l] = f(tags[n * L + l] / counts[n]); // float32 mean (NaN when no joint)
  }
  if (!missing) return;
  const ix: ChannelIndex = { head: new Int32Array(BUCKETS), next: new Int32Array(H * W), mMin: 0, mMax: 0, ok: false };
  const tag = new Float64Array(L);
  for (let k = 0; k < K; k++) {
    const mb = maps.offset + k * maps.sK;
    const t0 = tb + k * tv.sK;
    let built = false;
    for (let n = 0; n < N; n++) {
      if (scores[n * K + k] > 0) continue;
      let i = 0;
      if (counts[n] > 0) {
        if (!built) {
          buildIndex(tv, t0, maps, mb, ix);
          built = true;
        }
        for (let l = 0; l < L; l++) tag[l] = tags[n * L + l];
        i = searchJoint(tv, t0, L, K * tv.sK, tag, maps, mb, ix);
      }
      const x = i % W;
      const y = (i - x) / W;
      kp[2 * (n * K + k)] = x;
      kp[2 * (n * K + k) + 1] = y;
      scores[n * K + k] = maps.data[mb + y * maps.sH + x * maps.sW];
    }
  }
}
