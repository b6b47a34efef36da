/**
 * Shared steps of the heatmap codecs: option snapshots, input px ↔ heatmap px
 * scaling of keypoints, default visibility and the single-instance reshape.
 */
import ndarray from 'ndarray';
import type { NdArray } from 'ndarray';
import { checkSize, checkFinite, keypointView, matrixView, heatmapView } from '../core/ndarray.js';
import type { DecodeResult } from '../decode/types.js';
import type { CodecCompat, FrozenSize } from './types.js';

/** A frozen copy of a validated `[w, h]`. */
export function frozenSize(name: string, v: unknown): FrozenSize {
  return Object.freeze(checkSize(name, v)) as FrozenSize;
}

/** Validate `options.compat`: undefined or `'mmpose'`. */
export function checkCompat(v: unknown): CodecCompat | undefined {
  if (v === undefined || v === 'mmpose') return v;
  throw new RangeError(`options.compat must be 'mmpose' or left out, got ${JSON.stringify(v)}`);
}

/** Validate `options.sigma` (heatmap px, > 0 and ≥ 1e-3 so the Gaussian is representable); default 2. */
export function checkSigma(v: unknown, fallback = 2): number {
  if (v === undefined) return fallback;
  const s = checkFinite('options.sigma', v, { positive: true });
  if (s < 1e-3) throw new RangeError(`options.sigma must be >= 1e-3 heatmap px, got ${s}`);
  return s;
}

/** Keypoints `[N, K, 2]` input px → fresh `[N, K, 2]` heatmap px (`x / scale`). */
export function toHeatmapPx(keypoints: NdArray, scale: FrozenSize): NdArray<Float64Array> {
  const kv = keypointView('keypoints', keypoints);
  const out = ndarray(new Float64Array(kv.N * kv.K * 2), [kv.N, kv.K, 2]);
  for (let n = 0; n < kv.N; n++)
    for (let k = 0; k < kv.K; k++) {
      const p = kv.offset + n * kv.sN + k * kv.sK;
      out.data[2 * (n * kv.K + k)] = kv.data[p] / scale[0];
      out.data[2 * (n * kv.K + k) + 1] = kv.data[p + kv.sD] / scale[1];
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

/** Multiply fresh keypoints by the codec scale (heatmap px → input px), in place. */
export function scaleInPlace(kp: NdArray<Float64Array>, scale: FrozenSize): NdArray<Float64Array> {
  const d = kp.data;
  for (let i = 0; i < d.length; i += 2) {
    d[i] *= scale[0];
    d[i + 1] *= scale[1];
  }
  return kp;
}
