/** Shared types of the encode area (heatmap pixels): targets, window placement and per-instance sigma inputs. */
import type { NdArray } from 'ndarray';

/** Result of the heatmap encoders. */
export interface HeatmapTargets {
  /** `[K, H, W]` float32 targets (`[3K, H, W]` for {@link udpCombinedTargets}). */
  heatmaps: NdArray<Float32Array>;
  /** `[N, K]` float32 keypoint weights (mmpose `keypoint_weights`). */
  weights: NdArray<Float32Array>;
}

export interface WindowOptions {
  /**
   * `'mmpose'` (default): reproduce mmpose exactly, including its
   * fractional-3σ window quirks (σ = 2.5, μ = 3 → peak at column 4;
   * σ = 1.4, μ = 10 → peak at column 9; see docs/encode.md).
   * `'floor'`: floor instead of truncating and centre the window on
   * `m = floor(μ + 0.5)`, so the peak is always 1 at m, and weight 0 exactly
   * when no window pixel is on the map.
   * The two agree whenever 3σ is an integer and the keypoint is on the map.
   */
  placement?: Placement;
}

/** σ accepted by the Gaussian encoders: one number, or one per instance. */
export type SigmaInput = number | ArrayLike<number> | NdArray;

/** Window placement of the 3σ-window encoders (MSRA, UDP). */
export type Placement = 'mmpose' | 'floor';

export interface ScaleAdaptiveSigmaOptions {
  /** `'bbox'` (HigherHRNet, default) or `'cornernet'` (CID). */
  rule?: 'bbox' | 'cornernet';
  /** bbox rule: reference size in px (`DATASET.BASE_SIZE`). Default 256. */
  baseSize?: number;
  /** bbox rule: σ at the reference size (`DATASET.BASE_SIGMA`). Default 2. */
  baseSigma?: number;
  /** bbox rule: round to an integer with `int(np.round(σ + 0.5))` (`DATASET.INT_SIGMA`). Default false. */
  intSigma?: boolean;
  /** cornernet rule: minimum IoU between the box and a box shifted by the radius. Default 0.7. */
  minOverlap?: number;
}

export interface ModulateOptions {
  /** `2` (default): SWAHR's second-order Taylor form; `'exact'`: `gt^(1+s)`. */
  order?: 2 | 'exact';
}
