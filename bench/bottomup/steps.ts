/**
 * Per-step timings of the associative-embedding decode on one scene, each
 * step run exactly as `decode` runs it (same scratch, same fill index): the
 * tag check, the fused NMS + top-k + threshold, grouping (Munkres and
 * greedy), refinement and the fill of missing joints (block bounds and
 * chunk gaps rebuilt each time; tag and map bounds come from the tag check
 * and the candidate pass, as in `decode`).
 */
import { COCO_KEYPOINT_ORDER } from '../../src/codecs/associative-embedding.js';
import { createCandidates, findCandidates } from '../../src/codecs/ae-candidates.js';
import { groupCandidates } from '../../src/codecs/ae-grouping.js';
import { refineInstances } from '../../src/codecs/ae-refine.js';
import { fillMissing } from '../../src/codecs/ae-fill.js';
import { createFillIndex } from '../../src/codecs/ae-fill-index.js';
import { checkTagsFinite } from '../../src/codecs/ae-tag-check.js';
import { heatmapNms, topkPeaks } from '../../src/decode/index.js';
import { TopkBuffer } from '../../src/decode/topk-peaks.js';
import { heatmapView } from '../../src/core/ndarray.js';
import { K, aeCodec, type BottomupScene } from '../../src/testing/bottomup-scene.js';
import { time, timeRounds, type Timing } from './timing.js';

/** Step timings (ms) of one scene; `total` is the whole `decode`, best of `rounds`. */
export interface AeStepTimings {
  /** Persons found. */
  N: number;
  /** Joints filled. */
  missing: number;
  tagCheck: Timing;
  candidates: Timing;
  munkres: Timing;
  greedy: Timing;
  refine: Timing;
  fill: Timing;
  total: ReturnType<typeof timeRounds>;
  nms: Timing;
  topk: Timing;
}

/** Call `fn` for about `msBudget` ms (at least 20 times): the JIT's optimised code, not its first tiers, is then timed. */
export function warmUp(fn: () => unknown, msBudget: number): void {
  const t0 = Date.now();
  for (let i = 0; i < 20 || Date.now() - t0 < msBudget; i++) {
    fn();
    if (i > 100000) break;
  }
}

/** Time each AE step on `scene` (mmpose's AE config, {@link aeCodec}). */
export function aeSteps(scene: BottomupScene, runs: number, rounds: number): AeStepTimings {
  const codec = aeCodec(scene.W);
  const hv = heatmapView('heatmaps', scene.heatmaps);
  const tv = heatmapView('tags', scene.tags);
  const L = tv.K / K;
  const cand = createCandidates(K, L, 30);
  const buf = new TopkBuffer(30);
  const ix = createFillIndex(K, scene.H, scene.W);
  findCandidates(hv, tv, 0, 5, 0.1, buf, cand, ix);
  const groups = groupCandidates(cand, COCO_KEYPOINT_ORDER, 1, 'munkres').slice(0, 30);
  const N = groups.length;
  const kp0 = new Float64Array(N * K * 2);
  const sc0 = new Float64Array(N * K);
  let missing = 0;
  groups.forEach((g, n) => {
    for (let k = 0; k < K; k++) {
      kp0[2 * (n * K + k)] = g.joints[3 * k];
      kp0[2 * (n * K + k) + 1] = g.joints[3 * k + 1];
      sc0[n * K + k] = g.joints[3 * k + 2];
      if (!(sc0[n * K + k] > 0)) missing++;
    }
  });
  const kp = new Float64Array(kp0.length);
  const sc = new Float64Array(sc0.length);
  const maps = { data: hv.data, offset: hv.offset, sK: hv.sK, sH: hv.sH, sW: hv.sW };
  warmUp(() => codec.decode(scene.heatmaps, scene.tags), 400); // let the JIT settle on the whole decode first
  return {
    N,
    missing,
    tagCheck: time(() => checkTagsFinite('tags', tv, 0, ix), runs),
    candidates: time(() => findCandidates(hv, tv, 0, 5, 0.1, buf, cand, ix), runs),
    munkres: time(() => groupCandidates(cand, COCO_KEYPOINT_ORDER, 1, 'munkres'), runs),
    greedy: time(() => groupCandidates(cand, COCO_KEYPOINT_ORDER, 1, 'greedy'), runs),
    refine: time(() => {
      kp.set(kp0);
      sc.set(sc0);
      refineInstances(kp, sc, N, hv, 0, undefined, 0.5);
    }, runs),
    fill: time(() => {
      kp.set(kp0);
      sc.set(sc0);
      ix.ready.fill(3); // as in decode: tag bounds from the tag check, map bounds from the candidate pass;
      ix.gapReady.fill(0); // block bounds and chunk gaps built on demand
      fillMissing(kp, sc, N, tv, 0, K, L, maps, ix);
    }, runs),
    total: timeRounds(() => codec.decode(scene.heatmaps, scene.tags), runs, rounds),
    nms: time(() => heatmapNms(scene.heatmaps, 5), runs),
    topk: time(() => topkPeaks(scene.heatmaps, 30, { tags: scene.tags }), runs),
  };
}
