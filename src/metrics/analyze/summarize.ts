/**
 * coco-analyze `summarize()` (`cocoanalyze.py:576-805`): AP after each
 * cumulative fix. Stages: `baseline`; each of `err_types` fixed cumulatively
 * (`_summarize_kpt_errors`); `score` (optimal scores, keypoints fixed);
 * `bckgd_false_pos` (background FPs ignored) and `false_neg` (unmatched GTs
 * ignored, cumulatively over ascending thresholds). `stats` entries run over
 * stages, then OKS descending, then area labels, then maxDets.
 *
 * Reference quirks: corrected keypoints of a result whose 51 values are all
 * integers are truncated toward zero (`cocoanalyze.py:714-716`, numpy integer
 * array); the `false_neg` stage is stored at ascending index but read as
 * descending, so the entry labelled `oks_desc[i]` holds the value computed at
 * `oks_asc[i]` (`cocoanalyze.py:798-800`). `corrected` mode fixes both.
 */
import { IGNORED } from '../coco-evaluate.js';
import type { Accumulated } from '../coco-accumulate.js';
import { accumulatePass, evaluatePass, meanDefined, precisionSlice, recallSlice, type PassSpec } from './passes.js';
import { correctedInputs, type Analysis } from './analysis.js';
import { ERROR_CODE } from './keypoint-errors.js';
import { derivedKeypoints, type Prepared } from './prepared.js';
import type { AnalyzeStat, StageCurve } from './types.js';

/** Where stage values of (area label a, ascending threshold t) live. */
type Table = (a: number, t: number) => { acc: Accumulated; t: number; a: number };

interface Stage {
  err: string;
  table: Table;
  /** The stored index read for descending position i (mirrored for the reference false_neg). */
  read: (i: number, T: number) => number;
}

export interface Summary {
  stats: AnalyzeStat[];
  curves: StageCurve[];
  /** Per area label, per error stage: the result keypoints `[x, y, s] × K` as evaluated. */
  stageKeypoints?: Float64Array[][];
}

const desc = (i: number, T: number) => T - 1 - i;

function spec(A: Analysis, areaRanges: PassSpec['areaRanges'], kp?: Float64Array, score?: Float64Array): PassSpec {
  return { areaRanges, iouThrs: A.params.oksThrs, maxDets: A.params.maxDets, kp, score, gtIgnore: A.params.gtIgnore };
}

/** One evaluation + accumulation per area label. */
function perLabel(P: Prepared, A: Analysis, inputs: (a: number) => { kp?: Float64Array; score?: Float64Array }): Accumulated[] {
  return A.params.areaRanges.map((r, a) => {
    const { kp, score } = inputs(a);
    const s = spec(A, [r], kp, score);
    return accumulatePass(evaluatePass(P, s), s);
  });
}

/** `_summarize_kpt_errors`: cumulative fixes of `err_types` per area label. */
function keypointStages(P: Prepared, A: Analysis, keep: boolean, out: Summary): Stage[] {
  const { errTypes, areaRanges, corrected } = A.params;
  const K = P.K;
  const accs: Accumulated[][] = errTypes.map(() => []);
  if (keep) out.stageKeypoints = [];
  areaRanges.forEach((r, a) => {
    const e = A.errors![a];
    let prev = P.dt.kp;
    const kept: Float64Array[] = [];
    errTypes.forEach((err, ei) => {
      const code = ERROR_CODE[err];
      const kp = Float64Array.from(prev);
      const changed = new Uint8Array(P.dt.nDt);
      for (let row = 0; row < e.analysed.length; row++) {
        const d = e.analysed[row];
        const trunc = !corrected && P.dtInteger[d] === 1;
        for (let k = 0; k < K; k++) {
          if (e.classes[row * K + k] !== code) continue;
          changed[d] = 1;
          for (let j = 0; j < 2; j++) {
            const v = e.opt[(row * K + k) * 3 + j];
            // cocoanalyze.py:714-716: an all-integer keypoint list becomes an integer numpy array; assignments truncate.
            kp[3 * K * d + 3 * k + j] = trunc ? Math.trunc(v) : v;
          }
        }
      }
      derivedKeypoints(P, kp, prev, changed);
      prev = kp;
      if (keep) kept.push(kp);
      const s = spec(A, [r], kp);
      accs[ei].push(accumulatePass(evaluatePass(P, s), s));
    });
    if (keep) out.stageKeypoints!.push(kept);
  });
  return errTypes.map((err, ei) => ({ err, table: (a, t) => ({ acc: accs[ei][a], t, a: 0 }), read: desc }));
}

/** Outcomes with the background FPs of each threshold row ignored. */
function ignoreFalsePos(cats: ReturnType<typeof evaluatePass>, fp: Uint8Array[], T: number): Uint8Array[] {
  return cats.map((c) => {
    const nd = c.dts.length;
    const o = Uint8Array.from(c.outcome);
    for (let t = 0; t < T; t++) for (let i = 0; i < nd; i++) if (fp[t][c.dts[i]]) o[t * nd + i] = IGNORED;
    return o;
  });
}

/** `_summarize_bckgd_errors` for one area label: the FP stage and the per-threshold FN stages. */
function backgroundStagesOf(P: Prepared, A: Analysis, a: number): { fp: Accumulated; fn: Accumulated[] } {
  const T = A.params.oksThrs.length;
  const range = A.params.areaRanges[a];
  const { kp, score } = correctedInputs(A, a, true);
  const s = spec(A, [range], kp, score);
  const cats = evaluatePass(P, s);
  const bg = A.background![a];
  const outcome = ignoreFalsePos(cats, bg.falsePos, T);
  const fp = accumulatePass(cats, s, outcome);
  const ignored = new Uint8Array(P.gt.nGt);
  const fn: Accumulated[] = [];
  for (let t = 0; t < T; t++) {
    for (let g = 0; g < P.gt.nGt; g++) if (bg.falseNeg[t][g]) ignored[g] = 1;
    const npig = cats.map((c, k) => {
      let n = c.npig[0];
      for (let g = 0; g < P.gt.nGt; g++) {
        if (!ignored[g] || P.gt.cat[g] !== k) continue;
        const ga = P.gt.area[g];
        const wasIgnored = P.gt.ignore[g] || ga < range[0] || ga > range[1] || (A.params.gtIgnore !== undefined && A.params.gtIgnore[g]);
        if (!wasIgnored) n--;
      }
      return new Int32Array(T).fill(n);
    });
    fn.push(accumulatePass(cats, s, outcome, npig));
  }
  return { fp, fn };
}

function backgroundStages(P: Prepared, A: Analysis): Stage[] {
  const per = A.params.areaRanges.map((_, a) => backgroundStagesOf(P, A, a));
  return [
    { err: 'bckgd_false_pos', table: (a, t) => ({ acc: per[a].fp, t, a: 0 }), read: desc },
    // cocoanalyze.py:798-800 stores false_neg at ascending t and _summarize reads it as descending.
    { err: 'false_neg', table: (a, t) => ({ acc: per[a].fn[t], t, a: 0 }), read: A.params.corrected ? desc : (i) => i },
  ];
}

/** `_summarize`: stats entries and the PR curves of every stage. */
function statsOf(stages: Stage[], A: Analysis): { stats: AnalyzeStat[]; curves: StageCurve[] } {
  const { oksThrs, labels, maxDets } = A.params;
  const T = oksThrs.length;
  const stats: AnalyzeStat[] = [];
  const curves: StageCurve[] = [];
  for (const st of stages) {
    for (let i = 0; i < T; i++) {
      labels.forEach((lbl, a) => {
        maxDets.forEach((md, m) => {
          const { acc, t, a: aa } = st.table(a, st.read(i, T));
          stats.push({ err: st.err, oks: oksThrs[T - 1 - i], areaRngLbl: lbl, maxDets: md, auc: meanDefined(precisionSlice(acc, t, aa, m)), recall: meanDefined(recallSlice(acc, t, aa, m)) });
        });
      });
    }
    labels.forEach((lbl, a) => {
      maxDets.forEach((md, m) => {
        const precision: number[][] = [];
        const oks: number[] = [];
        for (let i = 0; i < T; i++) {
          const { acc, t, a: aa } = st.table(a, st.read(i, T));
          oks.push(oksThrs[T - 1 - i]);
          precision.push(precisionSlice(acc, t, aa, m));
        }
        curves.push({ err: st.err, areaRngLbl: lbl, maxDets: md, oks, precision });
      });
    });
  }
  return { stats, curves };
}

/** Run `summarize()` on an analysis. `keepStageKeypoints` keeps the keypoints of every fix stage. */
export function summarizeAnalysis(P: Prepared, A: Analysis, keepStageKeypoints = false): Summary {
  const out: Summary = { stats: [], curves: [] };
  const base = spec(A, A.params.areaRanges);
  const baseAcc = accumulatePass(evaluatePass(P, base), base);
  const stages: Stage[] = [{ err: 'baseline', table: (a, t) => ({ acc: baseAcc, t, a }), read: desc }];
  if (A.flags.kpts && A.params.errTypes.length > 0) stages.push(...keypointStages(P, A, keepStageKeypoints, out));
  if (A.flags.scores) {
    const accs = perLabel(P, A, (a) => correctedInputs(A, a, true));
    stages.push({ err: 'score', table: (a, t) => ({ acc: accs[a], t, a: 0 }), read: desc });
  }
  if (A.flags.bckgd) stages.push(...backgroundStages(P, A));
  Object.assign(out, statsOf(stages, A));
  return out;
}
