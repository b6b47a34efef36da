/** The `laws` namespace of posecodec/testing. */
export { roundTrip, codecRoundTrip } from './laws/round-trip.js';
export { scaleInvariant, scaleHeatmaps, translationEquivariant, flipEquivariant } from './laws/equivariance.js';
export { batchConsistent, layoutInvariant, noMutation } from './laws/structural.js';
export { matchesReference } from './laws/reference-law.js';
export { throwsOnlyTypedErrors, rejects } from './laws/bad-arguments.js';
export type { RejectsOptions } from './laws/bad-arguments.js';
export { oksRange, oksMonotone, cocoPerfectAp } from './metric-laws.js';
