/** posecodec/temporal: One Euro and velocity filters, pose trackers and offline smoothers (casiez, tfjs-models, mmpose 0.x parity). */
export { createOneEuroFilter } from './one-euro.js';
export type { OneEuroOptions, TfjsOneEuroOptions, OneEuroFilter } from './one-euro.js';
export type { TfjsOneEuroConfig } from './tfjs-one-euro.js';
export { createLowPassFilter } from './low-pass.js';
export type { LowPassFilter, LowPassFilterOptions } from './low-pass.js';
export { createRelativeVelocityFilter } from './relative-velocity.js';
export type { ScalarStreamFilter, VelocityFilterConfig } from './relative-velocity.js';
export { createKeypointsFilter } from './keypoints-filter.js';
export type { KeypointsFilter, KeypointsFilterOptions, ObjectScaleOptions } from './keypoints-filter.js';
export { createKeypointsFilterBatch } from './keypoints-filter-batch.js';
export type { KeypointsFilterBatch } from './keypoints-filter-batch.js';
export { createKeypointsSmoothingFilter } from './keypoints-smoothing.js';
export type { KeypointsSmoothingFilter, KeypointsSmoothingOptions, NormalizedRect } from './keypoints-smoothing.js';
export { createLowPassVisibilityFilter } from './visibility.js';
export type { LowPassVisibilityFilter } from './visibility.js';
export type { KeypointsInput, KeypointObject } from './keypoint-rows.js';
export { createPoseTracker } from './tracker.js';
export type { PoseTracker, PoseTrackerOptions, KeypointTrackerParams, TrackedPose } from './tracker.js';
export type { PoseLike, PoseBox } from './pose-input.js';
export { createPoseFilterBank } from './pose-filter-bank.js';
export type { PoseFilterBank, PoseFilterBankOptions, FilteredPose } from './pose-filter-bank.js';
export { smoothSavgol } from './savgol.js';
export type { SavgolOptions } from './savgol.js';
export { smoothGaussian } from './gaussian.js';
export type { GaussianSmoothOptions } from './gaussian.js';
export { smoothOneEuro } from './mmpose-one-euro.js';
export type { MmposeOneEuroOptions } from './mmpose-one-euro.js';
export {
  COCO_KEYPOINT_FALLOFF,
  MOVENET_KEYPOINT_FILTER_CONFIG,
  MOVENET_KEYPOINT_TRACKER_CONFIG,
  MOVENET_BOUNDING_BOX_TRACKER_CONFIG,
  BLAZEPOSE_LANDMARKS_FILTER_CONFIG,
  BLAZEPOSE_VISIBILITY_SMOOTHING_CONFIG,
} from './constants.js';
