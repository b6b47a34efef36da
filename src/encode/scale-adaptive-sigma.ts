/**
 * Per-instance σ rules for scale-adaptive Gaussian targets (codecs.md §2.5):
 * - `'bbox'`: HigherHRNet's scale-aware σ (Cheng et al., CVPR 2020,
 *   `lib/dataset/COCOKeypoints.py`, inherited by SWAHR);
 * - `'cornernet'`: CID's instance σ (Wang et al., CVPR 2022, mmpose
 *   `codecs/decoupled_heatmap.py` `_get_instance_wise_sigmas`), the CornerNet
 *   `gaussian_radius` rule (Law & Deng, ECCV 2018) divided by 3.
 */
import type { NdArray } from 'ndarray';
import { checkFinite, checkOptions, checkNdArray, isNdArray, checkAllocation } from '../core/ndarray.js';
import { roundHalfEven } from '../core/round-half-even.js';
import type { ScaleAdaptiveSigmaOptions } from './types.js';

/**
 * CornerNet `gaussian_radius` as CID writes it: the smallest of three
 * quadratic roots r such that a box of size (w, h) shifted by r keeps IoU ≥ `o`:
 * - r1 = (b1 + √(b1² − 4c1))/2, b1 = h + w, c1 = w·h·(1 − o)/(1 + o);
 * - r2 = (b2 + √(b2² − 16c2))/2, b2 = 2(h + w), c2 = (1 − o)·w·h;
 * - r3 = (b3 + √(b3² − 16o·c3))/2, b3 = −2o(h + w), c3 = (o − 1)·w·h.
 * CID divides every root by 2 (not 2a, CornerNet's well-known quirk, kept).
 */
export function cornernetRadius(w: number, h: number, o: number): number {
  checkFinite('w', w, { min: 0 });
  checkFinite('h', h, { min: 0 });
  checkFinite('o', o);
  if (!(o > 0 && o < 1)) throw new RangeError(`o (min overlap) must be in (0, 1), got ${o}`);
  const r = cornernetRoots(w, h, o);
  if (!Number.isFinite(r)) throw new RangeError(`w, h (${w}, ${h}) are too large: the radius overflows float64`);
  return r;
}

function cornernetRoots(w: number, h: number, o: number): number {
  const b1 = h + w;
  const c1 = (w * h * (1 - o)) / (1 + o);
  const r1 = (b1 + Math.sqrt(b1 * b1 - 4 * c1)) / 2;
  const b2 = 2 * (h + w);
  const c2 = (1 - o) * w * h;
  const r2 = (b2 + Math.sqrt(b2 * b2 - 16 * c2)) / 2;
  const a3 = 4 * o;
  const b3 = -2 * o * (h + w);
  const c3 = (o - 1) * w * h;
  const r3 = (b3 + Math.sqrt(b3 * b3 - 4 * a3 * c3)) / 2;
  return Math.min(r1, r2, r3);
}

/** Read widths and heights (columns 2, 3) of `[N, 4]` xywh boxes given as an ndarray or `number[][]`. */
function readBoxSizes(bboxes: unknown): { w: Float64Array; h: Float64Array } {
  let N: number;
  let get: (n: number, c: number) => unknown;
  if (isNdArray(bboxes)) {
    const a = checkNdArray('bboxes', bboxes, { ranks: [2], integer: true });
    if (a.shape[1] !== 4) throw new RangeError(`bboxes must have shape [N, 4] (x, y, w, h), got [${a.shape.join(', ')}]`);
    N = a.shape[0];
    get = (n, c) => a.data[a.offset + n * a.stride[0] + c * a.stride[1]];
  } else if (Array.isArray(bboxes)) {
    N = bboxes.length;
    get = (n, c) => {
      const row = bboxes[n] as unknown;
      if (!Array.isArray(row) && !(ArrayBuffer.isView(row) && !(row instanceof DataView))) throw new TypeError(`bboxes[${n}] must be [x, y, w, h], got ${row === null ? 'null' : typeof row}`);
      const r = row as ArrayLike<unknown>;
      if (r.length !== 4) throw new RangeError(`bboxes[${n}] must have 4 values (x, y, w, h), got ${r.length}`);
      return r[c];
    };
  } else {
    throw new TypeError(`bboxes must be an [N, 4] ndarray or an array of [x, y, w, h], got ${bboxes === null ? 'null' : typeof bboxes}`);
  }
  checkAllocation('bboxes', 2 * N, 8);
  const w = new Float64Array(N);
  const h = new Float64Array(N);
  for (let n = 0; n < N; n++) {
    get(n, 0);
    w[n] = checkFinite(`bboxes[${n}] width`, get(n, 2), { min: 0 });
    h[n] = checkFinite(`bboxes[${n}] height`, get(n, 3), { min: 0 });
  }
  return { w, h };
}

/**
 * One Gaussian σ (heatmap px) per instance from its box size, for the
 * per-instance `sigma` of {@link msraHeatmaps} / {@link udpHeatmaps} / {@link unbiasedHeatmaps}.
 *
 * - `rule: 'bbox'` (HigherHRNet scale-aware σ):
 *   `σ_n = max(w_n, h_n)/baseSize · baseSigma`; with `intSigma`,
 *   `σ_n = int(np.round(σ_n + 0.5))` (numpy rounds half to even). Boxes in the
 *   pixels the caller measures them in (HigherHRNet: image px of the COCO bbox).
 * - `rule: 'cornernet'` (CID): `σ_n = max(0, min(r1, r2, r3)/3)` with the
 *   three CornerNet roots of {@link cornernetRadius} at `minOverlap`, for the
 *   box (w, h) — CID uses the extent of the visible keypoints in heatmap px
 *   (see {@link keypointBoxes}). Rounded to float32, as CID stores σ in a
 *   float32 array.
 *
 * A zero-size box gives σ = 0 (CID leaves it 0; HigherHRNet asserts σ > 0);
 * the encoders reject σ ≤ 0, so floor such values before encoding.
 * Cost: O(N).
 *
 * @param bboxes `[N, 4]` boxes `(x, y, w, h)` (ndarray of any numeric type, or `number[][]`); only w, h are used, both finite ≥ 0
 * @returns Float64Array of N sigmas
 */
export function scaleAdaptiveSigma(bboxes: NdArray | ArrayLike<ArrayLike<number>>, options?: ScaleAdaptiveSigmaOptions): Float64Array {
  const opts = checkOptions('options', options);
  const rule = opts.rule ?? 'bbox';
  if (rule !== 'bbox' && rule !== 'cornernet') throw new RangeError(`options.rule must be 'bbox' or 'cornernet', got ${JSON.stringify(rule)}`);
  // Every option given is checked, also those the chosen rule does not read.
  const baseSize = opts.baseSize == null ? 256 : checkFinite('options.baseSize', opts.baseSize, { positive: true });
  const baseSigma = opts.baseSigma == null ? 2 : checkFinite('options.baseSigma', opts.baseSigma, { positive: true });
  const intSigma = opts.intSigma ?? false;
  if (typeof intSigma !== 'boolean') throw new TypeError(`options.intSigma must be a boolean, got ${typeof intSigma}`);
  const o = opts.minOverlap == null ? 0.7 : checkFinite('options.minOverlap', opts.minOverlap);
  if (!(o > 0 && o < 1)) throw new RangeError(`options.minOverlap must be in (0, 1), got ${o}`);
  const { w, h } = readBoxSizes(bboxes);
  const out = new Float64Array(w.length);
  for (let n = 0; n < out.length; n++) {
    if (rule === 'bbox') {
      const s = (Math.max(w[n], h[n]) / baseSize) * baseSigma;
      out[n] = intSigma ? roundHalfEven(s + 0.5) : s;
    } else {
      const r = cornernetRoots(w[n], h[n], o);
      if (!Number.isFinite(r)) throw new RangeError(`bboxes[${n}] (w ${w[n]}, h ${h[n]}) is too large: the CornerNet radius overflows float64`);
      out[n] = Math.fround(Math.max(0, r / 3));
    }
    if (!Number.isFinite(out[n])) throw new RangeError(`bboxes[${n}] with options.baseSize ${baseSize} and options.baseSigma ${baseSigma} gives a non-finite sigma ${out[n]}`);
  }
  return out;
}
