/**
 * Shared types of the COCO keypoint error diagnosis (Ronchi & Perona, ICCV
 * 2017; matteorr/coco-analyze). Field names are the camelCased names of
 * `../shared/oracle/analyze/FORMAT.md`; area labels, error labels
 * (`bckgd_false_pos`) and `"i-j"` cells stay as keys.
 */
import type { NdArray } from 'ndarray';

/** Keypoint error types coco-analyze corrects, in its default (cumulative) order. */
export type KeypointErrorType = 'miss' | 'swap' | 'inversion' | 'jitter';

/**
 * `'reference'` reproduces coco-analyze bit for bit, quirks included;
 * `'corrected'` fixes what is a bug there (docs/analyze.md): repositioning uses
 * the OKS's (2σ)², corrected integer keypoints are not truncated, soft-NMS
 * reads each area label's own corrected keypoints, and the false-negative
 * stage is labelled with the threshold it was computed at.
 */
export type AnalyzeMode = 'reference' | 'corrected';

/** Options of {@link analyzeCocoKeypoints} (FORMAT.md params, camelCased). */
export interface AnalyzeOptions {
  /** `[lo, hi]` px², inclusive. Default `[[32², 1e10], [32², 96²], [96², 1e10]]` ('all' starts at 32²). */
  areaRanges?: readonly (readonly [number, number])[];
  /** One label per area range. Default `['all', 'medium', 'large']`. */
  areaLabels?: readonly string[];
  /** OKS evaluation thresholds (sorted here). Default 0.5, 0.55, …, 0.95 as decimal literals. */
  oksThresholds?: readonly number[];
  /** OKS a detection needs to be analysed for keypoint errors. Default 0.1. */
  oksLocalizationThreshold?: number;
  /** `[lo, hi]` keypoint-similarity limits: good > hi, jitter in [lo, hi), miss < lo. Default `[0.5, 0.85]`. */
  jitterThresholds?: readonly [number, number] | readonly number[];
  /** Detections per image evaluated (by score); a number or a list. Default 20. */
  maxDets?: number | readonly number[];
  /** Keypoint error types corrected, in this order, cumulatively. Default miss, swap, inversion, jitter. */
  errorTypes?: readonly KeypointErrorType[];
  checkKeypoints?: boolean;
  checkScores?: boolean;
  checkBackground?: boolean;
  /** `evaluate()`'s verbose summary (AP/AR at every threshold). Default false. */
  verbose?: boolean;
  /** σ per keypoint; its length must equal K. Default COCO's 17 (coco-analyze's literals `.026, .025, …`). */
  sigmas?: ArrayLike<number>;
  /** Left/right pairs `[i, j]` (0-based) for inversions. Default COCO's 8 pairs when K = 17, none otherwise. */
  flipPairs?: readonly (readonly [number, number])[] | readonly number[][];
  /** Default `'reference'`. */
  mode?: AnalyzeMode;
  /** Called with (stage, done, total) while the long reports run. */
  onProgress?: (stage: string, done: number, total: number) => void;
}

/** One `ca.stats` entry of `summarize()`. */
export interface AnalyzeStat {
  err: string;
  oks: number;
  areaRngLbl: string;
  maxDets: number;
  auc: number;
  recall: number;
}

/** Per area label. */
export type PerLabel<T> = Record<string, T>;

/** `evaluate` part. */
export interface EvaluatePart {
  stats: number[];
  summary: string[];
}

/** `keypointErrors` part for one area label. */
export interface KeypointErrorsLabel {
  matchDtIds: Int32Array;
  matchGtIds: Int32Array;
  matchOks: Float64Array;
  matchIgnore: Int32Array;
  dtIds: Int32Array;
  /** `[N, K]`: 0 unlabelled, 1 good, 2 jitter, 3 inversion, 4 swap, 5 miss, −1 no class. */
  classes: NdArray<Int32Array>;
  /** good, jitter, inversion, swap, miss. */
  counts: number[];
  /** `[5, K]`, rows as `counts`. */
  perKeypoint: NdArray<Int32Array>;
}

/** `correctedKeypoints` part for one area label (image pixels). */
export interface CorrectedKeypointsLabel {
  dtIds: Int32Array;
  /** `[N, K, 2]`. */
  optKeypoints: NdArray<Float64Array>;
  /** `[N, K, 2]`. */
  appliedKeypoints: NdArray<Float64Array>;
  /** `[E, N, K, 2]`. */
  stageKeypoints: NdArray<Float64Array>;
}

/** `optimalScore` part for one area label. */
export interface OptimalScoreLabel {
  dtIds: Int32Array;
  maxOks: Float64Array;
  optScore: Float64Array;
}

/** `backgroundErrors` part for one area label (thresholds ascending). */
export interface BackgroundErrorsLabel {
  oks: number[];
  falsePos: number[][];
  falseNeg: number[][];
  dtMatches: number[];
  gtMatches: number[];
}

/** Everything {@link analyzeCocoKeypoints} returns; every part is computed on first access. */
export interface AnalyzeResult {
  evaluate: EvaluatePart;
  keypointErrors: PerLabel<KeypointErrorsLabel>;
  correctedKeypoints: PerLabel<CorrectedKeypointsLabel>;
  optimalScore: PerLabel<OptimalScoreLabel>;
  backgroundErrors: PerLabel<BackgroundErrorsLabel>;
  fixedAP: { stats: AnalyzeStat[]; curves: StageCurve[] };
  apImpact: { errorPerf: Record<string, PerLabel<number[]>> };
  localizationReport: LocalizationReport;
  scoringReport: ScoringReport;
  backgroundReport: BackgroundReport;
  sizeSensitivity: SizeSensitivity;
  occlusionSensitivity: OcclusionSensitivity;
}

/** The PR curve of one `summarize()` stage: `precision[t][r]` at OKS `oks[t]` (as labelled), 101 recall points. */
export interface StageCurve {
  err: string;
  areaRngLbl: string;
  maxDets: number;
  oks: number[];
  precision: number[][];
}

export interface LocalizationReport {
  numDetections: number;
  numMatches: number;
  total: number;
  counts: { good: number; jitter: number; inversion: number; swap: number; miss: number };
  /** `[5, K]`. */
  perKeypoint: NdArray<Int32Array>;
  /** Up to 7 `[image_id, dt_id, n_errors]` per type. */
  topErrors: Record<KeypointErrorType, number[][]>;
}

export interface ScoringError {
  imageId: number;
  gtId: number;
  highScoreDtId: number;
  highOksDtId: number;
  highOks: number;
  lowOks: number;
}

export interface ScoringReport {
  numImagesWithDts: number;
  suboptimalOrderImages: number[];
  scoringErrorsScore: ScoringError[];
  scoringErrorsOptScore: ScoringError[];
  numDtsHighOks: Int32Array;
  highOksDtOks: Float64Array;
  otherDtOks: Float64Array;
  highOksDtScore: Float64Array;
  otherDtScore: Float64Array;
  highOksDtOptScore: Float64Array;
  otherDtOptScore: Float64Array;
  stats: AnalyzeStat[];
}

export interface BackgroundReport {
  perOks: { oks: number[]; dtMatches: number[]; numFalsePos: number[]; gtMatches: number[]; numFalseNeg: number[] };
  falsePos: {
    numDetections: number;
    badFalsePos: number[];
    shown: number[];
    scorePercentiles: number[];
    highScoreFalsePos: number[];
    bboxWidthMinMax: number[];
    bboxHeightMinMax: number[];
    areaBins: number[];
    numPeopleBins: number[];
  };
  falseNeg: {
    badFalseNeg: number[];
    bboxWidthMinMax: number[];
    bboxHeightMinMax: number[];
    areaBins: number[];
    numPeopleBins: number[];
    numKeypointsHist: Record<string, number>;
  };
}

export interface SizeSensitivity {
  areaLabels: string[];
  numInstances: number[];
  baselineAp: number[];
  apImprovement: Record<string, number[]>;
}

export interface OcclusionSensitivity {
  /** `[3, 4]`: overlap groups × keypoint groups. */
  benchmarkInstances: NdArray<Int32Array>;
  benchmarkGtIds: Record<string, number[]>;
  cellStats: Record<string, AnalyzeStat[]>;
  totalKeypoints: NdArray<Int32Array>;
  errors: Record<'good' | 'miss' | 'jitter' | 'swap' | 'inversion', NdArray<Int32Array>>;
  gtNumKeypoints: NdArray<Int32Array>;
}

/** Rates of {@link synthesizeErrors}: per labelled keypoint, the probability of each error type. */
export interface SynthesizeOptions {
  jitter?: number;
  inversion?: number;
  swap?: number;
  miss?: number;
  /** Seed of the deterministic generator. Default 1. */
  seed?: number;
  /** σ per keypoint (default COCO's 17). */
  sigmas?: ArrayLike<number>;
  /** As {@link AnalyzeOptions.flipPairs}. */
  flipPairs?: readonly (readonly [number, number])[] | readonly number[][];
  /** `[lo, hi]` keypoint-similarity limits the errors are drawn against. Default `[0.5, 0.85]`. */
  jitterThresholds?: readonly number[];
}
