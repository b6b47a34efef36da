/**
 * Integer argmax of every heatmap: mmpose `get_heatmap_maximum`
 * (`codecs/utils/post_processing.py`), HRNet `get_max_preds`.
 */
import ndarray from 'ndarray';
import type { NdArray } from 'ndarray';
import { heatmapView, checkAllocation, type HeatmapView, type FloatData } from '../core/ndarray.js';
import type { Plane } from '../core/types.js';
import type { DecodeResult } from './types.js';

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
 * {@link planeArgmax} over `n` contiguous values from `base`, in one pass:
 * four independent lanes, each keeping its first maximum and where it was
 * (`!(v <= m)` is true for a new maximum and for NaN; a branch that is
 * almost never taken on heatmaps), then the lanes merged by value and, on a
 * tie, by the smaller index. About 1.05× one summing pass on network-like
 * maps and 1.25× on adversarial ones (a ramp, where every value is a new
 * maximum), where a max pass plus `indexOf` costs 1.3–2×.
 */
function contiguousArgmax(data: FloatData, base: number, n: number, out: Float64Array): number {
  const end = base + n;
  const end4 = base + (n & ~3);
  let m0 = -Infinity;
  let m1 = -Infinity;
  let m2 = -Infinity;
  let m3 = -Infinity;
  let i0 = base;
  let i1 = base + 1;
  let i2 = base + 2;
  let i3 = base + 3;
  let i = base;
  for (; i < end4; i += 4) {
    const a = data[i];
    const b = data[i + 1];
    const c = data[i + 2];
    const e = data[i + 3];
    // NaN enters every branch (comparisons with NaN are false) and wins at its first position, as in numpy.
    if (!(a <= m0)) {
      if (a !== a) return nanAt(out, i - base);
      m0 = a;
      i0 = i;
    }
    if (!(b <= m1)) {
      if (b !== b) return nanAt(out, i + 1 - base);
      m1 = b;
      i1 = i + 1;
    }
    if (!(c <= m2)) {
      if (c !== c) return nanAt(out, i + 2 - base);
      m2 = c;
      i2 = i + 2;
    }
    if (!(e <= m3)) {
      if (e !== e) return nanAt(out, i + 3 - base);
      m3 = e;
      i3 = i + 3;
    }
  }
  // Lanes that never updated hold −∞ at an index no smaller than lane 0's, so they never win a tie.
  let best = m0;
  let bi = i0;
  if (m1 > best || (m1 === best && i1 < bi)) {
    best = m1;
    bi = i1;
  }
  if (m2 > best || (m2 === best && i2 < bi)) {
    best = m2;
    bi = i2;
  }
  if (m3 > best || (m3 === best && i3 < bi)) {
    best = m3;
    bi = i3;
  }
  for (; i < end; i++) {
    const v = data[i];
    if (!(v <= best)) {
      if (v !== v) return nanAt(out, i - base);
      best = v;
      bi = i;
    }
  }
  out[0] = best;
  return bi - base;
}

function nanAt(out: Float64Array, index: number): number {
  out[0] = NaN;
  return index;
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
 * Called on each map right after its maximum is stored (the fused
 * refinements of `decodeHeatmaps`): `plane` is the map, `o[i]`, `o[i + 1]` its
 * keypoint (refined in place), `score` its maximum.
 */
export type MapVisitor = (plane: Plane, o: Float64Array, i: number, score: number) => void;

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
  const plane: Plane = { data: v.data, offset: 0, sH: v.sH, sW: v.sW, H: v.H, W: v.W };
  for (let b = 0; b < v.B; b++) {
    for (let k = 0; k < v.K; k++) {
      const m = b * v.K + k;
      const base = v.offset + b * v.sB + k * v.sK;
      const idx = planeArgmax(v, base, tmp);
      storeMaximum(kp, sc, m, idx, tmp[0], v.W);
      if (visit) {
        plane.offset = base;
        visit(plane, kp, 2 * m, tmp[0]);
      }
    }
  }
  const lead = v.batched ? [v.B, v.K] : [v.K];
  return { keypoints: ndarray(kp, [...lead, 2]), scores: ndarray(sc, lead) };
}
