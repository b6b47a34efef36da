/**
 * Quarter-offset refinement ("standard shifting", SimpleBaseline/HRNet):
 * `p = m + 0.25·sign(Δ)` per axis with `Δx = h[y, x+1] − h[y, x−1]`,
 * `Δy = h[y+1, x] − h[y−1, x]`; `sign(0) = 0`.
 */
import type { NdArray } from 'ndarray';
import type { Plane } from '../core/types.js';
import { pairKeypoints } from './pairing.js';
import type { QuarterOptions } from './types.js';
import { parseQuarterOptions } from './options.js';

/**
 * Quarter offset of one keypoint at (`x`, `y`) (heatmap px, any real values)
 * on one strided plane; adds it to `o[i]`, `o[i + 1]`. Shared by
 * {@link refineQuarter}, the fused `decodeHeatmaps` and the Megvii codec.
 * Returns whether the point was inside the rule's interior (the `'hrnet'`
 * rule moves both axes or neither; `'mmpose'` reports the x test).
 */
export function quarterAt(plane: Plane, rule: 'mmpose' | 'hrnet', o: Float64Array, i: number): boolean {
  const { data, offset: base, H, W, sH, sW } = plane;
  const at = (y: number, x: number) => data[base + y * sH + x * sW];
  if (rule === 'mmpose') {
    const x = Math.trunc(o[i]);
    const y = Math.trunc(o[i + 1]);
    const dx = 1 < x && x < W - 1 && 0 < y && y < H ? at(y, x + 1) - at(y, x - 1) : 0;
    const dy = 1 < y && y < H - 1 && 0 < x && x < W ? at(y + 1, x) - at(y - 1, x) : 0;
    o[i] += Math.sign(dx) * 0.25;
    o[i + 1] += Math.sign(dy) * 0.25;
    return 1 < x && x < W - 1 && 0 < y && y < H;
  }
  const px = Math.floor(o[i] + 0.5);
  const py = Math.floor(o[i + 1] + 0.5);
  if (1 < px && px < W - 1 && 1 < py && py < H - 1) {
    o[i] += Math.sign(at(py, px + 1) - at(py, px - 1)) * 0.25;
    o[i + 1] += Math.sign(at(py + 1, px) - at(py - 1, px)) * 0.25;
    return true;
  }
  return false;
}

/** Validate `options.rule` of {@link QuarterOptions} (see `parseQuarterOptions`). */
export function quarterRule(options: QuarterOptions | undefined): 'mmpose' | 'hrnet' {
  return parseQuarterOptions(options).rule;
}

/**
 * Move each keypoint a quarter pixel towards the higher neighbour on each axis.
 * Heatmap pixels in and out. Cost O(N·K).
 * @param keypoints `[K, 2]` (what heatmapArgmax returns) or `[N, K, 2]` with heatmaps `[K, H, W]`, or `[B, K, 2]` with `[B, K, H, W]`
 * @returns fresh keypoints of the shape of `keypoints` (Float64Array)
 */
export function refineQuarter(keypoints: NdArray, heatmaps: NdArray, options?: QuarterOptions): NdArray<Float64Array> {
  const rule = quarterRule(options);
  const p = pairKeypoints(keypoints, heatmaps);
  const { hv, kv, out } = p;
  const plane: Plane = { data: hv.data, offset: 0, sH: hv.sH, sW: hv.sW, H: hv.H, W: hv.W };
  for (let n = 0; n < kv.N; n++) {
    for (let k = 0; k < kv.K; k++) {
      plane.offset = p.planeOffset(n, k);
      quarterAt(plane, rule, out.data, 2 * (n * kv.K + k));
    }
  }
  return out;
}
