/**
 * Validation of COCO ground truth and keypoint results, and their packing
 * into flat typed arrays for the evaluator (one pass over each list).
 *
 * Only own, known fields are read (`Object.hasOwn`), so `__proto__` or
 * `constructor` keys in a JSON file are inert data and nothing is ever copied
 * into an object keyed by file content. Every error names the record:
 * `gt.annotations[12] (id 5): keypoints must …`.
 *
 * Long file: GT and result validation share the private field readers, and the
 * sparse (category, image) cells are the third view of the same packed index.
 */
import { checkAllocation } from '../core/ndarray.js';
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
  /** `num_keypoints` (default: the count of v > 0). */
  numKeypoints: Int32Array;
  /** Position of each packed annotation in `gt.annotations` (file order). */
  src: Int32Array;
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
  /** Position of each packed result in `results`: its pycocotools `loadRes` id is `src + 1`. */
  src: Int32Array;
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

/** Image ids, checked unique, sorted (pycocotools `sorted(getImgIds())`). */
function readImageIds(images: unknown[]): { imgIds: number[]; imgIndex: Map<number, number> } {
  const imgIdSet = new Set<number>();
  images.forEach((im, i) => {
    const where = `gt.images[${i}]`;
    if (!isRecord(im)) throw new TypeError(`${where} must be an object, got ${describe(im)}`);
    const id = intField(where, im, 'id');
    if (imgIdSet.has(id)) throw new RangeError(`${where}: duplicate image id ${id}`);
    imgIdSet.add(id);
  });
  const imgIds = [...imgIdSet].sort((a, b) => a - b);
  return { imgIds, imgIndex: new Map(imgIds.map((id, i) => [id, i])) };
}

/** Category ids; the evaluated ones are those that declare `keypoints` (all of them when none does). */
function readCategories(categories: unknown[]): { catIds: number[]; catIndex: Map<number, number>; allCatIds: Set<number> } {
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
  const catIds = (kpCats.length > 0 ? kpCats : [...allCatIds]).sort((a, b) => a - b);
  return { catIds, catIndex: new Map(catIds.map((id, i) => [id, i])), allCatIds };
}

/** Typed columns of the packed annotations, sized for `n` records. */
function gtColumns(n: number, K: number) {
  checkAllocation('gt.annotations', 3 * K * n, 8);
  return {
    img: new Int32Array(n),
    cat: new Int32Array(n),
    id: new Float64Array(n),
    area: new Float64Array(n),
    bbox: new Float64Array(4 * n),
    crowd: new Uint8Array(n),
    ignore: new Uint8Array(n),
    numKeypoints: new Int32Array(n),
    src: new Int32Array(n),
    kp: new Float64Array(3 * K * n),
  };
}

type GtColumns = ReturnType<typeof gtColumns>;

/** `iscrowd`: 0/1 or a boolean, default 0. */
function crowdFlag(where: string, a: Record<string, unknown>): number {
  if (!own(a, 'iscrowd')) return 0;
  const c = a.iscrowd;
  if (c !== 0 && c !== 1 && c !== true && c !== false) throw new RangeError(`${where}: "iscrowd" must be 0 or 1, got ${describe(c)}`);
  return c === 1 || c === true ? 1 : 0;
}

/** Validate annotation `i` and write it at row `m` (its category is evaluated). */
function packAnnotation(where: string, a: Record<string, unknown>, K: number, cols: GtColumns, m: number): void {
  numbersInto(where, a, 'keypoints', 3 * K, cols.kp, 3 * K * m, `${K} keypoints × (x, y, v)`);
  let visible = 0;
  for (let k = 0; k < K; k++) if (cols.kp[3 * K * m + 3 * k + 2] > 0) visible++;
  cols.area[m] = numField(where, a, 'area', 0);
  numbersInto(where, a, 'bbox', 4, cols.bbox, 4 * m, 'x, y, w, h');
  const isCrowd = crowdFlag(where, a);
  const numKeypoints = own(a, 'num_keypoints') ? intField(where, a, 'num_keypoints') : visible;
  if (numKeypoints < 0) throw new RangeError(`${where}: "num_keypoints" must be >= 0, got ${numKeypoints}`);
  cols.crowd[m] = isCrowd;
  cols.numKeypoints[m] = numKeypoints;
  // pycocotools _prepare: ignore = iscrowd, and for keypoints num_keypoints == 0 ⇒ ignore (an `ignore` field is overwritten there, so it is not read here either).
  cols.ignore[m] = isCrowd || numKeypoints === 0 ? 1 : 0;
}

/**
 * Most evaluated categories (with `keypoints`, else all) a ground truth may
 * have: every output of the evaluation is dense over categories
 * (`precision [T, R, K_cat, A, M]`, 3030 float64 each), so the work and the
 * result grow with the category count even where a category has no data.
 * Keypoint datasets have 1 (COCO) to ~54 (AP-10K) categories; 16384 give a
 * 400 MB precision table.
 */
export const MAX_COCO_CATEGORIES = 16384;

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
  const { imgIds, imgIndex } = readImageIds(images);
  const { catIds, catIndex, allCatIds } = readCategories(categories);
  if (catIds.length > MAX_COCO_CATEGORIES) throw new RangeError(`gt.categories must hold <= ${MAX_COCO_CATEGORIES} evaluated categories (the evaluation is dense over categories), got ${catIds.length}`);
  const n = annotations.length;
  const cols = gtColumns(n, K);
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
    packAnnotation(where, a, K, cols, m);
    cols.img[m] = ii;
    cols.cat[m] = ci;
    cols.id[m] = aid;
    cols.src[m] = i;
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
    img: cols.img.subarray(0, m),
    cat: cols.cat.subarray(0, m),
    id: cols.id.subarray(0, m),
    area: cols.area.subarray(0, m),
    bbox: cols.bbox.subarray(0, 4 * m),
    crowd: cols.crowd.subarray(0, m),
    ignore: cols.ignore.subarray(0, m),
    numKeypoints: cols.numKeypoints.subarray(0, m),
    src: cols.src.subarray(0, m),
    kp: cols.kp.subarray(0, 3 * K * m),
  };
}

/**
 * Area of the box spanned by all K keypoints of one record, px²:
 * `(max x − min x)·(max y − min y)` over `kp[off + 3k]`, `kp[off + 3k + 1]`
 * (pycocotools `COCO.loadRes` for keypoint results without a bbox;
 * coco-analyze's soft-NMS uses the same). Labelled or not, every keypoint counts. O(K).
 */
export function keypointExtentArea(kp: ArrayLike<number>, off: number, K: number): number {
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
  return (x1 - x0) * (y1 - y0);
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
  checkAllocation('results', 3 * K * n, 8);
  const src = new Int32Array(n);
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
      a = keypointExtentArea(kp, off, K);
    }
    const ci = gt.catIndex.get(catId);
    if (ci === undefined) continue; // documented skip: pycocotools getAnnIds(catIds=…) drops other categories
    img[m] = ii;
    cat[m] = ci;
    score[m] = s;
    area[m] = a;
    src[m] = i;
    m++;
  }
  return {
    nDt: m,
    img: img.subarray(0, m),
    cat: cat.subarray(0, m),
    score: score.subarray(0, m),
    area: area.subarray(0, m),
    src: src.subarray(0, m),
    kp: kp.subarray(0, 3 * K * m),
  };
}

// ---- Sparse (category, image) cells -------------------------------------------
// The records of each non-empty cell, in file order, without any array sized
// images × categories (a GT with 40,000 images and 40,000 keypoint categories
// would otherwise need 1.6·10⁹ slots). Two stable counting sorts (by image,
// then by category) order the records by (category, image, file position) in
// O(n + images + categories).

/** Records of `n` grouped by cell, cells sorted by (category, image). */
export interface Cells {
  /** Record indices, grouped by cell, file order within a cell. */
  order: Int32Array;
  /** Per cell: category, image, first position in `order`, record count. */
  cat: Int32Array;
  img: Int32Array;
  start: Int32Array;
  count: Int32Array;
  n: number;
}

/** Stable counting sort of `idx` by `key[idx[i]]` ∈ [0, nKeys). */
function countingSort(idx: Int32Array, key: Int32Array, nKeys: number): Int32Array {
  const counts = new Int32Array(nKeys + 1);
  for (let i = 0; i < idx.length; i++) counts[key[idx[i]] + 1]++;
  for (let k = 0; k < nKeys; k++) counts[k + 1] += counts[k];
  const out = new Int32Array(idx.length);
  for (let i = 0; i < idx.length; i++) out[counts[key[idx[i]]]++] = idx[i];
  return out;
}

/**
 * Group `n` records with category `cat[i]` ∈ [0, nCat) and image `img[i]` ∈
 * [0, nImg) into cells.
 */
export function cellsOf(n: number, cat: Int32Array, img: Int32Array, nImg: number, nCat: number): Cells {
  const ident = new Int32Array(n);
  for (let i = 0; i < n; i++) ident[i] = i;
  const order = countingSort(countingSort(ident, img, nImg), cat, nCat);
  const cCat: number[] = [];
  const cImg: number[] = [];
  const cStart: number[] = [];
  for (let i = 0; i < n; i++) {
    const r = order[i];
    const last = cCat.length - 1;
    if (last < 0 || cCat[last] !== cat[r] || cImg[last] !== img[r]) {
      cCat.push(cat[r]);
      cImg.push(img[r]);
      cStart.push(i);
    }
  }
  const m = cCat.length;
  const count = new Int32Array(m);
  for (let c = 0; c < m; c++) count[c] = (c + 1 < m ? cStart[c + 1] : n) - cStart[c];
  return { order, cat: Int32Array.from(cCat), img: Int32Array.from(cImg), start: Int32Array.from(cStart), count, n: m };
}

/** One cell of the merged GT / result walk. */
export interface CellPair {
  cat: number;
  img: number;
  /** GT cell index or −1. */
  g: number;
  /** Result cell index or −1. */
  d: number;
}

/** Merge the GT and result cells in (category, image) order: every cell with a GT or a result, once. */
export function mergeCells(gc: Cells, dc: Cells): CellPair[] {
  const out: CellPair[] = [];
  let i = 0;
  let j = 0;
  while (i < gc.n || j < dc.n) {
    const cmp =
      i >= gc.n ? 1 : j >= dc.n ? -1 : gc.cat[i] !== dc.cat[j] ? gc.cat[i] - dc.cat[j] : gc.img[i] - dc.img[j];
    if (cmp === 0) out.push({ cat: gc.cat[i], img: gc.img[i], g: i++, d: j++ });
    else if (cmp < 0) out.push({ cat: gc.cat[i], img: gc.img[i], g: i++, d: -1 });
    else out.push({ cat: dc.cat[j], img: dc.img[j], g: -1, d: j++ });
  }
  return out;
}

/** Type guard re-export for callers holding unknown JSON. */
export type { CocoDataset, CocoKeypointResult };
