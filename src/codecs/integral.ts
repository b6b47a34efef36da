/**
 * Integral regression codec (mmpose `IntegralRegressionLabel`,
 * `codecs/integral_regression_label.py`; Sun et al., "Integral Human Pose
 * Regression", ECCV 2018; DSNT, Nibali et al. 2018): training targets are
 * MSRA (or DARK-unbiased) Gaussian maps, optionally normalised to sum 1, plus
 * the regression labels `kp/[w, h]`; the head integrates its own maps
 * (soft-argmax) and outputs normalised coordinates, so `decode` takes that
 * regression output, exactly as the reference. The soft-argmax of heatmaps
 * is {@link IntegralCodec.decodeHeatmaps}. Geometry `x_hm = x_in·W/w`.
 */
import ndarray from 'ndarray';
import type { NdArray } from 'ndarray';
import { heatmapToInputScale } from '../core/geometry.js';
import { checkBoolean, checkOddKernel, optionRecord } from '../core/options.js';
import { checkOptions, keypointView, zerosF32, type KeypointView } from '../core/ndarray.js';
import { msraHeatmaps, unbiasedHeatmaps } from '../encode/index.js';
import { softArgmax } from '../decode/soft-argmax.js';
import { parseSoftArgmaxOptions } from '../decode/options.js';
import type { DecodeResult, SoftArgmaxOptions } from '../decode/types.js';
import type { CodecBase, CodecCompat, FrozenSize } from './types.js';
import { frozenSize, checkCompat, checkSigma, defaultVisible, checkCodecHeatmaps, asInstances, scaleInPlace } from './heatmap-geometry.js';
import { regressionLabels, regressionDecode, checkedVisible } from './regression.js';

const f32 = Math.fround;

/** Options of `createCodec({ type: 'integral', ... })` (mmpose `IntegralRegressionLabel` arguments). */
export interface IntegralCodecOptions {
  type: 'integral';
  /** Network input (crop) size `[w, h]`, input px. */
  inputSize: [number, number];
  /** Heatmap size `[W, H]`, heatmap px. */
  heatmapSize: [number, number];
  /** Gaussian σ in heatmap px. Default 2. */
  sigma?: number;
  /** DARK unbiased target encoding (exact centre, whole map). Default false. */
  unbiased?: boolean;
  /** Accepted for parity with the reference (it plays no part in encode or decode). Default 11. */
  blurKernelSize?: number;
  /**
   * `encode` divides each target map by its sum + 1e-24 (mmpose `normalize`,
   * default true). Deprecated: the strings `'softmax'` / `'sum'` (0.1's
   * soft-argmax option) still set `decodeHeatmaps`' default `normalize` and
   * leave the encode normalisation on.
   */
  normalize?: boolean | 'softmax' | 'sum';
  /** Default soft-argmax β of `decodeHeatmaps`. Default 1. */
  beta?: number;
  /** Default soft-argmax debias of `decodeHeatmaps`. Default false. */
  debias?: boolean;
  /** See {@link CodecCompat}; the integral codec has no reference bug to fix. */
  compat?: CodecCompat;
}

/** Training targets of the integral codec. */
export interface IntegralEncodeResult {
  /** `[K, H, W]` target maps (the MSRA / unbiased encoder's, normalised with `normalize`), Float32Array. */
  heatmaps: NdArray<Float32Array>;
  /** `[N, K, 2]` regression labels `kp/[w, h]`, Float32Array (mmpose `keypoint_labels`). */
  labels: NdArray<Float32Array>;
  /** `[N, K]` regression weights (1 or 0, `RegressionLabel` rules), Float32Array. */
  weights: NdArray<Float32Array>;
  /** @deprecated since 0.2: the same array as {@link labels}. */
  keypointLabels: NdArray<Float32Array>;
}

/** The integral codec object (frozen). */
export interface IntegralCodec extends CodecBase<'integral'> {
  /** Heatmap size `[W, H]`, heatmap px. */
  readonly heatmapSize: FrozenSize;
  /** Input px per heatmap px on each axis (`x_in = x_hm·scale`), frozen. */
  readonly scale: FrozenSize;
  /** Encode keypoints `[N, K, ≥2]` (input px) with optional visibility `[N, K]` (default all 1). */
  encode(keypoints: NdArray, visible?: NdArray): IntegralEncodeResult;
  /**
   * Decode the head's regression output `[N, K, 2]` (normalised x, y) or
   * `[N, K, 4]` (with σ, as RLE) to input px: mmpose
   * `IntegralRegressionLabel.decode` = `RegressionLabel.decode`
   * (`integral_regression_label.py:119`; heatmapSize and σ play no part).
   */
  decode(encoded: NdArray): DecodeResult;
  /**
   * Soft-argmax of the head's maps, in input px: `[K, H, W]` (returns
   * `[1, K, 2]`, `[1, K]`) or `[B, K, H, W]`. Options as `softArgmax`
   * (`beta`, `debias`, `normalize: 'softmax' | 'sum'`), defaulting to the
   * codec's `beta` / `debias`. Heatmaps of another size are rejected.
   */
  decodeHeatmaps(heatmaps: NdArray, options?: SoftArgmaxOptions): DecodeResult;
}

/**
 * Keypoints in heatmap px as `MSRAHeatmap.encode` computes them
 * (`msra_heatmap.py:74-75, 106, 112`): `kp / f32(input_size / heatmap_size)`,
 * in float32 for float32 keypoints (100/48 → 2.0833333). Keeps the input's
 * precision so that the encoders round as numpy does.
 */
function referenceHeatmapPx(kv: KeypointView, inputSize: FrozenSize, heatmapSize: FrozenSize): NdArray {
  const sx = f32(inputSize[0] / heatmapSize[0]);
  const sy = f32(inputSize[1] / heatmapSize[1]);
  const isF32 = kv.data instanceof Float32Array;
  const out = isF32 ? new Float32Array(kv.N * kv.K * 2) : new Float64Array(kv.N * kv.K * 2);
  for (let n = 0; n < kv.N; n++)
    for (let k = 0; k < kv.K; k++) {
      const p = kv.offset + n * kv.sN + k * kv.sK;
      const m = n * kv.K + k;
      out[2 * m] = kv.data[p] / sx;
      out[2 * m + 1] = kv.data[p + kv.sD] / sy;
    }
  return ndarray(out, [kv.N, kv.K, 2]);
}

/** Each `[H, W]` map divided by `f32(sum) + 1e-24` in float32 (`integral_regression_label.py:94-96`): zero maps stay zero. */
function normalizeMaps(maps: NdArray<Float32Array>): NdArray<Float32Array> {
  const [K, H, W] = maps.shape;
  const out = zerosF32([K, H, W], 'heatmaps');
  const n = H * W;
  const tiny = f32(1e-24);
  for (let k = 0; k < K; k++) {
    let s = 0;
    for (let i = 0; i < n; i++) s += maps.data[k * n + i];
    const d = f32(f32(s) + tiny);
    for (let i = 0; i < n; i++) out.data[k * n + i] = maps.data[k * n + i] / d;
  }
  return out;
}

/** Create an integral regression codec (see the file header). Options are validated and snapshotted here. */
export function createIntegralCodec(options: IntegralCodecOptions): IntegralCodec {
  const o = optionRecord(options);
  const inputSize = frozenSize('options.inputSize', o.inputSize);
  const heatmapSize = frozenSize('options.heatmapSize', o.heatmapSize);
  const sigma = checkSigma(o.sigma);
  const unbiased = checkBoolean('options.unbiased', o.unbiased, false);
  checkOddKernel('options.blurKernelSize', o.blurKernelSize, 11);
  const legacy = o.normalize === 'softmax' || o.normalize === 'sum' ? o.normalize : undefined;
  const normalize = legacy ? true : checkBoolean('options.normalize', o.normalize, true);
  const defaults = parseSoftArgmaxOptions({ beta: o.beta as number | undefined, debias: o.debias as boolean | undefined, normalize: legacy });
  const compat = checkCompat(o.compat);
  const scale = Object.freeze(heatmapToInputScale('msra', [...inputSize], [...heatmapSize])) as readonly [number, number];

  const encode = (keypoints: NdArray, visible?: NdArray): IntegralEncodeResult => {
    const kv = keypointView('keypoints', keypoints);
    const vis = checkedVisible(kv, visible);
    const hm = referenceHeatmapPx(kv, inputSize, heatmapSize);
    const size: [number, number] = [heatmapSize[0], heatmapSize[1]];
    const visAll = defaultVisible(keypoints, visible);
    const enc = unbiased ? unbiasedHeatmaps(size, hm, visAll, sigma) : msraHeatmaps(size, hm, visAll, sigma);
    // integral_regression_label.py:88-92: labels and weights come from RegressionLabel; the heatmap weights are dropped.
    const { labels, weights } = regressionLabels(inputSize, kv, vis);
    return { heatmaps: normalize ? normalizeMaps(enc.heatmaps) : enc.heatmaps, labels, weights, keypointLabels: labels };
  };
  const decode = (encoded: NdArray): DecodeResult => regressionDecode(inputSize, encoded);
  const decodeHeatmaps = (heatmaps: NdArray, opts?: SoftArgmaxOptions): DecodeResult => {
    const given = checkOptions('options', opts);
    const s = parseSoftArgmaxOptions({
      beta: given.beta ?? defaults.beta,
      debias: given.debias ?? defaults.debias,
      normalize: given.normalize ?? defaults.normalize,
    });
    const batched = checkCodecHeatmaps(heatmaps, heatmapSize);
    const r = asInstances(softArgmax(heatmaps, s), batched);
    scaleInPlace(r.keypoints, scale);
    return r;
  };
  return Object.freeze({ type: 'integral' as const, inputSize, heatmapSize, scale, compat, encode, decode, decodeHeatmaps });
}
