/**
 * coco-analyze `backgroundFalsePosErrors` and `backgroundFalseNegErrors`
 * (`analysisAPI/backgroundFalse{Pos,Neg}Errors.py`): at 'all' over the 10
 * thresholds with no correction, the results (GTs) unmatched at every
 * threshold ("bad"), with score percentiles, box sizes, area bins
 * (`int(w)·int(h)·0.5` against [0, 32²), [32², 64²), [64², 96²), [96², 128²),
 * [128², 1e10)) and people bins (GT annotations in the image, 100 with a
 * crowd: [0], [1], [2, 4], [5, 8], [9, 100]).
 */
import { analyze } from './analysis.js';
import { percentile } from './percentile.js';
import { ALL_ONLY, reportParams } from './report-params.js';
import { annotationsOfImage, type Prepared } from './prepared.js';
import type { Settings } from './settings.js';
import type { BackgroundReport } from './types.js';

const AREA_BINS: readonly (readonly [number, number])[] = Object.freeze([
  Object.freeze([0, 32 ** 2] as const),
  Object.freeze([32 ** 2, 64 ** 2] as const),
  Object.freeze([64 ** 2, 96 ** 2] as const),
  Object.freeze([96 ** 2, 128 ** 2] as const),
  Object.freeze([128 ** 2, 1e5 ** 2] as const),
]);
const PEOPLE_BINS: readonly (readonly [number, number])[] = Object.freeze([
  Object.freeze([0, 0] as const),
  Object.freeze([1, 1] as const),
  Object.freeze([2, 4] as const),
  Object.freeze([5, 8] as const),
  Object.freeze([9, 100] as const),
]);

function areaBin(w: number, h: number, bins: number[]): void {
  const area = Math.trunc(w) * Math.trunc(h) * 0.5;
  const i = AREA_BINS.findIndex(([lo, hi]) => lo <= area && area < hi);
  if (i >= 0) bins[i]++;
}

function peopleBin(P: Prepared, img: number, bins: number[]): void {
  const anns = annotationsOfImage(P, img);
  const n = anns.some((g) => P.gt.crowd[g]) ? 100 : anns.length;
  const i = PEOPLE_BINS.findIndex(([lo, hi]) => lo <= n && n <= hi);
  if (i >= 0) bins[i]++;
}

const minMax = (v: number[]) => (v.length ? [Math.min(...v), Math.max(...v)] : []);

/** Both background reports. */
export function backgroundReport(P: Prepared, s: Settings): BackgroundReport {
  const p = reportParams(s, { areaRanges: ALL_ONLY, labels: ['all'] });
  const b = analyze(P, p, { kpts: false, scores: false, bckgd: true }).background![0];
  const T = p.oksThrs.length;
  const count = (f: Uint8Array) => f.reduce((n, v) => n + v, 0);
  const badFp: number[] = [];
  for (let d = 0; d < P.dt.nDt; d++) if (b.falsePos.every((f) => f[d])) badFp.push(d);
  const badFn: number[] = [];
  for (let g = 0; g < P.gt.nGt; g++) if (b.falseNeg.every((f) => f[g])) badFn.push(g);
  const score = P.dt.score;
  const sortedFp = [...badFp].sort((x, y) => score[y] - score[x]);
  const shown = [...sortedFp.slice(0, 4), ...sortedFp.slice(-4)];
  const pct = [20, 40, 60, 80].map((q) => percentile(score, q));
  const high = sortedFp.filter((d) => pct[3] <= score[d]);
  const fpArea = [0, 0, 0, 0, 0];
  const fpPeople = [0, 0, 0, 0, 0];
  for (const d of high) {
    areaBin(P.dtBox[4 * d + 2], P.dtBox[4 * d + 3], fpArea);
    peopleBin(P, P.dt.img[d], fpPeople);
  }
  const fnArea = [0, 0, 0, 0, 0];
  const fnPeople = [0, 0, 0, 0, 0];
  const hist: Record<string, number> = {};
  for (const g of badFn) {
    const nk = String(P.gt.numKeypoints[g]);
    hist[nk] = (hist[nk] ?? 0) + 1;
    if (P.gt.numKeypoints[g] === 0) continue;
    areaBin(P.gt.bbox[4 * g + 2], P.gt.bbox[4 * g + 3], fnArea);
    peopleBin(P, P.gt.img[g], fnPeople);
  }
  const dtIds = (l: number[]) => l.map((d) => P.dtId[d]);
  return {
    perOks: { oks: [...p.oksThrs], dtMatches: [...b.dtMatches], numFalsePos: b.falsePos.map(count), gtMatches: [...b.gtMatches], numFalseNeg: b.falseNeg.map(count) },
    falsePos: {
      numDetections: P.dt.nDt,
      badFalsePos: dtIds(badFp),
      shown: dtIds(shown),
      scorePercentiles: pct,
      highScoreFalsePos: dtIds(high),
      bboxWidthMinMax: minMax(high.map((d) => P.dtBox[4 * d + 2])),
      bboxHeightMinMax: minMax(high.map((d) => P.dtBox[4 * d + 3])),
      areaBins: fpArea,
      numPeopleBins: fpPeople,
    },
    falseNeg: {
      badFalseNeg: badFn.map((g) => P.gt.id[g]).sort((x, y) => x - y),
      bboxWidthMinMax: minMax(badFn.map((g) => P.gt.bbox[4 * g + 2])),
      bboxHeightMinMax: minMax(badFn.map((g) => P.gt.bbox[4 * g + 3])),
      areaBins: fnArea,
      numPeopleBins: fnPeople,
      numKeypointsHist: hist,
    },
  };
  void T;
}
