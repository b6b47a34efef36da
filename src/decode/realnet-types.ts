/**
 * Shared result type and head-tensor access of the real-network decoders
 * (`decodePersonLab`, `decodePersonLabSingle`, `decodeCenterNet`,
 * `refineFromHeatmap`).
 *
 * Network heads arrive as the graph gives them: HWC (`[H, W, C]`, channel
 * fastest, the NHWC output without its batch axis) or NHWC with a batch of 1
 * (`[1, H, W, C]`), any strides, Float32Array or Float64Array data. They are
 * validated once here and then read through flat indices.
 */
import ndarray from 'ndarray';
import type { NdArray } from 'ndarray';
import { checkNdArray, zerosF64, type FloatData } from '../core/ndarray.js';

/**
 * One decoded person, the common shape of every real-network decoder (and the
 * input of `cocoKeypointEval` / `oksNms` / the trackers once paired with a
 * score column).
 */
export interface RealnetPose {
  /** `[K, 2]` (x, y) **input px** (pixels of the network input), Float64Array. */
  keypoints: NdArray<Float64Array>;
  /** `[K]` per-keypoint scores in [0, 1], Float64Array. */
  scores: NdArray<Float64Array>;
  /** Instance score (decoder-specific; see each decoder). */
  score: number;
}

/** A {@link RealnetPose} with its box, as MoveNet decodes it. */
export interface CenterNetPose extends RealnetPose {
  /** `[4]` (xMin, yMin, xMax, yMax) input px, Float64Array. */
  box: NdArray<Float64Array>;
}

/** Flat-index access to an HWC head: element (y, x, c) is `data[offset + y·sH + x·sW + c·sC]`. */
export interface HwcView {
  H: number;
  W: number;
  C: number;
  data: FloatData;
  offset: number;
  sH: number;
  sW: number;
  sC: number;
}

/** Element (y, x, c) of an HWC head. */
export function at(v: HwcView, y: number, x: number, c: number): number {
  return v.data[v.offset + y * v.sH + x * v.sW + c * v.sC];
}

/**
 * Validate a head `[H, W, C]` (or `[1, H, W, C]`) with H, W, C ≥ 1 and return
 * its flat view. Throws `TypeError` (not an ndarray, wrong rank, batch ≠ 1) or
 * `RangeError` (empty axis) naming `name`.
 */
export function hwcView(name: string, x: unknown): HwcView {
  const a = checkNdArray<FloatData>(name, x, { ranks: [3, 4] });
  let { shape, stride } = a;
  if (shape.length === 4) {
    if (shape[0] !== 1) throw new TypeError(`${name} must be [H, W, C] or [1, H, W, C] (batch of 1), got shape [${shape.join(', ')}]`);
    shape = shape.slice(1);
    stride = stride.slice(1);
  }
  const [H, W, C] = shape;
  if (H < 1 || W < 1 || C < 1) throw new RangeError(`${name} must have H, W, C >= 1, got shape [${a.shape.join(', ')}]`);
  return { H, W, C, data: a.data, offset: a.offset, sH: stride[0], sW: stride[1], sC: stride[2] };
}

/** Throw a `RangeError` naming `name` unless `v` has the H×W of `ref` (named `refName`). */
export function checkSameHW(name: string, v: HwcView, refName: string, ref: HwcView): void {
  if (v.H !== ref.H || v.W !== ref.W) {
    throw new RangeError(`${name} must have the H×W of ${refName} (${ref.H}×${ref.W}), got ${v.H}×${v.W}`);
  }
}

/** Throw a `RangeError` naming `name` unless `v` has `C` channels (`what` says why). */
export function checkChannels(name: string, v: HwcView, C: number, what: string): void {
  if (v.C !== C) throw new RangeError(`${name} must have ${C} channels (${what}), got ${v.C}`);
}

/**
 * Throw a `RangeError` naming `name` at the first NaN of the head (or, with
 * `finite`, the first non-finite value). One pass, O(H·W·C).
 */
export function checkHeadValues(name: string, v: HwcView, finite = false): void {
  const { data, offset, H, W, C, sH, sW, sC } = v;
  for (let y = 0; y < H; y++) {
    for (let x = 0; x < W; x++) {
      const p = offset + y * sH + x * sW;
      for (let c = 0; c < C; c++) {
        const val = data[p + c * sC];
        if (finite ? !Number.isFinite(val) : val !== val) {
          throw new RangeError(`${name} must not contain ${finite ? 'NaN or ±Infinity' : 'NaN'}, got ${val} at (y=${y}, x=${x}, c=${c})`);
        }
      }
    }
  }
}

/** Fresh `keypoints [K, 2]` and `scores [K]` (Float64Array) for one pose. */
export function newPoseArrays(K: number): { keypoints: NdArray<Float64Array>; scores: NdArray<Float64Array> } {
  return { keypoints: zerosF64([K, 2], 'keypoints'), scores: ndarray(new Float64Array(K), [K]) };
}
