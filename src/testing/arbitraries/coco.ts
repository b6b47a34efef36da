/** OKS cases and COCO ground-truth / perfect result sets. */
import * as fc from 'fast-check';
import type { CocoDataset, CocoKeypointResult } from '../../metrics/index.js';
import { intArb, realArb, describeArb, type IntRange } from './common.js';

/** One GT/detection pair for OKS: flat COCO lists (image px). */
export interface OksCase {
  /** `[x0, y0, v0, …]`, 3K numbers; at least one v > 0. */
  gt: number[];
  /** `[x0, y0, s0, …]`, 3K numbers. */
  dt: number[];
  /** GT area (px²). */
  area: number;
  /** σ per keypoint. */
  sigmas: number[];
}

/**
 * OKS cases: K keypoints (default 17) in a 500-px image, COCO flags v ∈ {0, 1, 2}
 * with at least one visible, detections anywhere within `spread` px (default 50)
 * of the GT; invisible GT keypoints are `(0, 0, 0)` as in COCO files.
 */
export function oksCase(options: { K?: number; spread?: number; sigmas?: readonly number[] } = {}): fc.Arbitrary<OksCase> {
  const K = options.K ?? 17;
  const spread = options.spread ?? 50;
  const sig: fc.Arbitrary<number[]> = options.sigmas ? fc.constant([...options.sigmas]) : fc.array(realArb([0.02, 0.12]), { minLength: K, maxLength: K });
  const kp = fc.tuple(realArb([0, 500]), realArb([0, 500]), fc.constantFrom(0, 1, 2), realArb([-spread, spread]), realArb([-spread, spread]), realArb([0, 1]));
  return fc
    .record({ kps: fc.array(kp, { minLength: K, maxLength: K }), area: realArb([1, 1e5]), sigmas: sig })
    .filter((c) => c.kps.some((t) => t[2] > 0))
    .map(({ kps, area, sigmas }) => {
      const gt = kps.flatMap(([x, y, v]) => (v > 0 ? [x, y, v] : [0, 0, 0]));
      const dt = kps.flatMap(([x, y, , ex, ey, s]) => [x + ex, y + ey, s]);
      return describeArb({ gt, dt, area, sigmas }, `oks case K=${K} area=${area.toFixed(2)} gt=${JSON.stringify(gt.map((v) => +v.toFixed(3)))} dt=${JSON.stringify(dt.map((v) => +v.toFixed(3)))}`);
    });
}

export interface CocoOptions {
  /** Images (default 1–3). */
  images?: IntRange;
  /** Persons per image (default 0–4; pycocotools keeps 20 detections per image). */
  persons?: IntRange;
  /** Keypoints per person (default 17). */
  K?: number;
  /** Probability that a GT person has no labelled keypoint (ignored by COCOeval). Default 0.1. */
  unlabelled?: number;
}

/**
 * COCO person-keypoints ground truth (`images`, `annotations`, `categories`)
 * with at least one labelled person: boxes in a 600-px image, keypoints inside
 * their box, COCO flags v ∈ {0, 1, 2}, `num_keypoints` = count of v > 0,
 * `area` a fraction of the box area. No crowd regions.
 */
export function cocoGroundTruth(options: CocoOptions = {}): fc.Arbitrary<CocoDataset> {
  const K = options.K ?? 17;
  const pUnl = options.unlabelled ?? 0.1;
  const person = fc.record({
    box: fc.tuple(realArb([0, 400]), realArb([0, 400]), realArb([10, 200]), realArb([10, 200])),
    areaFrac: realArb([0.3, 1]),
    unlabelled: fc.double({ min: 0, max: 1, noNaN: true }).map((u) => u < pUnl),
    kps: fc.array(fc.tuple(realArb([0, 1]), realArb([0, 1]), fc.constantFrom(0, 1, 2)), { minLength: K, maxLength: K }),
  });
  const image = fc.array(person, { minLength: typeof options.persons === 'number' ? options.persons : (options.persons?.[0] ?? 0), maxLength: typeof options.persons === 'number' ? options.persons : (options.persons?.[1] ?? 4) });
  return intArb(options.images ?? [1, 3])
    .chain((n) => fc.array(image, { minLength: n, maxLength: n }))
    .map((imgs) => {
      let id = 1;
      const annotations = imgs.flatMap((persons, i) =>
        persons.map((p) => {
          const [bx, by, bw, bh] = p.box;
          const keypoints = p.kps.flatMap(([u, v, f]) => (f > 0 && !p.unlabelled ? [bx + u * bw, by + v * bh, f] : [0, 0, 0]));
          const num = keypoints.filter((_, j) => j % 3 === 2 && keypoints[j] > 0).length;
          return { id: id++, image_id: i + 1, category_id: 1, keypoints, num_keypoints: num, area: bw * bh * p.areaFrac, bbox: [bx, by, bw, bh], iscrowd: 0 };
        }),
      );
      return { images: imgs.map((_, i) => ({ id: i + 1 })), annotations, categories: [{ id: 1, name: 'person', keypoints: Array.from({ length: K }, (_, k) => `k${k}`) }] } as CocoDataset;
    })
    .filter((gt) => gt.annotations.some((a) => (a.num_keypoints ?? 0) > 0))
    .map((gt) => describeArb(gt, `coco gt: ${gt.images.length} images, ${gt.annotations.length} persons ${JSON.stringify(gt.annotations.map((a) => ({ id: a.id, img: a.image_id, n: a.num_keypoints, area: +a.area.toFixed(1) })))}`));
}

/**
 * Perfect results for `gt`: one detection per labelled person, keypoints equal
 * at the labelled positions and arbitrary (anywhere in the image) at the
 * unlabelled ones — which OKS ignores — with distinct random scores.
 */
export function cocoPerfectResults(gt: CocoDataset): fc.Arbitrary<CocoKeypointResult[]> {
  const labelled = gt.annotations.filter((a) => (a.num_keypoints ?? 0) > 0);
  const K = labelled[0]?.keypoints.length ?? 0;
  return fc
    .tuple(fc.uniqueArray(fc.integer({ min: 1, max: 1e6 }), { minLength: labelled.length, maxLength: labelled.length }), fc.array(realArb([0, 600]), { minLength: K, maxLength: K }))
    .map(([scores, junk]) =>
      labelled.map((a, i) => ({
        image_id: a.image_id,
        category_id: a.category_id,
        score: scores[i] / 1e6,
        keypoints: a.keypoints.map((v, j) => (j % 3 === 2 ? 1 : a.keypoints[j - (j % 3) + 2] > 0 ? v : junk[Math.floor(j / 3)])),
      })),
    );
}

/** A COCO ground truth and its perfect results (see {@link cocoGroundTruth}, {@link cocoPerfectResults}). */
export function cocoPerfectCase(options: CocoOptions = {}): fc.Arbitrary<{ gt: CocoDataset; results: CocoKeypointResult[] }> {
  return cocoGroundTruth(options).chain((gt) => cocoPerfectResults(gt).map((results) => describeArb({ gt, results }, `${fc.stringify(gt)}; ${results.length} perfect results`)));
}
