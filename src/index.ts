/**
 * posecodec: 2D human-pose heatmap encoding, decoding and evaluation.
 * Everything except the GPU path (`posecodec/gpu`) and the test kit (`posecodec/testing`).
 */
export * from './encode/index.js';
export * from './decode/index.js';
export * from './metrics/index.js';
export { readNpy, writeNpy, readNpyHeader } from './io/npy.js';
export * from './crop/index.js';
export * from './temporal/index.js';
export * from './render/index.js';
