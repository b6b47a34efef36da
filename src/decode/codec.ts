/**
 * Codec objects: an encoder and a decoder bound to one input size, heatmap
 * size and geometry, working in **input pixels** (mmpose `MSRAHeatmap`,
 * `UDPHeatmap`, `MegviiHeatmap`, `IntegralRegressionLabel`).
 *
 * Geometry is exact in both directions: `decode` applies the inverse of the
 * scale `encode` applied. MSRA-type codecs use `x_hm = x_in·W/w`; UDP uses
 * `x_hm = x_in·(W−1)/(w−1)` and decodes with `(w−1)/(W−1)` — mmpose's
 * `UDPHeatmap.decode` multiplies by `w/(W−1)` instead, about 1 px off at the
 * right edge for w = 192 (codecs.md §1.4); we fix that on purpose.
 */
import ndarray from 'ndarray';
import type { NdArray } from 'ndarray';
import { checkOptions, checkSize, checkFinite, keypointView, matrixView, heatmapView, zerosF32 } from '../core/ndarray.js';
import { heatmapToInputScale } from '../core/geometry.js';
import { msraHeatmaps, unbiasedHeatmaps, udpHeatmaps, udpCombinedTargets, megviiHeatmaps } from '../encode/index.js';
import { heatmapArgmax, type DecodeResult } from './argmax.js';
import { decodeHeatmaps } from './decode-heatmaps.js';
import { decodeUdpCombined } from './udp-combined.js';
import { softArgmax } from './soft-argmax.js';
import { gaussianBlur } from './blur.js';

export type CodecType = 'msra' | 'udp' | 'megvii' | 'integral';

export interface CodecOptions {
  type: CodecType;
  /** Network input (crop) size `[w, h]`, input px. */
  inputSize: [number, number];
  /** Heatmap size `[W, H]`, heatmap px. */
  heatmapSize: [number, number];
  /** Gaussian σ in heatmap px (msra, udp gaussian, integral). Default 2. */
  sigma?: number;
  /** msra / integral: DARK unbiased encoding and DARK decoding. Default false. */
  unbiased?: boolean;
  /** DARK / DARK-UDP / combined blur kernel size. Default 11. */
  blurKernelSize?: number;
  /** udp: `'gaussian'` (default) or `'combined'` (cls + offset maps). */
  heatmapType?: 'gaussian' | 'combined';
  /** udp combined: radius factor. Default 0.0546875. */
  radiusFactor?: number;
  /** megvii: Gaussian kernel size of the target. Default 11. */
  kernelSize?: number;
  /** integral: soft-argmax β and debias used by `decode`. Defaults 1 / false. */
  beta?: number;
  debias?: boolean;
  /** integral: treat decoded maps as logits (`'softmax'`, default) or probabilities (`'sum'`). */
  normalize?: 'softmax' | 'sum';
}

export interface EncodeResult {
  /** `[K, H, W]` (udp combined: `[3K, H, W]`), Float32Array. */
  heatmaps: NdArray<Float32Array>;
  /** `[N, K]`, Float32Array. */
  weights: NdArray<Float32Array>;
  /** integral only: keypoints normalised by `[w, h]`, `[N, K, 2]`. */
  keypointLabels?: NdArray<Float64Array>;
}

export interface Codec {
  readonly type: CodecType;
  readonly inputSize: [number, number];
  readonly heatmapSize: [number, number];
  /** Input px per heatmap px on each axis (`x_in = x_hm·scale`). */
  readonly scale: [number, number];
  /**
   * Encode keypoints `[N, K, 2]` (input px) with optional visibility `[N, K]`
   * (default all 1) into training targets.
   */
  encode(keypoints: NdArray, visible?: NdArray): EncodeResult;
  /**
   * Decode `[K, H, W]` (one instance; returns keypoints `[1, K, 2]`, scores
   * `[1, K]`, as mmpose) or `[B, K, H, W]` (returns `[B, K, 2]`, `[B, K]`) to
   * input px. Empty maps give mmpose's sentinel −1 heatmap px, i.e. −scale.
   */
  decode(heatmaps: NdArray): DecodeResult;
}

function toHeatmapPx(keypoints: NdArray, scale: [number, number]): NdArray<Float64Array> {
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

function defaultVisible(keypoints: NdArray, visible: NdArray | undefined): NdArray {
  const kv = keypointView('keypoints', keypoints);
  if (visible !== undefined) {
    matrixView('visible', visible, { N: kv.N, K: kv.K });
    return visible;
  }
  return ndarray(new Float32Array(kv.N * kv.K).fill(1), [kv.N, kv.K]);
}

/** Reshape `[K, 2]`/`[K]` results of a single-instance decode to `[1, K, 2]`/`[1, K]`. */
function asInstances(r: DecodeResult, batched: boolean): DecodeResult {
  if (batched) return r;
  const K = r.scores.shape[0];
  return { keypoints: ndarray(r.keypoints.data, [1, K, 2]), scores: ndarray(r.scores.data, [1, K]) };
}

function scaleInPlace(kp: NdArray<Float64Array>, scale: [number, number]): NdArray<Float64Array> {
  const d = kp.data;
  for (let i = 0; i < d.length; i += 2) {
    d[i] *= scale[0];
    d[i + 1] *= scale[1];
  }
  return kp;
}

/** Megvii decode: blur (DARK's rescaled blur), argmax, HRNet quarter rule +0.5, score/255 + 0.5 (mmpose `MegviiHeatmap.decode`). */
function megviiDecode(heatmaps: NdArray, kernelSize: number): DecodeResult {
  const blurred = gaussianBlur(heatmaps, kernelSize);
  const v = heatmapView('heatmaps', blurred);
  const r = heatmapArgmax(blurred);
  const kp = r.keypoints.data;
  for (let m = 0; m < v.B * v.K; m++) {
    const px = Math.trunc(kp[2 * m]);
    const py = Math.trunc(kp[2 * m + 1]);
    if (1 < px && px < v.W - 1 && 1 < py && py < v.H - 1) {
      const base = m * v.H * v.W;
      const at = (y: number, x: number) => blurred.data[base + y * v.W + x];
      kp[2 * m] += Math.sign(at(py, px + 1) - at(py, px - 1)) * 0.25 + 0.5;
      kp[2 * m + 1] += Math.sign(at(py + 1, px) - at(py - 1, px)) * 0.25 + 0.5;
    }
  }
  const s = r.scores.data;
  for (let i = 0; i < s.length; i++) s[i] = s[i] / 255 + 0.5;
  return r;
}

/**
 * Create a codec (see {@link Codec}). Types:
 * - `msra`: Gaussian at the rounded centre (Xiao et al., SimpleBaseline, ECCV
 *   2018) decoded by argmax + quarter offset; with `unbiased`, DARK encoding
 *   and DARK decoding (Zhang et al., CVPR 2020).
 * - `udp`: UDP Gaussian decoded by DARK-UDP, or `heatmapType: 'combined'`
 *   cls + offset maps (Huang et al., CVPR 2020); corner-aligned geometry.
 * - `megvii`: blurred one-hot with peak 255 (CPN/MSPN), decoded by blur +
 *   argmax + quarter + 0.5.
 * - `integral`: MSRA maps normalised to sum 1 plus labels `kp/[w, h]`
 *   (Sun et al., ECCV 2018), decoded by soft-argmax.
 */
export function createCodec(options: CodecOptions): Codec {
  const opts = checkOptions('options', options);
  const type = opts.type;
  if (type !== 'msra' && type !== 'udp' && type !== 'megvii' && type !== 'integral') {
    throw new RangeError(`options.type must be 'msra', 'udp', 'megvii' or 'integral', got ${JSON.stringify(type)}`);
  }
  const inputSize = checkSize('options.inputSize', opts.inputSize);
  const heatmapSize = checkSize('options.heatmapSize', opts.heatmapSize);
  const sigma = opts.sigma === undefined ? 2 : checkFinite('options.sigma', opts.sigma, { positive: true });
  const unbiased = opts.unbiased ?? false;
  const blurKernelSize = opts.blurKernelSize ?? 11;
  const heatmapType = opts.heatmapType ?? 'gaussian';
  if (heatmapType !== 'gaussian' && heatmapType !== 'combined') throw new RangeError(`options.heatmapType must be 'gaussian' or 'combined', got ${JSON.stringify(heatmapType)}`);
  const radiusFactor = opts.radiusFactor ?? 0.0546875;
  const kernelSize = opts.kernelSize ?? 11;
  const udp = type === 'udp';
  if (udp && (heatmapSize[0] < 2 || heatmapSize[1] < 2 || inputSize[0] < 2 || inputSize[1] < 2)) {
    throw new RangeError('UDP geometry needs inputSize and heatmapSize of at least 2 on both axes');
  }
  const scale = heatmapToInputScale(udp ? 'udp' : 'msra', inputSize, heatmapSize);
  const [w, h] = inputSize;

  const encode = (keypoints: NdArray, visible?: NdArray): EncodeResult => {
    const vis = defaultVisible(keypoints, visible);
    const hmKp = toHeatmapPx(keypoints, scale);
    switch (type) {
      case 'msra':
        return unbiased ? unbiasedHeatmaps(heatmapSize, hmKp, vis, sigma) : msraHeatmaps(heatmapSize, hmKp, vis, sigma);
      case 'udp':
        return heatmapType === 'combined' ? udpCombinedTargets(heatmapSize, hmKp, vis, radiusFactor) : udpHeatmaps(heatmapSize, hmKp, vis, sigma);
      case 'megvii':
        return megviiHeatmaps(heatmapSize, hmKp, vis, kernelSize);
      case 'integral': {
        const enc = unbiased ? unbiasedHeatmaps(heatmapSize, hmKp, vis, sigma) : msraHeatmaps(heatmapSize, hmKp, vis, sigma);
        const [W, H] = heatmapSize;
        const K = enc.heatmaps.shape[0];
        const norm = zerosF32([K, H, W], 'heatmaps');
        for (let k = 0; k < K; k++) {
          let s = 0;
          for (let i = 0; i < H * W; i++) s += enc.heatmaps.data[k * H * W + i];
          for (let i = 0; i < H * W; i++) norm.data[k * H * W + i] = enc.heatmaps.data[k * H * W + i] / (s + 1e-24);
        }
        // mmpose RegressionLabel: weight 1 iff visible (> 0.5) and 0 ≤ kp ≤ (w−1, h−1).
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
            const ok = enc.weights.data[n * kv.K + k] > 0.5 && x >= 0 && y >= 0 && x <= w - 1 && y <= h - 1;
            weights.data[n * kv.K + k] = ok ? 1 : 0;
          }
        return { heatmaps: norm, weights, keypointLabels: labels };
      }
    }
  };

  const decode = (heatmaps: NdArray): DecodeResult => {
    const v = heatmapView('heatmaps', heatmaps);
    let r: DecodeResult;
    if (type === 'udp' && heatmapType === 'combined') {
      r = asInstances(decodeUdpCombined(heatmaps, { blurKernelSize, radiusFactor }), v.batched);
    } else if (type === 'megvii') {
      r = asInstances(megviiDecode(heatmaps, kernelSize), v.batched);
    } else if (type === 'integral') {
      r = asInstances(softArgmax(heatmaps, { beta: opts.beta, debias: opts.debias, normalize: opts.normalize }), v.batched);
    } else {
      const refine = type === 'udp' ? 'darkUdp' : unbiased ? 'dark' : 'quarter';
      const d = decodeHeatmaps(heatmaps, { refine, blurKernelSize });
      r = asInstances(d, v.batched);
    }
    scaleInPlace(r.keypoints, scale);
    return r;
  };

  return { type, inputSize, heatmapSize, scale, encode, decode };
}
