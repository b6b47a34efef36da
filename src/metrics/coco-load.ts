/**
 * Reading COCO ground-truth and result files from disk (Node), with the same
 * validation as {@link cocoKeypointEval}: a bad file fails here, with the
 * record named, rather than deep inside the evaluation.
 */
import { checkOptions } from '../core/ndarray.js';
import { oksVars } from './sigmas.js';
import { indexGroundTruth, indexResults } from './coco-index.js';
import type { CocoDataset, CocoKeypointResult } from './coco-types.js';

/**
 * `node:fs` without a static import, so that `posecodec` and `posecodec/metrics`
 * bundle for browsers (Node ≥ 20.16 has `process.getBuiltinModule`).
 */
interface FsLike {
  readFileSync(p: string, enc: 'utf8'): string;
  statSync(p: string): { isFile(): boolean; isDirectory(): boolean };
}

/** Read a regular file as UTF-8: stat first, so a missing file or a directory is a RangeError naming `path`. */
function readText(path: string, what: string): string {
  const proc = (globalThis as { process?: { getBuiltinModule?: (id: string) => unknown } }).process;
  const fs = proc?.getBuiltinModule?.('node:fs') as FsLike | undefined;
  if (!fs) throw new TypeError(`reading ${what} from a file needs Node.js >= 20.16; elsewhere parse the JSON yourself and pass it to cocoKeypointEval`);
  let st: { isFile(): boolean; isDirectory(): boolean };
  try {
    st = fs.statSync(path);
  } catch (e) {
    throw new RangeError(`path ${JSON.stringify(path)} (${what}) cannot be read: ${(e as { code?: string }).code ?? (e as Error).message}`);
  }
  if (!st.isFile()) throw new RangeError(`path ${JSON.stringify(path)} (${what}) must be a regular file, got ${st.isDirectory() ? 'a directory' : 'a special file'}`);
  try {
    return fs.readFileSync(path, 'utf8');
  } catch (e) {
    throw new RangeError(`path ${JSON.stringify(path)} (${what}) cannot be read: ${(e as { code?: string }).code ?? (e as Error).message}`);
  }
}

/** K from `options.sigmas` (validated: finite, > 0), after checking `options` is an options object. */
function keypointCount(options: { sigmas?: ArrayLike<number> } | undefined): number {
  const o = checkOptions('options', options);
  return oksVars('options.sigmas', o.sigmas).length;
}

function readJson(path: string, what: string): unknown {
  if (typeof path !== 'string' || path.length === 0) throw new TypeError(`path (${what}) must be a non-empty string, got ${path === null ? 'null' : typeof path}`);
  const text = readText(path, what);
  try {
    // JSON.parse defines "__proto__" as an ordinary own property: no prototype is ever replaced.
    return JSON.parse(text);
  } catch (e) {
    throw new RangeError(`${what} ${path} is not valid JSON (${(e as Error).message}); NaN and Infinity are not JSON`);
  }
}

/**
 * Load and validate a COCO keypoint ground-truth file.
 * @param path JSON file with `images`, `annotations`, `categories` (a regular file; RangeError naming `path` for a missing file or a directory)
 * @param options `sigmas` fixes K (default 17 COCO keypoints; each finite, > 0)
 */
export function loadCoco(path: string, options?: { sigmas?: ArrayLike<number> }): CocoDataset {
  const K = keypointCount(options);
  const data = readJson(path, 'ground truth');
  indexGroundTruth(data, K);
  return data as CocoDataset;
}

/**
 * Load and validate a COCO keypoint results file (a JSON array of
 * `{ image_id, category_id, keypoints, score }`).
 * @param path results JSON
 * @param gt when given, every `image_id` must be one of its images (pycocotools `loadRes`)
 */
export function loadResults(path: string, gt?: CocoDataset, options?: { sigmas?: ArrayLike<number> }): CocoKeypointResult[] {
  const K = keypointCount(options);
  if (gt !== undefined && (gt === null || typeof gt !== 'object' || Array.isArray(gt))) throw new TypeError(`gt must be a COCO dataset object, got ${gt === null ? 'null' : Array.isArray(gt) ? 'an array' : typeof gt}`);
  const data = readJson(path, 'results');
  if (!Array.isArray(data)) throw new TypeError(`results ${path} must be a JSON array of keypoint results`);
  if (gt !== undefined) {
    indexResults(data, indexGroundTruth(gt, K));
  } else {
    // Validate the records alone: any image id is accepted.
    const ids = new Set<number>();
    const cats = new Set<number>();
    for (const r of data) {
      if (r && typeof r === 'object' && Number.isSafeInteger(r.image_id)) ids.add(r.image_id);
      if (r && typeof r === 'object' && Number.isSafeInteger(r.category_id)) cats.add(r.category_id);
    }
    const shell = { images: [...ids].map((id) => ({ id })), annotations: [], categories: [...cats].map((id) => ({ id })) };
    indexResults(data, indexGroundTruth(shell, K));
  }
  return data as CocoKeypointResult[];
}
