/**
 * Argument checks shared by the keypoint → heatmap encoders (heatmap pixels).
 *
 * Every encoder takes `(heatmapSize [W, H], keypoints [N, K, ≥2], visible [N, K], …)`
 * exactly like mmpose `codecs/utils/gaussian_heatmap.py`. This module validates
 * them once, at the boundary, and hands the encoders flat strided views.
 *
 * Decisions (documented in docs/encode.md):
 * - `visible` may be any numeric typed array; its values must be finite
 *   (mmpose would draw a NaN visibility, since `NaN < 0.5` is false, and
 *   return a NaN weight; we refuse instead).
 * - Keypoints with `visible ≥ 0.5` (the ones mmpose draws) must be finite;
 *   invisible keypoints may hold anything, NaN included, because mmpose skips
 *   them before reading their coordinates.
 */
import type { NdArray } from 'ndarray';
import {
  checkFinite,
  checkSize,
  keypointView,
  matrixView,
  zerosF32,
  isNdArray,
  checkNdArray,
  type KeypointView,
  type MatrixView,
} from '../core/ndarray.js';
import { checkSigmaValue } from '../core/options.js';
import type { Placement } from './types.js';

/** Validated encoder inputs. */
export interface EncoderInputs {
  W: number;
  H: number;
  N: number;
  K: number;
  kp: KeypointView;
  vis: MatrixView;
  /**
   * `Math.fround` when the keypoints are Float32Array (numpy then computes
   * `keypoints + 0.5` etc. in float32), the identity for Float64Array.
   */
  f: (x: number) => number;
}

const identity = (x: number): number => x;

/** mmpose's "skip unlabelled keypoints" test: drawn iff `visible ≥ 0.5`. */
export function isDrawn(vis: MatrixView, n: number, k: number): boolean {
  return vis.data[vis.offset + n * vis.sN + k * vis.sK] >= 0.5;
}

/**
 * Validate `(heatmapSize, keypoints, visible)`; `planesPerKeypoint` output
 * planes of `H·W` float32 are checked against the 1 GiB allocation cap.
 */
export function readEncoderInputs(heatmapSize: unknown, keypoints: unknown, visible: unknown, planesPerKeypoint = 1): EncoderInputs {
  const kp = keypointView('keypoints', keypoints);
  const vis = matrixView('visible', visible, { N: kp.N, K: kp.K });
  const [W, H] = checkSize('heatmapSize', heatmapSize, kp.K * planesPerKeypoint);
  for (let n = 0; n < kp.N; n++) {
    for (let k = 0; k < kp.K; k++) {
      const v = vis.data[vis.offset + n * vis.sN + k * vis.sK];
      if (!Number.isFinite(v)) throw new RangeError(`visible[${n}][${k}] must be finite, got ${v}`);
      if (v < 0.5) continue;
      const p = kp.offset + n * kp.sN + k * kp.sK;
      const x = kp.data[p];
      const y = kp.data[p + kp.sD];
      if (!Number.isFinite(x) || !Number.isFinite(y)) {
        throw new RangeError(`keypoints[${n}][${k}] must be finite for a visible keypoint (visible ≥ 0.5), got (${x}, ${y})`);
      }
    }
  }
  const f = kp.data instanceof Float32Array ? Math.fround : identity;
  return { W, H, N: kp.N, K: kp.K, kp, vis, f };
}

/** `keypoint_weights = keypoints_visible.copy()` as a fresh float32 `[N, K]` array (not clamped). */
export function initialWeights(vis: MatrixView): NdArray<Float32Array> {
  const w = zerosF32([vis.N, vis.K], 'weights');
  let i = 0;
  for (let n = 0; n < vis.N; n++) for (let k = 0; k < vis.K; k++) w.data[i++] = vis.data[vis.offset + n * vis.sN + k * vis.sK];
  return w;
}

/**
 * Per-instance σ (heatmap px) as a Float64Array of length N: a number is
 * repeated (mmpose `sigma = (sigma,) * N`); an Array, typed array or 1-D
 * ndarray must have exactly N finite values > 0 with σ² a normal float64
 * (`checkSigmaValue`: 1.5e-154 ≤ σ ≤ 6.7e153; below, 2σ² underflows and the map
 * would be empty with weight 1).
 */
export function readSigmas(sigma: unknown, N: number, name = 'sigma'): Float64Array {
  if (typeof sigma === 'number') {
    checkSigmaValue(name, sigma);
    return new Float64Array(N).fill(sigma);
  }
  let values: ArrayLike<unknown>;
  if (isNdArray(sigma)) {
    const a = checkNdArray(name, sigma, { ranks: [1], integer: true });
    const out: number[] = [];
    for (let i = 0; i < a.shape[0]; i++) out.push(a.data[a.offset + i * a.stride[0]]);
    values = out;
  } else if (Array.isArray(sigma) || (ArrayBuffer.isView(sigma) && !(sigma instanceof DataView))) {
    values = sigma as ArrayLike<unknown>;
  } else {
    throw new TypeError(`${name} must be a number or an array of one σ per instance, got ${sigma === null ? 'null' : typeof sigma}`);
  }
  if (values.length !== N) throw new RangeError(`${name} must have one value per instance (N = ${N}), got ${values.length}`);
  const out = new Float64Array(N);
  for (let i = 0; i < N; i++) out[i] = checkSigmaValue(`${name}[${i}]`, values[i]);
  return out;
}

/** Read the `placement` option: `'mmpose'` (default) or `'floor'`. */
export function readPlacement(v: unknown): Placement {
  if (v === undefined || v === 'mmpose') return 'mmpose';
  if (v === 'floor') return 'floor';
  throw new RangeError(`options.placement must be 'mmpose' or 'floor', got ${typeof v === 'string' ? JSON.stringify(v) : String(v)}`);
}
