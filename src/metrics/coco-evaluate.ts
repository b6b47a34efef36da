/**
 * Per-image COCO keypoint evaluation: pycocotools `COCOeval.computeOks` and
 * `evaluateImg` for every non-empty (category, image) cell and area range,
 * reduced on the fly to the per-detection TP / FP / ignored flags that
 * `accumulate` needs. The same routine serves coco-analyze's `COCOeval` fork
 * (`matteorr/coco-analyze` `pycocotools/cocoeval.py`): any area ranges, OKS
 * thresholds and maxDets, replaced keypoints or scores, extra ignored GTs
 * (`useGtIgnore`), the matches themselves (`dtMatches`, `dtIous`) and the
 * best OKS per detection (`check_scores` → `dtIousMax`).
 *
 * Cost: O(Σ_cells D·G·K) for OKS plus O(A·T·D·G) for matching, with D ≤ maxDet
 * detections per image; memory O(total detections · A · T) bytes — nothing is
 * sized images × categories.
 *
 * Long file: the matching loop, its per-image buffers and the category outputs
 * are one routine split into named steps; they share private types.
 */
import { oksKernel } from './oks.js';
import { AREA_RANGES, IOU_THRESHOLDS } from './coco-params.js';
import { cellsOf, mergeCells, type CellPair, type Cells, type DtIndex, type GtIndex } from './coco-index.js';
import { checkAllocation } from '../core/ndarray.js';

/** Detection outcome at one (area range, threshold): counted as a true positive. */
export const TP = 1;
/** Detection outcome: counted as a false positive. */
export const FP = 0;
/** Detection outcome: ignored (matched an ignored GT, or unmatched and outside the area range). */
export const IGNORED = 2;

/** Evaluation settings of plain `cocoKeypointEval`. */
export interface CocoEvalSettings {
  /** `(2σ)²` per keypoint. */
  vars: Float64Array;
  /** Detections kept per image (pycocotools `maxDets[-1]`). */
  maxDet: number;
  /** xtcocotools `use_area`: false takes `0.53 · w · h` of the GT bbox as its area. */
  useArea: boolean;
}

/** Everything one evaluation pass reads (coco-analyze's `cocoEval.params` plus the current detections). */
export interface EvalSpec {
  /** `(2σ)²` per keypoint. */
  vars: Float64Array;
  useArea: boolean;
  /** `[lo, hi]` px², both ends inclusive. */
  areaRanges: readonly (readonly [number, number])[];
  /** OKS thresholds in evaluation order. */
  iouThrs: readonly number[];
  /** Sorted ascending; the evaluation keeps `maxDets[last]` detections per image. */
  maxDets: readonly number[];
  /** Replacement keypoints `[x, y, s] × K` per detection record (default `dt.kp`). */
  kp?: Float64Array;
  /** Replacement scores per detection record (default `dt.score`). */
  score?: Float64Array;
  /** Extra ignored GTs per GT record (coco-analyze `useGtIgnore` / `gtIgnoreIds`). */
  gtIgnore?: Uint8Array;
  /** Keep the matched GT and its OKS per (area, threshold, detection). */
  record?: boolean;
  /** coco-analyze `check_scores`: keep each detection's best OKS over the non-ignored GTs. */
  checkScores?: boolean;
  /** Memoised OKS rows of `kp` (its `kp` must be the keypoints evaluated). */
  oksCache?: OksCache;
}

/** One category's per-detection outcomes, detections in pycocotools' concatenation order. */
export interface CategoryEval {
  /** False when no image has a GT or a detection of this category (pycocotools: `E` empty). */
  present: boolean;
  /** Scores of the kept detections: images in id order, each image's detections by score (stable), cut to maxDet. */
  scores: Float64Array;
  /** Detection record of each kept detection. */
  dts: Int32Array;
  /** Position of each kept detection in its image's score order (for `maxDets` below the last). */
  rank: Int32Array;
  /** Outcome per (area range a, threshold t, detection i) at `(a·T + t)·nd + i`: {@link TP}, {@link FP} or {@link IGNORED}. */
  outcome: Uint8Array;
  /** Non-ignored GT count per area range (`npig`). */
  npig: Int32Array;
  /** With `record`: matched GT record (any id, −1 = none) at `(a·T + t)·nd + i`. */
  match?: Int32Array;
  /** With `record`: OKS of that match (`dtIous`). */
  matchOks?: Float64Array;
  /** With `checkScores`: best OKS over the image's non-ignored GTs at `a·nd + i` (0 without one). */
  iousMax?: Float64Array;
}

/**
 * Memoised OKS rows for one version of the detections' keypoints: row `d` is
 * the OKS of detection record `d` with every GT of its (category, image) in
 * file order. A version derived from `base` recomputes only the records
 * flagged in `changed` (coco-analyze re-evaluates after moving a few
 * keypoints; the other rows are shared). Values are bit-identical to
 * {@link oksMatrixOf}.
 */
export class OksCache {
  private readonly rows: (Float64Array | undefined)[];
  private readonly scratch: Float64Array;
  constructor(
    private readonly gt: GtIndex,
    readonly kp: Float64Array,
    private readonly vars: Float64Array,
    private readonly useArea: boolean,
    private readonly base?: OksCache,
    private readonly changed?: Uint8Array,
  ) {
    this.rows = new Array(kp.length / (3 * gt.K));
    this.scratch = new Float64Array(gt.K);
  }
  /** OKS of record `d` with `gts` (its cell's GTs, file order). */
  row(d: number, gts: Int32Array): Float64Array {
    let r = this.rows[d];
    if (r) return r;
    if (this.base && !this.changed![d]) r = this.base.row(d, gts);
    else {
      r = new Float64Array(gts.length);
      oksMatrixOf(this.gt, this.kp, gts, gts.length, [d], 1, this.vars, this.useArea, r, this.scratch);
    }
    this.rows[d] = r;
    return r;
  }
}

/** The GT area pycocotools compares with the area ranges and uses as OKS scale. */
function gtArea(gt: GtIndex, g: number, useArea: boolean): number {
  return useArea ? gt.area[g] : gt.bbox[4 * g + 3] * gt.bbox[4 * g + 2] * 0.53;
}

/**
 * The OKS matrix of one image and category, as pycocotools `computeOks`:
 * rows are the detections `dts` (already in score order, already cut to
 * maxDet), columns the GTs `gts` in file order; `kp` holds the detections'
 * `[x, y, s] × K`.
 */
export function oksMatrixOf(gt: GtIndex, kp: Float64Array, gts: ArrayLike<number>, G: number, dts: ArrayLike<number>, D: number, vars: Float64Array, useArea: boolean, out: Float64Array, scratch: Float64Array): void {
  const K = gt.K;
  for (let j = 0; j < G; j++) {
    const g = gts[j];
    const area = gtArea(gt, g, useArea);
    for (let i = 0; i < D; i++) {
      out[i * G + j] = oksKernel(gt.kp, 3 * K * g, kp, 3 * K * dts[i], 3, K, vars, area, gt.bbox, 4 * g, scratch);
    }
  }
}

/** Reusable per-image buffers, grown on demand. */
class Scratch {
  ious = new Float64Array(0);
  gtIg = new Uint8Array(0);
  gtSorted = new Int32Array(0);
  gtMatched = new Uint8Array(0);
  okss: Float64Array;
  constructor(K: number) {
    this.okss = new Float64Array(K);
  }
  fit(D: number, G: number): void {
    if (this.ious.length < D * G) this.ious = new Float64Array(D * G * 2);
    if (this.gtIg.length < G) {
      this.gtIg = new Uint8Array(G * 2);
      this.gtSorted = new Int32Array(G * 2);
      this.gtMatched = new Uint8Array(G * 2);
    }
  }
}

/** Output buffers of one category, sized for `cap` kept detections. */
function categoryBuffers(cap: number, A: number, T: number, spec: EvalSpec) {
  return {
    scores: new Float64Array(cap),
    dts: new Int32Array(cap),
    rank: new Int32Array(cap),
    outcome: new Uint8Array(A * T * cap),
    npig: new Int32Array(A),
    match: spec.record ? new Int32Array(A * T * cap) : undefined,
    matchOks: spec.record ? new Float64Array(A * T * cap) : undefined,
    iousMax: spec.checkScores ? new Float64Array(A * cap) : undefined,
    cap,
    nd: 0,
    present: false,
  };
}

type CatBuffers = ReturnType<typeof categoryBuffers>;

/** One image of one category: its GTs (file order) and kept detections (score order). */
interface ImageCell {
  gts: Int32Array;
  G: number;
  dts: number[];
  D: number;
  haveIous: boolean;
}

/** Detections of a cell by score, highest first; ties keep file order (np.argsort kind='mergesort'), cut to maxDet. */
function keptDetections(dc: Cells, d: number, score: Float64Array, maxDet: number): number[] {
  if (d < 0) return [];
  const order = Array.from(dc.order.subarray(dc.start[d], dc.start[d] + dc.count[d]));
  order.sort((a, b) => score[b] - score[a] || a - b);
  return order.slice(0, maxDet);
}

/** `_ignore` per GT of the cell for one area range, and the GTs sorted ignore-last (stable); returns the non-ignored count. */
function sortGtsIgnoreLast(gt: GtIndex, cell: ImageCell, lo: number, hi: number, spec: EvalSpec, sc: Scratch): number {
  let p = 0;
  for (let j = 0; j < cell.G; j++) {
    const g = cell.gts[j];
    const ga = gtArea(gt, g, spec.useArea);
    sc.gtIg[j] = gt.ignore[g] || ga < lo || ga > hi || (spec.gtIgnore !== undefined && spec.gtIgnore[g]) ? 1 : 0;
    if (!sc.gtIg[j]) sc.gtSorted[p++] = j;
  }
  const notIgnored = p;
  for (let j = 0; j < cell.G; j++) if (sc.gtIg[j]) sc.gtSorted[p++] = j;
  return notIgnored;
}

/** pycocotools greedy matching of detection `i` at threshold `thr`: the position in `gtSorted` of its GT, or −1. */
function matchOne(gt: GtIndex, cell: ImageCell, i: number, thr: number, sc: Scratch): number {
  let best = thr;
  let m = -1;
  for (let q = 0; q < cell.G; q++) {
    const j = sc.gtSorted[q];
    if (sc.gtMatched[q] && !gt.crowd[cell.gts[j]]) continue;
    // A match to a regular GT exists and the rest are ignored GTs: stop.
    if (m > -1 && sc.gtIg[sc.gtSorted[m]] === 0 && sc.gtIg[j] === 1) break;
    const v = sc.ious[i * cell.G + j];
    if (v < best) continue;
    best = v;
    m = q;
  }
  return m;
}

/** Match every kept detection of the cell at one (area range, threshold) and write outcomes at `base`. */
function matchAtThreshold(gt: GtIndex, dtArea: Float64Array, cell: ImageCell, lo: number, hi: number, thrIn: number, base: number, out: CatBuffers, sc: Scratch): void {
  sc.gtMatched.fill(0, 0, cell.G);
  const thr = Math.min(thrIn, 1 - 1e-10);
  for (let i = 0; i < cell.D; i++) {
    const m = cell.haveIous ? matchOne(gt, cell, i, thr, sc) : -1;
    let ig = 0;
    let matchedNonZero = false;
    if (out.match) {
      out.match[base + i] = -1;
      out.matchOks![base + i] = 0;
    }
    if (m > -1) {
      const j = sc.gtSorted[m];
      sc.gtMatched[m] = 1;
      ig = sc.gtIg[j];
      // pycocotools stores the GT id in dtMatches and tests it for != 0: a GT with id 0 reads as unmatched.
      matchedNonZero = gt.id[cell.gts[j]] !== 0;
      if (out.match) {
        out.match[base + i] = cell.gts[j];
        out.matchOks![base + i] = sc.ious[i * cell.G + j];
      }
    }
    if (!matchedNonZero) {
      const da = dtArea[cell.dts[i]];
      if (da < lo || da > hi) ig = 1;
    }
    out.outcome[base + i] = ig ? IGNORED : matchedNonZero ? TP : FP;
  }
}

/** coco-analyze `evaluateImg(check_scores=True)`: each detection's max OKS over the non-ignored GTs (`dtIousMax`). */
function bestOks(cell: ImageCell, notIgnored: number, base: number, out: CatBuffers, sc: Scratch): void {
  for (let i = 0; i < cell.D; i++) {
    let best = 0;
    if (notIgnored > 0) {
      best = -Infinity;
      for (let q = 0; q < notIgnored; q++) {
        const v = sc.ious[i * cell.G + sc.gtSorted[q]];
        if (v > best) best = v;
      }
    }
    out.iousMax![base + i] = best;
  }
}

/** Evaluate one image of one category at every area range and threshold. */
function evaluateCell(gt: GtIndex, dtArea: Float64Array, cell: ImageCell, spec: EvalSpec, out: CatBuffers, sc: Scratch): void {
  const T = spec.iouThrs.length;
  const nd = out.nd;
  spec.areaRanges.forEach(([lo, hi], a) => {
    const notIgnored = sortGtsIgnoreLast(gt, cell, lo, hi, spec, sc);
    out.npig[a] += notIgnored;
    for (let t = 0; t < T; t++) matchAtThreshold(gt, dtArea, cell, lo, hi, spec.iouThrs[t], (a * T + t) * out.cap + nd, out, sc);
    if (out.iousMax) bestOks(cell, cell.haveIous ? notIgnored : 0, a * out.cap + nd, out, sc);
  });
}

/** Kept-detection capacity per category: Σ over its result cells of min(count, maxDet). */
function capacities(dc: Cells, nCat: number, maxDet: number): Int32Array {
  const cap = new Int32Array(nCat);
  for (let c = 0; c < dc.n; c++) cap[dc.cat[c]] += Math.min(dc.count[c], maxDet);
  return cap;
}

/** Re-pack rows of length `cap` to rows of length `nd`. */
function compact<T extends Uint8Array | Int32Array | Float64Array>(src: T, rows: number, cap: number, nd: number): T {
  if (cap === nd) return src;
  const out = new (src.constructor as new (n: number) => T)(rows * nd);
  for (let r = 0; r < rows; r++) out.set(src.subarray(r * cap, r * cap + nd) as never, r * nd);
  return out;
}

/** Freeze one category's buffers into its {@link CategoryEval}. */
function finish(b: CatBuffers, A: number, T: number): CategoryEval {
  const nd = b.nd;
  return {
    present: b.present,
    scores: b.scores.subarray(0, nd),
    dts: b.dts.subarray(0, nd),
    rank: b.rank.subarray(0, nd),
    outcome: compact(b.outcome, A * T, b.cap, nd),
    npig: b.npig,
    match: b.match && compact(b.match, A * T, b.cap, nd),
    matchOks: b.matchOks && compact(b.matchOks, A * T, b.cap, nd),
    iousMax: b.iousMax && compact(b.iousMax, A, b.cap, nd),
  };
}

/** Build the cell's GT list and kept detections, compute its OKS matrix. */
function prepareCell(gt: GtIndex, gc: Cells, dc: Cells, pair: CellPair, kp: Float64Array, score: Float64Array, spec: EvalSpec, sc: Scratch): ImageCell {
  const gts = pair.g < 0 ? new Int32Array(0) : gc.order.subarray(gc.start[pair.g], gc.start[pair.g] + gc.count[pair.g]);
  const G = gts.length;
  const dts = keptDetections(dc, pair.d, score, spec.maxDets[spec.maxDets.length - 1]);
  const D = dts.length;
  sc.fit(D, G);
  // computeOks: empty when either side is empty.
  const haveIous = G > 0 && D > 0;
  if (haveIous && spec.oksCache) {
    for (let i = 0; i < D; i++) sc.ious.set(spec.oksCache.row(dts[i], gts), i * G);
  } else if (haveIous) oksMatrixOf(gt, kp, gts, G, dts, D, spec.vars, spec.useArea, sc.ious, sc.okss);
  return { gts, G, dts, D, haveIous };
}

/**
 * Evaluate every non-empty (category, image) cell: pycocotools `evaluate()`
 * (and coco-analyze's fork of it) reduced to per-category outcome arrays.
 */
export function evaluateCells(gt: GtIndex, dt: DtIndex, spec: EvalSpec): CategoryEval[] {
  const nImg = gt.imgIds.length;
  const nCat = gt.catIds.length;
  const A = spec.areaRanges.length;
  const T = spec.iouThrs.length;
  checkAllocation('results', A * T * dt.nDt, spec.record ? 13 : 1);
  const kp = spec.kp ?? dt.kp;
  if (spec.oksCache && spec.oksCache.kp !== kp) throw new TypeError('spec.oksCache holds other keypoints than spec.kp');
  const score = spec.score ?? dt.score;
  const gc = cellsOf(gt.nGt, gt.cat, gt.img, nImg, nCat);
  const dc = cellsOf(dt.nDt, dt.cat, dt.img, nImg, nCat);
  const cap = capacities(dc, nCat, spec.maxDets[spec.maxDets.length - 1]);
  const bufs = Array.from({ length: nCat }, (_, k) => categoryBuffers(cap[k], A, T, spec));
  const sc = new Scratch(gt.K);
  for (const pair of mergeCells(gc, dc)) {
    const out = bufs[pair.cat];
    out.present = true;
    const cell = prepareCell(gt, gc, dc, pair, kp, score, spec, sc);
    for (let i = 0; i < cell.D; i++) {
      out.scores[out.nd + i] = score[cell.dts[i]];
      out.dts[out.nd + i] = cell.dts[i];
      out.rank[out.nd + i] = i;
    }
    evaluateCell(gt, dt.area, cell, spec, out, sc);
    out.nd += cell.D;
  }
  return bufs.map((b) => finish(b, A, T));
}

/** Plain pycocotools keypoint evaluation: the three default area ranges, the 10 default thresholds, one maxDets. */
export function evaluateImages(gt: GtIndex, dt: DtIndex, s: CocoEvalSettings): CategoryEval[] {
  return evaluateCells(gt, dt, { vars: s.vars, useArea: s.useArea, areaRanges: AREA_RANGES, iouThrs: IOU_THRESHOLDS, maxDets: [s.maxDet] });
}
