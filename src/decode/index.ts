/** posecodec/decode: heatmap decoders (heatmap pixels), codecs and geometry (input pixels). */
export { heatmapArgmax } from './argmax.js';
export type { DecodeResult } from './argmax.js';
export { refineQuarter } from './quarter.js';
export type { QuarterOptions } from './quarter.js';
export { gaussianBlur } from './blur.js';
export { refineDark } from './dark.js';
export type { DarkOptions } from './dark.js';
export { refineDarkUdp } from './dark-udp.js';
export type { DarkUdpOptions } from './dark-udp.js';
export { getWarpMatrix, transformKeypoints, invertAffine, heatmapToInputScale } from '../core/geometry.js';
export type { Affine, WarpOptions } from '../core/geometry.js';
