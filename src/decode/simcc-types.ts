/**
 * Shared types of the SimCC decoders (RTMPose / RTMW / RTMO coordinate
 * classification heads; Li et al., "SimCC: a Simple Coordinate Classification
 * Perspective for Human Pose Estimation", ECCV 2022). A SimCC vector is
 * indexed by **bin**; bin i is centred at input pixel `i / splitRatio`.
 */
import type { NdArray } from 'ndarray';

/** Options of {@link simccArgmax} (mmpose `get_simcc_maximum`). */
export interface SimccArgmaxOptions {
  /**
   * Take the maximum of `softmax(row)` instead of the raw row (mmpose
   * `apply_softmax`): scores become probabilities; the arg-maximum can move
   * where float32 rounding turns near-ties into ties. Default false.
   */
  softmax?: boolean;
}

/**
 * How a keypoint's score combines the two axes' maxima `mx`, `my`:
 * `'min'` — `min(mx, my)` (mmpose `get_simcc_maximum`, the default; what
 * mmpose's evaluation, RTMPose's published AP and RTMO use);
 * `'mean'` — `(mx + my)/2` (rtmlib / rtmpose-ort deployment code; use it to
 * reproduce thresholds tuned on rtmlib outputs, e.g. its `kpt_thr = 0.3`).
 * Either way both coordinates become −1 where the score is ≤ 0.
 */
export type SimccScoreRule = 'min' | 'mean';

/** Options of {@link decodeSimcc} (mmpose `SimCCLabel.decode`). */
export interface DecodeSimccOptions {
  /** Bins per input pixel (mmpose `simcc_split_ratio`). Default 2. */
  splitRatio?: number;
  /**
   * Training σ in bins, a number or `[σx, σy]` (mmpose `sigma`, default 6).
   * Sets the DARK blur kernel per axis, `k = ⌊(20σ − 7)/3⌋` made odd, and the
   * visibility temperature `β·σ`.
   */
  sigma?: number | readonly [number, number];
  /** 1-D DARK refinement of both coordinates (mmpose `use_dark`). Default false. */
  dark?: boolean;
  /** Also return RTMW's visibility (mmpose `decode_visibility`). Default false. */
  visibility?: boolean;
  /** Visibility softmax temperature (mmpose `decode_beta`). Default 150. */
  beta?: number;
  /** Score rule, see {@link SimccScoreRule}. Default `'min'`. */
  score?: SimccScoreRule;
  /**
   * Optional network input size `[w, h]` (input px): when given, the vector
   * lengths must equal `round(w·splitRatio)` and `round(h·splitRatio)`
   * (half to even) or a `RangeError` names `x` / `y`.
   */
  inputSize?: readonly [number, number];
}

/** Result of {@link decodeSimcc}. */
export interface SimccDecodeResult {
  /** `[N, K, 2]` (x, y) input px, Float64Array holding float32 values (mmpose computes them in float32). */
  keypoints: NdArray<Float64Array>;
  /** `[N, K]`, Float64Array. */
  scores: NdArray<Float64Array>;
  /**
   * Only with `visibility: true`: `[N, K]` (`[K]` for 2-D `[K, W]` inputs,
   * as the reference returns), the smaller of the two axes' largest softmax
   * probabilities of `logits·β·σ`.
   */
  visibility?: NdArray<Float64Array>;
}

/** Options of {@link normalizeSimcc} (mmpose `get_simcc_normalized`). */
export interface NormalizeSimccOptions {
  /** When given, rows are first divided by `σ·√(2π)` (bins). Default: left out. */
  sigma?: number;
}

/** A pair of SimCC tensors, `x [N, K, Wx]` and `y [N, K, Wy]` (or `[K, ·]`), Float32Array. */
export interface SimccPair {
  x: NdArray<Float32Array>;
  y: NdArray<Float32Array>;
}
