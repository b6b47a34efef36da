/**
 * MoveNet's own centre-weighted decode (CenterNet-style: Zhou et al.,
 * "Objects as Points", 2019), from the raw heads, reproducing the graph's
 * `Identity` output including its float16 constants: MultiPose Lightning
 * (with box heads) and SinglePose Thunder / Lightning (without).
 */
import type { NdArray } from 'ndarray';
import { checkFinite, checkNdArray, checkOptions, checkPositiveInt, type FloatData } from '../core/ndarray.js';
import type { CenterNetPose } from './realnet-types.js';
import { checkCount } from '../core/options.js';
import { MAX_OUTPUT_STRIDE } from './personlab-heads.js';
import { centerNetViews, checkCenterNetValues, type CenterNetHeads } from './centernet-heads.js';
import { decodeMultiPose } from './centernet-multi.js';
import { decodeSinglePose } from './centernet-single.js';
import {
  CENTER_NMS_KERNEL,
  CENTER_NMS_TOLERANCE,
  DISTANCE_BIAS,
  KEYPOINT_SCORE_THRESHOLD,
  KEYPOINT_SIGMA_SCALE,
  movenetCenterWeight,
} from './centernet-constants.js';

export type { CenterNetHeads } from './centernet-heads.js';

/** Largest `maxPersons` accepted (bounds the O(maxPersons²·K) scoring). */
export const MAX_CENTERNET_PERSONS = 1000;
/** Largest `maxPersons·H·W·K` a MultiPose decode may take (its box search is bounded by it). */
export const MAX_CENTERNET_WORK = 2 ** 31;

/** Options of {@link decodeCenterNet}; every constant defaults to the graph's (float16) value. */
export interface CenterNetOptions {
  /** MultiPose: candidates kept by the graph's top-k (default 6, at most H·W and {@link MAX_CENTERNET_PERSONS}). */
  maxPersons?: number;
  /** Input px per cell, an integer in [1, 1024] (default 4). */
  outputStride?: number;
  /**
   * Single-person: `[H, W]` centre weight — ndarray, flat C-order array of H·W or nested rows
   * (default {@link movenetCenterWeight}: Thunder's graph constant at 64×64).
   */
  centerWeight?: NdArray | ArrayLike<number> | number[][];
  /** Single-person: pose score averages keypoint scores above this (default 0.2, pose-detection `MIN_CROP_KEYPOINT_SCORE`). */
  minCropKeypointScore?: number;
  /** MultiPose centre NMS window, odd (default 5). */
  centerNmsKernel?: number;
  /** MultiPose centre NMS tolerance (default 1e-6 as float16: 1.0132789611816406e-6). */
  centerNmsTolerance?: number;
  /** MultiPose Gaussian scale: divisor `min(H, W)·keypointSigmaScale` (default 0.3 as float16). */
  keypointSigmaScale?: number;
  /** MultiPose person score counts keypoints above this (default 0.127 as float16). */
  keypointScoreThreshold?: number;
  /** Single-person distance bias `σ / (d + distanceBias)` (default 1.8 as float16). */
  distanceBias?: number;
}

/**
 * `options.centerWeight` as a C-order H·W Float64Array: an ndarray `[H, W]`
 * (any strides), a flat typed array / number[] of H·W values (C order) or a
 * nested `number[H][W]`; finite values.
 */
function centerWeightData(v: unknown, H: number, W: number): Float64Array {
  const name = 'options.centerWeight';
  const out = new Float64Array(H * W);
  if (Array.isArray(v) && Array.isArray(v[0])) {
    if (v.length !== H || v.some((row) => !Array.isArray(row) || row.length !== W)) throw new RangeError(`${name} must be [${H}, ${W}] (the heads' H×W)`);
    v.forEach((row: unknown[], i) => row.forEach((x, j) => (out[i * W + j] = typeof x === 'number' ? x : NaN)));
  } else if (Array.isArray(v) || (ArrayBuffer.isView(v) && !(v instanceof DataView))) {
    const a = v as ArrayLike<unknown>;
    if (a.length !== H * W) throw new RangeError(`${name} must hold H·W = ${H * W} values (C order), got ${a.length}`);
    for (let i = 0; i < H * W; i++) out[i] = typeof a[i] === 'number' ? (a[i] as number) : NaN;
  } else {
    const a = checkNdArray<FloatData>(name, v, { ranks: [2] });
    if (a.shape[0] !== H || a.shape[1] !== W) throw new RangeError(`${name} must be [${H}, ${W}] (the heads' H×W), got [${a.shape.join(', ')}]`);
    for (let i = 0; i < H; i++) for (let j = 0; j < W; j++) out[i * W + j] = a.data[a.offset + i * a.stride[0] + j * a.stride[1]];
  }
  const bad = out.findIndex((x) => !Number.isFinite(x));
  if (bad >= 0) throw new RangeError(`${name} must hold finite numbers, got ${out[bad]} at (${Math.floor(bad / W)}, ${bad % W})`);
  return out;
}

function num(opts: Record<string, unknown>, key: string, fallback: number, check: { positive?: boolean; min?: number } = {}): number {
  return opts[key] === undefined ? fallback : checkFinite(`options.${key}`, opts[key], check);
}

/**
 * Decode MoveNet's raw heads as its own graph does.
 *
 * - With `heads.boxScale` and `heads.boxOffset` (MultiPose): all `maxPersons`
 *   rows in graph order (descending centre score, unfiltered; pose-detection
 *   drops those with score < 0.25), see `decodeMultiPose`.
 * - Without (SinglePose): one pose, see `decodeSinglePose`.
 *
 * Each pose: `keypoints [K, 2]` (x, y) **input px** (cell (i, j) ↦
 * (stride·j, stride·i); the graph's normalised output is this / the input
 * size), `scores [K]`, `box [4]` (xMin, yMin, xMax, yMax) input px, `score`.
 * float64 port, within 3.6e-7 of the float32 graph on the public cases.
 *
 * @param heads raw HWC heads ({@link CenterNetHeads}), `[H, W, C]` or `[1, H, W, C]`, no NaN
 */
export function decodeCenterNet(heads: CenterNetHeads, options?: CenterNetOptions): CenterNetPose[] {
  const opts = checkOptions('options', options) as Record<string, unknown>;
  const v = centerNetViews(heads);
  const { H, W } = v.center;
  const stride = opts.outputStride === undefined ? 4 : checkCount('options.outputStride', opts.outputStride, MAX_OUTPUT_STRIDE); // MoveNet: 4
  const maxPersons = opts.maxPersons === undefined ? 6 : checkPositiveInt('options.maxPersons', opts.maxPersons);
  if (maxPersons > Math.min(H * W, MAX_CENTERNET_PERSONS)) {
    throw new RangeError(`options.maxPersons must be <= min(H·W = ${H * W}, ${MAX_CENTERNET_PERSONS}), got ${maxPersons}`);
  }
  if (v.boxScale && maxPersons * H * W * v.K > MAX_CENTERNET_WORK) {
    throw new RangeError(`options.maxPersons: maxPersons·H·W·K = ${maxPersons * H * W * v.K} steps, over the ${MAX_CENTERNET_WORK} limit (use fewer persons or smaller heads)`);
  }
  const nmsKernel = opts.centerNmsKernel === undefined ? CENTER_NMS_KERNEL : checkPositiveInt('options.centerNmsKernel', opts.centerNmsKernel);
  if (nmsKernel % 2 === 0 || nmsKernel > 2 * Math.max(H, W) + 1) throw new RangeError(`options.centerNmsKernel must be odd and <= 2·max(H, W) + 1, got ${nmsKernel}`);
  const nmsTolerance = num(opts, 'centerNmsTolerance', CENTER_NMS_TOLERANCE, { min: 0 });
  const sigmaScale = num(opts, 'keypointSigmaScale', KEYPOINT_SIGMA_SCALE, { positive: true });
  const scoreThreshold = num(opts, 'keypointScoreThreshold', KEYPOINT_SCORE_THRESHOLD);
  const distanceBias = num(opts, 'distanceBias', DISTANCE_BIAS, { positive: true });
  const minCropKeypointScore = num(opts, 'minCropKeypointScore', 0.2);
  const given = opts.centerWeight === undefined ? null : centerWeightData(opts.centerWeight, H, W);
  checkCenterNetValues(v); // after the cheap shape and option checks
  if (v.boxScale) return decodeMultiPose(v, { maxPersons, stride, nmsKernel, nmsTolerance, sigmaScale, scoreThreshold });
  const centerWeight = given ?? Float64Array.from(movenetCenterWeight(H, W).data);
  return [decodeSinglePose(v, { stride, centerWeight, distanceBias, minCropKeypointScore })];
}
