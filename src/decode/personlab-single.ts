/**
 * Single-person PoseNet decoding: tfjs-models `@tensorflow-models/posenet`
 * 2.2.2 `decodeSinglePose` (`dist/single_pose/decode_single_pose.js:88-124`,
 * `argmax2d.js`, `single_pose/util.js:50-58`).
 */
import type { NdArray } from 'ndarray';
import { checkOptions } from '../core/ndarray.js';
import { at, newPoseArrays, type RealnetPose } from './realnet-types.js';
import { outputStrideOption, personLabHeads, scoreActivationOption, type ScoreActivation } from './personlab-heads.js';

/** Options of {@link decodePersonLabSingle}. */
export interface PersonLabSingleOptions {
  /** Input px per heatmap cell, an integer in [1, 1024]; default 16. */
  outputStride?: number;
  /** `'none'` (default): `heatmaps` are part scores; `'sigmoid'`: raw logits, turned into scores by tfjs's float32 sigmoid. */
  scoreActivation?: ScoreActivation;
}

/** `Math.fround(a + b)`: one float32 tensor add (`heatmapValues·stride + offsetVectors`, float32). */
function f32Add(a: number, b: number): number {
  return Math.fround(a + b);
}

/**
 * Per keypoint: the first maximum of its score map in row-major (y, x) order
 * (`tf.argMax` over the flattened map), position `stride·(x, y) + (dx, dy)`
 * there and its score; pose score = mean of the K scores (summed in keypoint
 * order, as the reference).
 *
 * The position is float32-exact for float32 offsets (tfjs adds two float32
 * tensors: `Math.fround(stride·cell + offset)`); scores are the stored values.
 *
 * @param heatmaps `[H, W, K]` (or `[1, H, W, K]`) part scores (sigmoid applied), no NaN
 * @param offsets `[H, W, 2K]` input px (channel k = dy, K + k = dx), finite
 * @returns `keypoints [K, 2]` (x, y) **input px**, `scores [K]`, `score`. Cost O(H·W·K).
 */
export function decodePersonLabSingle(heatmaps: NdArray, offsets: NdArray, options?: PersonLabSingleOptions): RealnetPose {
  const opts = checkOptions('options', options);
  const stride = outputStrideOption(opts);
  const { scores, offsets: off, K } = personLabHeads(heatmaps, offsets, scoreActivationOption(opts));
  const { keypoints, scores: out } = newPoseArrays(K);
  const kp = keypoints.data;
  const { data, offset, H, W, sH, sW, sC } = scores;
  let total = 0;
  for (let k = 0; k < K; k++) {
    let best = -Infinity;
    let by = 0;
    let bx = 0;
    for (let y = 0; y < H; y++) {
      const row = offset + y * sH + k * sC;
      for (let x = 0; x < W; x++) {
        const v = data[row + x * sW];
        if (v > best) {
          best = v;
          by = y;
          bx = x;
        }
      }
    }
    const s = at(scores, by, bx, k);
    kp[2 * k] = f32Add(bx * stride, at(off, by, bx, K + k));
    kp[2 * k + 1] = f32Add(by * stride, at(off, by, bx, k));
    out.data[k] = s;
    total += s;
  }
  return { keypoints, scores: out, score: total / K };
}
