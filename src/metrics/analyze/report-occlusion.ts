/**
 * coco-analyze `occlusionAndCrowdingSensitivity`
 * (`analysisAPI/occlusionAndCrowdingSensitivity.py`): GTs grouped by how many
 * other annotations of their image overlap them (box IoU > .1: {0}, {1, 2},
 * {3…8}) and by labelled keypoints ({1…5}, {6…10}, {11…15}, {16, 17}); for
 * each of the 12 cells every other GT is ignored (`useGtIgnore`) and the full
 * analysis runs at OKS .75 on 'all'; the class sums are taken over the first
 * detection localization-matched to each of the cell's GTs.
 */
import ndarray from 'ndarray';
import { analyzeAndSummarize } from './parts.js';
import { ALL_ONLY, reportParams } from './report-params.js';
import { annotationsOfImage, type Prepared } from './prepared.js';
import { CLASS } from './keypoint-errors.js';
import type { Settings } from './settings.js';
import type { AnalyzeStat, OcclusionSensitivity } from './types.js';

const OVERLAP_GROUPS = Object.freeze([[0], [1, 2], [3, 4, 5, 6, 7, 8]].map((g) => Object.freeze(g)));
const KEYPOINT_GROUPS = Object.freeze([[1, 2, 3, 4, 5], [6, 7, 8, 9, 10], [11, 12, 13, 14, 15], [16, 17]].map((g) => Object.freeze(g)));
const CLASS_OF = Object.freeze({ good: CLASS.good, miss: CLASS.miss, jitter: CLASS.jitter, swap: CLASS.swap, inversion: CLASS.inversion });

/** `utilities.compute_iou` of two `[x, y, w, h]` boxes. */
function boxIou(b: Float64Array, i: number, j: number): number {
  const [x1, y1, w1, h1] = [b[4 * i], b[4 * i + 1], b[4 * i + 2], b[4 * i + 3]];
  const [x2, y2, w2, h2] = [b[4 * j], b[4 * j + 1], b[4 * j + 2], b[4 * j + 3]];
  const width = Math.max(0, Math.min(x1 + w1, x2 + w2) - Math.max(x1, x2));
  const height = Math.max(0, Math.min(y1 + h1, y2 + h2) - Math.max(y1, y2));
  const den = w1 * h1 + w2 * h2 - width * height;
  return den === 0 ? 0 : (width * height) / den;
}

/** Overlap count per GT record (−1 outside [0, 1e10)). */
function overlaps(P: Prepared): Int32Array {
  const out = new Int32Array(P.gt.nGt).fill(-1);
  for (let img = 0; img < P.gt.imgIds.length; img++) {
    const anns = annotationsOfImage(P, img).filter((g) => P.gt.area[g] >= 0 && P.gt.area[g] < 1e10);
    for (const g of anns) {
      let n = 0;
      for (const h of anns) if (h !== g && boxIou(P.gt.bbox, g, h) > 0.1) n++;
      // A box with zero area has IoU 0 with itself: `ious − eye` gives −1 there, never > .1.
      out[g] = n;
    }
  }
  return out;
}

/** Occlusion and crowding sensitivity at `oks` (.75 in the toolbox). */
export function occlusionSensitivityReport(P: Prepared, s: Settings, oks = 0.75): OcclusionSensitivity {
  const ov = overlaps(P);
  const nO = OVERLAP_GROUPS.length;
  const nK = KEYPOINT_GROUPS.length;
  const inst = new Int32Array(nO * nK);
  const total = new Int32Array(nO * nK);
  const gtNk = new Int32Array(nO * nK);
  const errors = Object.fromEntries(Object.keys(CLASS_OF).map((k) => [k, new Int32Array(nO * nK)])) as Record<keyof typeof CLASS_OF, Int32Array>;
  const ids: Record<string, number[]> = {};
  const cellStats: Record<string, AnalyzeStat[]> = {};
  for (let i = 0; i < nO; i++) {
    for (let j = 0; j < nK; j++) {
      s.onProgress?.('occlusion cells', i * nK + j, nO * nK);
      const key = `${i}-${j}`;
      const cell: number[] = [];
      for (let g = 0; g < P.gt.nGt; g++) if (ov[g] >= 0 && OVERLAP_GROUPS[i].includes(ov[g]) && KEYPOINT_GROUPS[j].includes(P.gt.numKeypoints[g])) cell.push(g);
      ids[key] = cell.map((g) => P.gt.id[g]).sort((x, y) => x - y);
      inst[i * nK + j] = cell.length;
      const inCell = new Uint8Array(P.gt.nGt);
      for (const g of cell) inCell[g] = 1;
      const gtIgnore = inCell.map((v) => (v ? 0 : 1));
      const p = reportParams(s, { areaRanges: ALL_ONLY, labels: ['all'], oksThrs: [oks], gtIgnore });
      const r = analyzeAndSummarize(P, p, { kpts: true, scores: true, bckgd: true });
      cellStats[key] = r.stats;
      for (const g of cell) gtNk[i * nK + j] += P.gt.numKeypoints[g];
      const e = r.analysis.errors![0];
      // localization_matches[..., 'gts'][g][0]: the first (highest-scored) detection matched to each cell GT.
      const first = new Map<number, number>();
      for (let m = 0; m < e.matchDt.length; m++) {
        const g = e.matchGt[m];
        if (!inCell[g]) continue;
        const d = e.matchDt[m];
        const prev = first.get(g);
        if (prev === undefined || before(P, d, prev)) first.set(g, d);
      }
      const chosen = new Set(first.values());
      for (const d of chosen) {
        const row = e.row[d];
        if (row < 0) continue;
        for (const [name, code] of Object.entries(CLASS_OF)) {
          let n = 0;
          for (let k = 0; k < P.K; k++) if (e.classes[row * P.K + k] === code) n++;
          errors[name as keyof typeof CLASS_OF][i * nK + j] += n;
          total[i * nK + j] += n;
        }
      }
    }
  }
  const mat = (a: Int32Array) => ndarray(a, [nO, nK]);
  return {
    benchmarkInstances: mat(inst),
    benchmarkGtIds: ids,
    cellStats,
    totalKeypoints: mat(total),
    errors: Object.fromEntries(Object.entries(errors).map(([k, v]) => [k, mat(v)])) as OcclusionSensitivity['errors'],
    gtNumKeypoints: mat(gtNk),
  };
}

/** Whether result `a` comes before `b` in its image's evaluation order (score descending, list order on ties). */
function before(P: Prepared, a: number, b: number): boolean {
  const sa = P.dt.score[a];
  const sb = P.dt.score[b];
  return sa > sb || (sa === sb && a < b);
}
