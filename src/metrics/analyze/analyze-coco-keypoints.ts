/**
 * COCO keypoint error diagnosis (Ronchi & Perona, "Benchmarking and Error
 * Diagnosis in Multi-Instance Pose Estimation", ICCV 2017), reproducing the
 * coco-analyze toolbox (matteorr/coco-analyze `9eb8a0a`: `cocoanalyze.py`, its
 * `cocoeval.py` fork and the `analysisAPI/` reports) on the packed COCO
 * evaluator of `cocoKeypointEval`, for any number of keypoints with user σ and
 * left/right pairs.
 *
 * Every part is computed on first access and cached (the report parts re-run
 * the analysis with the toolbox's own settings, as the Python functions do).
 * Cost: one analysis is ~25 evaluation passes, each O(Σ_images D·G·K).
 */
import { prepare, type Prepared } from './prepared.js';
import { settingsOf, type AnalyzeFlags, type Settings } from './settings.js';
import { evaluatePart } from './evaluate-summary.js';
import { analyzeAndSummarize, backgroundErrorsPart, correctedKeypointsPart, keypointErrorsPart, optimalScorePart } from './parts.js';
import { analyze, type Analysis } from './analysis.js';
import { summarizeAnalysis } from './summarize.js';
import { apImpactReport } from './report-ap-impact.js';
import { localizationReport } from './report-localization.js';
import { scoringReport } from './report-scoring.js';
import { backgroundReport } from './report-background.js';
import { sizeSensitivityReport } from './report-size.js';
import { occlusionSensitivityReport } from './report-occlusion.js';
import type { AnalyzeOptions, AnalyzeResult } from './types.js';
import type { CocoDataset, CocoKeypointResult } from '../coco-types.js';

/** Define `key` on `obj` as a cached getter. */
function lazy<T extends object, K extends keyof T>(obj: T, key: K, compute: () => T[K]): void {
  let done = false;
  let value: T[K];
  Object.defineProperty(obj, key, {
    enumerable: true,
    get() {
      if (!done) {
        value = compute();
        done = true;
      }
      return value;
    },
  });
}

/** Analyses of the caller's parameters, cached by flags. */
function analysesOf(P: Prepared, s: Settings): (f: AnalyzeFlags) => Analysis {
  const cache = new Map<string, Analysis>();
  return (f) => {
    const key = `${+f.kpts}${+f.scores}${+f.bckgd}`;
    let a = cache.get(key);
    if (!a) {
      a = analyze(P, s.params, f);
      cache.set(key, a);
    }
    return a;
  };
}

/**
 * Diagnose keypoint results against a COCO ground truth: AP/AR, keypoint
 * errors (good / jitter / inversion / swap / miss per keypoint), their fixes,
 * optimal scores, background false positives / negatives, AP after each
 * cumulative fix, and the toolbox's reports (AP impact, localization,
 * scoring, background, size and occlusion sensitivity).
 * @param gt COCO person-keypoints dataset (any K: `categories[].keypoints` names, `options.sigmas` for K ≠ 17)
 * @param results keypoint results (`image_id`, `category_id`, `keypoints` [3K], `score`); ids are 1-based list positions
 * @param options FORMAT.md parameters, camelCased ({@link AnalyzeOptions}); `mode: 'corrected'` fixes the reference's bugs
 * @returns every part, each computed when first read
 * @throws TypeError / RangeError naming the offending option or record
 */
export function analyzeCocoKeypoints(gt: CocoDataset, results: CocoKeypointResult[], options?: AnalyzeOptions): AnalyzeResult {
  const s = settingsOf(options);
  const P = prepare(gt, results, s.sigmas, s.flipPairs);
  const analysisWith = analysesOf(P, s);
  const { flags } = s;
  const out = {} as AnalyzeResult;
  lazy(out, 'evaluate', () => evaluatePart(P, s.params, s.verbose));
  lazy(out, 'keypointErrors', () => keypointErrorsPart(P, analysisWith({ kpts: true, scores: false, bckgd: false })));
  lazy(out, 'correctedKeypoints', () => {
    const r = analyzeAndSummarize(P, s.params, { kpts: true, scores: false, bckgd: false }, true);
    return correctedKeypointsPart(P, r.analysis, r.stageKeypoints);
  });
  lazy(out, 'optimalScore', () => optimalScorePart(P, analysisWith({ kpts: flags.kpts, scores: true, bckgd: false })));
  lazy(out, 'backgroundErrors', () => backgroundErrorsPart(P, analysisWith({ kpts: flags.kpts, scores: flags.scores, bckgd: true })));
  lazy(out, 'fixedAP', () => {
    const r = summarizeAnalysis(P, analysisWith(flags));
    return { stats: r.stats, curves: r.curves };
  });
  lazy(out, 'apImpact', () => apImpactReport(P, s));
  lazy(out, 'localizationReport', () => localizationReport(P, s));
  lazy(out, 'scoringReport', () => scoringReport(P, s));
  lazy(out, 'backgroundReport', () => backgroundReport(P, s));
  lazy(out, 'sizeSensitivity', () => sizeSensitivityReport(P, s));
  lazy(out, 'occlusionSensitivity', () => occlusionSensitivityReport(P, s));
  return out;
}
