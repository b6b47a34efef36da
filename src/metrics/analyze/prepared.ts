/**
 * The ground truth and results packed once for every analysis pass
 * (coco-analyze `COCOanalyze.__init__`, `cocoanalyze.py:17-54`): the COCO
 * evaluator's packed arrays plus what the error analysis reads — result ids
 * (`loadRes`: 1-based list position), each image's annotations in file order,
 * integer-keypoint flags and the σ the toolbox uses.
 */
import { COCO_SIGMAS, oksVars } from '../sigmas.js';
import { cellsOf, indexGroundTruth, indexResults, type Cells, type DtIndex, type GtIndex } from '../coco-index.js';
import { flipIndex } from './settings.js';
import { OksCache } from '../coco-evaluate.js';
import type { CocoDataset, CocoKeypointResult } from '../coco-types.js';

/**
 * coco-analyze's own σ literals (`cocoanalyze.py` `Params.sigmas`:
 * `.026, .025, …`), used for keypoint similarities, repositioning and soft-NMS;
 * the evaluation itself uses pycocotools' `[.26, …] / 10` ({@link COCO_SIGMAS}).
 */
export const COCO_ANALYZE_SIGMAS: readonly number[] = Object.freeze([0.026, 0.025, 0.025, 0.035, 0.035, 0.079, 0.079, 0.072, 0.072, 0.062, 0.062, 0.107, 0.107, 0.087, 0.087, 0.089, 0.089]);

export interface Prepared {
  gt: GtIndex;
  dt: DtIndex;
  K: number;
  /** `(2σ)²` of the evaluation (pycocotools `computeOks`). */
  vars: Float64Array;
  /** σ of the error analysis. */
  sigma: Float64Array;
  /** `(2σ)²` from {@link sigma}. */
  ksVars: Float64Array;
  /** Keypoint k of an inverted annotation is `inv[k]`. */
  inv: Int32Array;
  /** Result id per result record (1-based list position). */
  dtId: Float64Array;
  /** 1 where all 3K keypoint values of the result are integers (numpy would hold them in an integer array). */
  dtInteger: Uint8Array;
  /** Each (category, image)'s annotations in file order. */
  gtCells: Cells;
  /** `cat · nImg + img` → GT cell. */
  cellOf: Map<number, number>;
  /** coco-analyze `teamMaxDets`: most results of one image. */
  teamMaxDet: number;
  /** `[x0, y0, w, h]` per result, from all K keypoints (`loadRes`). */
  dtBox: Float64Array;
  /** Image indices in `gt.images` file order. */
  imageFileOrder: number[];
  /** Memoised OKS rows per keypoint version (the original results and every corrected copy). */
  caches: WeakMap<Float64Array, OksCache>;
}

/**
 * Register a corrected copy `kp` of keypoint version `from`, differing only in
 * the result records flagged in `changed`: its OKS rows are shared with `from`
 * elsewhere.
 */
export function derivedKeypoints(P: Prepared, kp: Float64Array, from: Float64Array, changed: Uint8Array): Float64Array {
  P.caches.set(kp, new OksCache(P.gt, kp, P.vars, true, P.caches.get(from), changed));
  return kp;
}

/** K from the first keypoint category's `keypoints` names, else from the sigmas, else 17. */
function keypointCount(gt: unknown, sigmas: ArrayLike<number> | undefined): number {
  const cats = (gt as CocoDataset | undefined)?.categories;
  if (Array.isArray(cats)) {
    for (const c of cats) {
      if (c && typeof c === 'object' && Array.isArray((c as { keypoints?: unknown }).keypoints) && (c as { keypoints: unknown[] }).keypoints.length > 0) {
        return (c as { keypoints: unknown[] }).keypoints.length;
      }
    }
  }
  return sigmas?.length ?? 17;
}

function sigmasOf(sigmas: ArrayLike<number> | undefined, K: number): { vars: Float64Array; sigma: Float64Array } {
  if (sigmas === undefined && K !== 17) throw new RangeError(`options.sigmas is required for K = ${K} keypoints (the default sigmas are COCO's 17)`);
  const vars = oksVars('options.sigmas', sigmas ?? COCO_SIGMAS, K);
  const sigma = Float64Array.from(sigmas ?? COCO_ANALYZE_SIGMAS);
  return { vars, sigma };
}

/** Largest number of results in one (category, image). */
function maxPerCell(dt: DtIndex, nImg: number, nCat: number): number {
  const c = cellsOf(dt.nDt, dt.cat, dt.img, nImg, nCat);
  let m = 0;
  for (let i = 0; i < c.n; i++) if (c.count[i] > m) m = c.count[i];
  return m;
}

function boxes(dt: DtIndex, K: number): Float64Array {
  const out = new Float64Array(4 * dt.nDt);
  for (let d = 0; d < dt.nDt; d++) {
    let x0 = Infinity;
    let x1 = -Infinity;
    let y0 = Infinity;
    let y1 = -Infinity;
    for (let k = 0; k < K; k++) {
      const x = dt.kp[3 * K * d + 3 * k];
      const y = dt.kp[3 * K * d + 3 * k + 1];
      if (x < x0) x0 = x;
      if (x > x1) x1 = x;
      if (y < y0) y0 = y;
      if (y > y1) y1 = y;
    }
    out.set([x0, y0, x1 - x0, y1 - y0], 4 * d);
  }
  return out;
}

/** Validate and pack the inputs (everything `cocoKeypointEval` rejects is rejected here too). */
/** Most evaluated categories {@link prepare} accepts (coco-analyze diagnoses one category, person; 256 take seconds). */
const MAX_ANALYZE_CATEGORIES = 256;

export function prepare(gt: CocoDataset, results: CocoKeypointResult[], sigmas: ArrayLike<number> | undefined, flipPairs: unknown): Prepared {
  const K = keypointCount(gt, sigmas);
  const { vars, sigma } = sigmasOf(sigmas, K);
  const inv = flipIndex(flipPairs, K);
  const g = indexGroundTruth(gt, K);
  // Every pass and PR curve of the analysis is dense over categories (R·K_cat values per curve, ~25 passes): bound them before any work.
  if (g.catIds.length > MAX_ANALYZE_CATEGORIES) throw new RangeError(`gt.categories must hold <= ${MAX_ANALYZE_CATEGORIES} evaluated categories for analyzeCocoKeypoints (its curves are dense over categories), got ${g.catIds.length}`);
  const d = indexResults(results, g);
  const ksVars = sigma.map((s) => (s * 2) ** 2);
  const dtId = Float64Array.from(d.src, (s) => s + 1);
  const dtInteger = new Uint8Array(d.nDt);
  for (let i = 0; i < d.nDt; i++) {
    let all = 1;
    for (let j = 0; j < 3 * K; j++) if (!Number.isInteger(d.kp[3 * K * i + j])) all = 0;
    dtInteger[i] = all;
  }
  const nImg = g.imgIds.length;
  const gtCells = cellsOf(g.nGt, g.cat, g.img, nImg, g.catIds.length);
  const cellOf = new Map<number, number>();
  for (let c = 0; c < gtCells.n; c++) cellOf.set(gtCells.cat[c] * nImg + gtCells.img[c], c);
  return { gt: g, dt: d, K, vars, sigma, ksVars, inv, dtId, dtInteger, gtCells, cellOf, teamMaxDet: Math.max(1, maxPerCell(d, nImg, g.catIds.length)), dtBox: boxes(d, K),
    imageFileOrder: gt.images.map((im) => g.imgIndex.get(im.id)!),
    caches: new WeakMap([[d.kp, new OksCache(g, d.kp, vars, true)]]),
  };
}

/** The GT records of the result's (category, image), in file order. */
export function imageAnnotations(P: Prepared, cat: number, img: number): Int32Array {
  const c = P.cellOf.get(cat * P.gt.imgIds.length + img);
  if (c === undefined) return new Int32Array(0);
  return P.gtCells.order.subarray(P.gtCells.start[c], P.gtCells.start[c] + P.gtCells.count[c]);
}

/** Every evaluated-category annotation of image `img`, categories in order, file order within each. */
export function annotationsOfImage(P: Prepared, img: number): number[] {
  const out: number[] = [];
  for (let c = 0; c < P.gt.catIds.length; c++) out.push(...imageAnnotations(P, c, img));
  return out;
}
