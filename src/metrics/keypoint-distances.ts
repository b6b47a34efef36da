/**
 * Normalised keypoint distances, mmpose `_calc_distances` and `_distance_acc`
 * (`mmpose/evaluation/functional/keypoint_eval.py`), shared by PCK, PCKh,
 * AUC, EPE and NME.
 *
 * numpy computes `(pred − gt) / norm` in float32 when the inputs are float32
 * and stores the distances in a float32 array; every such rounding is
 * reproduced here (`Math.fround`) so thresholds and sums match to the bit.
 */
import { checkNdArray, keypointView, matrixView, type NumericData } from '../core/ndarray.js';

/** Distances `[K, N]` (keypoint-major, as mmpose returns `distances.T`), float32 values, −1 where masked out. */
export interface KeypointDistances {
  K: number;
  N: number;
  /** `dist[k · N + n]`. */
  dist: Float32Array;
}

const same = (x: number): number => x;

/** A norm factor: per-instance `[N, D]` ndarray, or one number for every instance and axis. */
export type NormFactor = unknown;

/**
 * mmpose `_calc_distances(preds, gts, mask, norm_factor)`: ‖(pred − gt) / norm‖₂
 * per instance n and keypoint k where `mask > 0`; instances whose norm factor
 * has a 0 are masked out entirely, norm factors ≤ 0 become 1e6; −1 elsewhere.
 * @param pred `[N, K, D]` predicted keypoints
 * @param gt `[N, K, D]` ground-truth keypoints
 * @param mask `[N, K]` visibility (> 0 = counted)
 * @param norm `[N, D]` ndarray, a number (mmpose `np.tile([[f, f]])`, float64) or `'ones-f32'` (keypoint_epe)
 * @param predOffset added to every prediction first (MPII 1-based GT), in the prediction's precision
 */
export function calcDistances(pred: unknown, gt: unknown, mask: unknown, norm: unknown, predOffset = 0, names = { norm: 'normFactor' }): KeypointDistances {
  const p = keypointView('pred', pred);
  const g = keypointView('gt', gt);
  if (g.N !== p.N || g.K !== p.K || g.D !== p.D) throw new RangeError(`gt must have the shape of pred [${p.N}, ${p.K}, ${p.D}], got [${g.N}, ${g.K}, ${g.D}]`);
  const m = matrixView('mask', mask, { N: p.N, K: p.K });
  const { N, K, D } = p;
  const predF32 = p.data instanceof Float32Array;
  const subF32 = predF32 && g.data instanceof Float32Array;
  // Per-instance norm factors, and the precision of the division.
  const nf = new Float64Array(N * D);
  let divF32 = false;
  if (typeof norm === 'number') {
    if (Number.isNaN(norm)) throw new RangeError(`${names.norm} must not be NaN`);
    nf.fill(norm);
  } else if (norm === 'ones-f32') {
    nf.fill(1);
    divF32 = subF32;
  } else {
    const a = checkNdArray<NumericData>(names.norm, norm, { ranks: [2], integer: true });
    if (a.shape[0] !== N || a.shape[1] !== D) throw new RangeError(`${names.norm} must have shape [${N}, ${D}], got [${a.shape.join(', ')}]`);
    for (let n = 0; n < N; n++) for (let d = 0; d < D; d++) nf[n * D + d] = a.data[a.offset + n * a.stride[0] + d * a.stride[1]];
    divF32 = subF32 && a.data instanceof Float32Array;
  }
  const rs = subF32 ? Math.fround : same;
  const rd = divF32 ? Math.fround : same;
  const rp = predF32 ? Math.fround : same;
  const dist = new Float32Array(K * N).fill(-1);
  for (let n = 0; n < N; n++) {
    let zero = false;
    for (let d = 0; d < D; d++) if (nf[n * D + d] === 0) zero = true;
    if (zero) continue; // mmpose: instances with a zero norm factor are masked out
    for (let k = 0; k < K; k++) {
      if (!(m.data[m.offset + n * m.sN + k * m.sK] > 0)) continue;
      const po = p.offset + n * p.sN + k * p.sK;
      const go = g.offset + n * g.sN + k * g.sK;
      let s = 0;
      for (let d = 0; d < D; d++) {
        let f = nf[n * D + d];
        if (f <= 0) f = 1e6; // mmpose: norm_factor[norm_factor <= 0] = 1e6
        const q = rd(rs(rp(p.data[po + d * p.sD] + predOffset) - g.data[go + d * g.sD]) / f);
        s = rd(s + rd(q * q));
      }
      dist[k * N + n] = Math.fround(Math.sqrt(s));
    }
  }
  return { K, N, dist };
}

/**
 * mmpose `_distance_acc`: the share of valid (≠ −1) distances below `thr`,
 * or −1 when none is valid. The float32 distances are compared with `thr`
 * rounded to float32 (numpy casts the Python float to the array's dtype).
 */
export function distanceAcc(dist: Float32Array, start: number, n: number, thr: number): number {
  const t = Math.fround(thr);
  let valid = 0;
  let below = 0;
  for (let i = start; i < start + n; i++) {
    const d = dist[i];
    if (d === -1) continue;
    valid++;
    if (d < t) below++;
  }
  return valid > 0 ? below / valid : -1;
}
