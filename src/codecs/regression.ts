/**
 * Coordinate-regression codec (mmpose `RegressionLabel`,
 * `codecs/regression_label.py`): DeepPose (Toshev & Szegedy, CVPR 2014) and
 * RLE (Li et al., "Human Pose Regression with Residual Log-likelihood
 * Estimation", ICCV 2021) heads. Labels are keypoints normalised by the input
 * size, `kp / [w, h]`; decode multiplies back.
 */
import ndarray from 'ndarray';
import type { NdArray } from 'ndarray';
import { checkAllocation, checkNdArray, keypointView, matrixView, type FloatData, type KeypointView, type MatrixView } from '../core/ndarray.js';
import { optionRecord } from '../core/options.js';
import type { DecodeResult } from '../decode/types.js';
import type { CodecBase, CodecCompat, FrozenSize } from './types.js';
import { frozenSize, checkCompat } from './heatmap-geometry.js';

const f32 = Math.fround;
const identity = (v: number): number => v;

/** Options of `createCodec({ type: 'regression', ... })`. */
export interface RegressionCodecOptions {
  type: 'regression';
  /** Network input (crop) size `[w, h]`, input px. */
  inputSize: [number, number];
  /** See {@link CodecCompat}; `RegressionLabel` has no reference bug to fix, so both modes agree. */
  compat?: CodecCompat;
}

/** Training targets of a regression codec. */
export interface RegressionEncodeResult {
  /** `[N, K, 2]` keypoints divided by `[w, h]`, Float32Array (as the reference). */
  labels: NdArray<Float32Array>;
  /** `[N, K]`, 1 or 0, Float32Array. */
  weights: NdArray<Float32Array>;
}

/** A regression codec object (frozen). */
export interface RegressionCodec extends CodecBase<'regression'> {
  /** Encode keypoints `[N, K, ≥2]` (input px) with optional visibility `[N, K]` (default all 1). */
  encode(keypoints: NdArray, visible?: NdArray): RegressionEncodeResult;
  /** Decode the head output `[N, K, 2]` (normalised x, y) or `[N, K, 4]` (x, y, σx, σy: RLE) to input px. */
  decode(encoded: NdArray): DecodeResult;
}

/**
 * mmpose `RegressionLabel.encode`: `labels = f32(double(kp) / [w, h])`
 * (`regression_label.py:68`: float32 keypoints divided by an int64 array
 * promote to float64, then round once; points outside are normalised too),
 * weight 1 iff `0 ≤ x ≤ w−1`, `0 ≤ y ≤ h−1` (inclusive; −0 counts as 0) and
 * `visible > 0.5` (**strict**: 0.5 gives 0, unlike SimCC and MSRA), else 0
 * (`:64-66, 69`). A NaN keypoint gets weight 0 and NaN labels, as the reference.
 * Cost O(N·K).
 */
export function regressionLabels(inputSize: FrozenSize, kv: KeypointView, vis: MatrixView | undefined): RegressionEncodeResult {
  const [w, h] = inputSize;
  checkAllocation('labels', kv.N * kv.K * 2, 4);
  const labels = new Float32Array(kv.N * kv.K * 2);
  const weights = new Float32Array(kv.N * kv.K);
  for (let n = 0; n < kv.N; n++)
    for (let k = 0; k < kv.K; k++) {
      const p = kv.offset + n * kv.sN + k * kv.sK;
      const x = kv.data[p];
      const y = kv.data[p + kv.sD];
      const m = n * kv.K + k;
      labels[2 * m] = x / w;
      labels[2 * m + 1] = y / h;
      const v = vis ? vis.data[vis.offset + n * vis.sN + k * vis.sK] : 1;
      weights[m] = x >= 0 && x <= w - 1 && y >= 0 && y <= h - 1 && v > 0.5 ? 1 : 0;
    }
  return { labels: ndarray(labels, [kv.N, kv.K, 2]), weights: ndarray(weights, [kv.N, kv.K]) };
}

/**
 * mmpose `RegressionLabel.decode`: keypoints `= encoded[..., :2]·[w, h]` in
 * float64 (`regression_label.py:106`, exactly `double(x)·w`); scores all 1
 * for D = 2, `mean(1 − σx, 1 − σy)` for D = 4 in the input's precision
 * (`:94-99`; not clamped: σ > 1 gives negative scores, σ < 0 scores > 1).
 * NaN passes through. Cost O(N·K).
 * @param encoded `[N, K, 2]` or `[N, K, 4]`, any strides, f32/f64
 * @throws TypeError / RangeError naming `encoded` (rank ≠ 3, D ∉ {2, 4})
 */
export function regressionDecode(inputSize: FrozenSize, encoded: NdArray): DecodeResult {
  const a = checkNdArray<FloatData>('encoded', encoded, { ranks: [3] });
  const [N, K, D] = a.shape;
  if (D !== 2 && D !== 4) throw new RangeError(`encoded last axis must be 2 (x, y) or 4 (x, y, σx, σy), got shape [${a.shape.join(', ')}]`);
  const [sN, sK, sD] = a.stride;
  const f = a.data instanceof Float32Array ? f32 : identity;
  const [w, h] = inputSize;
  checkAllocation('keypoints', N * K * 2, 8);
  const kp = new Float64Array(N * K * 2);
  const sc = new Float64Array(N * K);
  for (let n = 0; n < N; n++)
    for (let k = 0; k < K; k++) {
      const p = a.offset + n * sN + k * sK;
      const m = n * K + k;
      kp[2 * m] = a.data[p] * w;
      kp[2 * m + 1] = a.data[p + sD] * h;
      // (1 - output_sigma).mean(axis=-1): float32 1 − σ, a float32 sum of two, halved.
      sc[m] = D === 2 ? 1 : f(f(f(1 - a.data[p + 2 * sD]) + f(1 - a.data[p + 3 * sD])) / 2);
    }
  return { keypoints: ndarray(kp, [N, K, 2]), scores: ndarray(sc, [N, K]) };
}

/** `visible` checked against keypoints `[N, K, ·]` (NaN rejected), or undefined. */
export function checkedVisible(kv: KeypointView, visible: NdArray | undefined): MatrixView | undefined {
  if (visible === undefined) return undefined;
  const vis = matrixView('visible', visible, { N: kv.N, K: kv.K });
  for (let n = 0; n < vis.N; n++)
    for (let k = 0; k < vis.K; k++) {
      const v = vis.data[vis.offset + n * vis.sN + k * vis.sK];
      if (v !== v) throw new RangeError(`visible[${n}][${k}] must not be NaN`);
    }
  return vis;
}

/** Create a regression codec (see the file header). Options are validated and snapshotted here. */
export function createRegressionCodec(options: RegressionCodecOptions): RegressionCodec {
  const o = optionRecord(options);
  const inputSize = frozenSize('options.inputSize', o.inputSize);
  const compat = checkCompat(o.compat);
  const encode = (keypoints: NdArray, visible?: NdArray): RegressionEncodeResult => {
    const kv = keypointView('keypoints', keypoints);
    return regressionLabels(inputSize, kv, checkedVisible(kv, visible));
  };
  const decode = (encoded: NdArray): DecodeResult => regressionDecode(inputSize, encoded);
  return Object.freeze({ type: 'regression' as const, inputSize, compat, encode, decode });
}
