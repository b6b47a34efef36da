/**
 * Real network heatmaps (`../shared/data/heatmaps/`, see its README): raw
 * outputs of EfficientPose II Lite (stride 4 and 8, MPII joints) and MoveNet
 * Thunder (stride 4, COCO joints) on COCO persons. Each decoder's keypoints
 * are mapped to the image with the model's own crop geometry and compared
 * with the COCO ground truth: pixel error and OKS-AP ({@link cocoKeypointEval}).
 */
import fs from 'node:fs';
import path from 'node:path';
import ndarray from 'ndarray';
import type { NdArray } from 'ndarray';
import { transformKeypoints, type Affine } from '../core/geometry.js';
import { cocoKeypointEval, COCO_SIGMAS } from '../metrics/index.js';
import { BENCH_DECODERS, type BenchDecoder } from './decoders.js';
import { mean, median } from './stats.js';
import type { Progress } from './progress.js';

/** One network/resolution: a batch of person crops with their GT. */
export interface RealHeatmapSet {
  /** Stable id used in results.json, e.g. `efficientpose-s4`. */
  id: string;
  /** Table label. */
  label: string;
  /** Raw network output `[B, K, H, W]` float32 (B persons). */
  heatmaps: NdArray<Float32Array>;
  /** Per person: heatmap px (pixel i centred at i) → image px. */
  toImage: Affine[];
  /** Heatmap channel of each evaluated joint (J of them). */
  channels: number[];
  /** COCO-17 index of each evaluated joint (sets the OKS σ). */
  cocoJoints: number[];
  /** Per person: GT `[x, y, v] × J` flat, image px, COCO visibility flags. */
  gt: number[][];
  /** Per person: COCO segment area (px²) and bbox `[x, y, w, h]` (image px). */
  area: number[];
  bbox: number[][];
  /** Per person: the model's own final decode `[x, y] × J` image px (MoveNet), if shipped. */
  reference?: number[][];
}

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

/** The sets, in table order: ids and labels. */
export const REAL_SETS = [
  { id: 'efficientpose-s4', label: 'EfficientPose II Lite 92×92 (stride 4)', folder: 'stride4_92x92' },
  { id: 'efficientpose-s8', label: 'EfficientPose II Lite 46×46 (stride 8)', folder: 'stride8_46x46' },
  { id: 'movenet', label: 'MoveNet Thunder 64×64 (stride 4)' },
] as const;

/** EfficientPose (MPII order) channel of COCO joints 5…16: shoulders, elbows, wrists, hips, knees, ankles. */
const MPII_OF_COCO: Record<number, number> = { 5: 6, 6: 2, 7: 7, 8: 3, 9: 8, 10: 4, 11: 13, 12: 10, 13: 14, 14: 11, 15: 15, 16: 12 };

/** The 6 numbers of a `[[a, b, tx], [c, d, ty]]` matrix. */
const flatAffine = (m: number[][]): Affine => [...m[0], ...m[1]] as Affine;

/** `a ∘ b`: apply `b`, then `a` (2×3 affines). */
export function composeAffine(a: Affine, b: Affine): Affine {
  return [a[0] * b[0] + a[1] * b[3], a[0] * b[1] + a[1] * b[4], a[0] * b[2] + a[1] * b[5] + a[2], a[3] * b[0] + a[4] * b[3], a[3] * b[1] + a[4] * b[4], a[3] * b[2] + a[4] * b[5] + a[5]];
}

/** Little-endian float32 file → Float32Array (any host byte order). */
function readF32(file: string): Float32Array {
  const buf = fs.readFileSync(file);
  const dv = new DataView(buf.buffer, buf.byteOffset, buf.byteLength);
  const out = new Float32Array(buf.byteLength / 4);
  for (let i = 0; i < out.length; i++) out[i] = dv.getFloat32(4 * i, true);
  return out;
}

/** Stack per-person `[K, H, W]` maps into one `[B, K, H, W]` ndarray. */
function stack(maps: Float32Array[], shape: number[]): NdArray<Float32Array> {
  const n = maps[0]?.length ?? 0;
  const data = new Float32Array(maps.length * n);
  maps.forEach((m, b) => {
    if (m.length !== n) throw new RangeError(`heatmap ${b} has ${m.length} values, expected ${n}`);
    data.set(m, b * n);
  });
  return ndarray(data, [maps.length, ...shape]);
}

const jsonFiles = (dir: string) => fs.readdirSync(dir).filter((f) => f.endsWith('.json')).sort();
const readJson = (file: string) => JSON.parse(fs.readFileSync(file, 'utf8'));

/**
 * EfficientPose crops: input x_in → image `cx − sw/2 + x_in·sw/368`; heatmap
 * cell k centred at `x_in = (k + 0.5)·368/W`. Area from the COCO annotation
 * (`areas`, by annotation id), else the bbox area.
 */
function loadEfficientPose(dir: string, which: (typeof REAL_SETS)[0 | 1], areas: Map<number, number>): RealHeatmapSet {
  const sub = path.join(dir, 'efficientpose', which.folder);
  const coco = Object.keys(MPII_OF_COCO).map(Number);
  const set: RealHeatmapSet = { id: which.id, label: which.label, heatmaps: ndarray(new Float32Array(0)), toImage: [], channels: coco.map((c) => MPII_OF_COCO[c]), cocoJoints: coco, gt: [], area: [], bbox: [] };
  const maps: Float32Array[] = [];
  let shape: number[] = [];
  for (const f of jsonFiles(sub)) {
    const m = readJson(path.join(sub, f));
    shape = m.shape;
    const [H, W] = [m.shape[1], m.shape[2]];
    const [inW, inH] = m.inputSize;
    const [cx, cy] = m.crop.center;
    const [sw, sh] = m.crop.scale;
    const hmToInput: Affine = [inW / W, 0, (0.5 * inW) / W, 0, inH / H, (0.5 * inH) / H];
    const inputToImage: Affine = [sw / inW, 0, cx - sw / 2, 0, sh / inH, cy - sh / 2];
    set.toImage.push(composeAffine(inputToImage, hmToInput));
    set.gt.push(coco.flatMap((c) => m.gtKeypoints[c]));
    set.bbox.push(m.bbox);
    set.area.push(areas.get(m.annotationId) ?? m.bbox[2] * m.bbox[3]);
    maps.push(readF32(path.join(sub, f.replace(/\.json$/, '.f32'))));
  }
  set.heatmaps = stack(maps, shape);
  return set;
}

/** MoveNet crops: cell (i, j) → input (4j, 4i) → image by `affine_input_to_img`. */
function loadMoveNet(dir: string): RealHeatmapSet {
  const sub = path.join(dir, 'movenet');
  const all = Array.from({ length: 17 }, (_, k) => k);
  const set: RealHeatmapSet = { id: REAL_SETS[2].id, label: REAL_SETS[2].label, heatmaps: ndarray(new Float32Array(0)), toImage: [], channels: all, cocoJoints: all, gt: [], area: [], bbox: [], reference: [] };
  const maps: Float32Array[] = [];
  let shape: number[] = [];
  for (const f of jsonFiles(sub)) {
    const m = readJson(path.join(sub, f));
    shape = m.heatmaps.shape;
    const stride = m.heatmaps.stride as number;
    set.toImage.push(composeAffine(flatAffine(m.crop.affine_input_to_img), [stride, 0, 0, 0, stride, 0]));
    set.gt.push(m.gt.keypoints.flat());
    set.area.push(m.gt.area);
    set.bbox.push(m.gt.bbox_xywh);
    set.reference!.push(m.model_output_keypoints.image_xy_score.flatMap((p: number[]) => [p[0], p[1]]));
    maps.push(readF32(path.join(sub, f.replace(/\.json$/, '.f32'))));
  }
  set.heatmaps = stack(maps, shape);
  return set;
}

/** `../shared/data/heatmaps` relative to the working directory. */
export function defaultRealHeatmapsDir(): string {
  return path.resolve(process.cwd(), '..', 'shared', 'data', 'heatmaps');
}

/**
 * Load the three sets (EfficientPose stride 4 `[12, 16, 92, 92]`, stride 8
 * `[12, 16, 46, 46]`, MoveNet `[11, 17, 64, 64]`).
 * @param dir the heatmaps folder; its sibling `coco/test_coco.json` supplies EfficientPose's GT areas
 * @returns the sets, or undefined when `dir` does not exist
 */
export function loadRealHeatmaps(dir = defaultRealHeatmapsDir()): RealHeatmapSet[] | undefined {
  if (!fs.existsSync(path.join(dir, 'efficientpose')) || !fs.existsSync(path.join(dir, 'movenet'))) return undefined;
  const cocoFile = path.join(dir, '..', 'coco', 'test_coco.json');
  const areas = new Map<number, number>();
  if (fs.existsSync(cocoFile)) for (const a of readJson(cocoFile).annotations) areas.set(a.id, a.area);
  return [
    loadEfficientPose(dir, REAL_SETS[0], areas),
    loadEfficientPose(dir, REAL_SETS[1], areas),
    loadMoveNet(dir),
  ];
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
