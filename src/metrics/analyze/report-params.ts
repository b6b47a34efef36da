/**
 * The parameters the `analysisAPI/` report functions set themselves, on top
 * of the caller's `oksLocThrs`, `jitterKsThrs`, `maxDets` and mode.
 */
import { ANALYZE_AREA_LABELS, ANALYZE_AREA_RANGES, ANALYZE_OKS_THRESHOLDS, KEYPOINT_ERROR_TYPES, type AnalyzeParams, type Settings } from './settings.js';
import { analyzeAndSummarize } from './parts.js';
import type { Prepared } from './prepared.js';
import type { AnalyzeStat, KeypointErrorType } from './types.js';

/** `[[32², 1e10]]` labelled 'all', as most reports use. */
export const ALL_ONLY: readonly (readonly [number, number])[] = Object.freeze([ANALYZE_AREA_RANGES[0]]);

/** The caller's parameters with the report's own areas, thresholds and error types. */
export function reportParams(s: Settings, o: { areaRanges?: readonly (readonly [number, number])[]; labels?: readonly string[]; oksThrs?: readonly number[]; errTypes?: readonly KeypointErrorType[]; gtIgnore?: Uint8Array }): AnalyzeParams {
  return {
    ...s.params,
    areaRanges: o.areaRanges ?? ANALYZE_AREA_RANGES,
    labels: o.labels ?? ANALYZE_AREA_LABELS,
    oksThrs: o.oksThrs ?? ANALYZE_OKS_THRESHOLDS,
    errTypes: o.errTypes ?? KEYPOINT_ERROR_TYPES,
    gtIgnore: o.gtIgnore,
  };
}

/**
 * The runs of `errorsAPImpact` / `sizeSensitivity`: each keypoint error type
 * in isolation, then scores only, then background only; their `stats`
 * together (the baseline is the same in every run).
 */
export function isolatedErrorRuns(P: Prepared, s: Settings, base: AnalyzeParams): AnalyzeStat[] {
  const stats: AnalyzeStat[] = [];
  for (const err of KEYPOINT_ERROR_TYPES) {
    s.onProgress?.('error impact', stats.length, 6);
    stats.push(...analyzeAndSummarize(P, { ...base, errTypes: [err] }, { kpts: true, scores: false, bckgd: false }).stats);
  }
  stats.push(...analyzeAndSummarize(P, { ...base, errTypes: [] }, { kpts: false, scores: true, bckgd: false }).stats.filter((x) => x.err !== 'baseline'));
  stats.push(...analyzeAndSummarize(P, { ...base, errTypes: [] }, { kpts: false, scores: false, bckgd: true }).stats.filter((x) => x.err !== 'baseline'));
  return stats;
}

/** The `auc` of (err, oks, area label), first maxDets. */
export function aucOf(stats: AnalyzeStat[], err: string, oks: number, label: string): number {
  const s = stats.find((x) => x.err === err && x.oks === oks && x.areaRngLbl === label);
  return s ? s.auc : NaN;
}
