/**
 * Synthetic multi-person scenes for the bottom-up benchmark and tests (heatmap px):
 * Gaussian keypoint heatmaps and per-person tag discs, reproducible from a
 * seed, plus the codecs of mmpose's AE and DEKR configs and COCO AP of
 * decoded poses against a scene's truth.
 */
import ndarray from 'ndarray';
import type { NdArray } from 'ndarray';
import { createCodec } from '../codecs/index.js';
import type { AssociativeEmbeddingCodec, AePoses } from '../codecs/associative-embedding.js';
import { COCO_KEYPOINT_ORDER } from '../codecs/associative-embedding.js';
import { cocoKeypointEval } from '../metrics/index.js';
import type { CocoDataset, CocoKeypointResult } from '../metrics/index.js';
import { createPrng, type Prng } from '../core/prng.js';

export const K = 17;
/** COCO-17 joint offsets of a standing person, in units of its height (x right, y down), centred on the hips. */
const TEMPLATE: readonly [number, number][] = [
  [0, -0.42], [0.03, -0.45], [-0.03, -0.45], [0.07, -0.43], [-0.07, -0.43],
  [0.12, -0.3], [-0.12, -0.3], [0.17, -0.12], [-0.17, -0.12], [0.16, 0.02], [-0.16, 0.02],
  [0.08, 0.02], [-0.08, 0.02], [0.09, 0.26], [-0.09, 0.26], [0.09, 0.48], [-0.09, 0.48],
];

/** A synthetic multi-person scene in heatmap px. */
export interface BottomupScene {
  W: number;
  H: number;
  P: number;
  /** `[1, K, H, W]` Gaussian keypoint heatmaps (σ = 2, peak 0.6…1). */
  heatmaps: NdArray<Float32Array>;
  /** `[1, L·K, H, W]` tag maps: person p's tag `2p + noise` on a disc of radius 3 around each joint, −5 elsewhere. */
  tags: NdArray<Float32Array>;
  /** `[P, K, 2]` true keypoints (heatmap px). */
  keypoints: Float64Array;
  /** `[P, K]` 1 where the joint was drawn. */
  visible: Uint8Array;
}

/** Options of {@link bottomupScene}. */
export interface SceneOptions {
  persons: number;
  size: number;
  seed: number;
  /** Std of the per-pixel tag noise. Default 0.05. */
  tagNoise?: number;
  /** Distance between two persons' tags. Default 2. */
  tagSpacing?: number;
  /** Fraction of joints not drawn (to be filled). Default 0.1. */
  missing?: number;
  /** Tag components (2 = flip test). Default 1. */
  L?: number;
}

/** Build a reproducible scene: persons of height 0.25…0.45 × the map, joints jittered by 1 px. */
export function bottomupScene(o: SceneOptions): BottomupScene {
  const rng = createPrng(o.seed);
  const W = o.size;
  const H = o.size;
  const P = o.persons;
  const L = o.L ?? 1;
  const spacing = o.tagSpacing ?? 2;
  const noise = o.tagNoise ?? 0.05;
  const missing = o.missing ?? 0.1;
  const hm = new Float32Array(K * H * W);
  const tg = new Float32Array(L * K * H * W).fill(-5);
  const kp = new Float64Array(P * K * 2);
  const vis = new Uint8Array(P * K);
  for (let p = 0; p < P; p++) {
    const h = rng.uniform(0.25, 0.45) * H;
    const cx = rng.uniform(0.15 * W, 0.85 * W);
    const cy = rng.uniform(0.25 * H, 0.75 * H);
    const amp = rng.uniform(0.6, 1);
    for (let k = 0; k < K; k++) {
      const x = clamp(cx + TEMPLATE[k][0] * h + rng.normal(), 1, W - 2);
      const y = clamp(cy + TEMPLATE[k][1] * h + rng.normal(), 1, H - 2);
      kp[2 * (p * K + k)] = x;
      kp[2 * (p * K + k) + 1] = y;
      if (rng.next() < missing) continue;
      vis[p * K + k] = 1;
      drawGaussian(hm, k, W, H, x, y, amp * rng.uniform(0.85, 1));
      for (let l = 0; l < L; l++) drawTag(tg, (l * K + k) * H * W, W, H, x, y, spacing * p + (l ? 0.3 : 0), noise, rng);
    }
  }
  return { W, H, P, heatmaps: ndarray(hm, [1, K, H, W]), tags: ndarray(tg, [1, L * K, H, W]), keypoints: kp, visible: vis };
}

function clamp(v: number, lo: number, hi: number): number {
  return Math.min(Math.max(v, lo), hi);
}

function drawGaussian(hm: Float32Array, k: number, W: number, H: number, x: number, y: number, a: number): void {
  const base = k * H * W;
  for (let yy = Math.max(0, Math.floor(y - 7)); yy <= Math.min(H - 1, Math.ceil(y + 7)); yy++)
    for (let xx = Math.max(0, Math.floor(x - 7)); xx <= Math.min(W - 1, Math.ceil(x + 7)); xx++) {
      const v = a * Math.exp(-((xx - x) ** 2 + (yy - y) ** 2) / 8);
      if (v > hm[base + yy * W + xx]) hm[base + yy * W + xx] = v;
    }
}

function drawTag(tg: Float32Array, base: number, W: number, H: number, x: number, y: number, t: number, noise: number, rng: Prng): void {
  for (let yy = Math.max(0, Math.round(y) - 3); yy <= Math.min(H - 1, Math.round(y) + 3); yy++)
    for (let xx = Math.max(0, Math.round(x) - 3); xx <= Math.min(W - 1, Math.round(x) + 3); xx++)
      if ((xx - x) ** 2 + (yy - y) ** 2 <= 9) tg[base + yy * W + xx] = t + noise * rng.normal();
}

/** mmpose's AE config (`associative_embedding/coco/...`): 512 input, 128 map, σ 2, top-30, centre shift 0.5, at most 30. */
export function aeCodec(size: number, matching: 'munkres' | 'greedy' = 'munkres'): AssociativeEmbeddingCodec {
  return createCodec({
    type: 'associativeEmbedding', inputSize: [4 * size, 4 * size], heatmapSize: [size, size], sigma: 2,
    keypointOrder: [...COCO_KEYPOINT_ORDER], topk: 30, centerShift: 0.5, maxInstances: 30, matching,
  });
}

/** An SPR (DEKR config: K + 1 heatmaps with keypoint scores) scene from its own encoder, and its codec. */
export function sprScene(size: number, persons: number, seed: number) {
  const s = bottomupScene({ persons, size, seed, missing: 0 });
  const codec = createCodec({ type: 'spr', inputSize: [4 * size, 4 * size], heatmapSize: [size, size], keypointHeatmaps: true, minimalDiagonalLength: Math.sqrt(32) });
  const kpIn = ndarray(Float32Array.from(s.keypoints, (v) => v * 4), [persons, K, 2]);
  const enc = codec.encode(kpIn, ndarray(new Float32Array(persons * K).fill(1), [persons, K]));
  return { codec, heatmaps: enc.heatmaps, displacements: enc.displacements };
}

/** COCO AP of decoded poses against the scene's truth (input px = 4 × heatmap px). */
export function sceneAp(scenes: BottomupScene[], results: AePoses[][]): number {
  const gt: CocoDataset = { images: [], annotations: [], categories: [{ id: 1, name: 'person', keypoints: Array.from({ length: K }, (_, k) => `k${k}`) }] };
  const dt: CocoKeypointResult[] = [];
  let aid = 1;
  scenes.forEach((s, i) => {
    gt.images.push({ id: i + 1 });
    for (let p = 0; p < s.P; p++) {
      const kps: number[] = [];
      let x0 = Infinity;
      let y0 = Infinity;
      let x1 = -Infinity;
      let y1 = -Infinity;
      for (let k = 0; k < K; k++) {
        const x = 4 * s.keypoints[2 * (p * K + k)];
        const y = 4 * s.keypoints[2 * (p * K + k) + 1];
        kps.push(x, y, 2);
        x0 = Math.min(x0, x);
        x1 = Math.max(x1, x);
        y0 = Math.min(y0, y);
        y1 = Math.max(y1, y);
      }
      gt.annotations.push({ id: aid++, image_id: i + 1, category_id: 1, keypoints: kps, num_keypoints: K, area: 0.6 * (x1 - x0) * (y1 - y0), bbox: [x0, y0, x1 - x0, y1 - y0] });
    }
    for (const r of results[i]) {
      const N = r.keypoints.shape[0];
      for (let n = 0; n < N; n++) {
        const kps: number[] = [];
        for (let k = 0; k < K; k++) kps.push(r.keypoints.get(n, k, 0), r.keypoints.get(n, k, 1), r.scores.get(n, k));
        dt.push({ image_id: i + 1, category_id: 1, keypoints: kps, score: r.instanceScores.get(n) });
      }
    }
  });
  return cocoKeypointEval(gt, dt).stats[0];
}

