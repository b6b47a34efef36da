/**
 * The reference configurations of tfjs-models pose-detection 2.1.3 (deep-frozen): MoveNet's
 * keypoint filter and tracker defaults, BlazePose's landmark filters.
 */
import { deepFreeze } from './validate.js';

/** COCO keypoint falloffs (σᵢ) used by MoveNet's keypoint tracker (movenet/constants.ts:67). */
export const COCO_KEYPOINT_FALLOFF: readonly number[] = deepFreeze([
  0.026, 0.025, 0.025, 0.035, 0.035, 0.079, 0.079, 0.072, 0.072, 0.062, 0.062, 0.107, 0.107, 0.087, 0.087, 0.089, 0.089,
]);

/** MoveNet `KEYPOINT_FILTER_CONFIG` (movenet/constants.ts:46): One Euro, µs timestamps, asinh cap, no value scaling. */
export const MOVENET_KEYPOINT_FILTER_CONFIG = deepFreeze({
  type: 'oneEuro' as const,
  frequency: 30,
  minCutOff: 2.5,
  beta: 300.0,
  derivateCutOff: 2.5,
  thresholdCutOff: 0.5,
  thresholdBeta: 5.0,
  disableValueScaling: true,
});

/** MoveNet `DEFAULT_KEYPOINT_TRACKER_CONFIG` (movenet/constants.ts:67): OKS on normalised keypoints; maxAge in ms. */
export const MOVENET_KEYPOINT_TRACKER_CONFIG = deepFreeze({
  type: 'keypoint' as const,
  maxTracks: 18,
  maxAge: 1000,
  minSimilarity: 0.2,
  keypointTrackerParams: { keypointConfidenceThreshold: 0.3, keypointFalloff: COCO_KEYPOINT_FALLOFF, minNumberOfKeypoints: 4 },
});

/** MoveNet `DEFAULT_BOUNDING_BOX_TRACKER_CONFIG` (movenet/constants.ts:83): IoU; maxAge in ms. */
export const MOVENET_BOUNDING_BOX_TRACKER_CONFIG = deepFreeze({
  type: 'boundingBox' as const,
  maxTracks: 18,
  maxAge: 1000,
  minSimilarity: 0.15,
});

/** BlazePose landmarks filter (blazepose_tfjs/constants.ts:128), object-scale aware. */
export const BLAZEPOSE_LANDMARKS_FILTER_CONFIG = deepFreeze({
  type: 'oneEuro' as const,
  frequency: 30,
  minCutOff: 0.05,
  beta: 80,
  derivateCutOff: 1.0,
  minAllowedObjectScale: 1e-6,
});

/** BlazePose visibility smoothing (`BLAZEPOSE_VISIBILITY_SMOOTHING_CONFIG`): alpha 0.1. */
export const BLAZEPOSE_VISIBILITY_SMOOTHING_CONFIG = deepFreeze({ alpha: 0.1 });
