/**
 * Step 1 of the associative-embedding decode (mmpose `AssociativeEmbedding.batch_decode`,
 * `codecs/associative_embedding.py`): per keypoint, the `topk` strongest NMS
 * peaks above `keypointThreshold`, with their tags — `batch_heatmap_nms`,
 * `_get_batch_topk` and the `vals > val_thr` mask of `_group_keypoints_by_tags`
 * fused into one pass (see `peaksAbove` in `decode/topk-peaks.ts`).
 */
import type { HeatmapView } from '../core/ndarray.js';
import { TopkBuffer, peaksAbove, type ChunkMaxOut } from '../decode/topk-peaks.js';
import type { FillIndex } from './ae-fill-index.js';

/** Candidates of one image: keypoint k has `count[k]` of them at slots `k·topk + m`, best first. */
export interface AeCandidates {
  K: number;
  L: number;
  topk: number;
  count: Int32Array;
  /** Heatmap values (the NMS peaks). */
  vals: Float64Array;
  xs: Int32Array;
  ys: Int32Array;
  /** `tags[(k·topk + m)·L + l]` = tag channel `l·K + k` at the candidate. */
  tags: Float64Array;
}

/** Reusable candidate storage for K keypoints, L tag components and `topk` slots. */
export function createCandidates(K: number, L: number, topk: number): AeCandidates {
  return {
    K,
    L,
    topk,
    count: new Int32Array(K),
    vals: new Float64Array(K * topk),
    xs: new Int32Array(K * topk),
    ys: new Int32Array(K * topk),
    tags: new Float64Array(K * topk * L),
  };
}

/**
 * Fill `cand` for image b: for each keypoint the first `topk` values of
 * `topk(heatmapNms(h_k, nmsKernel))` that are `> threshold`, in top-k order
 * (equal values: lower flat index first), and their tags. Heatmaps must be
 * finite (RangeError naming `heatmaps`). Cost: O(K·H·W) plus the window test
 * of each pixel above the threshold. With `mapBounds`, the chunk maxima of
 * each heatmap plane are recorded there as well (the fill index's map bounds;
 * only when the fill scores against these heatmaps, i.e. without UDP).
 */
export function findCandidates(hv: HeatmapView, tv: HeatmapView, b: number, nmsKernel: number, threshold: number, buf: TopkBuffer, cand: AeCandidates, mapBounds?: FillIndex): void {
  const { K, L, topk } = cand;
  const r = (nmsKernel - 1) >> 1;
  const W = hv.W;
  const cm: ChunkMaxOut | undefined = mapBounds ? { out: mapBounds.mMax, offset: 0 } : undefined;
  for (let k = 0; k < K; k++) {
    if (cm && mapBounds) {
      cm.offset = k * mapBounds.nChunks;
      mapBounds.ready[k] |= 2;
    }
    const n = peaksAbove('heatmaps', hv, hv.offset + b * hv.sB + k * hv.sK, r, threshold, buf, cm);
    cand.count[k] = n;
    for (let m = 0; m < n; m++) {
      const s = k * topk + m;
      const i = buf.indices[m];
      const x = i % W;
      const y = (i - x) / W;
      cand.vals[s] = buf.values[m];
      cand.xs[s] = x;
      cand.ys[s] = y;
      const tb = tv.offset + b * tv.sB + y * tv.sH + x * tv.sW;
      for (let l = 0; l < L; l++) cand.tags[s * L + l] = tv.data[tb + (l * K + k) * tv.sK];
    }
  }
}
