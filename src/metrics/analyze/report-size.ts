/**
 * coco-analyze `sizeSensitivity` (`analysisAPI/sizeSensitivity.py:16-101`):
 * at OKS .75, AP and the AP gained per error type for medium [32², 64²],
 * large [64², 96²], xlarge [96², 128²], xxlarge [128², 1e10] and all.
 * Instance counts use `lo < area ≤ hi` (COCOeval uses `lo ≤ area ≤ hi`).
 */
import { aucOf, isolatedErrorRuns, reportParams } from './report-params.js';
import { IMPACT_ERRORS } from './report-ap-impact.js';
import type { Prepared } from './prepared.js';
import type { Settings } from './settings.js';
import type { SizeSensitivity } from './types.js';

const SIZE_RANGES: readonly (readonly [number, number])[] = Object.freeze([
  Object.freeze([32 ** 2, 64 ** 2] as const),
  Object.freeze([64 ** 2, 96 ** 2] as const),
  Object.freeze([96 ** 2, 128 ** 2] as const),
  Object.freeze([128 ** 2, 1e5 ** 2] as const),
  Object.freeze([32 ** 2, 1e5 ** 2] as const),
]);
const SIZE_LABELS = Object.freeze(['medium', 'large', 'xlarge', 'xxlarge', 'all']);

/** Size sensitivity at `oks` (.75 in the toolbox). */
export function sizeSensitivityReport(P: Prepared, s: Settings, oks = 0.75): SizeSensitivity {
  const p = reportParams(s, { areaRanges: SIZE_RANGES, labels: SIZE_LABELS, oksThrs: [oks] });
  const numInstances = SIZE_RANGES.slice(0, 4).map(([lo, hi]) => {
    let n = 0;
    for (let g = 0; g < P.gt.nGt; g++) if (lo < P.gt.area[g] && P.gt.area[g] <= hi) n++;
    return n;
  });
  const stats = isolatedErrorRuns(P, s, p);
  const baselineAp = SIZE_LABELS.map((l) => aucOf(stats, 'baseline', oks, l));
  const apImprovement: Record<string, number[]> = {};
  for (const err of IMPACT_ERRORS) {
    apImprovement[err] = SIZE_LABELS.map((l, i) => (err === 'false_neg' ? aucOf(stats, err, oks, l) - aucOf(stats, 'bckgd_false_pos', oks, l) : aucOf(stats, err, oks, l) - baselineAp[i]));
  }
  return { areaLabels: [...SIZE_LABELS], numInstances, baselineAp, apImprovement };
}
