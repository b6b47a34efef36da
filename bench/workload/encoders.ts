/**
 * The encoders the quantization benchmark compares, with the geometry each
 * implies (how input pixels map to heatmap pixels).
 */
import ndarray from 'ndarray';
import type { NdArray } from 'ndarray';
import { heatmapToInputScale } from '../../src/core/geometry.js';
import { msraHeatmaps, unbiasedHeatmaps, udpHeatmaps, udpCombinedTargets } from '../../src/encode/index.js';

/** `'msra'`: `x_hm = x_in·W/w`; `'udp'`: `x_hm = x_in·(W−1)/(w−1)` (codecs.md §1.1). */
export type Geometry = 'msra' | 'udp';

/** What kind of maps an encoder produces: K Gaussian maps, or 3K cls/offX/offY maps. */
export type TargetKind = 'gaussian' | 'combined';

export interface BenchEncoder {
  /** Stable id used in results.json. */
  id: string;
  /** Label for tables. */
  label: string;
  geometry: Geometry;
  kind: TargetKind;
  /**
   * Encode `n` keypoints (heatmap px, flat `[x0, y0, x1, y1, …]`) as `n`
   * channels of one instance: returns `[n, H, W]` (or `[3n, H, W]` combined).
   */
  encode(heatmapSize: [number, number], xy: Float64Array, sigma: number): NdArray;
}

/** Wrap flat points as one instance `[1, n, 2]` with all keypoints visible. */
export function asInstance(xy: Float64Array): { keypoints: NdArray<Float64Array>; visible: NdArray<Float64Array> } {
  const n = xy.length / 2;
  return {
    keypoints: ndarray(Float64Array.from(xy), [1, n, 2]),
    visible: ndarray(new Float64Array(n).fill(1), [1, n]),
  };
}

function gaussian(fn: typeof msraHeatmaps) {
  return (size: [number, number], xy: Float64Array, sigma: number): NdArray => {
    const { keypoints, visible } = asInstance(xy);
    return fn(size, keypoints, visible, sigma).heatmaps;
  };
}

/** MSRA (integer centre), DARK unbiased, UDP Gaussian and UDP combined (mmpose parity encoders). */
export const BENCH_ENCODERS: readonly BenchEncoder[] = [
  { id: 'msra', label: 'MSRA', geometry: 'msra', kind: 'gaussian', encode: gaussian(msraHeatmaps) },
  { id: 'unbiased', label: 'unbiased (DARK)', geometry: 'msra', kind: 'gaussian', encode: gaussian(unbiasedHeatmaps) },
  { id: 'udp', label: 'UDP', geometry: 'udp', kind: 'gaussian', encode: gaussian(udpHeatmaps) },
  {
    id: 'udp-combined',
    label: 'UDP combined',
    geometry: 'udp',
    kind: 'combined',
    encode: (size, xy) => {
      const { keypoints, visible } = asInstance(xy);
      return udpCombinedTargets(size, keypoints, visible).heatmaps;
    },
  },
];

/**
 * Heatmap-per-input pixel scale `[sx, sy]` of a geometry, `x_hm = x_in·sx`:
 * the reciprocal of the library's {@link heatmapToInputScale}.
 * @param inputSize `[w, h]` input px; @param heatmapSize `[W, H]`
 */
export function inputToHeatmapScale(geometry: Geometry, inputSize: [number, number], heatmapSize: [number, number]): [number, number] {
  const [sx, sy] = heatmapToInputScale(geometry, inputSize, heatmapSize);
  return [1 / sx, 1 / sy];
}
