/**
 * Background false positives and false negatives (coco-analyze
 * `find_bckgd_errors`, `cocoanalyze.py:524-574`): per area label, with the
 * corrections the flags ask for, the results and GTs left unmatched at each
 * OKS threshold. A match to an ignored GT (crowd, no keypoints, outside the
 * area) is a match; results beyond `maxDets` in their image are unmatched.
 */
import { evaluatePass } from './passes.js';
import type { Prepared } from './prepared.js';
import type { AnalyzeParams } from './settings.js';

/** Per ascending threshold: FP flags per result record, FN flags per GT record, match counts. */
export interface LabelBackground {
  falsePos: Uint8Array[];
  falseNeg: Uint8Array[];
  dtMatches: number[];
  gtMatches: number[];
}

/** Unmatched results and GTs of one area range at every threshold. */
export function backgroundOf(P: Prepared, p: AnalyzeParams, a: number, kp: Float64Array | undefined, score: Float64Array | undefined): LabelBackground {
  const T = p.oksThrs.length;
  const cats = evaluatePass(P, { areaRanges: [p.areaRanges[a]], iouThrs: p.oksThrs, maxDets: p.maxDets, kp, score, gtIgnore: p.gtIgnore, record: true });
  const out: LabelBackground = { falsePos: [], falseNeg: [], dtMatches: [], gtMatches: [] };
  for (let t = 0; t < T; t++) {
    const fp = new Uint8Array(P.dt.nDt).fill(1);
    const fn = new Uint8Array(P.gt.nGt).fill(1);
    let dtMatches = 0;
    for (const c of cats) {
      const nd = c.dts.length;
      for (let i = 0; i < nd; i++) {
        const g = c.match![t * nd + i];
        if (g < 0) continue;
        // gtMatches holds every matched GT (the dt id is never 0); dtMatches only GTs with a non-zero id.
        fn[g] = 0;
        if (P.gt.id[g] !== 0) {
          fp[c.dts[i]] = 0;
          dtMatches++;
        }
      }
    }
    let gtMatches = 0;
    for (let g = 0; g < P.gt.nGt; g++) if (!fn[g]) gtMatches++;
    out.falsePos.push(fp);
    out.falseNeg.push(fn);
    out.dtMatches.push(dtMatches);
    out.gtMatches.push(gtMatches);
  }
  return out;
}
