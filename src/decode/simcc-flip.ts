/**
 * Flip test for SimCC heads: mmpose `flip_vectors` (`models/utils/tta.py:70-88`)
 * and the merge RTMPose's `RTMCCHead.predict` applies to the two passes.
 */
import ndarray from 'ndarray';
import type { NdArray } from 'ndarray';
import { checkAllocation } from '../core/ndarray.js';
import { simccPairView, rowBase, leadShape, type SimccView, type SimccPairView } from './simcc-view.js';
import type { SimccPair } from './simcc-types.js';

const f32 = Math.fround;

/** Validate `flipIndices`: K integers in [0, K) (repeats allowed, as mmpose). */
function checkFlipIndices(flipIndices: unknown, K: number): Int32Array {
  if (!Array.isArray(flipIndices) && !(ArrayBuffer.isView(flipIndices) && !(flipIndices instanceof DataView))) {
    throw new TypeError(`flipIndices must be an array of keypoint indices, got ${flipIndices === null ? 'null' : typeof flipIndices}`);
  }
  const a = flipIndices as ArrayLike<unknown>;
  if (a.length !== K) throw new RangeError(`flipIndices must have ${K} entries (one per keypoint), got ${a.length}`);
  const out = new Int32Array(K);
  for (let i = 0; i < K; i++) {
    const v = a[i];
    if (typeof v !== 'number' || !Number.isInteger(v) || v < 0 || v >= K) throw new RangeError(`flipIndices[${i}] must be an integer in [0, ${K}), got ${String(v)}`);
    out[i] = v;
  }
  return out;
}

/** out[n, k, i] = src[n, idx[k], reverse ? W−1−i : i]. */
function gatherRows(v: SimccView, idx: Int32Array, reverse: boolean, name: string): Float32Array {
  checkAllocation(name, v.N * v.K * v.W, 4);
  const out = new Float32Array(v.N * v.K * v.W);
  for (let n = 0; n < v.N; n++) {
    for (let k = 0; k < v.K; k++) {
      const base = rowBase(v, n, idx[k]);
      const o = (n * v.K + k) * v.W;
      for (let i = 0; i < v.W; i++) out[o + i] = v.data[base + (reverse ? v.W - 1 - i : i) * v.sW];
    }
  }
  return out;
}

function pairShape(pv: SimccPairView, W: number): number[] {
  return [...leadShape(pv), W];
}

/**
 * Map the SimCC output of a horizontally flipped input back to the original
 * frame, as mmpose `flip_vectors`: `x[:, flipIndices]` reversed along the
 * bins, `y[:, flipIndices]` unchanged. There is **no one-bin shift** (unlike
 * `flipHeatmaps(…, { shift: true })`): bin i ↔ W−1−i is the exact mirror
 * when the flipped image is mirrored about the input's centre, which SimCC's
 * `i/splitRatio` geometry assumes.
 *
 * @param x `[N, K, Wx]` (or `[K, Wx]`, one instance; the reference needs 3-D), any strides
 * @param y `[N, K, Wy]` (or `[K, Wy]`), same N and K
 * @param flipIndices K entries: output keypoint k takes input keypoint `flipIndices[k]`
 * @returns fresh Float32Array `{ x, y }` of the input shapes. Cost O(N·K·(Wx + Wy)).
 * @throws TypeError / RangeError naming `x`, `y` or `flipIndices`
 */
export function flipSimcc(x: NdArray, y: NdArray, flipIndices: ArrayLike<number>): SimccPair {
  const pv = simccPairView(x, y);
  return flipPair(pv, checkFlipIndices(flipIndices, pv.K));
}

function flipPair(pv: SimccPairView, idx: Int32Array): SimccPair {
  return {
    x: ndarray(gatherRows(pv.x, idx, true, 'x'), pairShape(pv, pv.x.W)),
    y: ndarray(gatherRows(pv.y, idx, false, 'y'), pairShape(pv, pv.y.W)),
  };
}

/** `(a + b)·0.5` in float32 into `b` (RTMCCHead: `(pred + pred_flip) * 0.5`). */
function averageInto(v: SimccView, b: Float32Array): void {
  let o = 0;
  for (let n = 0; n < v.N; n++)
    for (let k = 0; k < v.K; k++) {
      const base = rowBase(v, n, k);
      for (let i = 0; i < v.W; i++, o++) b[o] = f32(f32(v.data[base + i * v.sW] + b[o]) * 0.5);
    }
}

/**
 * SimCC flip-test merge, as RTMPose's `RTMCCHead.predict(test_cfg.flip_test)`:
 * `x = (x + flip(xFlipped))/2`, `y = (y + yFlipped[flipIndices])/2` with
 * {@link flipSimcc}; decode the result with {@link decodeSimcc}. Works on one
 * instance (`[K, W]`) or a batch (`[N, K, W]`) of crops alike.
 *
 * @param x network x output for the crops, `[N, K, Wx]` or `[K, Wx]`
 * @param y network y output, same N and K
 * @param flippedX x output for the horizontally flipped crops, same shape as `x`
 * @param flippedY y output for the flipped crops, same shape as `y`
 * @returns fresh Float32Array `{ x, y }`. Cost O(N·K·(Wx + Wy)).
 * @throws TypeError / RangeError naming the mismatching argument
 */
export function mergeSimccFlipTest(x: NdArray, y: NdArray, flippedX: NdArray, flippedY: NdArray, flipIndices: ArrayLike<number>): SimccPair {
  const pv = simccPairView(x, y);
  const fv = simccPairView(flippedX, flippedY, [2, 3], ['flippedX', 'flippedY']);
  const want = (v: SimccView) => [...leadShape(pv), v.W].join(', ');
  const got = (v: SimccView) => [...leadShape(fv), v.W].join(', ');
  if (want(pv.x) !== got(fv.x)) throw new RangeError(`flippedX must have the shape of x [${want(pv.x)}], got [${got(fv.x)}]`);
  if (want(pv.y) !== got(fv.y)) throw new RangeError(`flippedY must have the shape of y [${want(pv.y)}], got [${got(fv.y)}]`);
  const f = flipPair(fv, checkFlipIndices(flipIndices, pv.K));
  averageInto(pv.x, f.x.data);
  averageInto(pv.y, f.y.data);
  return f;
}
