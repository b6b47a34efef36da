/**
 * COCO keypoint evaluation identical to pycocotools
 * `COCOeval(cocoGt, cocoGt.loadRes(results), iouType='keypoints')` followed by
 * `evaluate()`, `accumulate()` and `summarize()`.
 *
 * Cost: O(total OKS pairs · K + nd log nd); one pass over each input list, typed
 * arrays throughout (COCO val 2017 size evaluates in well under a second).
 */
import ndarray from 'ndarray';
import type { NdArray } from 'ndarray';
import { checkAllocation, checkOptions, checkPositiveInt } from '../core/ndarray.js';
import { COCO_SIGMAS, oksVars } from './sigmas.js';
import { indexGroundTruth, indexResults, type GtIndex, type DtIndex } from './coco-index.js';
import { evaluateImages, oksMatrixOf, type CocoEvalSettings } from './coco-evaluate.js';
import { accumulate } from './coco-accumulate.js';
import { summarize } from './coco-summarize.js';
import { AREA_LABELS, IOU_THRESHOLDS, RECALL_THRESHOLDS } from './coco-params.js';
import type { CocoAnnotation, CocoDataset, CocoKeypointResult } from './coco-types.js';

/** Options of {@link cocoKeypointEval}. */
export interface CocoEvalOptions {
  /** σ per keypoint (xtcocotools per-dataset sigmas); its length sets K. Default {@link COCO_SIGMAS} (K = 17). */
  sigmas?: ArrayLike<number>;
  /** Detections kept per image, highest scores first. Default 20. */
  maxDets?: number;
  /** xtcocotools `use_area`: false uses `0.53 · w · h` of the GT bbox instead of `area`. Default true. */
  useArea?: boolean;
}

/** Result of {@link cocoKeypointEval}. */
export interface CocoEvalResult {
  /** AP, AP@.5, AP@.75, AP medium, AP large, AR, AR@.5, AR@.75, AR medium, AR large (−1 where undefined). */
  stats: number[];
  /** `[T=10, R=101, K, A=3, M=1]` precision at each recall point, −1 where undefined (pycocotools `eval['precision']`). */
  precision: NdArray<Float64Array>;
  /** `[T=10, K, A=3, M=1]` final recall (pycocotools `eval['recall']`). */
  recall: NdArray<Float64Array>;
  /** The 10 lines pycocotools prints, joined by `\n`. */
  summary: string;
  /** Axis values: OKS thresholds, recall points, category ids, area labels. */
  params: { iouThrs: readonly number[]; recThrs: readonly number[]; catIds: number[]; areaRngLbl: readonly string[]; maxDets: number[] };
}

function settingsFrom(options: CocoEvalOptions | undefined): { settings: CocoEvalSettings; K: number } {
  const o = checkOptions('options', options);
  const vars = oksVars('options.sigmas', o.sigmas ?? COCO_SIGMAS);
  const maxDet = o.maxDets === undefined ? 20 : checkPositiveInt('options.maxDets', o.maxDets);
  if (o.useArea !== undefined && typeof o.useArea !== 'boolean') throw new TypeError('options.useArea must be a boolean');
  return { settings: { vars, maxDet, useArea: o.useArea ?? true }, K: vars.length };
}

/**
 * Evaluate keypoint detections against a COCO ground truth with
 * pycocotools' exact semantics: crowd and `num_keypoints == 0` GTs ignored,
 * area ranges all / medium / large, `maxDets` per image taken by score
 * before OKS, 10 OKS thresholds 0.50:0.05:0.95, 101-point interpolated precision.
 * @param gt COCO person-keypoints dataset (`images`, `annotations`, `categories`)
 * @param results keypoint results (`image_id`, `category_id`, `keypoints` [3K], `score`)
 * @throws TypeError / RangeError naming the offending record
 */
export function cocoKeypointEval(gt: CocoDataset, results: CocoKeypointResult[], options?: CocoEvalOptions): CocoEvalResult {
  const { settings, K } = settingsFrom(options);
  const g = indexGroundTruth(gt, K);
  // The output precision is [T, R, K, A, M] float64: refuse absurd category counts before any work.
  checkAllocation('gt.categories', IOU_THRESHOLDS.length * RECALL_THRESHOLDS.length * g.catIds.length * AREA_LABELS.length, 8);
  const d = indexResults(results, g);
  const cats = evaluateImages(g, d, settings);
  const acc = accumulate(cats);
  const { stats, lines } = summarize(acc, settings.maxDet);
  const { T, R, K: nK, A, M } = acc.shape;
  return {
    stats,
    precision: ndarray(acc.precision, [T, R, nK, A, M]),
    recall: ndarray(acc.recall, [T, nK, A, M]),
    summary: lines.join('\n'),
    params: { iouThrs: IOU_THRESHOLDS, recThrs: RECALL_THRESHOLDS, catIds: g.catIds, areaRngLbl: AREA_LABELS, maxDets: [settings.maxDet] },
  };
}

/**
 * The OKS matrix of one image and category exactly as pycocotools
 * `COCOeval.computeOks`: detections sorted by score (stable) and cut to
 * `maxDets` first, rows = those detections, columns = `gts` in the given
 * order. Returns `[]` when either list is empty (as the reference).
 * @param gts the image's GT annotations of one category
 * @param dts the image's results of that category
 */
export function computeOks(gts: CocoAnnotation[], dts: CocoKeypointResult[], options?: CocoEvalOptions): number[][] {
  const { settings, K } = settingsFrom(options);
  if (!Array.isArray(gts)) throw new TypeError('gts must be an array of annotations');
  // A one-image dataset around the given records reuses the full validation.
  const imageIds = new Set<number>();
  for (const a of gts) if (a && typeof a === 'object' && Number.isSafeInteger(a.image_id)) imageIds.add(a.image_id);
  if (Array.isArray(dts)) for (const r of dts) if (r && typeof r === 'object' && Number.isSafeInteger(r.image_id)) imageIds.add(r.image_id);
  const catIds = new Set<number>();
  for (const a of gts) if (a && typeof a === 'object' && Number.isSafeInteger(a.category_id)) catIds.add(a.category_id);
  if (Array.isArray(dts)) for (const r of dts) if (r && typeof r === 'object' && Number.isSafeInteger(r.category_id)) catIds.add(r.category_id);
  const g: GtIndex = indexGroundTruth(
    { images: [...imageIds].map((id) => ({ id })), annotations: gts, categories: [...catIds].map((id) => ({ id })) },
    K,
  );
  const d: DtIndex = indexResults(dts, g);
  const order = Array.from({ length: d.nDt }, (_, i) => i).sort((a, b) => d.score[b] - d.score[a] || a - b);
  const D = Math.min(order.length, settings.maxDet);
  const G = g.nGt;
  if (G === 0 || D === 0) return [];
  const gIdx = Int32Array.from({ length: G }, (_, j) => j);
  const out = new Float64Array(D * G);
  oksMatrixOf(g, d.kp, gIdx, G, order.slice(0, D), D, settings.vars, settings.useArea, out, new Float64Array(K));
  return Array.from({ length: D }, (_, i) => Array.from(out.subarray(i * G, (i + 1) * G)));
}
