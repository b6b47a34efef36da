/** Shared types of the bottom-up (multi-person) decode steps (heatmap pixels). */
import type { NdArray } from 'ndarray';

/** Options of {@link topkPeaks}. */
export interface TopkPeaksOptions {
  /**
   * Tag (embedding) maps `[B, L·K, H, W]` (or `[L·K, H, W]` with unbatched
   * heatmaps): tag component l of keypoint k is channel `l·K + k`, as mmpose
   * reads `tags.view(B, L, K, H·W)` (L = 2 with flip test).
   */
  tags?: NdArray;
}

/** Result of {@link topkPeaks}. */
export interface TopkPeaksResult {
  /** `[B, K, k]` (or `[K, k]`) values, descending, Float64Array. */
  values: NdArray<Float64Array>;
  /** `[B, K, k, 2]` (or `[K, k, 2]`) integer `(x, y)` heatmap px, Int32Array. */
  locations: NdArray<Int32Array>;
  /** `[B, K, k, L]` (or `[K, k, L]`) tags at the locations, when `tags` was given. */
  tags?: NdArray<Float64Array>;
}

/** One pose given to {@link nearbyJointsNms}. */
export interface NearbyJointsInstance {
  /** `[K, ≥2]` (x, y) in any pixel unit (only distances relative to the pose size matter). */
  keypoints: NdArray;
  /** The instance score, or one score per joint `[K]` (with `scorePerJoint`). */
  score: number | NdArray | ArrayLike<number>;
}

/** Options of {@link nearbyJointsNms} (mmpose `nearby_joints_nms`). */
export interface NearbyJointsNmsOptions {
  /** A joint is "close" when nearer than `distThreshold ×` the pose's bbox diagonal. > 0. Default 0.05. */
  distThreshold?: number;
  /** Two poses are duplicates when more than this many joints are close. Default ⌊K/2⌋; must be < K. */
  numNearbyJoints?: number;
  /** `score` holds per-joint scores `[K]`; the instance score is their mean. Default false. */
  scorePerJoint?: boolean;
  /** Keep at most this many (the highest-scoring, in descending order); ≤ 0 keeps all. Default 30. */
  maxDets?: number;
}
