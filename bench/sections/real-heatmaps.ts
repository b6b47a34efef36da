/**
 * Decoders on real network heatmaps ({@link loadRealHeatmaps}): each
 * decoder's keypoints are mapped to the image with the model's own crop
 * geometry and compared with the COCO ground truth: pixel error and OKS-AP
 * ({@link cocoKeypointEval}).
 */
import type { NdArray } from 'ndarray';
import { transformKeypoints } from '../../src/core/geometry.js';
import { cocoKeypointEval, COCO_SIGMAS } from '../../src/metrics/index.js';
import { BENCH_DECODERS, type BenchDecoder } from '../workload/decoders.js';
import { mean, median } from '../util/stats.js';
import type { Progress } from '../../src/cli/progress.js';
import type { RealHeatmapSet } from './real-heatmaps-load.js';

/** Errors and AP of one decoder on one set. */
export interface RealHeatmapRow {
  set: string;
  decoder: string;
  /** Persons (crops). */
  persons: number;
  /** GT keypoints compared (labelled: v > 0). */
  joints: number;
  /** Keypoints decoded as NaN (scored at the crop's heatmap centre, excluded from the px statistics). */
  failed: number;
  /** Euclidean error to the GT, image px. */
  meanPx: number;
  medianPx: number;
  /** Mean signed error (decoded − GT) per axis, image px. */
  biasX: number;
  biasY: number;
  /** cocoKeypointEval AP@[.5:.95] and AP@.5 (one result per GT person, score 1; σ of the J joints). */
  ap: number;
  ap50: number;
}

/**
 * Decoded keypoints of the evaluated joints, in image px.
 * @param keypoints the decoder's output `[B, K, 2]`, heatmap px
 * @returns per person `[x, y] × J` flat, image px (NaN where the decode was NaN)
 */
export function imageKeypoints(set: RealHeatmapSet, keypoints: NdArray): number[][] {
  return set.toImage.map((m, b) => {
    const img = transformKeypoints(keypoints.pick(b, null, null), m).data;
    return set.channels.flatMap((c) => [img[2 * c], img[2 * c + 1]]);
  });
}

/**
 * Signed errors (decoded − GT) of every labelled GT joint (v > 0), image px.
 * @param kps per person `[x, y] × J` flat, image px (from {@link imageKeypoints})
 */
export function keypointErrors(set: RealHeatmapSet, kps: number[][]): { dx: number[]; dy: number[]; dist: number[]; failed: number } {
  const dx: number[] = [];
  const dy: number[] = [];
  let failed = 0;
  set.gt.forEach((g, b) => {
    for (let j = 0; j < set.channels.length; j++) {
      if (!(g[3 * j + 2] > 0)) continue;
      const [x, y] = [kps[b][2 * j], kps[b][2 * j + 1]];
      if (!Number.isFinite(x) || !Number.isFinite(y)) {
        failed++;
        continue;
      }
      dx.push(x - g[3 * j]);
      dy.push(y - g[3 * j + 1]);
    }
  });
  return { dx, dy, dist: dx.map((x, i) => Math.hypot(x, dy[i])), failed };
}

/**
 * OKS-AP of one result per GT person (each person its own image, score 1),
 * with the COCO σ of the set's joints. NaN keypoints are scored at the crop centre.
 * @returns the 10 COCOeval stats
 */
export function realHeatmapAp(set: RealHeatmapSet, kps: number[][]): number[] {
  const J = set.channels.length;
  const centre = (b: number) => {
    const [, , H, W] = set.heatmaps.shape;
    const m = set.toImage[b];
    return [m[0] * (W - 1) / 2 + m[1] * (H - 1) / 2 + m[2], m[3] * (W - 1) / 2 + m[4] * (H - 1) / 2 + m[5]];
  };
  const gt = {
    images: set.gt.map((_, b) => ({ id: b + 1 })),
    categories: [{ id: 1, name: 'person' }],
    annotations: set.gt.map((g, b) => ({ id: b + 1, image_id: b + 1, category_id: 1, keypoints: g, num_keypoints: g.filter((v, i) => i % 3 === 2 && v > 0).length, area: set.area[b], bbox: set.bbox[b], iscrowd: 0 })),
  };
  const results = kps.map((p, b) => ({
    image_id: b + 1,
    category_id: 1,
    score: 1,
    keypoints: Array.from({ length: J }, (_, j) => (Number.isFinite(p[2 * j]) && Number.isFinite(p[2 * j + 1]) ? [p[2 * j], p[2 * j + 1], 1] : [...centre(b), 1])).flat(),
  }));
  return cocoKeypointEval(gt, results, { sigmas: set.cocoJoints.map((c) => COCO_SIGMAS[c]) }).stats;
}

/** The decoders compared: argmax, quarter, DARK and DARK-UDP (k = 11, 3), soft-argmax β = 50. */
export const REAL_DECODERS: readonly BenchDecoder[] = ['argmax', 'quarter', 'dark-k11', 'dark-k3', 'dark-udp-k11', 'dark-udp-k3', 'soft-argmax-b50'].map((id) => BENCH_DECODERS.find((d) => d.id === id)!);

/** Row id of MoveNet's own decode (centre-weighted argmax + learned offsets). */
export const MODEL_OWN = 'model-own';

function row(set: RealHeatmapSet, decoder: string, kps: number[][]): RealHeatmapRow {
  const e = keypointErrors(set, kps);
  const stats = realHeatmapAp(set, kps);
  return { set: set.id, decoder, persons: set.gt.length, joints: e.dist.length + e.failed, failed: e.failed, meanPx: mean(e.dist), medianPx: median(e.dist), biasX: mean(e.dx), biasY: mean(e.dy), ap: stats[0], ap50: stats[1] };
}

/** Every decoder (and the model's own decode, where shipped) on every set. */
export function runRealHeatmaps(sets: RealHeatmapSet[], progress: Progress): RealHeatmapRow[] {
  progress.phase('real network heatmaps', sets.length);
  const rows: RealHeatmapRow[] = [];
  for (const set of sets) {
    for (const d of REAL_DECODERS) rows.push(row(set, d.id, imageKeypoints(set, d.decode(set.heatmaps))));
    if (set.reference) rows.push(row(set, MODEL_OWN, set.reference));
    progress.step(set.label);
  }
  return rows;
}
