/**
 * MSRA heatmap codec (mmpose `MSRAHeatmap`, `codecs/msra_heatmap.py`):
 * Gaussian targets at the rounded centre (Xiao et al., "Simple Baselines for
 * Human Pose Estimation and Tracking", ECCV 2018) decoded by argmax + quarter
 * offset; with `unbiased`, DARK's exact-centre encoding and Taylor decoding
 * (Zhang et al., "Distribution-Aware Coordinate Representation", CVPR 2020).
 * Geometry `x_hm = x_in·W/w`, decoded with the exact inverse `w/W`.
 */
import type { NdArray } from 'ndarray';
import { heatmapToInputScale } from '../core/geometry.js';
import { checkBoolean, checkOddKernel, optionRecord } from '../core/options.js';
import { cvGaussianKernel } from '../core/gaussian-kernel.js';
import { msraHeatmaps, unbiasedHeatmaps } from '../encode/index.js';
import { decodeHeatmaps } from '../decode/decode-heatmaps.js';
import type { HeatmapCodec, HeatmapEncodeResult, CodecCompat } from './types.js';
import {
  frozenSize, checkCompat, checkSigma, toHeatmapPx, defaultVisible, checkCodecHeatmaps, asInstances, scaleInPlace, scaleArithmetic,
} from './heatmap-geometry.js';

/** Options of `createCodec({ type: 'msra', ... })`. */
export interface MsraCodecOptions {
  type: 'msra';
  /** Network input (crop) size `[w, h]`, input px. */
  inputSize: [number, number];
  /** Heatmap size `[W, H]`, heatmap px. */
  heatmapSize: [number, number];
  /** Gaussian σ in heatmap px. Default 2. */
  sigma?: number;
  /** DARK unbiased encoding and DARK decoding. Default false. */
  unbiased?: boolean;
  /** DARK blur kernel size (odd). Default 11. */
  blurKernelSize?: number;
  /**
   * See {@link CodecCompat}. MSRA has no reference bug to fix; `'mmpose'` only
   * scales keypoints by mmpose's float32 `scale_factor` in float32
   * (`msra_heatmap.py:74-75, :106, :151`; at most ~1e-6 relative apart).
   */
  compat?: CodecCompat;
}

/** Create an MSRA codec (see the file header). Options are validated and snapshotted here. */
export function createMsraCodec(options: MsraCodecOptions): HeatmapCodec<'msra'> {
  const o = optionRecord(options);
  const inputSize = frozenSize('options.inputSize', o.inputSize);
  const heatmapSize = frozenSize('options.heatmapSize', o.heatmapSize);
  const sigma = checkSigma(o.sigma);
  const unbiased = checkBoolean('options.unbiased', o.unbiased, false);
  const blurKernelSize = checkOddKernel('options.blurKernelSize', o.blurKernelSize, 11);
  cvGaussianKernel(blurKernelSize, 0, 'options.blurKernelSize');
  const compat = checkCompat(o.compat);
  const arithmetic = scaleArithmetic(compat);
  const scale = Object.freeze(heatmapToInputScale('msra', [...inputSize], [...heatmapSize])) as readonly [number, number];
  const refine = unbiased ? 'dark' : 'quarter';

  const encode = (keypoints: NdArray, visible?: NdArray): HeatmapEncodeResult => {
    const vis = defaultVisible(keypoints, visible);
    const hm = toHeatmapPx(keypoints, scale, arithmetic);
    const size: [number, number] = [heatmapSize[0], heatmapSize[1]];
    return unbiased ? unbiasedHeatmaps(size, hm, vis, sigma) : msraHeatmaps(size, hm, vis, sigma);
  };
  const decode = (heatmaps: NdArray) => {
    const batched = checkCodecHeatmaps(heatmaps, heatmapSize);
    const r = asInstances(decodeHeatmaps(heatmaps, { refine, blurKernelSize }), batched);
    scaleInPlace(r.keypoints, scale, arithmetic);
    return r;
  };
  return Object.freeze({ type: 'msra' as const, inputSize, heatmapSize, scale, compat, encode, decode });
}
