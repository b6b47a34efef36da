/** posecodec/metrics: COCO keypoint evaluation (pycocotools parity), mmpose keypoint metrics and OKS-NMS. */
export { COCO_SIGMAS, oksVars } from './sigmas.js';
export { oks, EPS } from './oks.js';
export { cocoKeypointEval, computeOks } from './coco-eval.js';
export type { CocoEvalOptions, CocoEvalResult } from './coco-eval.js';
export { loadCoco, loadResults } from './coco-load.js';
export type { CocoDataset, CocoAnnotation, CocoImage, CocoCategory, CocoKeypointResult } from './coco-types.js';
export { IOU_THRESHOLDS, RECALL_THRESHOLDS, AREA_RANGES, AREA_LABELS } from './coco-params.js';
export { pckAccuracy } from './pck.js';
export type { PckResult } from './pck.js';
export { pckhAccuracy, MPII_SC_BIAS } from './pckh.js';
export type { PckhOptions, PckhResult } from './pckh.js';
export { auc } from './auc.js';
export { epe } from './epe.js';
export { nme } from './nme.js';
export { oksNms, softOksNms } from './oks-nms.js';
export type { PoseInstance, OksNmsOptions } from './oks-nms.js';
export * from './analyze/index.js';
