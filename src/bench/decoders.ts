/**
 * The decoders the benchmarks compare. Each takes maps `[K, H, W]` or
 * `[B, K, H, W]` and returns keypoints in heatmap pixels.
 */
import ndarray from 'ndarray';
import type { NdArray } from 'ndarray';
import { heatmapArgmax, refineQuarter, refineDark, refineDarkUdp, softArgmax, decodeUdpCombined } from '../decode/index.js';
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

/** `[K, 2]` → `[1, K, 2]` (one instance, as mmpose's refiners take it); `[B, K, 2]` stays. Fresh contiguous data, so the view is exact. */
function asRefinerInput(kp: NdArray<Float64Array>): NdArray<Float64Array> {
  return kp.shape.length === 2 ? ndarray(kp.data, [1, kp.shape[0], 2]) : kp;
}

/** Back to the argmax's rank. */
function likeStart(kp: NdArray<Float64Array>, start: NdArray<Float64Array>): NdArray<Float64Array> {
  return start.shape.length === 2 ? ndarray(kp.data, start.shape.slice()) : kp;
}

function refined(id: string, label: string, refine: (kp: NdArray<Float64Array>, h: NdArray) => NdArray<Float64Array>): BenchDecoder {
  return {
    id,
    label,
    kind: 'gaussian',
    decode: (h) => {
      const start = heatmapArgmax(h).keypoints;
      return likeStart(refine(asRefinerInput(start), h), start);
    },
  };
}

/**
 * Argmax, quarter offset, DARK (k = 11 and k = 3), DARK-UDP (k = 11 and 3),
 * soft-argmax (β = 1, the mmpose head default; β = 50 on [0, 1] maps),
 * integral over `h/Σh`, and the UDP combined-offset decode.
 */
export const BENCH_DECODERS: readonly BenchDecoder[] = [
  { id: 'argmax', label: 'argmax', kind: 'gaussian', decode: (h) => heatmapArgmax(h).keypoints },
  refined('quarter', 'quarter', (kp, h) => refineQuarter(kp, h)),
  refined('dark-k11', 'DARK k=11', (kp, h) => refineDark(kp, h, { blurKernelSize: 11 })),
  refined('dark-k3', 'DARK k=3', (kp, h) => refineDark(kp, h, { blurKernelSize: 3 })),
  refined('dark-udp-k11', 'DARK-UDP k=11', (kp, h) => refineDarkUdp(kp, h, { blurKernelSize: 11 })),
  refined('dark-udp-k3', 'DARK-UDP k=3', (kp, h) => refineDarkUdp(kp, h, { blurKernelSize: 3 })),
  { id: 'soft-argmax-b1', label: 'soft-argmax β=1', kind: 'gaussian', decode: (h) => softArgmax(h, { beta: 1 }).keypoints },
  { id: 'soft-argmax-b50', label: 'soft-argmax β=50', kind: 'gaussian', decode: (h) => softArgmax(h, { beta: 50 }).keypoints },
  { id: 'integral-sum', label: 'integral h/Σh', kind: 'gaussian', decode: (h) => softArgmax(h, { normalize: 'sum' }).keypoints },
  { id: 'udp-combined', label: 'combined offset', kind: 'combined', decode: (h) => decodeUdpCombined(h).keypoints },
];
