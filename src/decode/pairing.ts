/**
 * Pairing of keypoints with the heatmaps they are refined on, shared by the
 * refinement decoders (quarter, DARK, DARK-UDP):
 * - `keypoints [K, 2]` with `heatmaps [K, H, W]`: what `heatmapArgmax` returns
 *   for those maps (the two-step form), refined into a fresh `[K, 2]`;
 * - `keypoints [N, K, 2]` with one instance's `heatmaps [K, H, W]` (every n
 *   reads the same maps, as mmpose's `refine_keypoints*`);
 * - `keypoints [B, K, 2]` with `heatmaps [B, K, H, W]` (item b reads batch b).
 * The output has the rank of `keypoints`.
 */
import ndarray from 'ndarray';
import type { NdArray } from 'ndarray';
import { heatmapView, keypointView, copyKeypoints, isNdArray, type HeatmapView, type KeypointView } from '../core/ndarray.js';

export interface Pairing {
  hv: HeatmapView;
  kv: KeypointView;
  /** Fresh C-order copy of the keypoints to refine in place: flat `(n·K + k)·2` indexing, shape `[N, K, 2]` (or `[K, 2]` for `[K, 2]` input). */
  out: NdArray<Float64Array>;
  /** Flat data offset of the plane that keypoint (n, k) is refined on. */
  planeOffset(n: number, k: number): number;
}

/** Validate and pair `keypoints` and `heatmaps` (see module doc); heatmaps are checked first. */
export function pairKeypoints(keypoints: unknown, heatmaps: unknown): Pairing {
  const hv = heatmapView('heatmaps', heatmaps);
  const kv = keypointView('keypoints', keypoints, { allowRank2: true });
  const rank2 = isNdArray(keypoints) && keypoints.shape.length === 2;
  if (rank2 && hv.batched) {
    throw new RangeError(`keypoints [K, 2] pairs with heatmaps [K, H, W]; for heatmaps [B, K, H, W] (B = ${hv.B}) pass keypoints [B, K, 2], got keypoints [${(keypoints as NdArray).shape.join(', ')}]`);
  }
  if (kv.K !== hv.K) throw new RangeError(`keypoints has K = ${kv.K} but heatmaps has K = ${hv.K}`);
  if (hv.batched && kv.N !== hv.B) throw new RangeError(`keypoints [B, K, 2] must have B = ${hv.B} to match heatmaps [B, K, H, W], got ${kv.N}`);
  const copy = copyKeypoints(kv);
  const out = rank2 ? ndarray(copy.data, [kv.K, 2]) : copy;
  const batched = hv.batched;
  return {
    hv,
    kv,
    out,
    planeOffset: (n, k) => hv.offset + (batched ? n * hv.sB : 0) + k * hv.sK,
  };
}
