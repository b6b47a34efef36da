/**
 * Pairing of keypoints with the heatmaps they are refined on, shared by the
 * refinement decoders: `keypoints [N, K, 2]` with one instance's
 * `heatmaps [K, H, W]` (every n reads the same maps, as mmpose), or
 * `keypoints [B, K, 2]` with `heatmaps [B, K, H, W]` (item b reads batch b).
 */
import type { NdArray } from 'ndarray';
import { heatmapView, keypointView, copyKeypoints, type HeatmapView, type KeypointView } from '../core/ndarray.js';

export interface Pairing {
  hv: HeatmapView;
  kv: KeypointView;
  /** Fresh C-order `[N, K, 2]` copy of the keypoints to refine in place. */
  out: NdArray<Float64Array>;
  /** Flat data offset of the plane that keypoint (n, k) is refined on. */
  planeOffset(n: number, k: number): number;
}

/** Validate and pair `keypoints` and `heatmaps` (see module doc). */
export function pairKeypoints(keypoints: unknown, heatmaps: unknown): Pairing {
  const kv = keypointView('keypoints', keypoints);
  const hv = heatmapView('heatmaps', heatmaps);
  if (kv.K !== hv.K) throw new RangeError(`keypoints has K = ${kv.K} but heatmaps has K = ${hv.K}`);
  if (hv.batched && kv.N !== hv.B) throw new RangeError(`keypoints [B, K, 2] must have B = ${hv.B} to match heatmaps [B, K, H, W], got ${kv.N}`);
  const out = copyKeypoints(kv);
  const batched = hv.batched;
  return {
    hv,
    kv,
    out,
    planeOffset: (n, k) => hv.offset + (batched ? n * hv.sB : 0) + k * hv.sK,
  };
}
