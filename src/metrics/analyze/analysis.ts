/**
 * One coco-analyze `analyze(check_kpts, check_scores, check_bckgd)` call
 * (`cocoanalyze.py:82-103`): keypoint errors, optimal scores and background
 * errors for every area label, as the flags ask.
 */
import { appliedKeypoints, findKeypointErrors, type LabelErrors } from './keypoint-errors.js';
import { findScoreErrors, type LabelScores } from './optimal-score.js';
import { backgroundOf, type LabelBackground } from './background-errors.js';
import type { Prepared } from './prepared.js';
import type { AnalyzeFlags, AnalyzeParams } from './settings.js';

/** The state `summarize()` and the reports read. */
export interface Analysis {
  params: AnalyzeParams;
  flags: AnalyzeFlags;
  /** Per area label (with `kpts`). */
  errors?: LabelErrors[];
  /** Per area label: keypoints with `err_types` fixed (`_correct_dt_keypoints`), with `kpts`. */
  applied?: Float64Array[];
  /** Per area label (with `scores`). */
  scores?: LabelScores[];
  /** Per area label (with `bckgd`). */
  background?: LabelBackground[];
}

/** Keypoints and scores of area label `a` as `_correct_dt_keypoints` / `_correct_dt_scores` leave them. */
export function correctedInputs(A: Analysis, a: number, withScores: boolean): { kp?: Float64Array; score?: Float64Array } {
  return {
    kp: A.flags.kpts ? A.applied![a] : undefined,
    score: withScores && A.flags.scores ? A.scores![a].optScore : undefined,
  };
}

/** Run the analysis. */
export function analyze(P: Prepared, params: AnalyzeParams, flags: AnalyzeFlags): Analysis {
  const A: Analysis = { params, flags };
  if (flags.kpts) {
    A.errors = findKeypointErrors(P, params);
    A.applied = A.errors.map((e) => appliedKeypoints(P, e, params.errTypes));
  }
  if (flags.scores) A.scores = findScoreErrors(P, params, A.applied);
  if (flags.bckgd) {
    A.background = params.areaRanges.map((_, a) => {
      const { kp, score } = correctedInputs(A, a, true);
      return backgroundOf(P, params, a, kp, score);
    });
  }
  return A;
}
