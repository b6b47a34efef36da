/**
 * posecodec/testing: a fast-check property-test kit for pose heatmap encoders,
 * decoders and metrics (fast-check is a peer dependency of this entry only).
 *
 * ```ts
 * import fc from 'fast-check';
 * import { arbitraries, laws } from 'posecodec/testing';
 * fc.assert(laws.matchesReference(myDecoder, 'dark', { tolerance: 1e-4 }));
 * ```
 * No test-runner import: works under vitest, Jest and node:test.
 */
import * as arbitraries from './arbitraries-index.js';
import * as laws from './laws-index.js';

export { arbitraries, laws };
export { checkLaw, assertLaw } from './report.js';
export type { LawReport } from './report.js';
export { referenceDecoder } from './reference.js';
export type { ReferenceName, ReferenceOptions } from './reference.js';
export { LawViolation } from './compare.js';
export type { Decoder, DecodeOutput } from './compare.js';
export type { Law, Encoder } from './laws/common.js';
export type { FlipFn } from './laws/equivariance.js';
export type { CodecLike } from './laws/round-trip.js';
export type { OksFn, CocoEvalFn } from './metric-laws.js';
export { simccSamples, simccRoundTrip, simccFlipEquivariant, simccScaleInvariant, simccBatchConsistent, simccLayoutInvariant, simccNoMutation } from './simcc-laws.js';
export type { SimccDecoder, SimccEncoder, SimccSample, SimccSampleOptions, SimccRoundTripOptions, SimccFlipOptions, SimccScaleOptions } from './simcc-laws.js';
export type { HeatmapOptions, HeatmapSample, KeypointOptions, SizeSpec, Band, HeatmapKind, Layout, OksCase, CocoOptions } from './arbitraries.js';
