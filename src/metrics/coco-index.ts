/**
 * Validation of COCO ground truth and keypoint results, and their packing
 * into flat typed arrays for the evaluator (one pass over each list).
 *
 * Only own, known fields are read (`Object.hasOwn`), so `__proto__` or
 * `constructor` keys in a JSON file are inert data and nothing is ever copied
 * into an object keyed by file content. Every error names the record:
 * `gt.annotations[12] (id 5): keypoints must …`.
 */
import type { CocoDataset, CocoKeypointResult } from './coco-types.js';

/** Ground truth packed for evaluation. Per-annotation arrays are indexed 0 … nGt−1. */
export interface GtIndex {
  /** Keypoints per instance. */
  K: number;
  /** Sorted image ids (pycocotools `sorted(getImgIds())`). */
  imgIds: number[];
  imgIndex: Map<number, number>;
  /** Sorted ids of the evaluated (keypoint) categories. */
  catIds: number[];
  catIndex: Map<number, number>;
  /** Every category id in the file (results of other categories are skipped). */
  allCatIds: Set<number>;
  nGt: number;
  img: Int32Array;
  cat: Int32Array;
  id: Float64Array;
  area: Float64Array;
  /** `[x, y, w, h]` per annotation. */
  bbox: Float64Array;
  crowd: Uint8Array;
  /** pycocotools `_prepare`: `iscrowd`, or `num_keypoints == 0`. */
  ignore: Uint8Array;
  /** `[x, y, v]` × K per annotation. */
  kp: Float64Array;
}

/** Results packed for evaluation, in file order (only evaluated categories). */
export interface DtIndex {
  nDt: number;
  img: Int32Array;
  cat: Int32Array;
  score: Float64Array;
  area: Float64Array;
  /** `[x, y, s]` × K per detection. */
  kp: Float64Array;
}

const own = (o: object, k: string): boolean => Object.prototype.hasOwnProperty.call(o, k);

function isRecord(v: unknown): v is Record<string, unknown> {
  return v !== null && typeof v === 'object' && !Array.isArray(v);
}

function describe(v: unknown): string {
  if (typeof v === 'string') return `the string ${JSON.stringify(v.length > 20 ? v.slice(0, 20) + '…' : v)}`;
  if (Array.isArray(v)) return 'an array';
  return v === null ? 'null' : typeof v === 'number' ? String(v) : typeof v;
}

function field(where: string, rec: Record<string, unknown>, key: string): unknown {
  if (!own(rec, key)) throw new TypeError(`${where}: missing field "${key}"`);
  return rec[key];
}

function intField(where: string, rec: Record<string, unknown>, key: string): number {
  const v = field(where, rec, key);
  if (typeof v !== 'number') throw new TypeError(`${where}: "${key}" must be a number, got ${describe(v)}`);
  if (!Number.isSafeInteger(v)) throw new RangeError(`${where}: "${key}" must be an integer, got ${v}`);
  return v;
}

function numField(where: string, rec: Record<string, unknown>, key: string, min = -Infinity): number {
  const v = field(where, rec, key);
  if (typeof v !== 'number') throw new TypeError(`${where}: "${key}" must be a number, got ${describe(v)}`);
  if (!Number.isFinite(v)) throw new RangeError(`${where}: "${key}" must be finite, got ${v}`);
  if (v < min) throw new RangeError(`${where}: "${key}" must be >= ${min}, got ${v}`);
  return v;
}

/** Copy a flat numeric array field of exactly `n` finite numbers into `out` at `off`. */
function numbersInto(where: string, rec: Record<string, unknown>, key: string, n: number, out: Float64Array, off: number, what: string): void {
  const v = field(where, rec, key);
  if (!Array.isArray(v)) throw new TypeError(`${where}: "${key}" must be an array of numbers, got ${describe(v)}`);
  if (v.length !== n) throw new RangeError(`${where}: "${key}" must have ${n} numbers (${what}), got ${v.length}`);
  for (let i = 0; i < n; i++) {
    const x = v[i];
    if (typeof x !== 'number') throw new TypeError(`${where}: "${key}"[${i}] must be a number, got ${describe(x)}`);
    if (!Number.isFinite(x)) throw new RangeError(`${where}: "${key}"[${i}] must be finite, got ${x}`);
    out[off + i] = x;
  }
}

function arrayField(where: string, rec: Record<string, unknown>, key: string): unknown[] {
  const v = field(where, rec, key);
  if (!Array.isArray(v)) throw new TypeError(`${where}: "${key}" must be an array, got ${describe(v)}`);
  return v;
}

/**
 * Validate a COCO keypoint ground truth and pack it.
 * @param gt parsed COCO JSON
 * @param K keypoints per instance (the length of the sigmas)
 */
export function indexGroundTruth(gt: unknown, K: number): GtIndex {
  if (!isRecord(gt)) throw new TypeError(`gt must be a COCO dataset object, got ${describe(gt)}`);
  const images = arrayField('gt', gt, 'images');
  const annotations = arrayField('gt', gt, 'annotations');
  const categories = arrayField('gt', gt, 'categories');

  const imgIdSet = new Set<number>();
  images.forEach((im, i) => {
    const where = `gt.images[${i}]`;
    if (!isRecord(im)) throw new TypeError(`${where} must be an object, got ${describe(im)}`);
    const id = intField(where, im, 'id');
    if (imgIdSet.has(id)) throw new RangeError(`${where}: duplicate image id ${id}`);
    imgIdSet.add(id);
  });
  const imgIds = [...imgIdSet].sort((a, b) => a - b);
  const imgIndex = new Map(imgIds.map((id, i) => [id, i]));

  const allCatIds = new Set<number>();
  const kpCats: number[] = [];
  categories.forEach((c, i) => {
    const where = `gt.categories[${i}]`;
    if (!isRecord(c)) throw new TypeError(`${where} must be an object, got ${describe(c)}`);
    const id = intField(where, c, 'id');
    if (allCatIds.has(id)) throw new RangeError(`${where}: duplicate category id ${id}`);
    allCatIds.add(id);
    if (own(c, 'keypoints') && Array.isArray(c.keypoints)) kpCats.push(id);
  });
  // Evaluate the categories that declare keypoints (person in COCO); a file where none does is taken whole.
  const catIds = (kpCats.length > 0 ? kpCats : [...allCatIds]).sort((a, b) => a - b);
  const catIndex = new Map(catIds.map((id, i) => [id, i]));

  const n = annotations.length;
  const img = new Int32Array(n);
  const cat = new Int32Array(n);
  const id = new Float64Array(n);
  const area = new Float64Array(n);
  const bbox = new Float64Array(4 * n);
  const crowd = new Uint8Array(n);
  const ignore = new Uint8Array(n);
  const kp = new Float64Array(3 * K * n);
  const annIds = new Set<number>();
  let m = 0;
  for (let i = 0; i < n; i++) {
    const a = annotations[i];
    let where = `gt.annotations[${i}]`;
    if (!isRecord(a)) throw new TypeError(`${where} must be an object, got ${describe(a)}`);
    const aid = intField(where, a, 'id');
    where += ` (id ${aid})`;
    if (annIds.has(aid)) throw new RangeError(`${where}: duplicate annotation id ${aid}`);
    annIds.add(aid);
    const imageId = intField(where, a, 'image_id');
    const ii = imgIndex.get(imageId);
    if (ii === undefined) throw new RangeError(`${where}: image_id ${imageId} is not in gt.images`);
    const catId = intField(where, a, 'category_id');
    if (!allCatIds.has(catId)) throw new RangeError(`${where}: category_id ${catId} is not in gt.categories`);
    const ci = catIndex.get(catId);
    if (ci === undefined) continue; // documented skip: annotations of categories without keypoints
    numbersInto(where, a, 'keypoints', 3 * K, kp, 3 * K * m, `${K} keypoints × (x, y, v)`);
    let visible = 0;
    for (let k = 0; k < K; k++) if (kp[3 * K * m + 3 * k + 2] > 0) visible++;
    area[m] = numField(where, a, 'area', 0);
    numbersInto(where, a, 'bbox', 4, bbox, 4 * m, 'x, y, w, h');
    let isCrowd = 0;
    if (own(a, 'iscrowd')) {
      const c = a.iscrowd;
      if (c !== 0 && c !== 1 && c !== true && c !== false) throw new RangeError(`${where}: "iscrowd" must be 0 or 1, got ${describe(c)}`);
      isCrowd = c === 1 || c === true ? 1 : 0;
    }
    let numKeypoints = visible;
    if (own(a, 'num_keypoints')) numKeypoints = intField(where, a, 'num_keypoints');
    if (numKeypoints < 0) throw new RangeError(`${where}: "num_keypoints" must be >= 0, got ${numKeypoints}`);
    img[m] = ii;
    cat[m] = ci;
    id[m] = aid;
    crowd[m] = isCrowd;
    // pycocotools _prepare: ignore = iscrowd, and for keypoints num_keypoints == 0 ⇒ ignore (an `ignore` field is overwritten there, so it is not read here either).
    ignore[m] = isCrowd || numKeypoints === 0 ? 1 : 0;
    m++;
  }
  return {
    K,
    imgIds,
    imgIndex,
    catIds,
    catIndex,
    allCatIds,
    nGt: m,
    img: img.subarray(0, m),
    cat: cat.subarray(0, m),
    id: id.subarray(0, m),
    area: area.subarray(0, m),
    bbox: bbox.subarray(0, 4 * m),
    crowd: crowd.subarray(0, m),
    ignore: ignore.subarray(0, m),
    kp: kp.subarray(0, 3 * K * m),
  };
}

/**
 * Validate keypoint results against the ground truth and pack them, as
 * pycocotools `COCO.loadRes`: every `image_id` must be a GT image; each
 * result's area is `(x1 − x0)·(y1 − y0)` over all its keypoints — or, when the
 * first result carries a non-empty `bbox`, `w·h` of every result's bbox
 * (`loadRes` takes its bbox branch first). Results of categories that are not
 * evaluated are skipped.
 */
export function indexResults(results: unknown, gt: GtIndex): DtIndex {
  if (!Array.isArray(results)) throw new TypeError(`results must be an array of keypoint results, got ${describe(results)}`);
  const K = gt.K;
  const n = results.length;
  const img = new Int32Array(n);
  const cat = new Int32Array(n);
  const score = new Float64Array(n);
  const area = new Float64Array(n);
  const kp = new Float64Array(3 * K * n);
  const box = new Float64Array(4);
  const first = results[0];
  const areaFromBbox = isRecord(first) && own(first, 'bbox') && !(Array.isArray(first.bbox) && first.bbox.length === 0);
  let m = 0;
  for (let i = 0; i < n; i++) {
    const r = results[i];
    const where = `results[${i}]`;
    if (!isRecord(r)) throw new TypeError(`${where} must be an object, got ${describe(r)}`);
    const imageId = intField(where, r, 'image_id');
    const ii = gt.imgIndex.get(imageId);
    // pycocotools loadRes: "Results do not correspond to current coco set".
    if (ii === undefined) throw new RangeError(`${where}: image_id ${imageId} is not an image of the ground truth (results do not correspond to the GT set)`);
    const catId = intField(where, r, 'category_id');
    const s = numField(where, r, 'score');
    const off = 3 * K * m;
    numbersInto(where, r, 'keypoints', 3 * K, kp, off, `${K} keypoints × (x, y, score)`);
    let a: number;
    if (areaFromBbox) {
      numbersInto(where, r, 'bbox', 4, box, 0, 'x, y, w, h');
      a = box[2] * box[3];
    } else {
      let x0 = Infinity;
      let x1 = -Infinity;
      let y0 = Infinity;
      let y1 = -Infinity;
      for (let k = 0; k < K; k++) {
        const x = kp[off + 3 * k];
        const y = kp[off + 3 * k + 1];
        if (x < x0) x0 = x;
        if (x > x1) x1 = x;
        if (y < y0) y0 = y;
        if (y > y1) y1 = y;
      }
      a = (x1 - x0) * (y1 - y0);
    }
    const ci = gt.catIndex.get(catId);
    if (ci === undefined) continue; // documented skip: pycocotools getAnnIds(catIds=…) drops other categories
    img[m] = ii;
    cat[m] = ci;
    score[m] = s;
    area[m] = a;
    m++;
  }
  return {
    nDt: m,
    img: img.subarray(0, m),
    cat: cat.subarray(0, m),
    score: score.subarray(0, m),
    area: area.subarray(0, m),
    kp: kp.subarray(0, 3 * K * m),
  };
}

/** Type guard re-export for callers holding unknown JSON. */
export type { CocoDataset, CocoKeypointResult };
