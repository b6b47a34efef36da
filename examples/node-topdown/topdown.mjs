/**
 * Top-down pose estimation on real pixels, end to end, with posecodec around
 * two real TF.js networks:
 *
 *   COCO image + person box ─ bboxXyxyToCs (padding 1.25) ─ topdownAffine (OpenCV-exact crop,
 *   square, fused normalisation) ─ network (tfjs, internal head nodes) ─ posecodec decoder
 *   (argmax / quarter / DARK / DARK-UDP / soft-argmax, heatmap px) ─ network geometry
 *   (heatmap px → input px) ─ invertAffine (input px → image px) ─ OKS-NMS ─ cocoKeypointEval.
 *
 * Networks (../shared/models, README there):
 * - MoveNet SinglePose Thunder: 256×256 int32 RGB 0–255; heads at stride 4 (64×64):
 *   keypoint heatmap logits (σ → heatmap), offsets, centre, regression. MoveNet's own decode
 *   puts cell (i, j) at input (4j, 4i) plus a learned offset; the heatmap decoders here use the
 *   cell centre 4j + 1.5 (see MODELS.movenet.cellCentre). Its own decode (the graph's `Identity`: centre-weighted
 *   argmax + learned offsets) and posecodec's port of it (`decodeCenterNet`) are rows too.
 * - EfficientPose II Lite: 368×368 float32 RGB x/127.5 − 1; the stride-4 92×92 output
 *   (`upscaled_deconv1/conv2d_transpose`, MPII-16 joints, raw values ≈ −0.01…0.9). Cell k's centre
 *   is input pixel 4k + 1.5 (the model's half-pixel convention; pixel centres at integers).
 *
 * Library code is imported from the built package (`dist/`, run `npm run build` first); in
 * your own project the same imports are `posecodec/crop`, `posecodec/decode`, …
 */
import ndarray from 'ndarray';
import { bboxXyxyToCs, topdownAffine, invertAffine } from '../../dist/crop/index.js';
import { decodeHeatmaps, softArgmax, decodeCenterNet, refineDark } from '../../dist/decode/index.js';
import { cocoKeypointEval, oksNms, COCO_SIGMAS } from '../../dist/metrics/index.js';
import { initTfjs, loadModel, executeNodes } from './tfjs-node.mjs';
import { gtOnJoints } from './coco-data.mjs';

/** COCO joints 5…16 (shoulders, elbows, wrists, hips, knees, ankles) and their MPII channel in EfficientPose's output. */
export const SHARED_COCO_JOINTS = Object.freeze([5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16]);
export const MPII_CHANNEL_OF_COCO = Object.freeze({ 5: 6, 6: 2, 7: 7, 8: 3, 9: 8, 10: 4, 11: 13, 12: 10, 13: 14, 14: 11, 15: 15, 16: 12 });
const ALL_COCO = Object.freeze(Array.from({ length: 17 }, (_, k) => k));

const THUNDER_NODES = Object.freeze([
  'StatefulPartitionedCall/kpt_heatmap_0/conv2d_5/BiasAdd',
  'StatefulPartitionedCall/kpt_offset_0/conv2d_7/BiasAdd',
  'StatefulPartitionedCall/kpt_regress_0/conv2d_6/BiasAdd',
  'StatefulPartitionedCall/center_0/conv2d_4/BiasAdd',
  'Identity',
]);

/**
 * The two networks: model folder, input size, the crop normalisation (posecodec's fused
 * `normalize`, or none for MoveNet's int32 input), output stride and cell-centre offset
 * (input px), skeleton size K, the COCO joints evaluated and each one's output channel.
 */
export const MODELS = Object.freeze({
  movenet: {
    label: 'MoveNet Thunder (64×64, COCO-17)',
    folder: 'movenet-thunder',
    inputSize: [256, 256],
    dtype: 'int32',
    normalize: undefined,
    stride: 4,
    // Heatmap decoders place cell j at input 4j + 1.5 (the centre of input pixels 4j…4j+3).
    // MoveNet's own decode uses 4j + a learned offset; on the 14 GT crops that offset averages
    // +1.6 / +1.4 input px (x / y) at keypoints scoring > 0.3, i.e. the half cell.
    cellCentre: 1.5,
    K: 17,
    cocoJoints: ALL_COCO,
    channelOf: (j) => j,
  },
  efficientpose: {
    label: 'EfficientPose II Lite (92×92, MPII-16)',
    folder: 'efficientpose',
    inputSize: [368, 368],
    dtype: 'float32',
    normalize: { mean: [127.5, 127.5, 127.5], std: [127.5, 127.5, 127.5], layout: 'HWC' },
    stride: 4,
    cellCentre: 1.5,
    K: 16,
    cocoJoints: SHARED_COCO_JOINTS,
    channelOf: (j) => MPII_CHANNEL_OF_COCO[j],
  },
});

/**
 * soft-argmax temperature on [0, 1]-scaled maps (MoveNet σ(logits), EfficientPose raw):
 * p ∝ exp(β·h). β = 50 was set by hand (β = 1, mmpose's default for logits, collapses such
 * maps towards the centre); it is not tuned on these images.
 */
export const SOFT_ARGMAX_BETA = 50;

/** Decoders applied to every network's heatmaps (posecodec), in table order. */
export const HEATMAP_DECODERS = Object.freeze([
  { id: 'argmax', label: 'argmax', run: (h) => decodeHeatmaps(h, { refine: 'none' }) },
  { id: 'quarter', label: 'quarter offset', run: (h) => decodeHeatmaps(h, { refine: 'quarter' }) },
  { id: 'dark', label: 'DARK', run: (h) => decodeHeatmaps(h, { refine: 'dark' }) },
  { id: 'darkUdp', label: 'DARK-UDP', run: (h) => decodeHeatmaps(h, { refine: 'darkUdp' }) },
  { id: 'softArgmax', label: `soft-argmax (β = ${SOFT_ARGMAX_BETA})`, run: (h) => softArgmax(h, { beta: SOFT_ARGMAX_BETA }) },
]);
/** MoveNet-only rows: its in-graph decode and posecodec's port of it on the raw heads. */
export const MOVENET_OWN = Object.freeze([
  { id: 'movenetOwn', label: "MoveNet's own decode (graph output)" },
  { id: 'centerNet', label: 'decodeCenterNet (posecodec port of it)' },
  { id: 'centerNetDark', label: 'decodeCenterNet cells + DARK instead of offsets' },
]);

/**
 * Crop one person: box `[x, y, w, h]` (image px) → centre/scale (mmpose `bbox_xyxy2cs`,
 * padding 1.25) → square `topdownAffine` crop at the model's input size. Returns the
 * crop ndarray (uint8 `[h, w, 3]`, or the fused float32 HWC tensor), the matrix image px →
 * input px, its inverse and the box scale (aspect-fixed, image px).
 */
export function cropPerson(model, pixels, bbox) {
  const [x, y, w, h] = bbox;
  const { center, scale } = bboxXyxyToCs(ndarray(Float64Array.from([x, y, x + w, y + h]), [4]), { padding: 1.25 });
  const r = topdownAffine(pixels, { center: Array.from(center.data), scale: Array.from(scale.data) }, model.inputSize, model.normalize ? { normalize: model.normalize } : undefined);
  return { crop: r.image, matrix: r.matrix, inverse: invertAffine(r.matrix), scale: r.scale };
}

const sigmoid = (v) => 1 / (1 + Math.exp(-v));

/** HWC `{ data, shape: [1, H, W, C] }` → its KHW view `[C, H, W]` (a transpose, no copy). */
const khw = (t) => ndarray(t.data, t.shape.slice(1)).transpose(2, 0, 1);
const hwc = (t) => ndarray(t.data, t.shape.slice(1));

/**
 * Run the network on one crop. Returns `{ maps }` (`[K, H, W]` heatmaps to decode: σ(logits)
 * for MoveNet, raw for EfficientPose) and, for MoveNet, `own` (`[17, 3]` y, x, score
 * normalised to the crop) and `heads` (the raw HWC heads for `decodeCenterNet`).
 */
export async function inferCrop(modelKey, crop) {
  const { tf } = await initTfjs();
  const spec = MODELS[modelKey];
  const net = await loadModel(spec.folder);
  const [h, w] = crop.shape;
  const input = tf.tidy(() => {
    const flat = spec.dtype === 'int32' ? Int32Array.from(crop.data) : crop.data;
    return tf.tensor(flat, [1, h, w, 3], spec.dtype);
  });
  try {
    if (modelKey === 'movenet') {
      const [hm, off, reg, ctr, out] = await executeNodes(net, input, THUNDER_NODES);
      const prob = Float32Array.from(hm.data, sigmoid);
      return {
        maps: khw({ data: prob, shape: hm.shape }),
        own: ndarray(out.data, [17, 3]),
        heads: { heatmap: hwc(hm), offset: hwc(off), regress: hwc(reg), center: hwc(ctr) },
      };
    }
    const [out] = await executeNodes(net, input, ['upscaled_deconv1/conv2d_transpose']);
    return { maps: khw(out) };
  } finally {
    input.dispose();
  }
}

/** Heatmap px (x, y) → image px through the model's cell geometry and the crop's inverse matrix. */
function heatmapToImage(spec, inverse, x, y) {
  const u = spec.stride * x + spec.cellCentre;
  const v = spec.stride * y + spec.cellCentre;
  return [inverse[0] * u + inverse[1] * v + inverse[2], inverse[3] * u + inverse[4] * v + inverse[5]];
}

/** Input px → image px. */
function inputToImage(inverse, u, v) {
  return [inverse[0] * u + inverse[1] * v + inverse[2], inverse[3] * u + inverse[4] * v + inverse[5]];
}

/**
 * Every decoder's pose of one crop, in image px over the model's evaluated COCO joints:
 * `{ [decoderId]: { xy: number[J][2], scores: number[J] } }`.
 */
export function decodeCrop(modelKey, out, inverse) {
  const spec = MODELS[modelKey];
  const res = {};
  for (const d of HEATMAP_DECODERS) {
    const r = d.run(out.maps);
    const kp = r.keypoints;
    const sc = r.scores;
    res[d.id] = {
      xy: spec.cocoJoints.map((j) => heatmapToImage(spec, inverse, kp.get(spec.channelOf(j), 0), kp.get(spec.channelOf(j), 1))),
      scores: spec.cocoJoints.map((j) => sc.get(spec.channelOf(j))),
    };
  }
  if (modelKey === 'movenet') {
    const [W, H] = spec.inputSize;
    res.movenetOwn = {
      xy: spec.cocoJoints.map((j) => inputToImage(inverse, out.own.get(j, 1) * W, out.own.get(j, 0) * H)),
      scores: spec.cocoJoints.map((j) => out.own.get(j, 2)),
    };
    const [pose] = decodeCenterNet(out.heads);
    res.centerNet = {
      xy: spec.cocoJoints.map((j) => inputToImage(inverse, pose.keypoints.get(j, 0), pose.keypoints.get(j, 1))),
      scores: spec.cocoJoints.map((j) => pose.scores.get(j)),
    };
    // MoveNet's choice of cell (centre-weighted, regression-guided: zero offsets give 4·cell),
    // then DARK (guarded: the cell need not be a local maximum) at the cell centre instead of the offset.
    const zero = ndarray(new Float32Array(out.heads.offset.data.length), out.heads.offset.shape);
    const [cellPose] = decodeCenterNet({ ...out.heads, offset: zero });
    const cells = ndarray(Float64Array.from(cellPose.keypoints.data, (v) => v / spec.stride), [1, 17, 2]);
    const dark = refineDark(cells, out.maps, { guard: true });
    res.centerNetDark = {
      xy: spec.cocoJoints.map((j) => heatmapToImage(spec, inverse, dark.get(0, j, 0), dark.get(0, j, 1))),
      scores: res.centerNet.scores,
    };
  }
  return res;
}

/** Decoder ids a model is evaluated with. */
export function decoderIds(modelKey) {
  return [...HEATMAP_DECODERS.map((d) => d.id), ...(modelKey === 'movenet' ? MOVENET_OWN.map((d) => d.id) : [])];
}
export const DECODER_LABELS = Object.freeze(Object.fromEntries([...HEATMAP_DECODERS, ...MOVENET_OWN].map((d) => [d.id, d.label])));

/** mmpose's top-down rescoring: box score × mean of the keypoint scores > 0.2 (0 when none). */
export function instanceScore(boxScore, scores) {
  const kept = scores.filter((s) => s > 0.2);
  return kept.length ? (boxScore * kept.reduce((a, b) => a + b, 0)) / kept.length : 0;
}

/**
 * Run a model on boxes: one inference per box, every decoder on its heads.
 * `boxes`: `{ image_id, bbox, score }[]`; `images`: `{ id, pixels }[]`.
 * Returns `{ crops: [{ box, area, decoded }] , seconds }` (area = product of the
 * padded, aspect-fixed box scale, as mmpose's OKS-NMS uses).
 */
export async function runBoxes(modelKey, images, boxes) {
  const spec = MODELS[modelKey];
  const byId = new Map(images.map((im) => [im.id, im]));
  const crops = [];
  const t0 = performance.now();
  for (const box of boxes) {
    const { crop, inverse, scale } = cropPerson(spec, byId.get(box.image_id).pixels, box.bbox);
    const out = await inferCrop(modelKey, crop);
    crops.push({ box, area: scale[0] * scale[1], decoded: decodeCrop(modelKey, out, inverse) });
  }
  return { crops, seconds: (performance.now() - t0) / 1000 };
}

/**
 * COCO results of one decoder over the crops (flat `[x, y, s] × J` on the evaluated joints),
 * with mmpose's OKS-NMS (per image, threshold 0.9, σ of those joints) when `nms`.
 */
export function resultsOf(modelKey, crops, decoderId, { nms }) {
  const spec = MODELS[modelKey];
  const sigmas = spec.cocoJoints.map((j) => COCO_SIGMAS[j]);
  const all = crops.map((c) => {
    const d = c.decoded[decoderId];
    return {
      image_id: c.box.image_id,
      category_id: 1,
      keypoints: d.xy.flatMap(([x, y], i) => [x, y, d.scores[i]]),
      score: instanceScore(c.box.score, d.scores),
      area: c.area,
    };
  });
  if (!nms) return all.map(({ area, ...r }) => r);
  const kept = [];
  for (const id of new Set(all.map((r) => r.image_id))) {
    const rs = all.filter((r) => r.image_id === id);
    for (const i of oksNms(rs.map((r) => ({ keypoints: r.keypoints, score: r.score, area: r.area })), 0.9, { sigmas })) kept.push(rs[i]);
  }
  return kept.map(({ area, ...r }) => r);
}

/** cocoKeypointEval of results on the model's evaluated joints: stats (AP, AP50, AP75, APm, APl, AR, …). */
export function evaluate(modelKey, gt, results, joints = MODELS[modelKey].cocoJoints) {
  const spec = MODELS[modelKey];
  const idx = joints.map((j) => spec.cocoJoints.indexOf(j));
  if (idx.some((i) => i < 0)) throw new RangeError(`joints must be evaluated joints of ${modelKey}`);
  const sub = results.map((r) => ({ ...r, keypoints: idx.flatMap((i) => r.keypoints.slice(3 * i, 3 * i + 3)) }));
  const g = joints.length === 17 ? gt : gtOnJoints(gt, joints);
  return cocoKeypointEval(g, sub, { sigmas: joints.map((j) => COCO_SIGMAS[j]) }).stats;
}
