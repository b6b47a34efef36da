/** The `laws` namespace of posecodec/testing. */
export { roundTrip, codecRoundTrip, scaleInvariant, scaleHeatmaps, translationEquivariant, flipEquivariant, batchConsistent, layoutInvariant, noMutation, matchesReference, throwsOnlyTypedErrors } from './laws.js';
export { oksRange, oksMonotone, cocoPerfectAp } from './metric-laws.js';
