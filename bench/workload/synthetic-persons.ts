/**
 * Synthetic COCO person-keypoint ground truth for the oracle OKS-AP section
 * when no COCO annotations are at hand (`posecodec bench` installed from npm,
 * without `--coco`): standing people drawn from a COCO-17 template, jittered,
 * at random sizes and places in 640×480 images, some joints unlabelled.
 *
 * The oracle AP measures the codec alone (encode → decode → back to the
 * image), so what matters is that persons have COCO-like sizes, aspect ratios
 * and keypoint spreads; the poses need not be natural.
 */
import type { CocoGroundTruth } from '../sections/oracle-ap.js';
import { createPrng } from '../../src/core/prng.js';

/**
 * COCO-17 keypoints of a standing person as fractions of its bbox `[x, y]`
 * (nose, eyes, ears, shoulders, elbows, wrists, hips, knees, ankles; left
 * before right, left = image right as in COCO).
 */
export const PERSON_TEMPLATE: readonly (readonly [number, number])[] = Object.freeze(
  (
    [
      [0.5, 0.08], [0.54, 0.06], [0.46, 0.06], [0.58, 0.08], [0.42, 0.08],
      [0.68, 0.22], [0.32, 0.22], [0.76, 0.38], [0.24, 0.38], [0.8, 0.52], [0.2, 0.52],
      [0.62, 0.55], [0.38, 0.55], [0.62, 0.75], [0.38, 0.75], [0.62, 0.95], [0.38, 0.95],
    ] as [number, number][]
  ).map((p) => Object.freeze(p)),
);

/** Options of {@link syntheticPersons}. */
export interface SyntheticPersonsOptions {
  /** Persons (annotations), default 48. */
  persons?: number;
  /** Persons per image, default 3. */
  perImage?: number;
  /** Seed of the mulberry32 generator. */
  seed?: number;
}

const IMAGE_W = 640;
const IMAGE_H = 480;
/** Keypoint jitter, as a fraction of the bbox size (≈ the spread of real poses around a template). */
const JITTER = 0.04;
/** Probability that a joint is labelled (v = 2); unlabelled joints are (0, 0, 0) as in COCO. */
const LABELLED = 0.85;

/**
 * A seeded COCO keypoint dataset: `persons` annotations of one category
 * (`person`, 17 keypoints), `ceil(persons / perImage)` images of 640×480 px.
 * Bbox width 40–300 px, height 1.6–2.6 × width (clipped to the image),
 * segment area 0.6 · bbox area (COCO persons fill about that much of their box).
 * Cost O(persons · 17).
 */
export function syntheticPersons(opts: SyntheticPersonsOptions = {}): CocoGroundTruth & { images: { id: number; width: number; height: number }[] } {
  const n = opts.persons ?? 48;
  const perImage = opts.perImage ?? 3;
  const r = createPrng(opts.seed ?? 7);
  const images = Array.from({ length: Math.ceil(n / perImage) }, (_, i) => ({ id: i + 1, width: IMAGE_W, height: IMAGE_H }));
  const annotations: CocoGroundTruth['annotations'] = [];
  for (let id = 1; id <= n; id++) {
    const w = r.uniform(40, 300);
    const h = Math.min(IMAGE_H - 2, w * r.uniform(1.6, 2.6));
    const x = r.uniform(0, IMAGE_W - w);
    const y = r.uniform(0, IMAGE_H - h);
    const keypoints: number[] = [];
    let labelled = 0;
    for (const [fx, fy] of PERSON_TEMPLATE) {
      if (r.next() >= LABELLED) {
        keypoints.push(0, 0, 0);
        continue;
      }
      labelled++;
      keypoints.push(x + w * (fx + JITTER * r.normal()), y + h * (fy + JITTER * r.normal()), 2);
    }
    annotations.push({ id, image_id: images[Math.floor((id - 1) / perImage)].id, category_id: 1, bbox: [x, y, w, h], area: 0.6 * w * h, keypoints, num_keypoints: labelled, iscrowd: 0 });
  }
  return { images, annotations, categories: [{ id: 1, name: 'person', keypoints: ['nose', 'left_eye', 'right_eye', 'left_ear', 'right_ear', 'left_shoulder', 'right_shoulder', 'left_elbow', 'right_elbow', 'left_wrist', 'right_wrist', 'left_hip', 'right_hip', 'left_knee', 'right_knee', 'left_ankle', 'right_ankle'] }] };
}
