/**
 * The CPU definition of each GPU decoder: `heatmapArgmax`, then the
 * refinement (fused per map by `decodeHeatmaps`, equal value for value). `createGpuDecoder`
 * uses it where no GPU pays off (`mode: 'auto'` without a real GPU) and to
 * finish the few maps the kernels hand back (non-finite values; DARK's
 * 1e-10 floor, which needs the whole-map blur of mmpose).
 */
import type { NdArray } from 'ndarray';
import { checkOptions } from '../core/ndarray.js';
import { decodeHeatmaps, softArgmax, decodeSimcc } from '../decode/index.js';
import type { DecodeSimccOptions, SimccDecodeResult } from '../decode/index.js';
import type { DecodeResult, QuarterOptions, DarkOptions, SoftArgmaxOptions } from '../decode/index.js';

/** The four batched decoders. */
export type DecodeKind = 'argmax' | 'quarter' | 'dark' | 'softArgmax';

/** Options of each decoder (those of the CPU function it mirrors). */
export type DecodeOptions = QuarterOptions | DarkOptions | SoftArgmaxOptions | undefined;

/**
 * Decode `[K, H, W]` or `[B, K, H, W]` heatmaps on the CPU; keypoints keep the
 * argmax shape (`[K, 2]` / `[B, K, 2]`, heatmap pixels), scores are the maxima.
 */
export function cpuDecode(kind: DecodeKind, heatmaps: NdArray, options?: DecodeOptions): DecodeResult {
  if (kind === 'softArgmax') return softArgmax(heatmaps, options as SoftArgmaxOptions);
  const refine = kind === 'argmax' ? 'none' : kind;
  return decodeHeatmaps(heatmaps, { ...(checkOptions('options', options) as QuarterOptions & DarkOptions), refine });
}

/**
 * The CPU definition of `GpuDecoder.simcc`: `decodeSimcc` (keypoints
 * `[N, K, 2]` input px, scores `[N, K]`, visibility with `visibility: true`).
 * Used by mode `'js'`, for `visibility` and for calls holding NaN/±∞ logits.
 */
export function cpuDecodeSimcc(x: NdArray, y: NdArray, options?: DecodeSimccOptions): SimccDecodeResult {
  return decodeSimcc(x, y, options);
}
