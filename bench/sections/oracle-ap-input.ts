/**
 * The ground truth of the oracle OKS-AP section: a COCO keypoint file checked
 * for what the experiment reads, and cut to a bounded number of persons (the
 * encode of every person's K maps must stay well inside the 1 GiB cap).
 */
import { cocoKeypointEval } from '../../src/metrics/index.js';
import type { CocoGroundTruth } from './oracle-ap.js';

/** Persons used from a COCO file: 100 with --quick, 500 otherwise (whole images, in file order). */
export function maxOraclePersons(quick: boolean): number {
  return quick ? 100 : 500;
}

const finite = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v);

/**
 * Check a parsed COCO dataset for the oracle experiment: `cocoKeypointEval`'s
 * own validation, then every used person (num_keypoints > 0, not crowd) has
 * a bbox `[x, y, w, h]` with w, h > 0 and as many finite keypoint triples as the others.
 * @throws TypeError / RangeError naming the record
 */
export function checkOracleGroundTruth(gt: unknown): CocoGroundTruth {
  const g = gt as CocoGroundTruth;
  cocoKeypointEval(g as never, []);
  let K = -1;
  g.annotations.forEach((a, i) => {
    if (!(a.num_keypoints > 0) || a.iscrowd) return;
    const where = `annotations[${i}]`;
    const b = a.bbox;
    if (!Array.isArray(b) || b.length !== 4 || !b.every(finite) || !(b[2] > 0) || !(b[3] > 0)) throw new RangeError(`${where}.bbox must be [x, y, w, h] with w, h > 0`);
    if (!Array.isArray(a.keypoints) || a.keypoints.length % 3 !== 0 || !a.keypoints.every(finite)) throw new TypeError(`${where}.keypoints must be finite [x, y, v] triples`);
    if (K >= 0 && a.keypoints.length / 3 !== K) throw new RangeError(`${where}.keypoints has ${a.keypoints.length / 3} keypoints, the others ${K}`);
    K = a.keypoints.length / 3;
  });
  return g;
}

/**
 * The first images of `gt`, in order, holding at most `maxPersons` used
 * persons (and all their annotations), so that AP is computed on complete images.
 * @returns the reduced dataset and how many images and persons it holds
 */
export function limitGroundTruth(gt: CocoGroundTruth, maxPersons: number): { gt: CocoGroundTruth; images: number; persons: number } {
  const used = (a: CocoGroundTruth['annotations'][number]) => a.num_keypoints > 0 && !a.iscrowd;
  const byImage = new Map<number, CocoGroundTruth['annotations']>();
  for (const a of gt.annotations) (byImage.get(a.image_id) ?? byImage.set(a.image_id, []).get(a.image_id)!).push(a);
  const images: CocoGroundTruth['images'] = [];
  const annotations: CocoGroundTruth['annotations'] = [];
  let persons = 0;
  for (const im of gt.images) {
    const anns = byImage.get(im.id) ?? [];
    const n = anns.filter(used).length;
    if (persons + n > maxPersons) break;
    images.push(im);
    annotations.push(...anns);
    persons += n;
  }
  return { gt: { ...gt, images, annotations }, images: images.length, persons };
}
