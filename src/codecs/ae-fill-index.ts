/**
 * Index of the associative-embedding fill search (`ae-fill.ts`): per keypoint
 * channel, the plane's flat pixel order `i = y·W + x` cut into chunks of
 * {@link FILL_CHUNK} pixels and blocks of {@link FILL_BLOCK} chunks, each with
 * the min and max of the first tag component and an upper bound of the
 * scored map M. No per-channel pass is needed at decode time: the tag bounds
 * are computed on demand, for the channels that have a missing joint, in one
 * branch-light pass ({@link ensureChannel}); the map bounds come out of the
 * fused NMS + top-k pass (`peaksAbove`'s chunk maxima) when M are the
 * heatmaps, or from the same on-demand pass (UDP log maps, direct calls).
 */
import type { HeatmapView } from '../core/ndarray.js';

/** Pixels per chunk (consecutive flat indices of one plane). */
export const FILL_CHUNK = 8;
/** Chunks per block. */
export const FILL_BLOCK = 16;

/** Bounds of one image's K channels (reused across images and calls). */
export interface FillIndex {
  K: number;
  /** Pixels per plane (H·W) and the plane width. */
  n: number;
  W: number;
  nChunks: number;
  nBlocks: number;
  /**
   * `[K·nChunks]` min / max of tag component 0 over the chunk, and (once
   * {@link chunkGap} ran) the gap around the chunk's midpoint: `tA` = the largest value ≤ (min + max)/2,
   * `tB` = the smallest value above it (all actual pixel values), so every tag
   * lies in [tMin, tA] ∪ [tB, tMax] (a chunk straddling a person's edge holds
   * two clusters).
   */
  tMin: Float64Array;
  tMax: Float64Array;
  tA: Float64Array;
  tB: Float64Array;
  /** `[K·nChunks]` 1 once the chunk's gap (`tA`, `tB`) was computed (lazily, at the chunk's first scan). */
  gapReady: Uint8Array;
  /** `[K·nChunks]` an upper bound of M over the chunk. */
  mMax: Float64Array;
  /** `[K·nBlocks]` the same over blocks. */
  bMin: Float64Array;
  bMax: Float64Array;
  bM: Float64Array;
  /** `[nBlocks]` scratch of the search (block bounds of one query). */
  scratch: Float64Array;
  /** Per channel: the first flat index where M is NaN (numpy's argmin returns it), −1 for none. */
  firstNaN: Int32Array;
  /** Per channel: 1 = tag bounds present, 2 = map bounds present, 4 = block bounds present (bit flags). */
  ready: Uint8Array;
}

/** Allocate an index for K channels of H×W planes. Cost: O(K·H·W / 8). */
export function createFillIndex(K: number, H: number, W: number): FillIndex {
  const n = H * W;
  const nChunks = Math.ceil(n / FILL_CHUNK);
  const nBlocks = Math.ceil(nChunks / FILL_BLOCK);
  return {
    K, n, W, nChunks, nBlocks,
    tMin: new Float64Array(K * nChunks),
    tMax: new Float64Array(K * nChunks),
    tA: new Float64Array(K * nChunks),
    tB: new Float64Array(K * nChunks),
    gapReady: new Uint8Array(K * nChunks),
    mMax: new Float64Array(K * nChunks),
    bMin: new Float64Array(K * nBlocks),
    bMax: new Float64Array(K * nBlocks),
    bM: new Float64Array(K * nBlocks),
    scratch: new Float64Array(nBlocks),
    firstNaN: new Int32Array(K).fill(-1),
    ready: new Uint8Array(K),
  };
}

/** Forget every channel's bounds (call before each image). */
export function resetFillIndex(ix: FillIndex): void {
  ix.ready.fill(0);
  ix.firstNaN.fill(-1);
  ix.gapReady.fill(0);
}

/** The maps the fill scores against, as one strided `[K, H, W]` view: the heatmaps of the image, or the UDP log maps. */
export interface FillMaps {
  data: ArrayLike<number>;
  offset: number;
  sK: number;
  sH: number;
  sW: number;
}

/**
 * Make sure channel k has tag, map and block bounds: tag component 0 of the
 * channel starts at flat offset `t0` of `tv`, map channel k at `mb` of `maps`.
 * Cost: O(H·W) for each kind of bound that is missing, O(H·W / 8) for blocks.
 */
export function ensureChannel(ix: FillIndex, k: number, tv: HeatmapView, t0: number, maps: FillMaps, mb: number): void {
  const r = ix.ready[k];
  if ((r & 4) !== 0) return;
  if ((r & 1) === 0) {
    if (tv.sW === 1 && tv.sH === tv.W) boundsContiguous(tv.data, t0, ix.n, ix.tMin, ix.tMax, k * ix.nChunks);
    else chunkBounds(tv.data, t0, tv.sH, tv.sW, tv.H, tv.W, ix.tMin, ix.tMax, k * ix.nChunks);
  }
  if ((r & 2) === 0) ix.firstNaN[k] = chunkBounds(maps.data, mb, maps.sH, maps.sW, tv.H, tv.W, undefined, ix.mMax, k * ix.nChunks);
  const c0 = k * ix.nChunks;
  const b0 = k * ix.nBlocks;
  for (let j = 0; j < ix.nBlocks; j++) {
    let lo = Infinity;
    let hi = -Infinity;
    let m = -Infinity;
    const end = Math.min(ix.nChunks, (j + 1) * FILL_BLOCK);
    for (let c = j * FILL_BLOCK; c < end; c++) {
      const a = ix.tMin[c0 + c];
      const b = ix.tMax[c0 + c];
      const v = ix.mMax[c0 + c];
      lo = a < lo ? a : lo;
      hi = b > hi ? b : hi;
      m = v > m ? v : m;
    }
    ix.bMin[b0 + j] = lo;
    ix.bMax[b0 + j] = hi;
    ix.bM[b0 + j] = m;
  }
  ix.ready[k] = 7;
}

/**
 * Per-chunk min (into `mn`, if given) and max of a strided plane, ignoring
 * NaN; returns the first flat index of a NaN, −1 for none.
 */
function chunkBounds(d: ArrayLike<number>, base: number, sH: number, sW: number, H: number, W: number, mn: Float64Array | undefined, mx: Float64Array, o: number): number {
  let i = 0;
  let nan = -1;
  for (let y = 0; y < H; y++) {
    const row = base + y * sH;
    for (let x = 0; x < W; x++, i++) {
      const v = d[row + x * sW];
      const c = o + (i >> 3);
      if ((i & 7) === 0) {
        if (mn) mn[c] = Infinity;
        mx[c] = -Infinity;
      }
      if (v !== v) {
        if (nan < 0) nan = i;
        continue;
      }
      if (mn && v < mn[c]) mn[c] = v;
      if (v > mx[c]) mx[c] = v;
    }
  }
  return nan;
}

/**
 * The gap of chunk c of channel k (`tA`, `tB` of {@link FillIndex}) from its
 * pixels and its min and max; tag component 0 of the channel starts at `t0`
 * of `td` (strides `sH`, `sW`). Computed once per chunk and image, at its first scan. O(8).
 */
export function chunkGap(ix: FillIndex, k: number, c: number, td: ArrayLike<number>, t0: number, sH: number, sW: number): void {
  const o = k * ix.nChunks + c;
  const lo = ix.tMin[o];
  const hi = ix.tMax[o];
  const mid = 0.5 * lo + 0.5 * hi;
  let ga = lo;
  let gb = hi;
  const W = ix.W;
  const i0 = c * FILL_CHUNK;
  const i1 = Math.min(ix.n, i0 + FILL_CHUNK);
  let y = (i0 / W) | 0;
  let x = i0 - y * W;
  for (let i = i0; i < i1; i++) {
    const v = td[t0 + y * sH + x * sW];
    if (v <= mid) ga = v > ga ? v : ga;
    else gb = v < gb ? v : gb;
    if (++x === W) {
      x = 0;
      y++;
    }
  }
  ix.tA[o] = lo === hi ? hi : ga;
  ix.tB[o] = gb;
  ix.gapReady[o] = 1;
}

/**
 * Chunk min/max of a contiguous plane (8 pixels per step, branch-free
 * selects); returns false when some value may be non-finite (`Σ v·0 ≠ 0`).
 */
export function boundsContiguous(d: ArrayLike<number>, base: number, n: number, mn: Float64Array, mx: Float64Array, o: number): boolean {
  let acc = 0;
  let i = 0;
  let c = o;
  for (; i + 8 <= n; i += 8, c++) {
    const p = base + i;
    const v0 = d[p];
    const v1 = d[p + 1];
    const v2 = d[p + 2];
    const v3 = d[p + 3];
    const v4 = d[p + 4];
    const v5 = d[p + 5];
    const v6 = d[p + 6];
    const v7 = d[p + 7];
    acc += (v0 + v1 + v2 + v3 + v4 + v5 + v6 + v7) * 0;
    const a01 = v0 < v1 ? v0 : v1;
    const b01 = v0 < v1 ? v1 : v0;
    const a23 = v2 < v3 ? v2 : v3;
    const b23 = v2 < v3 ? v3 : v2;
    const a45 = v4 < v5 ? v4 : v5;
    const b45 = v4 < v5 ? v5 : v4;
    const a67 = v6 < v7 ? v6 : v7;
    const b67 = v6 < v7 ? v7 : v6;
    const a0 = a01 < a23 ? a01 : a23;
    const a1 = a45 < a67 ? a45 : a67;
    const b0 = b01 > b23 ? b01 : b23;
    const b1 = b45 > b67 ? b45 : b67;
    mn[c] = a0 < a1 ? a0 : a1;
    mx[c] = b0 > b1 ? b0 : b1;
  }
  if (i < n) {
    let lo = Infinity;
    let hi = -Infinity;
    for (; i < n; i++) {
      const v = d[base + i];
      acc += v * 0;
      lo = v < lo ? v : lo;
      hi = v > hi ? v : hi;
    }
    mn[c] = lo;
    mx[c] = hi;
  }
  return acc === 0;
}
