/**
 * Multi-scale merging: mmpose `aggregate_heatmaps` (`models/utils/tta.py`):
 * resize every output to one size (bilinear, torch `F.interpolate`) and average.
 */
import ndarray from 'ndarray';
import type { NdArray } from 'ndarray';
import { heatmapView, checkOptions, checkSize, checkAllocation, type HeatmapView } from '../core/ndarray.js';
import type { AggregateOptions } from './types.js';

/** Source coordinate and weights of torch bilinear sampling along one axis. */
function axisTaps(outN: number, inN: number, alignCorners: boolean): { i0: Int32Array; i1: Int32Array; t: Float64Array } {
  const i0 = new Int32Array(outN);
  const i1 = new Int32Array(outN);
  const t = new Float64Array(outN);
  for (let o = 0; o < outN; o++) {
    let src = alignCorners ? (outN > 1 ? (o * (inN - 1)) / (outN - 1) : 0) : ((o + 0.5) * inN) / outN - 0.5;
    if (src < 0) src = 0;
    const a = Math.min(Math.floor(src), inN - 1);
    i0[o] = a;
    i1[o] = Math.min(a + 1, inN - 1);
    t[o] = src - a;
  }
  return { i0, i1, t };
}

/** Every plane of `v` (already `W × H`) added into `acc` with `weight`, as it is (mmpose `tta.py` resizes only other sizes). */
function addAsIs(v: HeatmapView, acc: Float64Array, weight: number): void {
  let o = 0;
  for (let b = 0; b < v.B; b++)
    for (let k = 0; k < v.K; k++) {
      const base = v.offset + b * v.sB + k * v.sK;
      for (let y = 0; y < v.H; y++) for (let x = 0; x < v.W; x++, o++) acc[o] += weight * v.data[base + y * v.sH + x * v.sW];
    }
}

/**
 * Bilinear resize of every plane of `v` to `W × H`, accumulated into `acc`
 * with `weight`; planes already `W × H` are added as they are (a resample
 * would multiply a neighbour by a zero weight, and ∞·0 is NaN).
 */
function addResized(v: HeatmapView, W: number, H: number, alignCorners: boolean, acc: Float64Array, weight: number): void {
  if (v.W === W && v.H === H) return addAsIs(v, acc, weight);
  const xs = axisTaps(W, v.W, alignCorners);
  const ys = axisTaps(H, v.H, alignCorners);
  let o = 0;
  for (let b = 0; b < v.B; b++)
    for (let k = 0; k < v.K; k++) {
      const base = v.offset + b * v.sB + k * v.sK;
      for (let y = 0; y < H; y++) {
        const r0 = base + ys.i0[y] * v.sH;
        const r1 = base + ys.i1[y] * v.sH;
        const ty = ys.t[y];
        for (let x = 0; x < W; x++, o++) {
          const c0 = xs.i0[x] * v.sW;
          const c1 = xs.i1[x] * v.sW;
          const tx = xs.t[x];
          const top = v.data[r0 + c0] * (1 - tx) + v.data[r0 + c1] * tx;
          const bot = v.data[r1 + c0] * (1 - tx) + v.data[r1 + c1] * tx;
          acc[o] += weight * (top * (1 - ty) + bot * ty);
        }
      }
    }
}

/**
 * Average heatmaps of several scales (or several models) after resizing each
 * to `size` with bilinear interpolation (torch semantics, `align_corners`
 * flag); maps already of that size are used as they are.
 *
 * @param heatmapsList non-empty list of `[K, H_i, W_i]` or `[B, K, H_i, W_i]` with equal B, K
 * @returns fresh Float32Array heatmaps `[K, H, W]` / `[B, K, H, W]`
 */
export function aggregateHeatmaps(heatmapsList: NdArray[], options?: AggregateOptions): NdArray<Float32Array> {
  if (!Array.isArray(heatmapsList) || heatmapsList.length === 0) throw new TypeError('heatmapsList must be a non-empty array of heatmaps');
  const views = heatmapsList.map((h, i) => heatmapView(`heatmapsList[${i}]`, h));
  const opts = checkOptions('options', options);
  const alignCorners = opts.alignCorners ?? false;
  if (typeof alignCorners !== 'boolean') throw new TypeError(`options.alignCorners must be a boolean, got ${typeof alignCorners}`);
  const first = views[0];
  const [W, H] = opts.size === undefined ? [first.W, first.H] : checkSize('options.size', opts.size, first.B * first.K);
  views.forEach((v, i) => {
    if (v.B !== first.B || v.K !== first.K || v.batched !== first.batched) throw new RangeError(`heatmapsList[${i}] must have the same batch and channel dimensions as heatmapsList[0]`);
  });
  // The cap applies with or without options.size (a stride-0 view may describe 2^30 values).
  checkAllocation('heatmapsList (output)', first.B * first.K * H * W, 8);
  const acc = new Float64Array(first.B * first.K * H * W);
  for (const v of views) addResized(v, W, H, alignCorners, acc, 1 / views.length);
  return ndarray(Float32Array.from(acc), first.batched ? [first.B, first.K, H, W] : [first.K, H, W]);
}
