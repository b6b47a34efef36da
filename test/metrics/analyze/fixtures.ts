/** Small synthetic COCO keypoint sets for the analyze tests (deterministic). */
import type { CocoDataset, CocoKeypointResult } from '../../../src/metrics/index.js';

/** A standing-person template: 17 COCO keypoints in a 1 × 2 box (x right, y down). */
const TEMPLATE: [number, number][] = [
  [0.5, 0.1], [0.55, 0.07], [0.45, 0.07], [0.62, 0.09], [0.38, 0.09],
  [0.75, 0.3], [0.25, 0.3], [0.85, 0.55], [0.15, 0.55], [0.9, 0.8], [0.1, 0.8],
  [0.65, 1.0], [0.35, 1.0], [0.68, 1.45], [0.32, 1.45], [0.7, 1.9], [0.3, 1.9],
];

/** `images` images with `persons` people each (w × 2w px, 2.5w apart), every keypoint labelled. */
export function syntheticGt(images: number, persons: number, w = 80): CocoDataset {
  const annotations = [];
  let id = 1;
  for (let i = 0; i < images; i++) {
    for (let p = 0; p < persons; p++) {
      const x0 = 20 + p * 2.5 * w;
      const y0 = 20;
      const keypoints = TEMPLATE.flatMap(([x, y]) => [x0 + x * w, y0 + y * w, 2]);
      annotations.push({ id: id++, image_id: i + 1, category_id: 1, keypoints, num_keypoints: 17, area: w * 2 * w * 0.6, bbox: [x0, y0, w, 2 * w], iscrowd: 0 });
    }
  }
  return {
    images: Array.from({ length: images }, (_, i) => ({ id: i + 1, width: 1000, height: 400 })),
    annotations,
    categories: [{ id: 1, name: 'person', keypoints: TEMPLATE.map((_, k) => `k${k}`) }],
  };
}

/** Perfect results: exact copies of every GT person. */
export function perfectResults(gt: CocoDataset): CocoKeypointResult[] {
  return gt.annotations.map((a, i) => ({ image_id: a.image_id, category_id: a.category_id, keypoints: a.keypoints.map((v, j) => (j % 3 === 2 ? 1 : v)), score: 1 - i * 1e-4 }));
}
