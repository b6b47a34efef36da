/**
 * Step 5 of the associative-embedding decode: fill each instance's missing
 * joints from the tag maps, mmpose `_fill_missing_keypoints`
 * (`codecs/associative_embedding.py`).
 */
import type { HeatmapView } from '../core/ndarray.js';
import { roundHalfEven } from '../core/round-half-even.js';
import { FILL_BLOCK, FILL_CHUNK, chunkGap, createFillIndex, ensureChannel, type FillIndex, type FillMaps } from './ae-fill-index.js';

export type { FillMaps } from './ae-fill-index.js';

const f = Math.fround;

/** Exact float32 fill cost of pixel (y, x) for joint k: `float32(round(‖tags − tag‖₂)·100 − M)`. */
function pixelCost(td: ArrayLike<number>, p: number, sKl: number, L: number, tag: Float64Array, m: number): number {
  let r: number;
  if (L === 1) {
    const d = f(td[p] - tag[0]);
    const e = d < 0 ? -d : d; // numpy's float32 norm of one component is exactly |d|
    r = roundHalfEven(e);
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

/**
 * A lower bound of {@link pixelCost} over pixels whose first tag component
 * lies in [lo, hi] and whose map value is ≤ mx. Valid because every step of
 * the cost is monotone: |f32(t − g)| ≥ f32(distance of g to [lo, hi]) (lo and
 * hi are pixel values, so the subtraction is the one the pixel would do);
 * with L ≥ 2 the float32 sum of squares is ≥ its first term; `ceil(e − ½)` ≤
 * round-half-even(e); `f32(100r − M)` is non-increasing in M.
 */
function costBound(g: number, L: number, lo: number, hi: number, mx: number): number {
  let e = g < lo ? f(lo - g) : g > hi ? f(g - hi) : 0;
  if (L > 1) e = f(Math.sqrt(f(e * e)));
  const r = e > 0.5 ? Math.ceil(e - 0.5) : 0;
  return f(r * 100 - mx);
}

/** {@link costBound} for tags in [lo, a] ∪ [b, hi] (a chunk with a gap; a ≤ b). */
function costBound2(g: number, L: number, lo: number, a: number, b: number, hi: number, mx: number): number {
  let e: number;
  if (g < lo) e = f(lo - g);
  else if (g > hi) e = f(g - hi);
  else if (g > a && g < b) {
    const ea = f(g - a);
    const eb = f(b - g);
    e = ea < eb ? ea : eb;
  } else e = 0;
  if (L > 1) e = f(Math.sqrt(f(e * e)));
  const r = e > 0.5 ? Math.ceil(e - 0.5) : 0;
  return f(r * 100 - mx);
}

/**
 * The fill's pixel search for one missing joint of channel k: the first
 * (row-major) minimum of `float32(round(‖tags[·, k, y, x] − tag‖₂)·100 −
 * M[k, y, x])`, with numpy's float32 norm (`sqrt(Σ fl(d²))`; for L = 1
 * exactly |d|) and round half to even — exactly, by branch and bound over
 * the index's blocks and chunks: the block with the smallest
 * {@link costBound} is scanned first (a good incumbent), then every block and
 * chunk, in pixel order, whose bound is below the incumbent (or equal with a
 * lower first index); a skipped chunk provably holds no better pixel, for
 * any M range. Returns the flat index y·W + x. Cost: O(H·W / 128) bounds plus
 * the pixels of the chunks that cannot be excluded (typically a few dozen).
 */
function searchJoint(td: ArrayLike<number>, t0: number, sH: number, sW: number, L: number, sKl: number, tag: Float64Array, maps: FillMaps, mb: number, ix: FillIndex, k: number): number {
  if (ix.firstNaN[k] >= 0) return ix.firstNaN[k]; // a NaN cost (all-zero channel under UDP: 0/0 in the blur's rescale): np.argmin returns the first NaN
  const { nBlocks, bMin, bMax, bM } = ix;
  const b0 = k * nBlocks;
  const g = tag[0];
  let seed = 0;
  let sv = Infinity;
  const bounds = ix.scratch;
  for (let j = 0; j < nBlocks; j++) {
    const v = costBound(g, L, bMin[b0 + j], bMax[b0 + j], bM[b0 + j]);
    bounds[j] = v;
    if (v < sv) {
      sv = v;
      seed = j;
    }
  }
  const s: SearchState = STATE;
  s.best = Infinity;
  s.bi = ix.n;
  scanBlock(s, seed, td, t0, sH, sW, L, sKl, tag, maps, mb, ix, k);
  for (let j = 0; j < nBlocks; j++) {
    if (j === seed) continue;
    const v = bounds[j];
    if (v < s.best || (v === s.best && j * FILL_BLOCK * FILL_CHUNK < s.bi)) scanBlock(s, j, td, t0, sH, sW, L, sKl, tag, maps, mb, ix, k);
  }
  return s.bi;
}

/** The incumbent of {@link searchJoint}: its cost and flat index. */
interface SearchState {
  best: number;
  bi: number;
}
const STATE: SearchState = { best: Infinity, bi: 0 };

/** Scan the chunks of block j whose bound does not exclude them. */
function scanBlock(s: SearchState, j: number, td: ArrayLike<number>, t0: number, sH: number, sW: number, L: number, sKl: number, tag: Float64Array, maps: FillMaps, mb: number, ix: FillIndex, k: number): void {
  const { nChunks, tMin, tMax, tA, tB, mMax } = ix;
  const c0 = k * nChunks;
  const g = tag[0];
  const end = Math.min(nChunks, (j + 1) * FILL_BLOCK);
  for (let c = j * FILL_BLOCK; c < end; c++) {
    const lo = tMin[c0 + c];
    const hi = tMax[c0 + c];
    const mx = mMax[c0 + c];
    const v = costBound(g, L, lo, hi, mx);
    if (!(v < s.best || (v === s.best && c * FILL_CHUNK < s.bi))) continue;
    if (hi - lo >= 1) {
      // a wide chunk may hold two clusters (a person's edge): bound it by its gap too
      if (ix.gapReady[c0 + c] === 0) chunkGap(ix, k, c, td, t0, sH, sW);
      const v2 = costBound2(g, L, lo, tA[c0 + c], tB[c0 + c], hi, mx);
      if (!(v2 < s.best || (v2 === s.best && c * FILL_CHUNK < s.bi))) continue;
    }
    scanChunk(s, c, td, t0, sH, sW, L, sKl, tag, maps, mb, ix.W, ix.n);
  }
}

/** Exact costs of the pixels of chunk c; updates the incumbent (lower cost, or equal cost and lower index). */
function scanChunk(s: SearchState, c: number, td: ArrayLike<number>, t0: number, sH: number, sW: number, L: number, sKl: number, tag: Float64Array, maps: FillMaps, mb: number, W: number, n: number): void {
  const md = maps.data;
  const msH = maps.sH;
  const msW = maps.sW;
  const i0 = c * FILL_CHUNK;
  const i1 = Math.min(n, i0 + FILL_CHUNK);
  let y = (i0 / W) | 0;
  let x = i0 - y * W;
  let best = s.best;
  let bi = s.bi;
  for (let i = i0; i < i1; i++) {
    const cost = pixelCost(td, t0 + y * sH + x * sW, sKl, L, tag, md[mb + y * msH + x * msW]);
    if (cost < best || (cost === best && i < bi)) {
      best = cost;
      bi = i;
    }
    if (++x === W) {
      x = 0;
      y++;
    }
  }
  s.best = best;
  s.bi = bi;
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
export function fillMissing(kp: Float64Array, scores: Float64Array, N: number, tv: HeatmapView, b: number, K: number, L: number, maps: FillMaps, index?: FillIndex): void {
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
  const ix = index ?? createFillIndex(K, H, W);
  const tag = new Float64Array(L);
  for (let k = 0; k < K; k++) {
    const mb = maps.offset + k * maps.sK;
    const t0 = tb + k * tv.sK;
    for (let n = 0; n < N; n++) {
      if (scores[n * K + k] > 0) continue;
      let i = 0;
      if (counts[n] > 0) {
        ensureChannel(ix, k, tv, t0, maps, mb);
        for (let l = 0; l < L; l++) tag[l] = tags[n * L + l];
        i = searchJoint(tv.data, t0, tv.sH, tv.sW, L, K * tv.sK, tag, maps, mb, ix, k);
      }
      const x = i % W;
      const y = (i - x) / W;
      kp[2 * (n * K + k)] = x;
      kp[2 * (n * K + k) + 1] = y;
      scores[n * K + k] = maps.data[mb + y * maps.sH + x * maps.sW];
    }
  }
}
