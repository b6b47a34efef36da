/**
 * The decoders the benchmarks compare. Each takes maps `[K, H, W]` or
 * `[B, K, H, W]` and returns keypoints in heatmap pixels.
 */
import type { NdArray } from 'ndarray';
import { heatmapArgmax, decodeHeatmaps, softArgmax, decodeUdpCombined, type DecodeHeatmapsOptions } from '../../src/decode/index.js';
import type { TargetKind } from './encoders.js';

export interface BenchDecoder {
  /** Stable id used in results.json. */
  id: string;
  /** Label for tables. */
  label: string;
  /** The maps it reads. */
  kind: TargetKind;
  /** Decode; keypoints `[..., K, 2]` heatmap px (Float64Array). */
  decode(heatmaps: NdArray): NdArray<Float64Array>;
}

/** Argmax + refinement in one pass ({@link decodeHeatmaps}; equal to `refineX(heatmapArgmax(h).keypoints, h)`). */
function refined(id: string, label: string, options: DecodeHeatmapsOptions): BenchDecoder {
  return { id, label, kind: 'gaussian', decode: (h) => decodeHeatmaps(h, options).keypoints };
}

/**
 * Argmax, quarter offset, DARK (k = 11 and k = 3), DARK-UDP (k = 11 and 3),
 * soft-argmax (β = 1, the mmpose head default; β = 50 on [0, 1] maps),
 * integral over `h/Σh`, and the UDP combined-offset decode.
 */
export const BENCH_DECODERS: readonly BenchDecoder[] = [
  { id: 'argmax', label: 'argmax', kind: 'gaussian', decode: (h) => heatmapArgmax(h).keypoints },
  refined('quarter', 'quarter', { refine: 'quarter' }),
  refined('dark-k11', 'DARK k=11', { refine: 'dark', blurKernelSize: 11 }),
  refined('dark-k3', 'DARK k=3', { refine: 'dark', blurKernelSize: 3 }),
  refined('dark-udp-k11', 'DARK-UDP k=11', { refine: 'darkUdp', blurKernelSize: 11 }),
  refined('dark-udp-k3', 'DARK-UDP k=3', { refine: 'darkUdp', blurKernelSize: 3 }),
  { id: 'soft-argmax-b1', label: 'soft-argmax β=1', kind: 'gaussian', decode: (h) => softArgmax(h, { beta: 1 }).keypoints },
  { id: 'soft-argmax-b50', label: 'soft-argmax β=50', kind: 'gaussian', decode: (h) => softArgmax(h, { beta: 50 }).keypoints },
  { id: 'integral-sum', label: 'integral h/Σh', kind: 'gaussian', decode: (h) => softArgmax(h, { normalize: 'sum' }).keypoints },
  { id: 'udp-combined', label: 'combined offset', kind: 'combined', decode: (h) => decodeUdpCombined(h).keypoints },
];
