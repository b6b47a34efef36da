/**
 * Fused argmax + refinement: each map is refined right after its maximum is
 * found, while the map is still in the CPU cache.
 */
import type { NdArray } from 'ndarray';
import { heatmapView, checkOptions } from '../core/ndarray.js';
import { argmaxEachMap, type MapVisitor } from './argmax.js';
import type { DecodeResult } from './types.js';
import { quarterAt, quarterRule } from './quarter.js';
import { parseDarkOptions, parseDarkUdpOptions } from './options.js';
import { createDarkEvaluator, darkAt } from './dark.js';
import { createDarkUdpEvaluator, darkUdpAt } from './dark-udp.js';
import type { DecodeHeatmapsOptions } from './types.js';

function createRefiner(options: DecodeHeatmapsOptions | undefined): MapVisitor | undefined {
  const opts = checkOptions('options', options);
  const refine = opts.refine ?? 'dark';
  // Every option given is checked, also those the chosen refinement does not read.
  quarterRule({ rule: opts.rule });
  parseDarkOptions({ blurKernelSize: opts.blurKernelSize, guard: opts.guard, maxStep: opts.maxStep });
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
      const ev = createDarkUdpEvaluator(parseDarkUdpOptions({ blurKernelSize: opts.blurKernelSize }).kernel);
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
  return argmaxEachMap(v, createRefiner(options));
}
