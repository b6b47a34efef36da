/**
 * Integral regression codec (mmpose `IntegralRegressionLabel`,
 * `codecs/integral_regression_label.py`; Sun et al., "Integral Human Pose
 * Regression", ECCV 2018): MSRA (or DARK-unbiased) Gaussian maps normalised
 * to sum 1, plus labels `kp/[w, h]`; decoded by soft-argmax of the head's
 * maps. Geometry `x_hm = x_in·W/w`.
 */
import ndarray from 'ndarray';
import type { NdArray } from 'ndarray';
import { heatmapToInputScale } from '../core/geometry.js';
import { checkBoolean, checkChoice, optionRecord } from '../core/options.js';
import { checkFinite, keypointView, zerosF32 } from '../core/ndarray.js';
import { msraHeatmaps, unbiasedHeatmaps } from '../encode/index.js';
import { softArgmax } from '../decode/soft-argmax.js';
import type { HeatmapCodec, HeatmapEncodeResult, CodecCompat } from './types.js';
import {
  frozenSize, checkCompat, checkSigma, toHeatmapPx, defaultVisible, checkCodecHeatmaps, asInstances, scaleInPlace,
} from './heatmap-geometry.js';

/** Options of `createCodec({ type: 'integral', ... })`. */
export interface IntegralCodecOptions {
  type: 'integral';
  /** Network input (crop) size `[w, h]`, input px. */
  inputSize: [number, number];
  /** Heatmap size `[W, H]`, heatmap px. */
  heatmapSize: [number, number];
  /** Gaussian σ in heatmap px. Default 2. */
  sigma?: number;
  /** DARK unbiased target encoding. Default false. */
  unbiased?: boolean;
  /** Soft-argmax β used by `decode`. Default 1. */
  beta?: number;
  /** Soft-argmax debias (Gu et al.). Default false. */
  debias?: boolean;
  /** Treat decoded maps as logits (`'softmax'`, default) or probabilities (`'sum'`). */
  normalize?: 'softmax' | 'sum';
  /** See {@link CodecCompat}. */
  compat?: CodecCompat;
}

/** Each `[H, W]` map divided by its sum + 1e-24 (`integral_regression_label.py`). */
function normalizeMaps(maps: NdArray<Float32Array>): NdArray<Float32Array> {
  const [K, H, W] = maps.shape;
  const out = zerosF32([K, H, W], 'heatmaps');
  const n = H * W;
  for (let k = 0; k < K; k++) {
    let s = 0;
    for (let i = 0; i < n; i++) s += maps.data[k * n + i];
    for (let i = 0; i < n; i++) out.data[k * n + i] = maps.data[k * n + i] / (s + 1e-24);
  }
  return out;
}

/** mmpose `RegressionLabel`: labels `kp/[w, h]`, weight 1 iff visible (> 0.5) and 0 ≤ kp ≤ (w−1, h−1). */
function regressionLabels(keypoints: NdArray, heatmapWeights: NdArray<Float32Array>, w: number, h: number) {
  const kv = keypointView('keypoints', keypoints);
  const labels = ndarray(new Float64Array(kv.N * kv.K * 2), [kv.N, kv.K, 2]);
  const weights = zerosF32([kv.N, kv.K], 'weights');
  for (let n = 0; n < kv.N; n++)
    for (let k = 0; k < kv.K; k++) {
      const p = kv.offset + n * kv.sN + k * kv.sK;
      const x = kv.data[p];
      const y = kv.data[p + kv.sD];
      labels.data[2 * (n * kv.K + k)] = x / w;
      labels.data[2 * (n * kv.K + k) + 1] = y / h;
      const ok = heatmapWeights.data[n * kv.K + k] > 0.5 && x >= 0 && y >= 0 && x <= w - 1 && y <= h - 1;
      weights.data[n * kv.K + k] = ok ? 1 : 0;
    }
  return { labels, weights };
}

/** Create an integral regression codec (see the file header). Options are validated and snapshotted here. */
export function createIntegralCodec(options: IntegralCodecOptions): HeatmapCodec<'integral'> {
  const o = optionRecord(options);
  const inputSize = frozenSize('options.inputSize', o.inputSize);
  const heatmapSize = frozenSize('options.heatmapSize', o.heatmapSize);
  const sigma = checkSigma(o.sigma);
  const unbiased = checkBoolean('options.unbiased', o.unbiased, false);
  const beta = o.beta === undefined ? 1 : checkFinite('options.beta', o.beta, { positive: true });
  const debias = checkBoolean('options.debias', o.debias, false);
  const normalize = checkChoice('options.normalize', o.normalize, ['softmax', 'sum'] as const);
  const compat = checkCompat(o.compat);
  const scale = Object.freeze(heatmapToInputScale('msra', [...inputSize], [...heatmapSize])) as readonly [number, number];

  const encode = (keypoints: NdArray, visible?: NdArray): HeatmapEncodeResult => {
    const vis = defaultVisible(keypoints, visible);
    const hm = toHeatmapPx(keypoints, scale);
    const size: [number, number] = [heatmapSize[0], heatmapSize[1]];
    const enc = unbiased ? unbiasedHeatmaps(size, hm, vis, sigma) : msraHeatmaps(size, hm, vis, sigma);
    const { labels, weights } = regressionLabels(keypoints, enc.weights, inputSize[0], inputSize[1]);
    return { heatmaps: normalizeMaps(enc.heatmaps), weights, keypointLabels: labels };
  };
  const decode = (heatmaps: NdArray) => {
    const batched = checkCodecHeatmaps(heatmaps, heatmapSize);
    const r = asInstances(softArgmax(heatmaps, { beta, debias, normalize }), batched);
    scaleInPlace(r.keypoints, scale);
    return r;
  };
  return Object.freeze({ type: 'integral' as const, inputSize, heatmapSize, scale, compat, encode, decode });
}
