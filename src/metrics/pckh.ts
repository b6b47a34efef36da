/**
 * PCKh on MPII (mmpose `MpiiPCKAccuracy.compute_metrics`, after the MPII
 * MATLAB evaluation): PCK normalised by the head size (already × SC_BIAS 0.6),
 * per body part and overall, in percent. Joints 6 and 7 (pelvis, thorax) are
 * left out of the means; the mean weights each joint by its number of
 * labelled samples.
 */
import type { NdArray } from 'ndarray';
import ndarray from 'ndarray';
import { checkFinite, checkNdArray, checkOptions, matrixView, type NumericData } from '../core/ndarray.js';
import { calcDistances } from './keypoint-distances.js';
import { pckFromDistances } from './pck.js';
import { pairwiseSum64 } from '../core/numpy-sum.js';

/** MPII `SC_BIAS`: the head-size factor the caller applies to `headSize` (0.6 × head segment length). */
export const MPII_SC_BIAS = 0.6;

/** Options of {@link pckhAccuracy}. */
export interface PckhOptions {
  /** Threshold on distance / head size. Default 0.5. */
  thr?: number;
  /** Add 1 to predictions first, because MPII GT is 1-based (MATLAB), as mmpose does. Default true. */
  oneBasedGt?: boolean;
}

/** Result of {@link pckhAccuracy}: percentages. */
export interface PckhResult {
  head: number;
  shoulder: number;
  elbow: number;
  wrist: number;
  hip: number;
  knee: number;
  ankle: number;
  /** Mean over the 14 joints weighted by their labelled counts. */
  pck: number;
  /** The same at threshold 0.1 (float32 table, as mmpose's `pckAll`). */
  pckAt01: number;
}

/**
 * MPII PCKh. O(N·16).
 * @param pred `[N, 16, 2]` predictions (0-based pixels)
 * @param gt `[N, 16, 2]` MPII ground truth (1-based pixels)
 * @param mask `[N, 16]` > 0 where labelled
 * @param headSize `[N]` head size already multiplied by {@link MPII_SC_BIAS}
 */
export function pckhAccuracy(pred: NdArray, gt: NdArray, mask: NdArray, headSize: NdArray, options?: PckhOptions): PckhResult {
  const o = checkOptions('options', options);
  const thr = o.thr === undefined ? 0.5 : checkFinite('options.thr', o.thr);
  const hs = checkNdArray<NumericData>('headSize', headSize, { ranks: [1], integer: true });
  const N = hs.shape[0];
  const m = matrixView('mask', mask);
  if (m.K !== 16) throw new RangeError(`mask must have shape [N, 16] (MPII joints), got [${m.N}, ${m.K}]`);
  if (m.N !== N) throw new RangeError(`headSize must have N = ${m.N} entries, got ${N}`);
  // mmpose builds norm [N, 2] = (head_size, head_size) in head_size's dtype.
  const norm = ndarray(hs.data instanceof Float32Array ? new Float32Array(2 * N) : new Float64Array(2 * N), [N, 2]);
  for (let n = 0; n < N; n++) {
    const v = hs.data[hs.offset + n * hs.stride[0]];
    norm.data[2 * n] = v;
    norm.data[2 * n + 1] = v;
  }
  const d = calcDistances(pred, gt, mask, norm, o.oneBasedGt === false ? 0 : 1.0, { norm: 'headSize' });
  if (d.K !== 16) throw new RangeError(`pred must have 16 MPII joints, got ${d.K}`);
  const pckh = pckFromDistances(d, thr).acc.map((a) => 100 * a);
  // pckAll is a float32 table in mmpose.
  const at01 = pckFromDistances(d, 0.1).acc.map((a) => Math.fround(100 * a));
  const count = new Float64Array(16);
  for (let n = 0; n < N; n++) for (let k = 0; k < 16; k++) count[k] += m.data[m.offset + n * m.sN + k * m.sK];
  let total = 0;
  for (let k = 0; k < 16; k++) if (k !== 6 && k !== 7) total += count[k];
  const weighted = (v: Float64Array): number => {
    // np.ma sum: masked joints 6, 7 contribute 0.
    const terms = Array.from(v, (x, k) => (k === 6 || k === 7 ? 0 : x * (count[k] / total)));
    return pairwiseSum64(terms);
  };
  return {
    head: pckh[9],
    shoulder: 0.5 * (pckh[13] + pckh[12]),
    elbow: 0.5 * (pckh[14] + pckh[11]),
    wrist: 0.5 * (pckh[15] + pckh[10]),
    hip: 0.5 * (pckh[3] + pckh[2]),
    knee: 0.5 * (pckh[4] + pckh[1]),
    ankle: 0.5 * (pckh[5] + pckh[0]),
    pck: weighted(pckh),
    pckAt01: weighted(at01),
  };
}
