/** posecodec/metrics: COCO keypoint error diagnosis (coco-analyze parity) and PoseFix-style error synthesis. */
export { analyzeCocoKeypoints } from './analyze-coco-keypoints.js';
export { synthesizeErrors } from './synthesize.js';
export { ANALYZE_AREA_RANGES, ANALYZE_AREA_LABELS, ANALYZE_OKS_THRESHOLDS, KEYPOINT_ERROR_TYPES, COCO_FLIP_PAIRS } from './settings.js';
export { COCO_ANALYZE_SIGMAS } from './prepared.js';
export type * from './types.js';
