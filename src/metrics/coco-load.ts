/**
 * Reading COCO ground-truth and result files from disk (Node), with the same
 * validation as {@link cocoKeypointEval}: a bad file fails here, with the
 * record named, rather than deep inside the evaluation.
 */
import { COCO_SIGMAS } from './sigmas.js';
import { indexGroundTruth, indexResults } from './coco-index.js';
import type { CocoDataset, CocoKeypointResult } from './coco-types.js';

/**
 * `node:fs` without a static import, so that `posecodec` and `posecodec/metrics`
 * bundle for browsers (Node ≥ 20.16 has `process.getBuiltinModule`).
 */
function readText(path: string, what: string): string {
  const proc = (globalThis as { process?: { getBuiltinModule?: (id: string) => unknown } }).process;
  const fs = proc?.getBuiltinModule?.('node:fs') as { readFileSync(p: string, enc: 'utf8'): string } | undefined;
  if (!fs) throw new TypeError(`reading ${what} from a file needs Node.js >= 20.16; elsewhere parse the JSON yourself and pass it to cocoKeypointEval`);
  return fs.readFileSync(path, 'utf8');
}

function readJson(path: string, what: string): unknown {
  if (typeof path !== 'string' || path.length === 0) throw new TypeError(`${what} path must be a non-empty string`);
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
 * @param path JSON file with `images`, `annotations`, `categories`
 * @param options `sigmas` fixes K (default 17 COCO keypoints)
 */
export function loadCoco(path: string, options: { sigmas?: ArrayLike<number> } = {}): CocoDataset {
  const data = readJson(path, 'ground truth');
  indexGroundTruth(data, (options.sigmas ?? COCO_SIGMAS).length);
  return data as CocoDataset;
}

/**
 * Load and validate a COCO keypoint results file (a JSON array of
 * `{ image_id, category_id, keypoints, score }`).
 * @param path results JSON
 * @param gt when given, every `image_id` must be one of its images (pycocotools `loadRes`)
 */
export function loadResults(path: string, gt?: CocoDataset, options: { sigmas?: ArrayLike<number> } = {}): CocoKeypointResult[] {
  const data = readJson(path, 'results');
  if (!Array.isArray(data)) throw new TypeError(`results ${path} must be a JSON array of keypoint results`);
  const K = (options.sigmas ?? COCO_SIGMAS).length;
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
