/**
 * Keypoint localization errors (coco-analyze `find_keypoint_errors`,
 * `_find_dt_gt_matches`, `_find_kpt_errors`, `cocoanalyze.py:105-389`):
 * every detection matched at `oksLocThrs` is compared keypoint by keypoint
 * with every annotation of its image and with their left/right inversions;
 * each labelled keypoint becomes good, jitter, inversion, swap or miss, and
 * gets the position that would fix it (`opt_keypoints`).
 *
 * Similarity of detected keypoint k with annotation row r:
 * `ks = exp(−d² / (2σ_k)² / (area_r + eps) / 2)` (−1 where row r does not
 * label k). Repositioning (reference): `D(t) = sqrt(−ln t · 2 · A · σ_k²)`
 * along +x from the GT keypoint — σ², not the OKS's (2σ)² (`cocoanalyze.py:355`),
 * so a fixed jitter keypoint scores hi^¼; `corrected` mode uses (2σ)² and the
 * `A + eps` of the similarity, so it scores exactly the target similarity.
 * Cost: O(matches · n · K) with n annotations in the image.
 */
import { EPS } from '../oks.js';
import { IGNORED } from '../coco-evaluate.js';
import { evaluatePass } from './passes.js';
import { derivedKeypoints, imageAnnotations, type Prepared } from './prepared.js';
import type { AnalyzeParams } from './settings.js';
import type { KeypointErrorType } from './types.js';

/** Class codes (FORMAT.md). */
export const CLASS = Object.freeze({ unlabelled: 0, good: 1, jitter: 2, inversion: 3, swap: 4, miss: 5, none: -1 });

/** Code of each error type. */
export const ERROR_CODE: Readonly<Record<KeypointErrorType, number>> = Object.freeze({ jitter: 2, inversion: 3, swap: 4, miss: 5 });

/** Localization matches and keypoint errors of one area label. */
export interface LabelErrors {
  /** Matched detection records (ascending = by id), their GT record, OKS and ignore flag. */
  matchDt: Int32Array;
  matchGt: Int32Array;
  matchOks: Float64Array;
  matchIgnore: Int32Array;
  /** Analysed detection records (matched to a GT with keypoints), ascending. */
  analysed: Int32Array;
  /** Detection record → row in `analysed`, −1 if not analysed. */
  row: Int32Array;
  /** Matched GT record of each analysed detection. */
  gtOf: Int32Array;
  /** `[N, K]` class codes. */
  classes: Int32Array;
  /** `[N, K, 3]` repositioned keypoints (x, y, detection's third value). */
  opt: Float64Array;
}

/** Localization matches per area label: one evaluation at `[oksLocThrs]` over all ranges. */
function localizationMatches(P: Prepared, p: AnalyzeParams): { dt: number[]; gt: number[]; oks: number[]; ig: number[] }[] {
  const cats = evaluatePass(P, { areaRanges: p.areaRanges, iouThrs: [p.locThr], maxDets: p.maxDets, gtIgnore: p.gtIgnore, record: true });
  return p.areaRanges.map((_, a) => {
    const rows: [number, number, number, number][] = [];
    for (const c of cats) {
      const nd = c.dts.length;
      for (let i = 0; i < nd; i++) {
        const g = c.match![a * nd + i];
        // _find_dt_gt_matches: `if gtMatch != 0` — a GT with id 0 is no match.
        if (g < 0 || P.gt.id[g] === 0) continue;
        rows.push([c.dts[i], g, c.matchOks![a * nd + i], c.outcome[a * nd + i] === IGNORED ? 1 : 0]);
      }
    }
    rows.sort((x, y) => x[0] - y[0]);
    return { dt: rows.map((r) => r[0]), gt: rows.map((r) => r[1]), oks: rows.map((r) => r[2]), ig: rows.map((r) => r[3]) };
  });
}

/** Per keypoint: the best similarity over the 2n rows (negatives → 0) and the first row reaching it. */
function bestRows(P: Prepared, d: number, rows: number[], ksMax: Float64Array, arg: Int32Array): void {
  const { K, gt, dt, inv, ksVars } = P;
  const n = rows.length;
  for (let k = 0; k < K; k++) {
    const dx0 = dt.kp[3 * K * d + 3 * k];
    const dy0 = dt.kp[3 * K * d + 3 * k + 1];
    let best = -Infinity;
    let bi = 0;
    for (let r = 0; r < 2 * n; r++) {
      const g = rows[r < n ? r : r - n];
      const kk = r < n ? k : inv[k];
      const o = 3 * K * g + 3 * kk;
      const v = gt.kp[o + 2];
      let ks: number;
      if (v > 0) {
        const dx = gt.kp[o] - dx0;
        const dy = gt.kp[o + 1] - dy0;
        ks = Math.exp(-(dx * dx + dy * dy) / ksVars[k] / (gt.area[g] + EPS) / 2);
      } else ks = v === 0 ? -1 : 0;
      if (ks > best) {
        best = ks;
        bi = r;
      }
    }
    ksMax[k] = best < 0 ? 0 : best;
    arg[k] = bi;
  }
}

/** Class code of one keypoint (`cocoanalyze.py:327-346`). */
function classOf(v: number, ks: number, arg: number, n: number, lo: number, hi: number): number {
  if (v === 0) return CLASS.unlabelled;
  if (ks > hi && arg === 0) return CLASS.good;
  if (ks >= lo && ks < hi && arg === 0) return CLASS.jitter;
  if (ks >= lo && arg === n) return CLASS.inversion;
  if (ks >= lo && arg !== 0 && arg !== n) return CLASS.swap;
  if (ks < lo) return CLASS.miss;
  return CLASS.none;
}

/** Distance along x at which similarity `t` is reached for keypoint k of the matched GT. */
function distanceTo(P: Prepared, t: number, area: number, k: number, corrected: boolean): number {
  if (corrected) return Math.sqrt(-Math.log(t) * 2 * (area + EPS) * P.ksVars[k]);
  const s = P.sigma[k];
  // cocoanalyze.py:354-360 uses sigmas**2 where the similarity uses (2σ)².
  return Math.sqrt(-Math.log(t) * 2 * area * (s * s));
}

/** Classify and reposition the keypoints of detection `d` matched to GT `g`; writes row `row`. */
function classify(P: Prepared, p: AnalyzeParams, d: number, g: number, out: LabelErrors, row: number, scratch: { ksMax: Float64Array; arg: Int32Array }): void {
  const { K, gt, dt } = P;
  const anns = imageAnnotations(P, gt.cat[g], gt.img[g]);
  const rows = [g, ...Array.from(anns).filter((a) => a !== g)];
  const n = rows.length;
  bestRows(P, d, rows, scratch.ksMax, scratch.arg);
  const [lo, hi] = p.jitter;
  const A = gt.area[g];
  for (let k = 0; k < K; k++) {
    const o = 3 * K * g + 3 * k;
    const c = classOf(gt.kp[o + 2], scratch.ksMax[k], scratch.arg[k], n, lo, hi);
    out.classes[row * K + k] = c;
    const ks = scratch.ksMax[k];
    // round_oks_max (cocoanalyze.py:363): keep the log finite.
    const ksr = ks === 0 ? ks + EPS : ks === 1 ? ks - EPS : ks;
    const dxs = dt.kp[3 * K * d + 3 * k];
    const dys = dt.kp[3 * K * d + 3 * k + 1];
    let x = 0;
    let y = 0;
    // correct_kpts_x / _y (cocoanalyze.py:366-377): exactly one term is non-zero; a keypoint in no class gets (0, 0).
    if (c === CLASS.good || c === CLASS.unlabelled) {
      x = dxs;
      y = dys;
    } else if (c === CLASS.jitter) {
      x = gt.kp[o] + distanceTo(P, hi, A, k, p.corrected);
      y = gt.kp[o + 1];
    } else if (c === CLASS.miss) {
      x = gt.kp[o] + distanceTo(P, lo, A, k, p.corrected);
      y = gt.kp[o + 1];
    } else if (c === CLASS.inversion || c === CLASS.swap) {
      x = gt.kp[o] + distanceTo(P, ksr, A, k, p.corrected);
      y = gt.kp[o + 1];
    }
    out.opt[(row * K + k) * 3] = x;
    out.opt[(row * K + k) * 3 + 1] = y;
    out.opt[(row * K + k) * 3 + 2] = dt.kp[3 * K * d + 3 * k + 2];
  }
}

/** Localization matches and keypoint errors for every area label. */
export function findKeypointErrors(P: Prepared, p: AnalyzeParams): LabelErrors[] {
  const K = P.K;
  const scratch = { ksMax: new Float64Array(K), arg: new Int32Array(K) };
  return localizationMatches(P, p).map((m) => {
    const keep = m.dt.map((_, i) => i).filter((i) => P.gt.numKeypoints[m.gt[i]] !== 0);
    const N = keep.length;
    const out: LabelErrors = {
      matchDt: Int32Array.from(m.dt),
      matchGt: Int32Array.from(m.gt),
      matchOks: Float64Array.from(m.oks),
      matchIgnore: Int32Array.from(m.ig),
      analysed: Int32Array.from(keep, (i) => m.dt[i]),
      row: new Int32Array(P.dt.nDt).fill(-1),
      gtOf: Int32Array.from(keep, (i) => m.gt[i]),
      classes: new Int32Array(N * K),
      opt: new Float64Array(N * K * 3),
    };
    keep.forEach((i, r) => {
      out.row[m.dt[i]] = r;
      classify(P, p, m.dt[i], m.gt[i], out, r, scratch);
    });
    return out;
  });
}

/**
 * `_correct_dt_keypoints(L)` (`cocoanalyze.py:391-418`): the results' keypoints
 * with every keypoint whose class is in `errTypes` moved to its fix (float arithmetic).
 */
export function appliedKeypoints(P: Prepared, e: LabelErrors, errTypes: readonly KeypointErrorType[]): Float64Array {
  const K = P.K;
  const kp = Float64Array.from(P.dt.kp);
  const changed = new Uint8Array(P.dt.nDt);
  const codes = new Set(errTypes.map((t) => ERROR_CODE[t]));
  for (let r = 0; r < e.analysed.length; r++) {
    const d = e.analysed[r];
    for (let k = 0; k < K; k++) {
      if (!codes.has(e.classes[r * K + k])) continue;
      changed[d] = 1;
      for (let j = 0; j < 3; j++) kp[3 * K * d + 3 * k + j] = e.opt[(r * K + k) * 3 + j];
    }
  }
  return derivedKeypoints(P, kp, P.dt.kp, changed);
}

/** Sums of one class over the analysed detections: total and per keypoint. */
export function classCounts(e: LabelErrors, K: number, code: number, only?: (d: number) => boolean): { total: number; perKeypoint: Int32Array } {
  const per = new Int32Array(K);
  let total = 0;
  for (let r = 0; r < e.analysed.length; r++) {
    if (only && !only(e.analysed[r])) continue;
    for (let k = 0; k < K; k++) {
      if (e.classes[r * K + k] === code) {
        per[k]++;
        total++;
      }
    }
  }
  return { total, perKeypoint: per };
}
