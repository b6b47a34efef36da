/**
 * The per-fn parts of {@link analyzeCocoKeypoints} that read one analysis
 * with the caller's parameters (FORMAT.md `keypointErrors`,
 * `correctedKeypoints`, `optimalScore`, `backgroundErrors`, `fixedAP`),
 * converted to the public shapes (ids, ndarrays, per area label).
 */
import ndarray from 'ndarray';
import { analyze, type Analysis } from './analysis.js';
import { classCounts, CLASS } from './keypoint-errors.js';
import { summarizeAnalysis } from './summarize.js';
import type { Prepared } from './prepared.js';
import type { AnalyzeFlags, AnalyzeParams } from './settings.js';
import type { BackgroundErrorsLabel, CorrectedKeypointsLabel, KeypointErrorsLabel, OptimalScoreLabel, PerLabel, AnalyzeStat, StageCurve } from './types.js';

/** Class codes of the count rows: good, jitter, inversion, swap, miss. */
export const COUNT_ROWS = Object.freeze([CLASS.good, CLASS.jitter, CLASS.inversion, CLASS.swap, CLASS.miss]);

function perLabel<T>(p: AnalyzeParams, f: (a: number) => T): PerLabel<T> {
  const out: PerLabel<T> = {};
  p.labels.forEach((l, a) => {
    out[l] = f(a);
  });
  return out;
}

const ids = (P: Prepared, recs: ArrayLike<number>) => Int32Array.from(recs, (d) => P.dtId[d]);
const gtIds = (P: Prepared, recs: ArrayLike<number>) => Int32Array.from(recs, (g) => P.gt.id[g]);

/** `keypointErrors`: localization matches and classes per label. */
export function keypointErrorsPart(P: Prepared, A: Analysis): PerLabel<KeypointErrorsLabel> {
  const K = P.K;
  return perLabel(A.params, (a) => {
    const e = A.errors![a];
    const N = e.analysed.length;
    const rows = COUNT_ROWS.map((code) => classCounts(e, K, code));
    const per = new Int32Array(5 * K);
    rows.forEach((r, i) => per.set(r.perKeypoint, i * K));
    return {
      matchDtIds: ids(P, e.matchDt),
      matchGtIds: gtIds(P, e.matchGt),
      matchOks: Float64Array.from(e.matchOks),
      matchIgnore: Int32Array.from(e.matchIgnore),
      dtIds: ids(P, e.analysed),
      classes: ndarray(Int32Array.from(e.classes), [N, K]),
      counts: rows.map((r) => r.total),
      perKeypoint: ndarray(per, [5, K]),
    };
  });
}

/** x, y of the analysed detections from a `[x, y, s] × K` per-record array. */
function xyOf(P: Prepared, recs: Int32Array, kp: Float64Array, out: Float64Array, off: number): void {
  const K = P.K;
  recs.forEach((d, r) => {
    for (let k = 0; k < K; k++) {
      out[off + (r * K + k) * 2] = kp[3 * K * d + 3 * k];
      out[off + (r * K + k) * 2 + 1] = kp[3 * K * d + 3 * k + 1];
    }
  });
}

/** `correctedKeypoints`: opt, applied and per-stage keypoints of the analysed detections. */
export function correctedKeypointsPart(P: Prepared, A: Analysis, stages: Float64Array[][]): PerLabel<CorrectedKeypointsLabel> {
  const K = P.K;
  return perLabel(A.params, (a) => {
    const e = A.errors![a];
    const N = e.analysed.length;
    const opt = new Float64Array(N * K * 2);
    for (let r = 0; r < N * K; r++) {
      opt[2 * r] = e.opt[3 * r];
      opt[2 * r + 1] = e.opt[3 * r + 1];
    }
    const applied = new Float64Array(N * K * 2);
    xyOf(P, e.analysed, A.applied![a], applied, 0);
    const E = stages[a]?.length ?? 0;
    const st = new Float64Array(E * N * K * 2);
    for (let s = 0; s < E; s++) xyOf(P, e.analysed, stages[a][s], st, s * N * K * 2);
    return {
      dtIds: ids(P, e.analysed),
      optKeypoints: ndarray(opt, [N, K, 2]),
      appliedKeypoints: ndarray(applied, [N, K, 2]),
      stageKeypoints: ndarray(st, [E, N, K, 2]),
    };
  });
}

/** `optimalScore`: max OKS and soft-NMS score of every result. */
export function optimalScorePart(P: Prepared, A: Analysis): PerLabel<OptimalScoreLabel> {
  const all = Int32Array.from({ length: P.dt.nDt }, (_, i) => i);
  return perLabel(A.params, (a) => ({
    dtIds: ids(P, all),
    maxOks: Float64Array.from(A.scores![a].maxOks),
    optScore: Float64Array.from(A.scores![a].optScore),
  }));
}

const flagged = (flags: Uint8Array, id: ArrayLike<number>) => {
  const out: number[] = [];
  for (let i = 0; i < flags.length; i++) if (flags[i]) out.push(id[i]);
  return out.sort((x, y) => x - y);
};

/** `backgroundErrors`: unmatched results and GTs per label and threshold. */
export function backgroundErrorsPart(P: Prepared, A: Analysis): PerLabel<BackgroundErrorsLabel> {
  return perLabel(A.params, (a) => {
    const b = A.background![a];
    return {
      oks: [...A.params.oksThrs],
      falsePos: b.falsePos.map((f) => flagged(f, P.dtId)),
      falseNeg: b.falseNeg.map((f) => flagged(f, P.gt.id)),
      dtMatches: [...b.dtMatches],
      gtMatches: [...b.gtMatches],
    };
  });
}

/** One `analyze()` + `summarize()`. */
export function analyzeAndSummarize(P: Prepared, p: AnalyzeParams, flags: AnalyzeFlags, keepStages = false): { analysis: Analysis; stats: AnalyzeStat[]; curves: StageCurve[]; stageKeypoints: Float64Array[][] } {
  const analysis = analyze(P, p, flags);
  const s = summarizeAnalysis(P, analysis, keepStages);
  return { analysis, stats: s.stats, curves: s.curves, stageKeypoints: s.stageKeypoints ?? [] };
}
