/**
 * Shared steps of the heatmap codecs: option snapshots, input px ↔ heatmap px
 * scaling of keypoints, default visibility and the single-instance reshape.
 */
import ndarray from 'ndarray';
import type { NdArray } from 'ndarray';
import { checkSize, keypointView, matrixView, heatmapView } from '../core/ndarray.js';
import type { DecodeResult } from '../decode/types.js';
import type { CodecCompat, FrozenSize } from './types.js';
import { f32Quotient, f32Product } from '../core/float32.js';
import { checkSigmaValue } from '../core/options.js';

/** A frozen copy of a validated `[w, h]`. */
export function frozenSize(name: string, v: unknown): FrozenSize {
  return Object.freeze(checkSize(name, v)) as FrozenSize;
}

/** Validate `options.compat`: undefined or `'mmpose'`. */
export function checkCompat(v: unknown): CodecCompat | undefined {
  if (v === undefined || v === 'mmpose') return v;
  throw new RangeError(`options.compat must be 'mmpose' or left out, got ${JSON.stringify(v)}`);
}

/**
 * Validate `options.sigma` (heatmap px): ≥ 1e-3 so the Gaussian is
 * representable and ≤ MAX_SIGMA ≈ 6.7e153 (core `checkSigmaValue`: σ² a normal
 * float64, else 2σ² overflows and every map is flat); default 2.
 */
export function checkSigma(v: unknown, fallback = 2): number {
  if (v === undefined) return fallback;
  const s = checkSigmaValue('options.sigma', v);
  if (s < 1e-3) throw new RangeError(`options.sigma must be >= 1e-3 heatmap px, got ${s}`);
  return s;
}

/**
 * How a codec converts between input and heatmap px: `'exact'` (float64, the
 * default codecs: decode is the exact inverse of encode) or `'float32'`
 * (`compat: 'mmpose'`: mmpose stores `scale_factor` as a float32 array and
 * divides / multiplies float32 keypoints by it, e.g. `msra_heatmap.py:74-75,
 * :106, :151`, `udp_heatmap.py:77-78`, `megvii_heatmap.py:56-57`).
 */
export type ScaleArithmetic = 'exact' | 'float32';

/** The arithmetic a codec's `compat` implies. */
export function scaleArithmetic(compat: CodecCompat | undefined): ScaleArithmetic {
  return compat === 'mmpose' ? 'float32' : 'exact';
}

/**
 * Keypoints `[N, K, 2]` input px → fresh `[N, K, 2]` heatmap px (`x / scale`;
 * with `'float32'`, float32 keypoints over the float32 scale, rounded to float32).
 */
export function toHeatmapPx(keypoints: NdArray, scale: FrozenSize, arithmetic: ScaleArithmetic = 'exact'): NdArray<Float64Array> {
  const kv = keypointView('keypoints', keypoints);
  const out = ndarray(new Float64Array(kv.N * kv.K * 2), [kv.N, kv.K, 2]);
  const f32 = arithmetic === 'float32';
  for (let n = 0; n < kv.N; n++)
    for (let k = 0; k < kv.K; k++) {
      const p = kv.offset + n * kv.sN + k * kv.sK;
      const x = kv.data[p];
      const y = kv.data[p + kv.sD];
      out.data[2 * (n * kv.K + k)] = f32 ? f32Quotient(x, scale[0]) : x / scale[0];
      out.data[2 * (n * kv.K + k) + 1] = f32 ? f32Quotient(y, scale[1]) : y / scale[1];
    }
  return out;
}

/** `visible` checked against keypoints `[N, K, ·]`, or all-ones `[N, K]` when left out. */
export function defaultVisible(keypoints: NdArray, visible: NdArray | undefined): NdArray {
  const kv = keypointView('keypoints', keypoints);
  if (visible !== undefined) {
    matrixView('visible', visible, { N: kv.N, K: kv.K });
    return visible;
  }
  return ndarray(new Float32Array(kv.N * kv.K).fill(1), [kv.N, kv.K]);
}

/** Validate decode input heatmaps against the codec's `[W, H]` and a channel multiple; returns whether batched. */
export function checkCodecHeatmaps(heatmaps: unknown, heatmapSize: FrozenSize, channelMultiple = 1): boolean {
  const v = heatmapView('heatmaps', heatmaps);
  if (v.W !== heatmapSize[0] || v.H !== heatmapSize[1]) {
    throw new RangeError(`heatmaps must be ${heatmapSize[1]}×${heatmapSize[0]} (H×W, the codec's heatmapSize), got ${v.H}×${v.W}`);
  }
  if (v.K % channelMultiple !== 0) throw new RangeError(`heatmaps must have a multiple of ${channelMultiple} channels, got ${v.K}`);
  return v.batched;
}

/** Reshape `[K, 2]`/`[K]` results of a single-instance decode to `[1, K, 2]`/`[1, K]`. */
export function asInstances(r: DecodeResult, batched: boolean): DecodeResult {
  if (batched) return r;
  const K = r.scores.shape[0];
  return { keypoints: ndarray(r.keypoints.data, [1, K, 2]), scores: ndarray(r.scores.data, [1, K]) };
}

/**
 * Multiply fresh keypoints by the codec scale (heatmap px → input px), in
 * place; with `'float32'` as mmpose's `keypoints * scale_factor` (float32 product).
 */
export function scaleInPlace(kp: NdArray<Float64Array>, scale: FrozenSize, arithmetic: ScaleArithmetic = 'exact'): NdArray<Float64Array> {
  const d = kp.data;
  const f32 = arithmetic === 'float32';
  for (let i = 0; i < d.length; i += 2) {
    d[i] = f32 ? f32Product(d[i], scale[0]) : d[i] * scale[0];
    d[i + 1] = f32 ? f32Product(d[i + 1], scale[1]) : d[i + 1] * scale[1];
  }
  return kp;
}
