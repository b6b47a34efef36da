/**
 * Landmark refinement from a heatmap window: tfjs-models pose-detection
 * 2.1.3 `shared/calculators/refine_landmarks_from_heatmap.js:87-145`, a port
 * of MediaPipe's `refine_landmarks_from_heatmap_calculator.cc` (BlazePose).
 */
import type { NdArray } from 'ndarray';
import { checkFinite, checkNdArray, checkOptions, zerosF64, type FloatData } from '../core/ndarray.js';
import { hwcView } from './realnet-types.js';
import { checkCount } from '../core/options.js';

/** Largest `options.kernelSize` (cells) of {@link refineFromHeatmap}, as the odd-kernel options elsewhere (4097). */
const MAX_REFINE_KERNEL = 4097;

/** Options of {@link refineFromHeatmap}. */
export interface RefineFromHeatmapOptions {
  /** Window side in cells, an integer in [1, 4097] (default 7); the window is `c − ⌊(k−1)/2⌋ … c + ⌊(k−1)/2⌋`, so an even k acts as k − 1. */
  kernelSize?: number;
  /** Refine only where the window's maximum is ≥ this (default 0.5). */
  minConfidence?: number;
  /** tfjs's name for {@link minConfidence} (used when `minConfidence` is left out). */
  minConfidenceToRefine?: number;
  /**
   * Default false = the reference: tfjs and MediaPipe skip a landmark when
   * `col ≥ hmHeight` where `row ≥ hmHeight` was meant, so a landmark just
   * below the map is still refined (pulled back into it). true = the
   * corrected bounds check (`row ≥ hmHeight`).
   */
  fixBoundsCheck?: boolean;
}

/**
 * For each landmark l at normalised (x, y): cell `col = trunc(x·W)`,
 * `row = trunc(y·H)`; skipped outside the map (see `fixBoundsCheck`).
 * Over the clipped window around it, of heatmap channel l (used as is: pass
 * the already-activated map), `sum`, `max` (from 0), `Σ col·v`, `Σ row·v`;
 * if `max ≥ minConfidence and sum > 0`: `x = Σcol·v / W / sum`,
 * `y = Σrow·v / H / sum` (no half-cell shift), else unchanged. Same
 * operation order as the reference (double sums of the stored values):
 * exact. NaN landmarks or heatmap values pass through unchanged, and `trunc`
 * rounds toward zero, so a landmark less than one cell left of / above the
 * map (`x·W ∈ (−1, 0)`) is still refined: both as in the reference.
 *
 * @param landmarks `[L, ≥2]` (x, y[, …]) **normalised** to the heatmap / input (0…1)
 * @param heatmap `[H, W, L]` (or `[1, H, W, L]`), one channel per landmark
 * @returns fresh `[L, 2]` (x, y) normalised, Float64Array. Cost O(L·k²).
 */
export function refineFromHeatmap(landmarks: NdArray, heatmap: NdArray, options?: RefineFromHeatmapOptions): NdArray<Float64Array> {
  const opts = checkOptions('options', options);
  const kernelSize = opts.kernelSize === undefined ? 7 : checkCount('options.kernelSize', opts.kernelSize, MAX_REFINE_KERNEL);
  const conf = opts.minConfidence ?? opts.minConfidenceToRefine;
  const minConfidence = conf === undefined ? 0.5 : checkFinite(opts.minConfidence === undefined ? 'options.minConfidenceToRefine' : 'options.minConfidence', conf);
  const fix = opts.fixBoundsCheck ?? false;
  if (typeof fix !== 'boolean') throw new TypeError(`options.fixBoundsCheck must be a boolean, got ${typeof fix}`);
  const lm = checkNdArray<FloatData>('landmarks', landmarks, { ranks: [2] });
  const [L, D] = lm.shape;
  if (D < 2) throw new RangeError(`landmarks must be [L, >=2] (x, y), got shape [${lm.shape.join(', ')}]`);
  const hm = hwcView('heatmap', heatmap);
  if (hm.C !== L) throw new RangeError(`heatmap must have one channel per landmark (${L}), got ${hm.C}`);
  const { H, W, data, offset, sH, sW, sC } = hm;
  const out = zerosF64([L, 2], 'landmarks');
  const o = out.data;
  const r = Math.trunc((kernelSize - 1) / 2);
  for (let l = 0; l < L; l++) {
    const p = lm.offset + l * lm.stride[0];
    let x = lm.data[p];
    let y = lm.data[p + lm.stride[1]];
    const col = Math.trunc(x * W);
    const row = Math.trunc(y * H);
    // refine_landmarks_from_heatmap.js:111-112: `centerCol >= hmHeight` where the row was meant (MediaPipe has the same line)
    const outside = col < 0 || col >= W || row < 0 || (fix ? row : col) >= H;
    if (!outside) {
      const c0 = Math.max(0, col - r);
      const c1 = Math.min(W, col + r + 1);
      const r0 = Math.max(0, row - r);
      const r1 = Math.min(H, row + r + 1);
      let sum = 0;
      let wCol = 0;
      let wRow = 0;
      let max = 0;
      for (let rr = r0; rr < r1; rr++) {
        const base = offset + rr * sH + l * sC;
        for (let cc = c0; cc < c1; cc++) {
          const v = data[base + cc * sW];
          sum += v;
          max = Math.max(max, v);
          wCol += cc * v;
          wRow += rr * v;
        }
      }
      if (max >= minConfidence && sum > 0) {
        x = wCol / W / sum;
        y = wRow / H / sum;
      }
    }
    o[2 * l] = x;
    o[2 * l + 1] = y;
  }
  return out;
}
