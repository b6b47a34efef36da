/** The `arbitraries` namespace of posecodec/testing. */
export { heatmapSize, geometrySize, coordinate, keypoints, visibility, heatmapSamples, heatmaps, oksCase, cocoGroundTruth, cocoPerfectResults, cocoPerfectCase, badValue, badArguments } from './arbitraries.js';
export { renderHeatmaps, toLayout, channelValue, HEATMAP_KINDS } from './render.js';
