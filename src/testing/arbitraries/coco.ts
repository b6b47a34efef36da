/** OKS cases and COCO ground-truth / perfect result sets. */
import * as fc from 'fast-check';
import type { CocoDataset, CocoKeypointResult } from '../../metrics/index.js';
import { intArb, realArb, describeArb, type IntRange } from './common.js';
import { checkInt, checkIntRange, checkNonNeg, checkNumberList, checkNumberOption, checkOptionsBag } from '../check-args.js';

/** Largest keypoint count per person the COCO / OKS arbitraries generate. */
const MAX_K = 1024;

/** Checked {@link oksCase} options: K ∈ [1, 1024] (default 17, or sigmas.length), spread ∈ [0, 1e6], sigmas K finite values > 0. */
export function checkOksOptions(name: string, options: unknown): { K: number; spread: number; sigmas?: number[] } {
  const o = checkOptionsBag(name, options);
  const sigmas = o.sigmas === undefined ? undefined : checkNumberList(`${name}.sigmas`, o.sigmas, { positive: true, minLength: 1, maxLength: MAX_K });
  const K = o.K === undefined ? (sigmas?.length ?? 17) : checkInt(`${name}.K`, o.K, 1, MAX_K);
  if (sigmas && sigmas.length !== K) throw new RangeError(`${name}.sigmas must have ${name}.K = ${K} entries, got ${sigmas.length}`);
  return { K, spread: checkNonNeg(`${name}.spread`, o.spread, 50), sigmas };
}

/** Checked {@link CocoOptions}: images ∈ [1, 1000], persons ∈ [0, 100] (max ≥ 1), K ∈ [1, 1024], unlabelled ∈ [0, 1). */
export function checkCocoOptions(name: string, options: unknown): { images: [number, number]; persons: [number, number]; K: number; unlabelled: number } {
  const o = checkOptionsBag(name, options);
  const persons = checkIntRange(`${name}.persons`, o.persons, [0, 4], 0, 100);
  if (persons[1] < 1) throw new RangeError(`${name}.persons must allow at least one person (a labelled person is required), got [${persons.join(', ')}]`);
  return {
    images: checkIntRange(`${name}.images`, o.images, [1, 3], 1, 1000),
    persons,
    K: o.K === undefined ? 17 : checkInt(`${name}.K`, o.K, 1, MAX_K),
    unlabelled: checkNumberOption(`${name}.unlabelled`, o.unlabelled, { fallback: 0.1, min: 0, exclusiveMax: 1 }),
  };
}

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
 * Options checked at creation ({@link checkOksOptions}).
 */
export function oksCase(options: { K?: number; spread?: number; sigmas?: readonly number[] } = {}): fc.Arbitrary<OksCase> {
  return checkedOksCase(checkOksOptions('options', options));
}

/** {@link oksCase} from checked options. */
export function checkedOksCase({ K, spread, sigmas }: { K: number; spread: number; sigmas?: number[] }): fc.Arbitrary<OksCase> {
  const sig: fc.Arbitrary<number[]> = sigmas ? fc.constant([...sigmas]) : fc.array(realArb([0.02, 0.12]), { minLength: K, maxLength: K });
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
 * `area` a fraction of the box area. No crowd regions. Options checked at
 * creation ({@link checkCocoOptions}).
 */
export function cocoGroundTruth(options: CocoOptions = {}): fc.Arbitrary<CocoDataset> {
  return checkedCocoGroundTruth(checkCocoOptions('options', options));
}

function checkedCocoGroundTruth(c: ReturnType<typeof checkCocoOptions>): fc.Arbitrary<CocoDataset> {
  const K = c.K;
  const pUnl = c.unlabelled;
  const person = fc.record({
    box: fc.tuple(realArb([0, 400]), realArb([0, 400]), realArb([10, 200]), realArb([10, 200])),
    areaFrac: realArb([0.3, 1]),
    unlabelled: fc.double({ min: 0, max: 1, noNaN: true }).map((u) => u < pUnl),
    kps: fc.array(fc.tuple(realArb([0, 1]), realArb([0, 1]), fc.constantFrom(0, 1, 2)), { minLength: K, maxLength: K }),
  });
  const image = fc.array(person, { minLength: c.persons[0], maxLength: c.persons[1] });
  return intArb(c.images)
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
 * `gt` is checked at creation: `images`, `annotations` and `categories`
 * arrays, every annotation with numeric `image_id` / `category_id` and a
 * `keypoints` list of 3K finite numbers (the same K for every labelled one).
 */
export function cocoPerfectResults(gt: CocoDataset): fc.Arbitrary<CocoKeypointResult[]> {
  checkDataset('gt', gt);
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

function checkDataset(name: string, gt: unknown): void {
  if (gt === null || typeof gt !== 'object' || Array.isArray(gt)) throw new TypeError(`${name} must be a COCO dataset object, got ${gt === null ? 'null' : Array.isArray(gt) ? 'an array' : typeof gt}`);
  const g = gt as Record<string, unknown>;
  for (const k of ['images', 'annotations', 'categories']) if (!Array.isArray(g[k])) throw new TypeError(`${name}.${k} must be an array`);
  const anns = g.annotations as unknown[];
  if (anns.length > 1e5) throw new RangeError(`${name}.annotations must hold at most 100000 entries, got ${anns.length}`);
  let K = -1;
  anns.forEach((a, i) => {
    const n = `${name}.annotations[${i}]`;
    if (a === null || typeof a !== 'object') throw new TypeError(`${n} must be an object`);
    const r = a as Record<string, unknown>;
    for (const k of ['image_id', 'category_id']) if (typeof r[k] !== 'number' || !Number.isFinite(r[k])) throw new TypeError(`${n}.${k} must be a finite number`);
    if (r.num_keypoints !== undefined) checkNumberOption(`${n}.num_keypoints`, r.num_keypoints, { min: 0 });
    const kp = checkNumberList(`${n}.keypoints`, r.keypoints, { maxLength: 3 * MAX_K });
    if (kp.length % 3 !== 0) throw new RangeError(`${n}.keypoints must hold 3K numbers, got ${kp.length}`);
    if (((r.num_keypoints as number | undefined) ?? 0) > 0) {
      if (K >= 0 && kp.length !== K) throw new RangeError(`${n}.keypoints must have ${K} numbers like the other labelled annotations, got ${kp.length}`);
      K = kp.length;
    }
  });
}

/** A COCO ground truth and its perfect results (see {@link cocoGroundTruth}, {@link cocoPerfectResults}). Options checked at creation. */
export function cocoPerfectCase(options: CocoOptions = {}): fc.Arbitrary<{ gt: CocoDataset; results: CocoKeypointResult[] }> {
  return checkedCocoPerfectCase(checkCocoOptions('options', options));
}

/** {@link cocoPerfectCase} from checked options. */
export function checkedCocoPerfectCase(c: ReturnType<typeof checkCocoOptions>): fc.Arbitrary<{ gt: CocoDataset; results: CocoKeypointResult[] }> {
  return checkedCocoGroundTruth(c).chain((gt) => cocoPerfectResults(gt).map((results) => describeArb({ gt, results }, `${fc.stringify(gt)}; ${results.length} perfect results`)));
}
