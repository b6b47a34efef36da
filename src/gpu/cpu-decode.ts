/**
 * The CPU definition of each GPU decoder: `heatmapArgmax`, then the
 * refinement, composed as `posecodec/decode` users would. `createGpuDecoder`
 * uses it where no GPU pays off (`mode: 'auto'` without a real GPU) and to
 * finish the few maps the kernels hand back (non-finite values; DARK's
 * 1e-10 floor, which needs the whole-map blur of mmpose).
 */
import ndarray from 'ndarray';
import type { NdArray } from 'ndarray';
import { heatmapArgmax, refineQuarter, refineDark, softArgmax } from '../decode/index.js';
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
  const am = heatmapArgmax(heatmaps);
  if (kind === 'argmax') return am;
  const batched = heatmaps.shape.length === 4;
  const K = heatmaps.shape[batched ? 1 : 0];
  // refineQuarter / refineDark take [N, K, 2] with one instance's [K, H, W] maps.
  const kp = batched ? am.keypoints : ndarray(am.keypoints.data, [1, K, 2]);
  const refined = kind === 'quarter' ? refineQuarter(kp, heatmaps, options as QuarterOptions) : refineDark(kp, heatmaps, options as DarkOptions);
  return { keypoints: ndarray(refined.data, am.keypoints.shape.slice()), scores: am.scores };
}
