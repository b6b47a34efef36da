/**
 * fast-check arbitraries for pose heatmap code: sizes and strides, sub-pixel
 * keypoints by band, visibility masks, synthetic heatmaps of several kinds in
 * NCHW / NHWC layouts, OKS cases and COCO ground-truth / result sets.
 *
 * Every generated ndarray prints as a one-line description in fast-check
 * counterexamples (`fc.toStringMethod`), e.g.
 * `heatmaps[K=1,H=12,W=12] NCHW float32 {k0: clean μ=(5.2500, 6.1000) σ=2 amp=1}`.
 *
 * Units: heatmap pixels (pixel i centred at coordinate i) unless stated.
 */
export type { HeatmapKind, Layout, ChannelSpec } from './render.js';
export { real } from './arbitraries/common.js';
export type { IntRange, RealRange } from './arbitraries/common.js';
export * from './arbitraries/sizes.js';
export * from './arbitraries/keypoints.js';
export * from './arbitraries/heatmaps.js';
export * from './arbitraries/coco.js';
export * from './arbitraries/bad-values.js';
