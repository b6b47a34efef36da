/**
 * SimCC codec (mmpose `SimCCLabel`, `codecs/simcc_label.py`; Li et al.,
 * "SimCC: a Simple Coordinate Classification Perspective for Human Pose
 * Estimation", ECCV 2022): the RTMPose / RTMW / RTMO heads. Each axis is
 * classified into `round(side·splitRatio)` bins, bin i centred at input px
 * `i/splitRatio`; decode is the exact inverse of encode up to the bin
 * quantisation (≤ 1/(2·splitRatio) px with argmax).
 */
import type { NdArray } from 'ndarray';
import { keypointView } from '../core/ndarray.js';
import { optionRecord } from '../core/options.js';
import { parseSimccLabelOptions, simccLabelsWith, simccVectorLengths, type SimccLabels } from '../encode/simcc-labels.js';
import { parseDecodeSimccOptions, decodeSimccWith } from '../decode/simcc-decode.js';
import { simccPairView } from '../decode/simcc-view.js';
import type { SimccDecodeResult, SimccScoreRule } from '../decode/simcc-types.js';
import type { CodecBase, CodecCompat, FrozenSize } from './types.js';
import { frozenSize, checkCompat } from './heatmap-geometry.js';
import { checkedVisible } from './regression.js';

/** Options of `createCodec({ type: 'simcc', ... })` (mmpose `SimCCLabel` arguments in camelCase). */
export interface SimccCodecOptions {
  type: 'simcc';
  /** Network input (crop) size `[w, h]`, input px. */
  inputSize: [number, number];
  /** σ in bins, a number or `[σx, σy]` (RTMPose-m 256×192: `[4.9, 5.66]`). Default 6 (mmpose). */
  sigma?: number | [number, number];
  /** Bins per input px. Default 2. */
  splitRatio?: number;
  /** Label smoothing of `encode`: `'gaussian'` (default) or `'standard'`. */
  smoothing?: 'gaussian' | 'standard';
  /** Label-smoothing weight for `'standard'`, in [0, 1]. Default 0. */
  labelSmoothWeight?: number;
  /** Divide Gaussian labels by σ·√(2π). Default true. */
  normalize?: boolean;
  /** 1-D DARK refinement in `decode`. Default false. */
  dark?: boolean;
  /** `decode` also returns RTMW's visibility. Default false. */
  visibility?: boolean;
  /** Visibility temperature. Default 150. */
  beta?: number;
  /** Score rule of `decode` (`'min'` mmpose, `'mean'` rtmlib). Default `'min'`. */
  score?: SimccScoreRule;
  /** See {@link CodecCompat}; SimCC has no reference bug to fix, so both modes agree. */
  compat?: CodecCompat;
}

/** The SimCC codec object (frozen). */
export interface SimccCodec extends CodecBase<'simcc'> {
  /** Bins per input px. */
  readonly splitRatio: number;
  /** `[σx, σy]` in bins. */
  readonly sigma: FrozenSize;
  /** Vector lengths `[Wx, Wy]` (bins) = `round([w, h]·splitRatio)`, half to even. */
  readonly simccSize: FrozenSize;
  /** Encode keypoints `[N, K, ≥2]` (input px) with optional visibility `[N, K]` (default all 1) into labels. */
  encode(keypoints: NdArray, visible?: NdArray): SimccLabels;
  /**
   * Decode the head outputs `x [N, K, Wx]`, `y [N, K, Wy]` (or `[K, ·]`) to
   * input px, as `decodeSimcc` with the codec's options; vectors of another
   * length are rejected with a `RangeError` naming `x` / `y`.
   */
  decode(x: NdArray, y: NdArray): SimccDecodeResult;
}

/** Create a SimCC codec (see the file header). Options are validated and snapshotted here. */
export function createSimccCodec(options: SimccCodecOptions): SimccCodec {
  const o = optionRecord(options);
  const inputSize = frozenSize('options.inputSize', o.inputSize);
  const labels = parseSimccLabelOptions({
    sigma: o.sigma as SimccCodecOptions['sigma'],
    splitRatio: o.splitRatio as number | undefined,
    smoothing: o.smoothing as SimccCodecOptions['smoothing'],
    labelSmoothWeight: o.labelSmoothWeight as number | undefined,
    normalize: o.normalize as boolean | undefined,
  });
  // Lengths checked here (empty or > 2^28 bins name options.splitRatio), before the decode options.
  const simccSize: FrozenSize = Object.freeze(simccVectorLengths(inputSize, labels.splitRatio));
  const decoding = parseDecodeSimccOptions({
    splitRatio: labels.splitRatio,
    sigma: labels.sigma,
    dark: o.dark as boolean | undefined,
    visibility: o.visibility as boolean | undefined,
    beta: o.beta as number | undefined,
    score: o.score as SimccScoreRule | undefined,
    inputSize,
  });
  const compat = checkCompat(o.compat);
  const encode = (keypoints: NdArray, visible?: NdArray): SimccLabels => {
    const kv = keypointView('keypoints', keypoints);
    return simccLabelsWith(inputSize, kv, checkedVisible(kv, visible), labels);
  };
  const decode = (x: NdArray, y: NdArray): SimccDecodeResult => decodeSimccWith(simccPairView(x, y), decoding);
  return Object.freeze({ type: 'simcc' as const, inputSize, compat, splitRatio: labels.splitRatio, sigma: labels.sigma, simccSize, encode, decode });
}
