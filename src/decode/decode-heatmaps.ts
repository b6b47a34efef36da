/**
 * Fused argmax + refinement: each map is refined right after its maximum is
 * found, while the map is still in the CPU cache.
 */
import ndarray from 'ndarray';
import type { NdArray } from 'ndarray';
import { heatmapView, checkAllocation, checkOptions } from '../core/ndarray.js';
import { cvGaussianKernel } from '../core/gaussian-kernel.js';
import type { Plane } from '../core/convolve.js';
import { planeArgmax, storeMaximum, type DecodeResult } from './argmax.js';
import { quarterAt, quarterRule } from './quarter.js';
import { createDarkEvaluator, darkAt } from './dark.js';
import { createDarkUdpEvaluator, darkUdpAt } from './dark-udp.js';

/** Refinement applied after the integer argmax. */
export type RefineMethod = 'none' | 'quarter' | 'dark' | 'darkUdp';

export interface DecodeHeatmapsOptions {
  /**
   * `'none'` ({@link heatmapArgmax} alone), `'quarter'` ({@link refineQuarter}),
   * `'dark'` ({@link refineDark}, the default) or `'darkUdp'` ({@link refineDarkUdp}).
   */
  refine?: RefineMethod;
  /** Quarter boundary rule (`refine: 'quarter'`), as {@link refineQuarter}. Default `'mmpose'`. */
  rule?: 'mmpose' | 'hrnet';
  /** Odd blur kernel size for `'dark'` / `'darkUdp'`. Default 11. */
  blurKernelSize?: number;
  /** DARK guard (`refine: 'dark'`), as {@link refineDark}. Default false. */
  guard?: boolean;
  /** Largest guarded DARK step per axis (heatmap px). Default 1. */
  maxStep?: number;
}

type Refiner = (plane: Plane, o: Float64Array, i: number, score: number) => void;

function createRefiner(options: DecodeHeatmapsOptions | undefined): Refiner | undefined {
  const opts = checkOptions('options', options);
  const refine = opts.refine ?? 'dark';
  switch (refine) {
    case 'none':
      return undefined;
    case 'quarter': {
      const rule = quarterRule({ rule: opts.rule });
      return (plane, o, i) => quarterAt(plane, rule, o, i);
    }
    case 'dark': {
      const ev = createDarkEvaluator({ blurKernelSize: opts.blurKernelSize, guard: opts.guard, maxStep: opts.maxStep });
      const step = new Float64Array(2);
      return (plane, o, i) => darkAt(ev, plane, o, i, step);
    }
    case 'darkUdp': {
      const ev = createDarkUdpEvaluator(cvGaussianKernel(opts.blurKernelSize ?? 11, 0, 'options.blurKernelSize'));
      const step = new Float64Array(2);
      return (plane, o, i, score) => darkUdpAt(ev, plane, o, i, step, score);
    }
    default:
      throw new RangeError(`options.refine must be 'none', 'quarter', 'dark' or 'darkUdp', got ${JSON.stringify(refine)}`);
  }
}

/**
 * Decode heatmaps to sub-pixel keypoints in one pass: the integer argmax of
 * each map ({@link heatmapArgmax}: first maximum, −1 sentinel where max ≤ 0),
 * then the chosen refinement of that keypoint on the same map. Equal, value
 * for value, to `refineX(heatmapArgmax(h).keypoints, h)`; faster on large
 * batches because each map is read once from memory instead of twice (the
 * refinement reads its neighbourhood while the map is still cached).
 *
 * Units: heatmap pixels. Cost: one pass over the maps plus O(B·K·k) for DARK
 * (13 blurred points per keypoint); no allocation beyond the output.
 *
 * @param heatmaps `[K, H, W]` or `[B, K, H, W]`, any strides, float32/float64
 * @returns keypoints `[K, 2]` / `[B, K, 2]` (x, y) and scores `[K]` / `[B, K]` (the map maxima)
 */
export function decodeHeatmaps(heatmaps: NdArray, options?: DecodeHeatmapsOptions): DecodeResult {
  const v = heatmapView('heatmaps', heatmaps);
  const refine = createRefiner(options);
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
      if (refine) {
        plane.offset = base;
        refine(plane, kp, 2 * m, tmp[0]);
      }
    }
  }
  const lead = v.batched ? [v.B, v.K] : [v.K];
  return { keypoints: ndarray(kp, [...lead, 2]), scores: ndarray(sc, lead) };
}
