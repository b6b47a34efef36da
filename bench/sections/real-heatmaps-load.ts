/**
 * Loading the real network heatmaps (`../shared/data/heatmaps/`, see its
 * README, or `posecodec bench --heatmaps DIR`): raw outputs of EfficientPose
 * II Lite (stride 4 and 8, MPII joints) and MoveNet Thunder (stride 4, COCO
 * joints) on COCO persons, each with its crop geometry (heatmap px → image px)
 * and the COCO ground truth of the person.
 */
import fs from 'node:fs';
import path from 'node:path';
import ndarray from 'ndarray';
import type { NdArray } from 'ndarray';
import type { Affine } from '../../src/core/geometry.js';

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
function loadEfficientPose(dir: string, which: (typeof REAL_SETS)[0 | 1], areas: ReadonlyMap<number, number>): RealHeatmapSet {
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

/** True when `dir` has the layout {@link loadRealHeatmaps} reads (`efficientpose/` and `movenet/`). */
export function isRealHeatmapsDir(dir: string): boolean {
  return fs.existsSync(path.join(dir, 'efficientpose')) && fs.existsSync(path.join(dir, 'movenet'));
}

/**
 * Load the three sets (EfficientPose stride 4 `[12, 16, 92, 92]`, stride 8
 * `[12, 16, 46, 46]`, MoveNet `[11, 17, 64, 64]`).
 * @param dir the heatmaps folder
 * @param areas COCO segment area (px²) by annotation id, for EfficientPose's OKS; default: read from the
 *   sibling `coco/test_coco.json` when present, else each bbox's area
 * @returns the sets, or undefined when `dir` lacks `efficientpose/` or `movenet/`
 */
export function loadRealHeatmaps(dir: string, areas?: ReadonlyMap<number, number>): RealHeatmapSet[] | undefined {
  if (!isRealHeatmapsDir(dir)) return undefined;
  const byId = areas ?? siblingCocoAreas(dir);
  return [
    loadEfficientPose(dir, REAL_SETS[0], byId),
    loadEfficientPose(dir, REAL_SETS[1], byId),
    loadMoveNet(dir),
  ];
}

/** Areas by annotation id from `<dir>/../coco/test_coco.json` (the repository layout), or an empty map. */
function siblingCocoAreas(dir: string): Map<number, number> {
  const cocoFile = path.join(dir, '..', 'coco', 'test_coco.json');
  const areas = new Map<number, number>();
  if (fs.existsSync(cocoFile)) for (const a of readJson(cocoFile).annotations) areas.set(a.id, a.area);
  return areas;
}
