/**
 * Validation of PersonLab / PoseNet heads and the nearest-cell lookup every
 * step of the decode makes.
 */
import { checkFinite } from '../core/ndarray.js';
import { hwcView, checkSameHW, checkChannels, checkHeadValues, type HwcView } from './realnet-types.js';

/** Validated `heatmaps [H,W,K]` (scores) and `offsets [H,W,2K]`. */
export interface PersonLabHeads {
  scores: HwcView;
  offsets: HwcView;
  K: number;
}

/**
 * Check `heatmaps` `[H,W,K]` (no NaN) and `offsets` `[H,W,2K]` (finite, channel
 * k = dy, K + k = dx). Errors name the argument.
 */
export function personLabHeads(heatmaps: unknown, offsets: unknown): PersonLabHeads {
  const scores = hwcView('heatmaps', heatmaps);
  const off = hwcView('offsets', offsets);
  checkSameHW('offsets', off, 'heatmaps', scores);
  checkChannels('offsets', off, 2 * scores.C, `2·K with K = ${scores.C} heatmap channels: dy then dx`);
  checkHeadValues('heatmaps', scores);
  checkHeadValues('offsets', off, true);
  return { scores, offsets: off, K: scores.C };
}

/** Validate `options.outputStride` (finite, > 0; default 16). */
export function outputStrideOption(opts: { outputStride?: unknown }, fallback = 16): number {
  return opts.outputStride === undefined ? fallback : checkFinite('options.outputStride', opts.outputStride, { positive: true });
}

/**
 * Nearest cell index of coordinate `p` (input px) on an axis of `n` cells:
 * `clamp(Math.round(p / stride), 0, n − 1)` (`decode_pose.ts`
 * `getStridedIndexNearPoint`; `Math.round` rounds halves up).
 */
export function nearestCell(p: number, stride: number, n: number): number {
  const i = Math.round(p / stride);
  return i < 0 ? 0 : i > n - 1 ? n - 1 : i;
}
