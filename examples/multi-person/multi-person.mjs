/**
 * Bottom-up multi-person pose estimation on real pixels: two real networks run whole-image
 * in tfjs, their raw heads decoded by posecodec, evaluated with cocoKeypointEval, then
 * posecodec's refinements swapped in.
 *
 * - PoseNet MobileNetV1 (stride 16): posenet 2.2.2's preprocessing (pad to a square, resize
 *   to res × res, x/127.5 − 1) → heads `heatmap`, `offsets`, `displacement_fwd/bwd` →
 *   `decodePersonLab` (= tfjs-models `decodeMultiplePoses`: maxDetections 20, nmsRadius 20,
 *   scoreThreshold 0.1) → image px (`x·scale − pad`).
 * - MoveNet MultiPose Lightning (stride 4): pose-detection 2.1.3's preprocessing (longer side
 *   256, zero-pad to a multiple of 32, int32) → six heads → `decodeCenterNet` (= the graph's
 *   own decode, `Identity`) → image px (`x·width/rw`).
 *
 * Variants: DARK on the keypoint heatmaps in place of the learned sub-cell offsets (at the
 * keypoint's cell: MoveNet's chosen argmax cell, PoseNet's nearest cell), OKS-NMS (mmpose
 * `oks_nms`, threshold 0.9, area of the pose's keypoint box) and nearby-joints NMS (mmpose
 * `nearby_joints_nms`, distThreshold 0.05, ⌊K/2⌋ joints).
 *
 * Library code is imported from the built package (`dist/`); in a project: `posecodec/decode`, …
 */
import ndarray from 'ndarray';
import { decodePersonLab, decodeCenterNet, refineDark, nearbyJointsNms } from '../../dist/decode/index.js';
import { cocoKeypointEval, oksNms } from '../../dist/metrics/index.js';
import { initTfjs, loadModel, executeNodes } from '../node-topdown/tfjs-node.mjs';

const POSENET_NODES = Object.freeze(['heatmap', 'offset', 'displacement_fwd', 'displacement_bwd'].map((h) => `MobilenetV1/${h}_2/BiasAdd`));
const MULTIPOSE_NODES = Object.freeze(
  ['center_0/conv2d_4', 'kpt_heatmap_0/conv2d_7', 'kpt_regress_0/conv2d_8', 'kpt_offset_0/conv2d_9', 'box_scale_0/conv2d_5', 'box_offset_0/conv2d_6']
    .map((h) => `StatefulPartitionedCall/${h}/BiasAdd`)
    .concat(['Identity']),
);
/** PoseNet's decoding parameters (the reference AP 0.507 @513 was measured with them). */
export const POSENET_PARAMS = Object.freeze({ outputStride: 16, maxDetections: 20, scoreThreshold: 0.1, nmsRadius: 20, scoreActivation: 'sigmoid' });
/**
 * Cell centres used by DARK (input px): PoseNet's inputs are 16k + 1 px, cell j sits on input
 * pixel 16j (its own geometry); MoveNet's stride-4 cell j covers input pixels 4j…4j+3, centre
 * 4j + 1.5 (its own decode adds a learned offset that averages about +1.5 px).
 */
export const DARK_CELL_CENTRE = Object.freeze({ posenet: 0, multipose: 1.5 });
/** Blur kernel of DARK per map: 11 on MoveNet's stride-4 maps (mmpose's 64×48 default), 3 on PoseNet's stride-16 maps (11·4/16 ≈ 3). */
export const DARK_KERNEL = Object.freeze({ posenet: 3, multipose: 11 });

const sigmoid = (v) => 1 / (1 + Math.exp(-v));
const nd = (t) => ndarray(t.data, t.shape);
/** `[1, H, W, K]` logits → `[K, H, W]` σ maps (a transposed view of a fresh array). */
const sigmoidKhw = (t) => ndarray(Float32Array.from(t.data, sigmoid), t.shape.slice(1)).transpose(2, 0, 1);

/** An image `{ pixels: [H, W, 3] uint8 }` as a tfjs int32 tensor `[H, W, 3]`. */
function imageTensor(tf, image) {
  const [h, w] = image.pixels.shape;
  return tf.tensor3d(Int32Array.from(image.pixels.data), [h, w, 3], 'int32');
}

/**
 * PoseNet's heads on one image at `res` (16k + 1): `{ heads: { heatmap, offsets, fwd, bwd }
 * (each `{ data, shape [1, H, W, C] }`), toImage(x, y) }`.
 */
export async function posenetHeads(image, res = 513) {
  const { tf } = await initTfjs();
  const net = await loadModel('posenet', { relaxInput: true });
  const [h, w] = image.pixels.shape;
  // posenet util.js:226-253 padAndResizeTo (target aspect 1)
  let [top, bottom, left, right] = [0, 0, 0, 0];
  if (w / h < 1) left = right = Math.round(0.5 * (h - w));
  else top = bottom = Math.round(0.5 * (w - h));
  const input = tf.tidy(() => {
    const padded = tf.pad3d(imageTensor(tf, image), [[top, bottom], [left, right], [0, 0]]);
    const resized = tf.image.resizeBilinear(padded, [res, res]);
    return tf.expandDims(tf.sub(tf.div(tf.cast(resized, 'float32'), 127.5), 1), 0);
  });
  const [heatmap, offsets, fwd, bwd] = await executeNodes(net, input, POSENET_NODES);
  input.dispose();
  const sx = (w + left + right) / res;
  const sy = (h + top + bottom) / res;
  return { heads: { heatmap, offsets, fwd, bwd }, toImage: (x, y) => [x * sx - left, y * sy - top] };
}

/**
 * MoveNet MultiPose's heads and own output on one image: `{ heads` (center, heatmap,
 * regress, offset, boxScale, boxOffset as `{ data, shape }`), `own` (`[6, 56]`), `toImage`,
 * `ownToImage` (graph-normalised → image px) `}`.
 */
export async function multiposeHeads(image) {
  const { tf } = await initTfjs();
  const net = await loadModel('movenet-multipose');
  const [h, w] = image.pixels.shape;
  // pose-detection movenet/detector.js:383-407: longer side 256, pad to a multiple of 32, int32
  const [rh, rw] = h > w ? [256, Math.round((256 * w) / h)] : [Math.round((256 * h) / w), 256];
  const [ph, pw] = [Math.ceil(rh / 32) * 32, Math.ceil(rw / 32) * 32];
  const input = tf.tidy(() => {
    const resized = tf.image.resizeBilinear(imageTensor(tf, image), [rh, rw]);
    return tf.expandDims(tf.cast(tf.pad3d(resized, [[0, ph - rh], [0, pw - rw], [0, 0]]), 'int32'), 0);
  });
  const [center, heatmap, regress, offset, boxScale, boxOffset, own] = await executeNodes(net, input, MULTIPOSE_NODES);
  input.dispose();
  return {
    heads: { center, heatmap, regress, offset, boxScale, boxOffset },
    own: ndarray(own.data, [6, 56]),
    toImage: (x, y) => [(x * w) / rw, (y * h) / rh],
    ownToImage: (xn, yn) => [((xn * pw) / rw) * w, ((yn * ph) / rh) * h],
  };
}

/** One pose in image px: `{ xy: [x, y][17], scores: number[17], score }`. */
function poseToImage(p, toImage) {
  const K = p.scores.shape[0];
  return {
    xy: Array.from({ length: K }, (_, k) => toImage(p.keypoints.get(k, 0), p.keypoints.get(k, 1))),
    scores: Array.from({ length: K }, (_, k) => p.scores.get(k)),
    score: p.score,
  };
}

/**
 * DARK in place of learned offsets: each keypoint moves to `stride · refineDark(cell) +
 * cellCentre` on the σ keypoint map, with DARK's guard (step ≤ 1 cell per axis: the chosen
 * cell need not be a local maximum, where an unguarded Newton step can fly off); at a border
 * cell (where DARK does not apply: 1 < x < W − 2) the given position is kept.
 * `cells` `[P, K, 2]` integer (x, y) cells, `maps` `[K, H, W]`.
 */
function darkFromCells(positions, cells, maps, stride, cellCentre, blurKernelSize) {
  const [, H, W] = maps.shape;
  const refined = refineDark(cells, maps, { blurKernelSize, guard: true });
  const [P, K] = cells.shape;
  const out = positions.map((p) => p.slice());
  for (let i = 0; i < P; i++) {
    for (let k = 0; k < K; k++) {
      const cx = cells.get(i, k, 0);
      const cy = cells.get(i, k, 1);
      if (cx > 1 && cx < W - 2 && cy > 1 && cy < H - 2) out[i][k] = [stride * refined.get(i, k, 0) + cellCentre, stride * refined.get(i, k, 1) + cellCentre];
    }
  }
  return out;
}

/**
 * PoseNet on one image, every variant: `{ [variantId]: pose[] }` in image px, with
 * `plain` (decodePersonLab as the reference), `dark` (DARK on the part-score maps at each
 * keypoint's nearest cell instead of the offsets).
 */
export async function posenetImage(image, res = 513) {
  const { heads, toImage } = await posenetHeads(image, res);
  const poses = decodePersonLab(nd(heads.heatmap), nd(heads.offsets), nd(heads.fwd), nd(heads.bwd), POSENET_PARAMS);
  const plain = poses.map((p) => poseToImage(p, toImage));
  if (!poses.length) return { plain, dark: [] };
  const maps = sigmoidKhw(heads.heatmap);
  const [, H, W] = maps.shape;
  const K = 17;
  const cells = ndarray(new Float64Array(poses.length * K * 2), [poses.length, K, 2]);
  const inputXy = poses.map((p) => Array.from({ length: K }, (_, k) => [p.keypoints.get(k, 0), p.keypoints.get(k, 1)]));
  poses.forEach((p, i) => {
    for (let k = 0; k < K; k++) {
      // posenet's nearest cell (decode_pose.js getStridedIndexNearPoint): clamp(round(p / stride))
      cells.set(i, k, 0, Math.min(W - 1, Math.max(0, Math.round(p.keypoints.get(k, 0) / 16))));
      cells.set(i, k, 1, Math.min(H - 1, Math.max(0, Math.round(p.keypoints.get(k, 1) / 16))));
    }
  });
  const darkXy = darkFromCells(inputXy, cells, maps, 16, DARK_CELL_CENTRE.posenet, DARK_KERNEL.posenet);
  const dark = plain.map((p, i) => ({ ...p, xy: darkXy[i].map(([x, y]) => toImage(x, y)) }));
  return { plain, dark };
}

/**
 * MoveNet MultiPose on one image: `{ own` (the graph's output), `plain` (decodeCenterNet on
 * the heads), `dark` (DARK on σ(keypoint heatmap) at the chosen cells instead of the
 * offsets) `}`, all 6 rows each, image px.
 */
export async function multiposeImage(image) {
  const { heads, own, toImage, ownToImage } = await multiposeHeads(image);
  const H = { center: nd(heads.center), heatmap: nd(heads.heatmap), regress: nd(heads.regress), offset: nd(heads.offset), boxScale: nd(heads.boxScale), boxOffset: nd(heads.boxOffset) };
  const rows = decodeCenterNet(H);
  const plain = rows.map((p) => poseToImage(p, toImage));
  // The chosen cells: the same decode with zero offsets (offsets do not take part in the choice).
  const zero = ndarray(new Float32Array(heads.offset.data.length), heads.offset.shape);
  const cellRows = decodeCenterNet({ ...H, offset: zero });
  const K = 17;
  const cells = ndarray(new Float64Array(rows.length * K * 2), [rows.length, K, 2]);
  cellRows.forEach((p, i) => {
    for (let k = 0; k < K; k++) (cells.set(i, k, 0, p.keypoints.get(k, 0) / 4), cells.set(i, k, 1, p.keypoints.get(k, 1) / 4));
  });
  const inputXy = rows.map((p) => Array.from({ length: K }, (_, k) => [p.keypoints.get(k, 0), p.keypoints.get(k, 1)]));
  const darkXy = darkFromCells(inputXy, cells, sigmoidKhw(heads.heatmap), 4, DARK_CELL_CENTRE.multipose, DARK_KERNEL.multipose);
  const dark = plain.map((p, i) => ({ ...p, xy: darkXy[i].map(([x, y]) => toImage(x, y)) }));
  const ownPoses = Array.from({ length: 6 }, (_, i) => ({
    xy: Array.from({ length: K }, (_, k) => ownToImage(own.get(i, 3 * k + 1), own.get(i, 3 * k))),
    scores: Array.from({ length: K }, (_, k) => own.get(i, 3 * k + 2)),
    score: own.get(i, 55),
  }));
  return { own: ownPoses, plain, dark };
}

/** Area of a pose's keypoint box (image px²), the area mmpose's bottom-up OKS-NMS uses. */
function keypointBoxArea(p) {
  const xs = p.xy.map((q) => q[0]);
  const ys = p.xy.map((q) => q[1]);
  return Math.max(1, (Math.max(...xs) - Math.min(...xs)) * (Math.max(...ys) - Math.min(...ys)));
}

/** Post-processing of one image's poses: `'none'`, `'oksNms'` (0.9) or `'nearbyJoints'`. */
export function suppress(poses, method) {
  if (method === 'none' || poses.length < 2) return poses;
  if (method === 'oksNms') {
    const inst = poses.map((p) => ({ keypoints: p.xy.flatMap(([x, y], k) => [x, y, p.scores[k]]), score: p.score, area: keypointBoxArea(p) }));
    return oksNms(inst, 0.9).map((i) => poses[i]);
  }
  if (method === 'nearbyJoints') {
    const inst = poses.map((p) => ({ keypoints: ndarray(Float64Array.from(p.xy.flat()), [p.xy.length, 2]), score: p.score }));
    return nearbyJointsNms(inst, { distThreshold: 0.05, maxDets: 0 }).map((i) => poses[i]);
  }
  throw new RangeError(`method must be 'none', 'oksNms' or 'nearbyJoints', got ${method}`);
}

/** COCO results of `{ image_id: poses[] }` (score: the pose score). */
export function toResults(byImage) {
  return Object.entries(byImage).flatMap(([id, poses]) =>
    poses.map((p) => ({ image_id: Number(id), category_id: 1, score: p.score, keypoints: p.xy.flatMap(([x, y], k) => [x, y, p.scores[k]]) })),
  );
}

/** cocoKeypointEval stats of `{ image_id: poses[] }` against the COCO GT. */
export function evaluatePoses(gt, byImage) {
  return cocoKeypointEval(gt, toResults(byImage)).stats;
}
