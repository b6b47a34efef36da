/**
 * coco-analyze `errorsAPImpact` (`analysisAPI/errorsAPImpact.py:17-61`): the
 * AP gained by fixing each error type in isolation, at each of the 10 OKS
 * thresholds (ascending), for all / medium / large:
 * `auc(err) − auc(baseline)`, and for `false_neg` `auc(false_neg) −
 * auc(bckgd_false_pos)` at the same label (so the reference's mirrored
 * false-negative labels show through).
 */
import { aucOf, isolatedErrorRuns, reportParams } from './report-params.js';
import type { Prepared } from './prepared.js';
import type { Settings } from './settings.js';

export const IMPACT_ERRORS = Object.freeze(['miss', 'swap', 'inversion', 'jitter', 'score', 'bckgd_false_pos', 'false_neg']);

/** `error_perf[err][area]`: 10 AP improvements, OKS ascending. */
export function apImpactReport(P: Prepared, s: Settings): { errorPerf: Record<string, Record<string, number[]>> } {
  const p = reportParams(s, {});
  const stats = isolatedErrorRuns(P, s, p);
  const errorPerf: Record<string, Record<string, number[]>> = {};
  for (const err of IMPACT_ERRORS) {
    errorPerf[err] = {};
    for (const lbl of p.labels) {
      errorPerf[err][lbl] = p.oksThrs.map((t) =>
        err === 'false_neg' ? aucOf(stats, err, t, lbl) - aucOf(stats, 'bckgd_false_pos', t, lbl) : aucOf(stats, err, t, lbl) - aucOf(stats, 'baseline', t, lbl),
      );
    }
  }
  return { errorPerf };
}
