/** posecodec/encode: keypoint → heatmap target encoders (heatmap pixels), per-instance σ rules and SAHR modulation. */
export { msraHeatmaps } from './msra.js';
export type { HeatmapTargets, WindowOptions } from './types.js';
export { unbiasedHeatmaps } from './unbiased.js';
export { udpHeatmaps } from './udp.js';
export { udpCombinedTargets } from './udp-combined.js';
export { megviiHeatmaps } from './megvii.js';
export { scaleAdaptiveSigma, cornernetRadius } from './scale-adaptive-sigma.js';
export type { ScaleAdaptiveSigmaOptions } from './types.js';
export { keypointBoxes } from './keypoint-boxes.js';
export { modulateTarget } from './modulate-target.js';
export type { ModulateOptions } from './types.js';
export type { SigmaInput, Placement } from './types.js';
export { instanceRoots } from './instance-roots.js';
export type { InstanceRootOptions, InstanceRoots, RootType } from './instance-roots.js';
export { instanceBoxes, diagonalLengths } from './instance-boxes.js';
export { simccLabels } from './simcc-labels.js';
export type { SimccLabelOptions, SimccLabels } from './simcc-labels.js';
