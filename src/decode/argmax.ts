/**
 * Integer argmax of every heatmap: mmpose `get_heatmap_maximum`
 * (`codecs/utils/post_processing.py`), HRNet `get_max_preds`.
 */
import ndarray from 'ndarray';
import type { NdArray } from 'ndarray';
import { heatmapView, checkAllocation, type HeatmapView } from '../core/ndarray.js';
import { planeArgmax as corePlaneArgmax } from '../core/nan-max.js';
import type { Plane } from '../core/types.js';
import type { DecodeResult } from './types.js';

/**
 * Argmax of one strided plane of `v` starting at `base` (first maximum in C
 * order wins, like numpy; a NaN wins at its first position, like
 * `np.argmax`): {@link corePlaneArgmax} on that plane. Returns the flat index
 * `y·W + x` and writes the value to `out[0]`.
 */
export function planeArgmax(v: HeatmapView, base: number, out: Float64Array): number {
  return corePlaneArgmax({ data: v.data, offset: base, sH: v.sH, sW: v.sW, H: v.H, W: v.W }, out);
}

/**
 * Write map `m`'s argmax result: score `val`, keypoint (idx mod W, ⌊idx/W⌋),
 * or mmpose's sentinel (−1, −1) where `val ≤ 0`.
 */
function storeMaximum(kp: Float64Array, sc: Float64Array, m: number, idx: number, val: number, W: number): void {
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
  return argmaxEachMap(heatmapView('heatmaps', heatmaps));
}

/**
 * The plane a {@link MapVisitor} is handed: map `m = b·K + k` of `view`
 * (refinements that read other channels, as DARK-UDP's flat index does, find
 * them through `view`).
 */
export interface MapPlane extends Plane {
  readonly view: HeatmapView;
  /** Map index b·K + k. */
  m: number;
  /** The map's maximum (its argmax score; NaN wins). */
  max: number;
}

/**
 * Called on each map right after its maximum is stored (the fused
 * refinements of `decodeHeatmaps`): `plane` is the map, `o[i]`, `o[i + 1]` its
 * keypoint (refined in place), `score` its maximum.
 */
export type MapVisitor = (plane: MapPlane, o: Float64Array, i: number, score: number) => void;

/**
 * The loop of {@link heatmapArgmax} over a validated view, with an optional
 * {@link MapVisitor} run on each map while it is still in cache.
 */
export function argmaxEachMap(v: HeatmapView, visit?: MapVisitor): DecodeResult {
  const M = v.B * v.K;
  checkAllocation('keypoints', M * 2, 8);
  const kp = new Float64Array(M * 2);
  const sc = new Float64Array(M);
  const tmp = new Float64Array(1);
  const plane: MapPlane = { data: v.data, offset: 0, sH: v.sH, sW: v.sW, H: v.H, W: v.W, view: v, m: 0, max: -Infinity };
  for (let b = 0; b < v.B; b++) {
    for (let k = 0; k < v.K; k++) {
      const m = b * v.K + k;
      const base = v.offset + b * v.sB + k * v.sK;
      plane.offset = base;
      plane.m = m;
      const idx = corePlaneArgmax(plane, tmp);
      storeMaximum(kp, sc, m, idx, tmp[0], v.W);
      if (visit) {
        plane.max = tmp[0];
        visit(plane, kp, 2 * m, tmp[0]);
      }
    }
  }
  const lead = v.batched ? [v.B, v.K] : [v.K];
  return { keypoints: ndarray(kp, [...lead, 2]), scores: ndarray(sc, lead) };
}
