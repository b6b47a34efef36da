/**
 * Every fuzz entry of the campaign, the exported constants (checked deep-frozen
 * instead of fuzzed) and the factory instances whose methods must have entries.
 * A public function without an entry here fails test/fuzz/exports.test.ts.
 */
import type { FuzzEntry } from '../harness/types.js';
import { CODEC_ENTRIES, CODEC_OPTIONS } from './codecs.js';
import { CROP_ENTRIES } from './crop.js';
import { DECODE_ENTRIES } from './decode.js';
import { DECODE_MORE_ENTRIES } from './decode-more.js';
import { ENCODE_ENTRIES } from './encode.js';
import { IO_RENDER_GPU_ENTRIES } from './io-render-gpu.js';
import { METRIC_ENTRIES } from './metrics.js';
import { TEMPORAL_ENTRIES } from './temporal.js';
import { TESTING_ENTRIES } from './testing.js';

/** Results that may hold NaN/Infinity because the reference computes them so (reproduced on purpose). */
const NON_FINITE: Record<string, { pattern: RegExp; why: string }[]> = {
  gaussianBlur: [{ pattern: /all zeros/, why: 'mmpose gaussian_blur rescales by origin_max / max(blurred) = 0 / 0 on an all-zero map' }],
  gaussianBlur1d: [{ pattern: /all zeros/, why: 'mmpose gaussian_blur1d rescales by origin_max / max(blurred) = 0 / 0' }],
  refineSimccDark: [{ pattern: /all zeros/, why: 'mmpose refine_simcc_dark: log of the 0/0-rescaled blur' }],
  'createCodec(udp).decode': [{ pattern: /all zeros/, why: 'mmpose UDPHeatmap.decode: DARK-UDP on the 0/0-rescaled blur of an all-zero map' }],
  'createCodec(megvii).decode': [{ pattern: /all zeros/, why: 'mmpose MegviiHeatmap.decode: gaussian_blur 0 / 0 on an all-zero map' }],
  epe: [{ pattern: /NaN predictions/, why: 'mmpose keypoint_epe averages the NaN distances' }],
  nme: [{ pattern: /NaN predictions/, why: 'mmpose keypoint_nme averages the NaN distances' }],
  analyzeCocoKeypoints: [{ pattern: /no detections/, why: 'coco-analyze: np.percentile of no false-positive scores is NaN' }],
};

const ALL: FuzzEntry[] = [
  ...DECODE_ENTRIES,
  ...DECODE_MORE_ENTRIES,
  ...ENCODE_ENTRIES,
  ...CODEC_ENTRIES,
  ...METRIC_ENTRIES,
  ...CROP_ENTRIES,
  ...TEMPORAL_ENTRIES,
  ...IO_RENDER_GPU_ENTRIES,
  ...TESTING_ENTRIES,
];
export const ENTRIES: FuzzEntry[] = ALL.map((e) => (NON_FINITE[e.fn] ? { ...e, nonFinite: [...(e.nonFinite ?? []), ...NON_FINITE[e.fn]] } : e));

/** Exported values that are not functions: each is walked and must be deep-frozen. */
export const CONSTANTS: Record<string, string> = {
  ANALYZE_AREA_LABELS: 'coco-analyze area labels',
  ANALYZE_AREA_RANGES: 'coco-analyze area ranges',
  ANALYZE_OKS_THRESHOLDS: 'coco-analyze OKS thresholds',
  AREA_LABELS: 'COCO area labels',
  AREA_RANGES: 'COCO area ranges',
  BLAZEPOSE39_SKELETON: 'skeleton table',
  BLAZEPOSE_LANDMARKS_FILTER_CONFIG: 'tfjs filter config',
  BLAZEPOSE_VISIBILITY_SMOOTHING_CONFIG: 'tfjs filter config',
  CENTER_NMS_TOLERANCE: 'MoveNet graph constant',
  COCO17_SKELETON: 'skeleton table',
  COCO_ANALYZE_SIGMAS: 'coco-analyze sigmas',
  COCO_FLIP_PAIRS: 'flip pairs',
  COCO_KEYPOINT_FALLOFF: 'tfjs tracker falloff',
  COCO_KEYPOINT_ORDER: 'keypoint order',
  COCO_SIGMAS: 'COCO sigmas',
  CODEC_TYPES: 'registered codec types (each gets a createCodec entry)',
  DISTANCE_BIAS: 'MoveNet graph constant',
  EPS: 'mmpose oks_nms epsilon',
  IOU_THRESHOLDS: 'COCO OKS thresholds',
  KEYPOINT_ERROR_TYPES: 'coco-analyze error types',
  KEYPOINT_SCORE_THRESHOLD: 'MoveNet graph constant',
  KEYPOINT_SIGMA_SCALE: 'MoveNet graph constant',
  MAX_CENTERNET_PERSONS: 'work limit',
  MAX_CENTERNET_WORK: 'work limit',
  MAX_IMAGE_SIDE: 'crop size limit',
  MAX_PERSONLAB_DETECTIONS: 'work limit',
  MOVENET_BOUNDING_BOX_TRACKER_CONFIG: 'tfjs tracker config',
  MOVENET_KEYPOINT_FILTER_CONFIG: 'tfjs filter config',
  MOVENET_KEYPOINT_TRACKER_CONFIG: 'tfjs tracker config',
  MPII16_SKELETON: 'skeleton table',
  MPII_SC_BIAS: 'MPII head-size bias',
  POSENET_POSE_CHAIN: 'PoseNet part chain',
  RECALL_THRESHOLDS: 'COCO recall thresholds',
  SKELETONS: 'skeleton tables by name',
  'gpu.KERNEL_CLASS': 'gpu.js kernel class per mode',
  'gpu.PLAIN_JS_BACKEND': 'backend name string',
  'testing.arbitraries': 'namespace: every function in it has a testing.arbitraries.* entry',
  'testing.laws': 'namespace: every function in it has a testing.laws.* entry',
  'testing.arbitraries.HEATMAP_KINDS': 'heatmap kind names',
};

/** Exported classes: constructed, not fuzzed. */
export const CLASSES: Record<string, string> = {
  'testing.LawViolation': 'an Error subclass law predicates throw; any message is valid',
};

/** Objects returned by factories: every function-valued property needs an entry `<label>.<method>`. */
export const INSTANCES: Record<string, (m: { api: Record<string, any> }) => object> = {
  ...Object.fromEntries(Object.entries(CODEC_OPTIONS).map(([t, o]) => [`createCodec(${t})`, (m: { api: Record<string, any> }) => m.api.createCodec(o())])),
  'createOneEuroFilter({ frequency: 30 })': (m) => m.api.createOneEuroFilter({ frequency: 30 }),
  'createOneEuroFilter({ type: tfjs })': (m) => m.api.createOneEuroFilter({ type: 'tfjs', frequency: 30, minCutOff: 1, beta: 0, derivateCutOff: 1 }),
  'createLowPassFilter({ alpha: 0.5 })': (m) => m.api.createLowPassFilter({ alpha: 0.5 }),
  createRelativeVelocityFilter: (m) => m.api.createRelativeVelocityFilter({ windowSize: 5, velocityScale: 1 }),
  createKeypointsFilter: (m) => m.api.createKeypointsFilter({ type: 'oneEuro', frequency: 30, minCutOff: 1, beta: 0, derivateCutOff: 1 }),
  createKeypointsFilterBatch: (m) => m.api.createKeypointsFilterBatch({ type: 'oneEuro', frequency: 30, minCutOff: 1, beta: 0, derivateCutOff: 1 }),
  createKeypointsSmoothingFilter: (m) => m.api.createKeypointsSmoothingFilter({ oneEuroFilter: { frequency: 30, minCutOff: 1, beta: 0, derivateCutOff: 1 } }),
  createLowPassVisibilityFilter: (m) => m.api.createLowPassVisibilityFilter({ alpha: 0.1 }),
  createPoseTracker: (m) => m.api.createPoseTracker(),
  createPoseFilterBank: (m) => m.api.createPoseFilterBank({ tracker: {} }),
};

/**
 * Cases that fail today and are owned by another helper's files (see the
 * report); each key is `fn :: case name`, or `fn` for every case of a function. The campaign prints them separately
 * and does not count them; the list must shrink to empty (or each be justified).
 */
export const KNOWN_FAILURES: Record<string, string> = {
};
