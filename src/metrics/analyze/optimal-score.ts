/**
 * Optimal detection scores (coco-analyze `find_score_errors`, `_soft_nms`,
 * `cocoanalyze.py:420-510`): each result's best OKS with a non-ignored GT of
 * its image (`max_oks`), then soft-NMS per image starting from it: repeatedly
 * take the highest remaining `opt_score` (stable: first listed wins ties) and
 * multiply every remaining one by `exp(−oks² / 0.5)`, where `oks` is the mean
 * over all K keypoints of `exp(−d² / (2σ)² / (0.5·(area_M + area_d) + eps) / 2)`
 * and the areas are keypoint bounding boxes. Cost: O(Σ_images D² (K + log D)).
 *
 * Reference quirk (`cocoanalyze.py:432-445, 478`): with keypoint analysis on,
 * soft-NMS reads the keypoints corrected for the **last** area label for every
 * label; `corrected` mode uses each label's own.
 */
import { EPS } from '../oks.js';
import { pairwiseSum64 } from '../../core/numpy-sum.js';
import { cellsOf, keypointExtentArea } from '../coco-index.js';
import { evaluatePass } from './passes.js';
import type { Prepared } from './prepared.js';
import type { AnalyzeParams } from './settings.js';

/** `max_oks` and `opt_score` per result record. */
export interface LabelScores {
  maxOks: Float64Array;
  optScore: Float64Array;
}

/** Soft-NMS over the results of one image (records in list order), in place on `score`. */
function softNmsImage(P: Prepared, recs: ArrayLike<number>, kp: Float64Array, score: Float64Array, e: Float64Array): void {
  const K = P.K;
  let B = Array.from(recs);
  const area = new Map<number, number>(B.map((d) => [d, keypointExtentArea(kp, 3 * K * d, K)]));
  while (B.length > 0) {
    B = B.map((d, i) => [d, i]).sort((a, b) => score[b[0]] - score[a[0]] || a[1] - b[1]).map((x) => x[0]);
    const M = B.shift()!;
    const mo = 3 * K * M;
    for (const d of B) {
      const o = 3 * K * d;
      const s = 0.5 * (area.get(M)! + area.get(d)!) + EPS;
      for (let k = 0; k < K; k++) {
        const dx = kp[o + 3 * k] - kp[mo + 3 * k];
        const dy = kp[o + 3 * k + 1] - kp[mo + 3 * k + 1];
        e[k] = Math.exp(-((dx * dx + dy * dy) / P.ksVars[k] / s / 2));
      }
      const oks = pairwiseSum64(e, 0, K) / K;
      score[d] = score[d] * Math.exp(-((oks * oks) / 0.5));
    }
  }
}

/** `_soft_nms(max_oks)`: opt scores for every result, images in id order. */
export function softNms(P: Prepared, maxOks: Float64Array, kp: Float64Array): Float64Array {
  const score = Float64Array.from(maxOks);
  const c = cellsOf(P.dt.nDt, P.dt.cat, P.dt.img, P.gt.imgIds.length, P.gt.catIds.length);
  const e = new Float64Array(P.K);
  for (let i = 0; i < c.n; i++) softNmsImage(P, c.order.subarray(c.start[i], c.start[i] + c.count[i]), kp, score, e);
  return score;
}

/** `dtIousMax` per result record for each area of one evaluation. */
function maxOksOf(P: Prepared, areaRanges: readonly (readonly [number, number])[], p: AnalyzeParams, kp: Float64Array | undefined): Float64Array[] {
  const cats = evaluatePass(P, { areaRanges, iouThrs: [p.oksThrs[0]], maxDets: [P.teamMaxDet], kp, gtIgnore: p.gtIgnore, checkScores: true });
  return areaRanges.map((_, a) => {
    const out = new Float64Array(P.dt.nDt);
    for (const c of cats) {
      const nd = c.dts.length;
      for (let i = 0; i < nd; i++) out[c.dts[i]] = c.iousMax![a * nd + i];
    }
    return out;
  });
}

/**
 * `find_score_errors`: per area label, `max_oks` (with that label's corrected
 * keypoints when `applied` is given) and the soft-NMS `opt_score`.
 */
export function findScoreErrors(P: Prepared, p: AnalyzeParams, applied: Float64Array[] | undefined): LabelScores[] {
  const maxOks = applied ? p.areaRanges.map((r, a) => maxOksOf(P, [r], p, applied[a])[0]) : maxOksOf(P, p.areaRanges, p, undefined);
  return maxOks.map((m, a) => {
    const kp = applied ? (p.corrected ? applied[a] : applied[applied.length - 1]) : P.dt.kp;
    return { maxOks: m, optScore: softNms(P, m, kp) };
  });
}
