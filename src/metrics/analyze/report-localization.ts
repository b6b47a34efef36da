/**
 * coco-analyze `localizationErrors` (`analysisAPI/localizationErrors.py:21-55,
 * 160-166`): keypoint error counts over the detections analysed at 'all'
 * ([32², 1e10]), per keypoint, and the 7 detections with most errors of each
 * type (sorted by −score, then stably by −count).
 */
import ndarray from 'ndarray';
import { analyze } from './analysis.js';
import { classCounts, ERROR_CODE } from './keypoint-errors.js';
import { COUNT_ROWS } from './parts.js';
import { ALL_ONLY, reportParams } from './report-params.js';
import type { Prepared } from './prepared.js';
import type { Settings } from './settings.js';
import type { KeypointErrorType, LocalizationReport } from './types.js';

export function localizationReport(P: Prepared, s: Settings): LocalizationReport {
  const p = reportParams(s, { areaRanges: ALL_ONLY, labels: ['all'], errTypes: s.params.errTypes });
  const e = analyze(P, p, { kpts: true, scores: false, bckgd: false }).errors![0];
  const K = P.K;
  const rows = COUNT_ROWS.map((code) => classCounts(e, K, code));
  const per = new Int32Array(5 * K);
  rows.forEach((r, i) => per.set(r.perKeypoint, i * K));
  let total = 0;
  for (const g of e.gtOf) total += P.gt.numKeypoints[g];
  const topErrors = {} as Record<KeypointErrorType, number[][]>;
  for (const err of ['miss', 'swap', 'inversion', 'jitter'] as const) {
    const code = ERROR_CODE[err];
    const list = Array.from(e.analysed, (d, r) => {
      let n = 0;
      for (let k = 0; k < K; k++) if (e.classes[r * K + k] === code) n++;
      return { d, n, score: P.dt.score[d] };
    });
    list.sort((a, b) => b.score - a.score);
    list.sort((a, b) => b.n - a.n);
    topErrors[err] = list.slice(0, 7).map((x) => [P.gt.imgIds[P.dt.img[x.d]], P.dtId[x.d], x.n]);
  }
  const [good, jitter, inversion, swap, miss] = rows.map((r) => r.total);
  return {
    numDetections: P.dt.nDt,
    numMatches: e.analysed.length,
    total,
    counts: { good, jitter, inversion, swap, miss },
    perKeypoint: ndarray(per, [5, K]),
    topErrors,
  };
}
