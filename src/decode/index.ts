/** posecodec/decode: heatmap decoders (heatmap pixels), codecs and geometry (input pixels). */
export { getWarpMatrix, transformKeypoints, invertAffine, heatmapToInputScale } from '../core/geometry.js';
export type { Affine, WarpOptions } from '../core/geometry.js';
