/**
 * UDP heatmap codec (mmpose `UDPHeatmap`, `codecs/udp_heatmap.py`; Huang et
 * al., "The Devil is in the Details: Delving into Unbiased Data Processing
 * for Human Pose Estimation", CVPR 2020). Corner-aligned geometry
 * `x_hm = x_in·(W−1)/(w−1)`. `heatmapType: 'gaussian'` decodes by argmax +
 * DARK-UDP; `'combined'` encodes cls + offset maps and decodes them.
 *
 * mmpose's decode multiplies by `w/(W−1)`, not the inverse `(w−1)/(W−1)` of
 * its own encoder (about 1 px off at the right edge for w = 192, codecs.md
 * §1.4). The default here is the exact inverse.
 */
import type { NdArray } from 'ndarray';
import { heatmapToInputScale } from '../core/geometry.js';
import { checkChoice, checkOddKernel, optionRecord } from '../core/options.js';
import { udpRadius } from '../core/udp-radius.js';
import { cvGaussianKernel } from '../core/gaussian-kernel.js';
import { udpHeatmaps, udpCombinedTargets } from '../encode/index.js';
import { decodeHeatmaps } from '../decode/decode-heatmaps.js';
import { decodeUdpCombined } from '../decode/udp-combined.js';
import type { HeatmapCodec, HeatmapEncodeResult, CodecCompat, FrozenSize } from './types.js';
import {
  frozenSize, checkCompat, checkSigma, toHeatmapPx, defaultVisible, checkCodecHeatmaps, asInstances, scaleInPlace, scaleArithmetic,
} from './heatmap-geometry.js';

/** Options of `createCodec({ type: 'udp', ... })`. */
export interface UdpCodecOptions {
  type: 'udp';
  /** Network input (crop) size `[w, h]`, input px (≥ 2 on both axes). */
  inputSize: [number, number];
  /** Heatmap size `[W, H]`, heatmap px (≥ 2 on both axes). */
  heatmapSize: [number, number];
  /** `'gaussian'` (default) or `'combined'` (cls + offset maps, `[3K, H, W]`). */
  heatmapType?: 'gaussian' | 'combined';
  /** Gaussian σ in heatmap px (gaussian), in [1e-3, ≈ 6.7e153]. Default 2. */
  sigma?: number;
  /** Combined: disk radius as a fraction of max(W, H); R = radiusFactor·max(W, H) must lie in [1e-9, 1e12] heatmap px. Default 0.0546875. */
  radiusFactor?: number;
  /** DARK-UDP / combined blur kernel size (odd). Default 11. */
  blurKernelSize?: number;
  /**
   * `'mmpose'`: decode with mmpose's `w/(W−1)` scale (see the file header),
   * and encode with its float32 `scale_factor` in float32 (`udp_heatmap.py:77-78`).
   */
  compat?: CodecCompat;
}

/**
 * `udp_heatmap.py:182, 185-186`: float32 keypoints `/ [W−1, H−1] * input_size`
 * in float64 — input_size, not input_size − 1 (mmpose's decode scale bug,
 * reproduced under `compat: 'mmpose'`), in place.
 */
function mmposeUdpToInput(kp: NdArray<Float64Array>, inputSize: FrozenSize, heatmapSize: FrozenSize): void {
  const d = kp.data;
  for (let i = 0; i < d.length; i += 2) {
    d[i] = (Math.fround(d[i]) / (heatmapSize[0] - 1)) * inputSize[0];
    d[i + 1] = (Math.fround(d[i + 1]) / (heatmapSize[1] - 1)) * inputSize[1];
  }
}

/** Create a UDP codec (see the file header). Options are validated and snapshotted here. */
export function createUdpCodec(options: UdpCodecOptions): HeatmapCodec<'udp'> {
  const o = optionRecord(options);
  const inputSize = frozenSize('options.inputSize', o.inputSize);
  const heatmapSize = frozenSize('options.heatmapSize', o.heatmapSize);
  if (inputSize[0] < 2 || inputSize[1] < 2) throw new RangeError(`options.inputSize must be at least 2 on both axes for UDP geometry, got [${inputSize.join(', ')}]`);
  if (heatmapSize[0] < 2 || heatmapSize[1] < 2) throw new RangeError(`options.heatmapSize must be at least 2 on both axes for UDP geometry, got [${heatmapSize.join(', ')}]`);
  const heatmapType = checkChoice('options.heatmapType', o.heatmapType, ['gaussian', 'combined'] as const);
  const sigma = checkSigma(o.sigma);
  const radiusFactor = o.radiusFactor === undefined ? 0.0546875 : (o.radiusFactor as number);
  udpRadius('options.radiusFactor', radiusFactor, heatmapSize[0], heatmapSize[1]); // R in [1e-9, 1e12] heatmap px, checked at creation
  const blurKernelSize = checkOddKernel('options.blurKernelSize', o.blurKernelSize, 11);
  cvGaussianKernel(blurKernelSize, 0, 'options.blurKernelSize');
  const compat = checkCompat(o.compat);
  const scale = Object.freeze(heatmapToInputScale('udp', [...inputSize], [...heatmapSize])) as readonly [number, number];
  const arithmetic = scaleArithmetic(compat);
  const mmposeDecode = compat === 'mmpose';
  const combined = heatmapType === 'combined';

  const encode = (keypoints: NdArray, visible?: NdArray): HeatmapEncodeResult => {
    const vis = defaultVisible(keypoints, visible);
    const hm = toHeatmapPx(keypoints, scale, arithmetic);
    const size: [number, number] = [heatmapSize[0], heatmapSize[1]];
    return combined ? udpCombinedTargets(size, hm, vis, radiusFactor) : udpHeatmaps(size, hm, vis, sigma);
  };
  const decode = (heatmaps: NdArray) => {
    const batched = checkCodecHeatmaps(heatmaps, heatmapSize, combined ? 3 : 1);
    const d = combined ? decodeUdpCombined(heatmaps, { blurKernelSize, radiusFactor }) : decodeHeatmaps(heatmaps, { refine: 'darkUdp', blurKernelSize });
    const r = asInstances(d, batched);
    if (mmposeDecode) mmposeUdpToInput(r.keypoints, inputSize, heatmapSize);
    else scaleInPlace(r.keypoints, scale);
    return r;
  };
  return Object.freeze({ type: 'udp' as const, inputSize, heatmapSize, scale, compat, encode, decode });
}
