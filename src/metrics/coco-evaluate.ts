/**
 * Per-image COCO keypoint evaluation: pycocotools `COCOeval.computeOks` and
 * `evaluateImg` for every (category, image, area range), reduced on the fly
 * to the per-detection TP / FP / ignored flags that `accumulate` needs.
 *
 * Cost: O(Σ_images D·G·K) for OKS plus O(A·T·D·G) for matching, with D ≤ maxDet
 * detections per image; memory O(total detections · A · T) bytes.
 */
import { oksKernel } from './oks.js';
import { AREA_RANGES, IOU_THRESHOLDS } from './coco-params.js';
import type { DtIndex, GtIndex } from './coco-index.js';

/** Detection outcome at one (area range, threshold): counted as a true positive. */
export const TP = 1;
/** Detection outcome: counted as a false positive. */
export const FP = 0;
/** Detection outcome: ignored (matched an ignored GT, or unmatched and outside the area range). */
export const IGNORED = 2;

/** Evaluation settings shared by the evaluation steps. */
export interface CocoEvalSettings {
  /** `(2σ)²` per keypoint. */
  vars: Float64Array;
  /** Detections kept per image (pycocotools `maxDets[-1]`). */
  maxDet: number;
  /** xtcocotools `use_area`: false takes `0.53 · w · h` of the GT bbox as its area. */
  useArea: boolean;
}

/** One category's per-detection outcomes, detections in pycocotools' concatenation order. */
export interface CategoryEval {
  /** False when no image has a GT or a detection of this category (pycocotools: `E` empty). */
  present: boolean;
  /** Scores of the kept detections: images in id order, each image's detections by score (stable), cut to maxDet. */
  scores: Float64Array;
  /** Outcome per (area range a, threshold t, detection i) at `(a·T + t)·nd + i`: {@link TP}, {@link FP} or {@link IGNORED}. */
  outcome: Uint8Array;
  /** Non-ignored GT count per area range (`npig`). */
  npig: Int32Array;
}

/** Group record indices by cell `cat · nImg + img`, keeping file order within a cell (counting sort). */
function groupByCell(n: number, cat: Int32Array, img: Int32Array, nImg: number, nCells: number): { start: Int32Array; order: Int32Array } {
  const start = new Int32Array(nCells + 1);
  for (let i = 0; i < n; i++) start[cat[i] * nImg + img[i] + 1]++;
  for (let c = 0; c < nCells; c++) start[c + 1] += start[c];
  const fill = start.slice(0, nCells);
  const order = new Int32Array(n);
  for (let i = 0; i < n; i++) order[fill[cat[i] * nImg + img[i]]++] = i;
  return { start, order };
}

/**
 * The OKS matrix of one image and category, as pycocotools `computeOks`:
 * rows are the detections `dts` (already in score order, already cut to
 * maxDet), columns the GTs `gts` in file order.
 */
export function oksMatrixOf(gt: GtIndex, dt: DtIndex, gts: ArrayLike<number>, G: number, dts: ArrayLike<number>, D: number, s: CocoEvalSettings, out: Float64Array, scratch: Float64Array): void {
  const K = gt.K;
  for (let j = 0; j < G; j++) {
    const g = gts[j];
    const area = s.useArea ? gt.area[g] : gt.bbox[4 * g + 3] * gt.bbox[4 * g + 2] * 0.53;
    for (let i = 0; i < D; i++) {
      out[i * G + j] = oksKernel(gt.kp, 3 * K * g, dt.kp, 3 * K * dts[i], 3, K, s.vars, area, gt.bbox, 4 * g, scratch);
    }
  }
}

/** Evaluate every image of every evaluated category. */
export function evaluateImages(gt: GtIndex, dt: DtIndex, s: CocoEvalSettings): CategoryEval[] {
  const nImg = gt.imgIds.length;
  const nCat = gt.catIds.length;
  const nCells = nImg * nCat;
  const T = IOU_THRESHOLDS.length;
  const A = AREA_RANGES.length;
  const gByCell = groupByCell(gt.nGt, gt.cat, gt.img, nImg, nCells);
  const dByCell = groupByCell(dt.nDt, dt.cat, dt.img, nImg, nCells);
  const scratch = new Float64Array(gt.K);
  let ious = new Float64Array(0);
  let gtIg = new Uint8Array(0);
  let gtSorted = new Int32Array(0);
  let gtMatched = new Uint8Array(0);
  const result: CategoryEval[] = [];

  for (let k = 0; k < nCat; k++) {
    // Upper bound on kept detections for this category.
    let cap = 0;
    for (let im = 0; im < nImg; im++) {
      const c = k * nImg + im;
      cap += Math.min(dByCell.start[c + 1] - dByCell.start[c], s.maxDet);
    }
    const scores = new Float64Array(cap);
    const outcome = new Uint8Array(A * T * cap);
    const npig = new Int32Array(A);
    let nd = 0;
    let present = false;

    for (let im = 0; im < nImg; im++) {
      const c = k * nImg + im;
      const g0 = gByCell.start[c];
      const G = gByCell.start[c + 1] - g0;
      const d0 = dByCell.start[c];
      const Dall = dByCell.start[c + 1] - d0;
      if (G === 0 && Dall === 0) continue; // pycocotools evaluateImg returns None
      present = true;
      const gts = gByCell.order.subarray(g0, g0 + G);
      // Detections by score, highest first; ties keep file order (np.argsort kind='mergesort').
      const order = Array.from(dByCell.order.subarray(d0, d0 + Dall));
      order.sort((a, b) => dt.score[b] - dt.score[a] || a - b);
      const D = Math.min(Dall, s.maxDet);
      const dts = order.slice(0, D);
      // computeOks: empty when either side is empty.
      const haveIous = G > 0 && D > 0;
      if (haveIous) {
        if (ious.length < D * G) ious = new Float64Array(D * G * 2);
        oksMatrixOf(gt, dt, gts, G, dts, D, s, ious, scratch);
      }
      if (gtIg.length < G) {
        gtIg = new Uint8Array(G * 2);
        gtSorted = new Int32Array(G * 2);
        gtMatched = new Uint8Array(G * 2);
      }
      for (let i = 0; i < D; i++) scores[nd + i] = dt.score[dts[i]];
      for (let a = 0; a < A; a++) {
        const [lo, hi] = AREA_RANGES[a];
        // _ignore, then GTs sorted ignore-last (stable).
        let p = 0;
        for (let j = 0; j < G; j++) {
          const g = gts[j];
          const ga = s.useArea ? gt.area[g] : gt.bbox[4 * g + 2] * gt.bbox[4 * g + 3] * 0.53;
          gtIg[j] = gt.ignore[g] || ga < lo || ga > hi ? 1 : 0;
          if (!gtIg[j]) gtSorted[p++] = j;
        }
        npig[a] += p;
        for (let j = 0; j < G; j++) if (gtIg[j]) gtSorted[p++] = j;
        for (let t = 0; t < T; t++) {
          const base = (a * T + t) * cap + nd;
          gtMatched.fill(0, 0, G);
          const thr = Math.min(IOU_THRESHOLDS[t], 1 - 1e-10);
          for (let i = 0; i < D; i++) {
            let best = thr;
            let m = -1;
            if (haveIous) {
              for (let q = 0; q < G; q++) {
                const j = gtSorted[q];
                if (gtMatched[q] && !gt.crowd[gts[j]]) continue;
                // A match to a regular GT exists and the rest are ignored GTs: stop.
                if (m > -1 && gtIg[gtSorted[m]] === 0 && gtIg[j] === 1) break;
                const v = ious[i * G + j];
                if (v < best) continue;
                best = v;
                m = q;
              }
            }
            let ig = 0;
            let matchedNonZero = false;
            if (m > -1) {
              const j = gtSorted[m];
              gtMatched[m] = 1;
              ig = gtIg[j];
              // pycocotools stores the GT id in dtMatches and tests it for != 0: a GT with id 0 reads as unmatched.
              matchedNonZero = gt.id[gts[j]] !== 0;
            }
            if (!matchedNonZero) {
              const da = dt.area[dts[i]];
              if (da < lo || da > hi) ig = 1;
            }
            outcome[base + i] = ig ? IGNORED : matchedNonZero ? TP : FP;
          }
        }
      }
      nd += D;
    }
    result.push({ present, scores: scores.subarray(0, nd), outcome: compact(outcome, A * T, cap, nd), npig });
  }
  return result;
}

/** Re-pack rows of length `cap` to rows of length `nd`. */
function compact(src: Uint8Array, rows: number, cap: number, nd: number): Uint8Array {
  if (cap === nd) return src;
  const out = new Uint8Array(rows * nd);
  for (let r = 0; r < rows; r++) out.set(src.subarray(r * cap, r * cap + nd), r * nd);
  return out;
}
