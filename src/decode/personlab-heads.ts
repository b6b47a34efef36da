/**
 * Validation of PersonLab / PoseNet heads and the nearest-cell lookup every
 * step of the decode makes.
 */
import { checkAllocation } from '../core/ndarray.js';
import { checkCount } from '../core/options.js';
import { hwcView, checkSameHW, checkChannels, checkHeadValues, type HwcView } from './realnet-types.js';

/** Validated `heatmaps [H,W,K]` (scores) and `offsets [H,W,2K]`. */
export interface PersonLabHeads {
  scores: HwcView;
  offsets: HwcView;
  K: number;
}

/**
 * Check `heatmaps` `[H,W,K]` (no NaN) and `offsets` `[H,W,2K]` (finite, channel
 * k = dy, K + k = dx); with `activation` `'sigmoid'` the scores are the float32
 * sigmoid of `heatmaps` (a fresh copy). Errors name the argument.
 */
export function personLabHeads(heatmaps: unknown, offsets: unknown, activation: ScoreActivation = 'none'): PersonLabHeads {
  const raw = hwcView('heatmaps', heatmaps);
  const scores = activation === 'sigmoid' ? sigmoid32(raw) : raw;
  const off = hwcView('offsets', offsets);
  checkSameHW('offsets', off, 'heatmaps', scores);
  checkChannels('offsets', off, 2 * scores.C, `2·K with K = ${scores.C} heatmap channels: dy then dx`);
  checkHeadValues('heatmaps', scores);
  checkHeadValues('offsets', off, true);
  return { scores, offsets: off, K: scores.C };
}

/** How the `heatmaps` values become part scores: used as given, or tfjs's float32 sigmoid of logits. */
export type ScoreActivation = 'none' | 'sigmoid';

/** Validate `options.scoreActivation` (default `'none'`: the heatmaps are scores already). */
export function scoreActivationOption(opts: { scoreActivation?: unknown }): ScoreActivation {
  const a = opts.scoreActivation ?? 'none';
  if (a !== 'none' && a !== 'sigmoid') throw new RangeError(`options.scoreActivation must be 'none' or 'sigmoid', got ${JSON.stringify(a)}`);
  return a;
}

/**
 * `tf.sigmoid` of a logit head as a fresh C-order HWC view: the float64
 * sigmoid rounded to float32 (the stored values of tfjs's float32 scores
 * buffer; FORMAT.md: the same poses as the backend's sigmoid).
 */
function sigmoid32(v: HwcView): HwcView {
  const { data, offset, H, W, C, sH, sW, sC } = v;
  checkAllocation('sigmoid of heatmaps', H * W * C, 4);
  const out = new Float32Array(H * W * C);
  let i = 0;
  for (let y = 0; y < H; y++) for (let x = 0; x < W; x++) for (let c = 0; c < C; c++) out[i++] = 1 / (1 + Math.exp(-data[offset + y * sH + x * sW + c * sC]));
  return { H, W, C, data: out, offset: 0, sH: W * C, sW: C, sC: 1 };
}

/** Largest `options.outputStride` (input px per heatmap cell) the PoseNet / CenterNet decoders accept (real nets use 4…32). */
export const MAX_OUTPUT_STRIDE = 1024;

/** Validate `options.outputStride`: an integer in [1, {@link MAX_OUTPUT_STRIDE}] (PoseNet strides are 8, 16, 32); default 16. */
export function outputStrideOption(opts: { outputStride?: unknown }, fallback = 16): number {
  return opts.outputStride === undefined ? fallback : checkCount('options.outputStride', opts.outputStride, MAX_OUTPUT_STRIDE);
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
