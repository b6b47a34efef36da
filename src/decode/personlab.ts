/**
 * PersonLab multi-person decoding as PoseNet ships it: tfjs-models
 * `@tensorflow-models/posenet` 2.2.2 `decodeMultiplePoses`
 * (`dist/multi_pose/decode_multiple_poses.js`, `decode_pose.js`,
 * `build_part_with_score_queue.js`, `max_heap.js`). Papandreou et al.,
 * "PersonLab", ECCV 2018.
 */
import ndarray from 'ndarray';
import type { NdArray } from 'ndarray';
import { checkFinite, checkOptions, checkPositiveInt } from '../core/ndarray.js';
import { checkChannels, checkHeadValues, checkSameHW, hwcView, type RealnetPose } from './realnet-types.js';
import { poseChain } from './personlab-chain.js';
import { outputStrideOption, personLabHeads, scoreActivationOption, type ScoreActivation } from './personlab-heads.js';
import { buildPartQueue } from './personlab-queue.js';
import { growPose, type PoseGrowth } from './personlab-pose.js';

/** Largest `maxDetections` accepted: bounds the O(poses²·K) suppression work. */
export const MAX_PERSONLAB_DETECTIONS = 10_000;

/** Options of {@link decodePersonLab}. */
export interface PersonLabOptions {
  /** Input px per heatmap cell, an integer in [1, 1024]; default 16. */
  outputStride?: number;
  /** `'none'` (default): `heatmaps` are part scores; `'sigmoid'`: raw logits, turned into scores by tfjs's float32 sigmoid. */
  scoreActivation?: ScoreActivation;
  /** Most poses returned; default 20, at most {@link MAX_PERSONLAB_DETECTIONS}. */
  maxDetections?: number;
  /** Root candidates need `score ≥ scoreThreshold`; default 0.5. */
  scoreThreshold?: number;
  /** Part-NMS radius in **input px** (the same at every resolution); default 20. */
  nmsRadius?: number;
  /**
   * Part tree `[parent, child][]`, root first (see `poseChain`); displacement
   * channel e is edge e's dy, E + e its dx. Default: PoseNet's COCO-17 chain
   * (`POSENET_POSE_CHAIN`), required when K ≠ 17.
   */
  edges?: readonly (readonly [number, number])[];
}

/** True when (x, y) lies within √r² (distance² ≤ r², input px) of keypoint k of an earlier pose. */
function nearEarlierPose(poses: Float64Array[], r2: number, x: number, y: number, k: number): boolean {
  for (const p of poses) {
    const dy = p[2 * k + 1] - y;
    const dx = p[2 * k] - x;
    if (dy * dy + dx * dx <= r2) return true;
  }
  return false;
}

function toPose(pos: Float64Array, sc: Float64Array, score: number, K: number): RealnetPose {
  return { keypoints: ndarray(pos, [K, 2]), scores: ndarray(sc, [K]), score };
}

/**
 * Decode every person from PoseNet / PersonLab heads.
 *
 * 1. Root candidates: each (y, x, k) with `score ≥ scoreThreshold` that no
 *    cell of its clipped 3×3 window strictly exceeds, in tfjs's max-heap.
 * 2. Pop roots until `maxDetections` poses; a root within `nmsRadius`
 *    (distance² ≤ r²) of the same keypoint of a pose already found is skipped.
 * 3. Grow the pose along the part tree (backward then forward displacements,
 *    two offset refinements per step).
 * 4. Pose score = Σ of the keypoint scores **not** within `nmsRadius` of the
 *    same keypoint of an earlier pose, / K. Poses stay in root order (the
 *    scores are not sorted, and later poses of an already-found person are
 *    kept with a low score, as in tfjs).
 *
 * Exact port in float64 (the reference computes in JS doubles on float32
 * buffers): bit-identical positions for the same scores.
 *
 * @param heatmaps `[H, W, K]` (or `[1, H, W, K]`) part **scores** (sigmoid
 *   already applied), no NaN
 * @param offsets `[H, W, 2K]` short-range offsets, input px (channel k = dy, K + k = dx), finite
 * @param displacementFwd `[H, W, 2E]` parent → child displacements, input px (e = dy, E + e = dx), finite
 * @param displacementBwd `[H, W, 2E]` child → parent displacements, finite
 * @returns poses in root order, each `keypoints [K, 2]` (x, y) **input px**
 *   (cell (i, j) ↦ (stride·j, stride·i), not clamped to the input),
 *   `scores [K]`, `score`; `[]` when no part reaches `scoreThreshold`.
 *   Cost O(H·W·K) for the queue plus O(roots·poses + poses²·K).
 */
export function decodePersonLab(
  heatmaps: NdArray,
  offsets: NdArray,
  displacementFwd: NdArray,
  displacementBwd: NdArray,
  options?: PersonLabOptions,
): RealnetPose[] {
  const opts = checkOptions('options', options);
  const stride = outputStrideOption(opts);
  const maxDetections = opts.maxDetections === undefined ? 20 : checkPositiveInt('options.maxDetections', opts.maxDetections);
  if (maxDetections > MAX_PERSONLAB_DETECTIONS) throw new RangeError(`options.maxDetections must be <= ${MAX_PERSONLAB_DETECTIONS}, got ${maxDetections}`);
  const scoreThreshold = opts.scoreThreshold === undefined ? 0.5 : checkFinite('options.scoreThreshold', opts.scoreThreshold);
  const nmsRadius = opts.nmsRadius === undefined ? 20 : checkFinite('options.nmsRadius', opts.nmsRadius, { min: 0 });
  const { scores, offsets: off, K } = personLabHeads(heatmaps, offsets, scoreActivationOption(opts));
  const chain = poseChain('options.edges', opts.edges, K);
  const E = chain.parent.length;
  const fwd = hwcView('displacementFwd', displacementFwd);
  const bwd = hwcView('displacementBwd', displacementBwd);
  for (const [name, v] of [['displacementFwd', fwd], ['displacementBwd', bwd]] as const) {
    checkSameHW(name, v, 'heatmaps', scores);
    checkChannels(name, v, 2 * E, `2·E with E = ${E} edges: dy then dx`);
    checkHeadValues(name, v, true);
  }

  const g: PoseGrowth = { scores, offsets: off, fwd, bwd, chain, stride, K };
  const queue = buildPartQueue(scores, scoreThreshold, 1); // kLocalMaximumRadius = 1 (decode_multiple_poses.js)
  const r2 = nmsRadius * nmsRadius;
  const found: Float64Array[] = [];
  const poses: RealnetPose[] = [];
  const top = new Float64Array(1);
  const W = scores.W;
  while (poses.length < maxDetections && queue.size > 0) {
    const id = queue.pop(top);
    const k = id % K;
    const cell = (id - k) / K;
    const x = cell % W;
    const y = (cell - x) / W;
    const rx = x * stride + off.data[off.offset + y * off.sH + x * off.sW + (K + k) * off.sC];
    const ry = y * stride + off.data[off.offset + y * off.sH + x * off.sW + k * off.sC];
    if (nearEarlierPose(found, r2, rx, ry, k)) continue;
    const pos = new Float64Array(2 * K);
    const sc = new Float64Array(K);
    growPose(g, k, y, x, top[0], pos, sc);
    let sum = 0;
    for (let j = 0; j < K; j++) if (!nearEarlierPose(found, r2, pos[2 * j], pos[2 * j + 1], j)) sum += sc[j];
    found.push(pos);
    poses.push(toPose(pos, sc, sum / K, K));
  }
  return poses;
}
