/**
 * Top-k selection on heatmaps: mmpose 1.x `AssociativeEmbedding._get_batch_topk`
 * (`codecs/associative_embedding.py`) — `heatmaps[b, k].flatten().topk(k)` and
 * the tags gathered at the same pixels — plus the fused "NMS peaks above a
 * threshold" search the bottom-up codecs run instead of a full NMS map.
 *
 * Tie rule (torch.topk leaves the order of equal values unspecified): equal
 * values are returned in increasing flat index `y·W + x`; NaN ranks above
 * every number (as in torch).
 *
 * Long file: the top-k buffer, `topkPeaks` and the fused NMS peak search
 * (generic and 8-pixel contiguous paths) share the ranking rule and must
 * agree exactly on ties.
 */
import ndarray from 'ndarray';
import type { NdArray } from 'ndarray';
import { checkAllocation, checkOptions, checkPositiveInt, heatmapView, type HeatmapView } from '../core/ndarray.js';
import type { TopkPeaksOptions, TopkPeaksResult } from './bottomup-types.js';

/** True when (va, ia) ranks before (vb, ib): larger value first, NaN above all, then lower index. */
function before(va: number, ia: number, vb: number, ib: number): boolean {
  if (va > vb) return true;
  if (va === vb) return ia < ib;
  if (va !== va) return vb === vb || ia < ib; // NaN ranks first
  return false;
}

/**
 * Keeps the `k` best `(value, index)` pairs pushed so far (ranking of
 * {@link before}); `k ≤ 32` by sorted insertion, larger `k` by a binary heap
 * whose root is the worst kept pair. Cost: O(n·min(k, log k)) for n pushes.
 */
export class TopkBuffer {
  readonly values: Float64Array;
  readonly indices: Int32Array;
  count = 0;
  private readonly heap: boolean;

  constructor(readonly k: number) {
    this.values = new Float64Array(k);
    this.indices = new Int32Array(k);
    this.heap = k > 32;
  }

  reset(): void {
    this.count = 0;
  }

  /** The worst kept value once full (−∞ before), for cheap pre-filtering by callers. */
  worst(): number {
    if (this.count < this.k) return -Infinity;
    return this.heap ? this.values[0] : this.values[this.k - 1];
  }

  push(v: number, i: number): void {
    const { values: vs, indices: is, k } = this;
    if (!this.heap) {
      let p = this.count;
      if (p === k) {
        if (!before(v, i, vs[k - 1], is[k - 1])) return;
        p = k - 1;
      } else this.count++;
      while (p > 0 && before(v, i, vs[p - 1], is[p - 1])) {
        vs[p] = vs[p - 1];
        is[p] = is[p - 1];
        p--;
      }
      vs[p] = v;
      is[p] = i;
      return;
    }
    if (this.count < k) {
      let p = this.count++;
      while (p > 0) {
        const q = (p - 1) >> 1;
        if (!before(vs[q], is[q], v, i)) break; // parent is worse than v: stop
        vs[p] = vs[q];
        is[p] = is[q];
        p = q;
      }
      vs[p] = v;
      is[p] = i;
      return;
    }
    if (!before(v, i, vs[0], is[0])) return;
    let p = 0;
    for (;;) {
      const l = 2 * p + 1;
      if (l >= k) break;
      const r = l + 1;
      const w = r < k && before(vs[l], is[l], vs[r], is[r]) ? r : l; // the worse child
      if (!before(v, i, vs[w], is[w])) break; // v ranks before the worse child: v stays here
      vs[p] = vs[w];
      is[p] = is[w];
      p = w;
    }
    vs[p] = v;
    is[p] = i;
  }

  /** Sort the kept pairs best first (needed after heap pushes); returns `count`. */
  finish(): number {
    if (this.heap && this.count > 1) {
      const n = this.count;
      const order = Array.from({ length: n }, (_, j) => j);
      const vs = this.values.slice(0, n);
      const is = this.indices.slice(0, n);
      order.sort((a, b) => (before(vs[a], is[a], vs[b], is[b]) ? -1 : before(vs[b], is[b], vs[a], is[a]) ? 1 : 0));
      for (let j = 0; j < n; j++) {
        this.values[j] = vs[order[j]];
        this.indices[j] = is[order[j]];
      }
    }
    return this.count;
  }
}

/** Push every pixel of plane `base` of `v` into `buf` (flat index y·W + x). */
function pushPlane(v: HeatmapView, base: number, buf: TopkBuffer): void {
  const { H, W, sH, sW, data } = v;
  for (let y = 0; y < H; y++) {
    const row = base + y * sH;
    for (let x = 0; x < W; x++) {
      const h = data[row + x * sW];
      if (h === h && h < buf.worst()) continue;
      buf.push(h, y * W + x);
    }
  }
}

/** Validate `k` against a plane of `H·W` pixels (torch.topk raises for k > H·W). */
export function checkTopk(name: string, k: unknown, H: number, W: number): number {
  const n = checkPositiveInt(name, k);
  if (n > H * W) throw new RangeError(`${name} must be <= H·W = ${H * W} (the pixels of one map), got ${n}`);
  return n;
}

/** Validate tag maps against heatmaps `v`: same B (and rank), H, W; channels a multiple of K. Returns the view and L. */
export function checkTags(name: string, tags: unknown, v: HeatmapView): { t: HeatmapView; L: number } {
  const t = heatmapView(name, tags);
  if (t.batched !== v.batched) throw new TypeError(`${name} must have the rank of the heatmaps (${v.batched ? 4 : 3}), got ${t.batched ? 4 : 3}`);
  if (t.B !== v.B) throw new RangeError(`${name} must have the heatmaps' batch size B = ${v.B}, got ${t.B}`);
  if (t.H !== v.H || t.W !== v.W) throw new RangeError(`${name} must have the heatmaps' H×W = ${v.H}×${v.W}, got ${t.H}×${t.W}`);
  if (v.K === 0 || t.K % v.K !== 0 || t.K === 0) {
    throw new RangeError(`${name} must have L·K channels (a positive multiple of K = ${v.K}), got ${t.K}`);
  }
  return { t, L: t.K / v.K };
}

/**
 * The `k` largest values of every map, their integer locations and (with
 * `tags`) the tags there — mmpose `_get_batch_topk`: per (b, k) the
 * flattened map's `topk(k)` (descending), `locations = (i % W, ⌊i / W⌋)`,
 * `tags[b, k, j, l] = tags[b, l·K + k, y_j, x_j]`. No NMS is applied (run
 * {@link heatmapNms} first for peaks). Ties: lower flat index first; NaN first.
 *
 * Units: heatmap px. Cost: O(B·K·H·W·min(k, log k)).
 *
 * @param heatmaps `[B, K, H, W]` (or `[K, H, W]`), any strides
 * @param k number of values per map, 1 ≤ k ≤ H·W
 * @param options {@link TopkPeaksOptions}
 * @returns {@link TopkPeaksResult}: values `[B, K, k]`, locations `[B, K, k, 2]`, tags `[B, K, k, L]`
 * @throws RangeError for k > H·W or tags whose size or channel count does not fit
 */
export function topkPeaks(heatmaps: NdArray, k: number, options?: TopkPeaksOptions): TopkPeaksResult {
  const v = heatmapView('heatmaps', heatmaps);
  const opts = checkOptions('options', options);
  const n = checkTopk('k', k, v.H, v.W);
  const tg = opts.tags === undefined ? undefined : checkTags('options.tags', opts.tags, v);
  const { B, K, W } = v;
  const L = tg ? tg.L : 0;
  checkAllocation('topkPeaks output', B * K * n * Math.max(2, L), 8);
  const values = new Float64Array(B * K * n);
  const locs = new Int32Array(B * K * n * 2);
  const tagOut = tg ? new Float64Array(B * K * n * L) : undefined;
  const buf = new TopkBuffer(n);
  for (let b = 0; b < B; b++) {
    for (let c = 0; c < K; c++) {
      buf.reset();
      pushPlane(v, v.offset + b * v.sB + c * v.sK, buf);
      buf.finish();
      const o = (b * K + c) * n;
      for (let j = 0; j < n; j++) {
        const i = buf.indices[j];
        const x = i % W;
        const y = (i - x) / W;
        values[o + j] = buf.values[j];
        locs[2 * (o + j)] = x;
        locs[2 * (o + j) + 1] = y;
        if (tg && tagOut) {
          const { t } = tg;
          for (let l = 0; l < L; l++) tagOut[(o + j) * L + l] = t.data[t.offset + b * t.sB + (l * K + c) * t.sK + y * t.sH + x * t.sW];
        }
      }
    }
  }
  const lead = v.batched ? [B, K, n] : [K, n];
  const result: TopkPeaksResult = { values: ndarray(values, lead), locations: ndarray(locs, [...lead, 2]) };
  if (tagOut) result.tags = ndarray(tagOut, [...lead, L]);
  return result;
}

/**
 * True when pixel (x, y) of a plane is the maximum of its `(2r+1)²` window
 * clipped to the map (ties count as maxima), i.e. survives {@link heatmapNms}.
 * The four neighbours are tested first (most pixels on a slope fail there).
 * The plane must be NaN-free.
 */
export function isWindowMax(data: ArrayLike<number>, base: number, sH: number, sW: number, H: number, W: number, x: number, y: number, r: number): boolean {
  const p = base + y * sH + x * sW;
  const h = data[p];
  if (r >= 1) {
    if ((x > 0 && data[p - sW] > h) || (x < W - 1 && data[p + sW] > h)) return false;
    if ((y > 0 && data[p - sH] > h) || (y < H - 1 && data[p + sH] > h)) return false;
  }
  const y0 = Math.max(0, y - r);
  const y1 = Math.min(H - 1, y + r);
  const x0 = Math.max(0, x - r);
  const x1 = Math.min(W - 1, x + r);
  for (let yy = y0; yy <= y1; yy++) {
    const row = base + yy * sH;
    for (let xx = x0; xx <= x1; xx++) if (data[row + xx * sW] > h) return false;
  }
  return true;
}

/** Optional by-product of {@link peaksAbove}: the maximum of every 8-pixel chunk of the plane (flat index `i = y·W + x`, chunk `i >> 3`) at `out[offset + (i >> 3)]`. */
export interface ChunkMaxOut {
  out: Float64Array;
  offset: number;
}

/** Throw the finiteness error of {@link peaksAbove} for the first non-finite pixel of the plane (C order). */
function throwNonFinite(name: string, data: ArrayLike<number>, base: number, sH: number, sW: number, H: number, W: number): void {
  for (let y = 0; y < H; y++)
    for (let x = 0; x < W; x++) {
      const h = data[base + y * sH + x * sW];
      if (h - h !== 0) throw new RangeError(`${name} must be finite, got ${h} at (x ${x}, y ${y})`);
    }
}

/**
 * Fused NMS + top-k + threshold of one finite plane: the first `buf.k` values
 * of `topk(heatmapNms(plane, 2r+1))` that are `> threshold`, best first, in
 * `buf` (flat indices y·W + x). For `threshold ≥ 0` only pixels above the
 * threshold are tested for being window maxima (suppressed pixels are ±0 and
 * never pass); a C-contiguous plane is read 8 pixels at a time and a chunk
 * whose maximum is not above the threshold is skipped, so the cost is
 * O(H·W + P·(2r+1)²) for P pixels above the threshold (most fail at a
 * neighbour); a negative threshold evaluates the whole NMS plane.
 * Used by the associative-embedding and SPR decoders; `chunkMax` (optional)
 * receives the chunk maxima of the plane for the AE fill index.
 * @returns the number of candidates kept
 * @throws RangeError (naming `name`) for a non-finite pixel (the first in C order)
 */
export function peaksAbove(name: string, v: HeatmapView, base: number, r: number, threshold: number, buf: TopkBuffer, chunkMax?: ChunkMaxOut): number {
  const { H, W, sH, sW, data } = v;
  buf.reset();
  const n = H * W;
  if (threshold >= 0 && sW === 1 && sH === W) return peaksAboveContiguous(name, v, base, r, threshold, buf, chunkMax);
  const cm = chunkMax ? chunkMax.out : undefined;
  const co = chunkMax ? chunkMax.offset : 0;
  if (cm) cm.fill(-Infinity, co, co + Math.ceil(n / 8));
  for (let y = 0; y < H; y++) {
    const row = base + y * sH;
    for (let x = 0; x < W; x++) {
      const h = data[row + x * sW];
      if (h - h !== 0) throwNonFinite(name, data, base, sH, sW, H, W);
      const j = y * W + x;
      if (cm && h > cm[co + (j >> 3)]) cm[co + (j >> 3)] = h;
      if (threshold >= 0) {
        if (!(h > threshold) || h < buf.worst()) continue;
        if (isWindowMax(data, base, sH, sW, H, W, x, y, r)) buf.push(h, j);
        continue;
      }
      const s = isWindowMax(data, base, sH, sW, H, W, x, y, r) ? h : h * 0;
      if (s < buf.worst()) continue;
      buf.push(s, j);
    }
  }
  let k = buf.finish();
  while (k > 0 && !(buf.values[k - 1] > threshold)) k--;
  buf.count = k;
  return k;
}

/** {@link peaksAbove} for a C-contiguous plane and `threshold ≥ 0`: 8 pixels per step, a chunk whose maximum is not above the threshold (or below the k-th best) is skipped. */
function peaksAboveContiguous(name: string, v: HeatmapView, base: number, r: number, threshold: number, buf: TopkBuffer, chunkMax?: ChunkMaxOut): number {
  const { H, W, data } = v;
  const n = H * W;
  let worst = -Infinity;
  let acc = 0;
  let i = 0;
  const cm = chunkMax ? chunkMax.out : undefined;
  let c = chunkMax ? chunkMax.offset : 0;
  for (; i < n; i += 8, c++) {
    const p = base + i;
    let m: number;
    let end = i + 8;
    if (end <= n) {
      const v0 = data[p];
      const v1 = data[p + 1];
      const v2 = data[p + 2];
      const v3 = data[p + 3];
      const v4 = data[p + 4];
      const v5 = data[p + 5];
      const v6 = data[p + 6];
      const v7 = data[p + 7];
      acc += (v0 + v1 + v2 + v3 + v4 + v5 + v6 + v7) * 0; // NaN as soon as one value is not finite
      const a = v0 > v1 ? v0 : v1;
      const b = v2 > v3 ? v2 : v3;
      const d = v4 > v5 ? v4 : v5;
      const e = v6 > v7 ? v6 : v7;
      const ab = a > b ? a : b;
      const de = d > e ? d : e;
      m = ab > de ? ab : de;
    } else {
      end = n;
      m = -Infinity;
      for (let j = i; j < n; j++) {
        const h = data[base + j];
        acc += h * 0;
        m = h > m ? h : m;
      }
    }
    if (cm) cm[c] = m;
    if (!(m > threshold) || m < worst) continue;
    for (let j = i; j < end; j++) {
      const h = data[base + j];
      if (!(h > threshold) || h < worst) continue;
      const y = (j / W) | 0;
      const x = j - y * W;
      const q = base + j;
      if (r >= 1 && ((x > 0 && data[q - 1] > h) || (x < W - 1 && data[q + 1] > h) || (y > 0 && data[q - W] > h) || (y < H - 1 && data[q + W] > h))) continue;
      if (isWindowMax(data, base, W, 1, H, W, x, y, r)) {
        buf.push(h, j);
        worst = buf.worst();
      }
    }
  }
  if (acc !== 0) throwNonFinite(name, data, base, W, 1, H, W);
  return buf.finish();
}
