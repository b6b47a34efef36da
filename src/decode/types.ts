/** Shared types of the decode area (heatmap pixels): decode results and the options of each decoder. */
import type { NdArray } from 'ndarray';

/** Decoded keypoints and their scores. */
export interface DecodeResult {
  /** `[K, 2]`, `[N, K, 2]` or `[B, K, 2]` (x, y), Float64Array. */
  keypoints: NdArray<Float64Array>;
  /** `[K]`, `[N, K]` or `[B, K]`, Float64Array. */
  scores: NdArray<Float64Array>;
}

export interface QuarterOptions {
  /**
   * Boundary rule. `'mmpose'` (default, `codecs/utils/refinement.py
   * refine_keypoints`): axes independent at `(trunc x, trunc y)`; x needs
   * `1 < x < W−1 and 0 < y < H`, y needs `1 < y < H−1 and 0 < x < W`.
   * `'hrnet'` (HRNet `get_final_preds`): at `(floor(x+.5), floor(y+.5))`, both
   * axes only if `1 < px < W−1 and 1 < py < H−1`.
   */
  rule?: 'mmpose' | 'hrnet';
}

export interface DarkOptions {
  /** Odd blur kernel size (OpenCV σ rule: k = 11 ↔ σ = 2; k ≤ 7 uses OpenCV's fixed tables). Default 11. */
  blurKernelSize?: number;
  /**
   * Off by default (mmpose parity). When true, the Newton step is taken only
   * where the log-Hessian is negative definite (`dxx < 0`, `det > 0`) and the
   * step is at most `maxStep` px on each axis; elsewhere the keypoint gets the
   * quarter offset `0.25·sign(∇)` instead (mmpose takes any step with
   * `det ≠ 0`, which on noisy maps can be hundreds of pixels; codecs.md §6.11).
   */
  guard?: boolean;
  /** Largest accepted Newton step per axis with `guard` (heatmap px). Default 1. */
  maxStep?: number;
}

export interface DarkUdpOptions {
  /** Odd blur kernel size (k = 11 ↔ σ = 2). Default 11. */
  blurKernelSize?: number;
}

export interface SoftArgmaxOptions {
  /** Softmax temperature β: p ∝ exp(β·h). Default 1 (mmpose). Needs logits or β ≫ 1 on [0, 1] maps. */
  beta?: number;
  /** Gu et al. debias: x ← C/(C−1)·(x − 1/(2C)) on normalised coordinates, C = Σ exp(h). Default false. */
  debias?: boolean;
  /**
   * `'softmax'` (default): p = softmax(β·h) over the whole map (the head's
   * logits). `'sum'`: p = h / Σh (maps that already are probabilities, e.g.
   * the integral codec's targets; β and debias are ignored).
   */
  normalize?: 'softmax' | 'sum';
}

export interface UdpCombinedOptions {
  /** The cls maps are blurred with k = 2·blurKernelSize + 1 (mmpose PR #1815). Default 11 (k = 23, σ = 3.8). */
  blurKernelSize?: number;
  /** Offset radius R = radiusFactor·max(W, H) heatmap px. Default 0.0546875 (= 3.5/64). */
  radiusFactor?: number;
}

/** Refinement applied after the integer argmax. */
export type RefineMethod = 'none' | 'quarter' | 'dark' | 'darkUdp';

export interface DecodeHeatmapsOptions {
  /**
   * `'none'` ({@link heatmapArgmax} alone), `'quarter'` ({@link refineQuarter}),
   * `'dark'` ({@link refineDark}, the default) or `'darkUdp'` ({@link refineDarkUdp}).
   */
  refine?: RefineMethod;
  /** Quarter boundary rule (`refine: 'quarter'`), as {@link refineQuarter}. Default `'mmpose'`. */
  rule?: 'mmpose' | 'hrnet';
  /** Odd blur kernel size for `'dark'` / `'darkUdp'`. Default 11. */
  blurKernelSize?: number;
  /** DARK guard (`refine: 'dark'`), as {@link refineDark}. Default false. */
  guard?: boolean;
  /** Largest guarded DARK step per axis (heatmap px). Default 1. */
  maxStep?: number;
}

export interface FlipOptions {
  /**
   * `'heatmap'` (default): reverse W, then gather channels by `flipIndices`.
   * `'udpCombined'`: channels are (cls, offX, offY) triples; triples are
   * gathered and offX is negated. `'offset'`: (dx, dy) pairs (DEKR); dx negated.
   */
  mode?: 'heatmap' | 'udpCombined' | 'offset';
  /**
   * Shift the flipped maps right by one column (`out[..., 1:] = out[..., :-1]`,
   * column 0 keeps its value), as HRNet's `SHIFT_HEATMAP`. Needed only for MSRA
   * geometry (codecs.md §4.2). Default false.
   */
  shift?: boolean;
}

export interface FlipTestOptions {
  /** Geometry of the codec: `'msra'` needs the 1-column shift, `'udp'` none (codecs.md §4.2). Default 'msra'. */
  geometry?: 'msra' | 'udp';
  /** Channel layout, as {@link FlipOptions.mode}. Default 'heatmap'. */
  mode?: FlipOptions['mode'];
}

export interface AggregateOptions {
  /** Target size `[W, H]` (heatmap px). Default: the size of the first input. */
  size?: [number, number];
  /** torch `align_corners`. Default false (half-pixel sampling). */
  alignCorners?: boolean;
}
