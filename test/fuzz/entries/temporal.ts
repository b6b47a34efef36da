/** Fuzz entries of the temporal filters, trackers and smoothers (src/temporal) and their methods. */
import { filled, nd, pList, pNd, pNum, pOpts, surviveVariant } from '../harness/values.js';
import type { FuzzContext, FuzzEntry, ParamSpec } from '../harness/types.js';
import { bad, entry, extreme } from './define.js';

const euro = () => ({ frequency: 30, minCutOff: 1, beta: 0, derivateCutOff: 1 });
const kp3 = (v = 0.5) => filled([17, 3], v, Float64Array);
const seq = () => nd(Float64Array.from({ length: 40 }, (_, i) => i), [10, 2, 2]);
const box = () => ({ xMin: 0, yMin: 0, xMax: 1, yMax: 1, width: 1, height: 1 });
const pose = () => ({ keypoints: kp3(), score: 0.9, box: box() });
const TS = (name: string): ParamSpec => pNum(name, 'finite', { optional: false });

function method(fn: string, make: (ctx: FuzzContext) => any, m: string, params: ParamSpec[], valid: () => unknown[], cases: FuzzEntry['cases'] = []): FuzzEntry {
  return {
    fn: `${fn}.${m}`,
    target: (ctx) => {
      const o = make(ctx);
      return o[m].bind(o);
    },
    params,
    valid,
    cases,
  };
}
const SEQ = pNd('sequence', { ranks: [3], shape: () => [10, 2, 2], extremes: [surviveVariant('extreme sizes', 'T = 1', () => filled([1, 2, 2], 1, Float64Array)), surviveVariant('extreme values', '1e300 values', () => filled([10, 2, 2], 1e300, Float64Array), true)] });
const KPF = pNd('keypoints', { ranks: [2], shape: () => [17, 3], optional: true, nullable: true, arrays: true });

export const TEMPORAL_ENTRIES: FuzzEntry[] = [
  // minCutoff 1e308 is valid: casiez OneEuroFilter.py:111-113 accepts it and defines the result (2π·1e308 = ∞, tau = 0, alpha = 1: pass-through).
  entry('createOneEuroFilter', [pOpts({ fields: { minCutoff: 'pos', beta: 'nonneg', dCutoff: 'pos', frequency: 'pos', derivative: ['filtered', 'raw'], type: ['casiez', 'tfjs'] }, absurd: { frequency: [5e-324, 1e308] } })], () => [{ frequency: 30 }]),
  method('createOneEuroFilter({ frequency: 30 })', (c) => c.api.createOneEuroFilter({ frequency: 30 }), 'filter', [{ name: 'value', names: /value/, variants: [{ family: 'wrong type', label: '"typo"', value: () => 'typo', expect: 'reject' }, { family: 'wrong type', label: '{}', value: () => ({}), expect: 'reject' }] }, pNum('timestampSeconds', 'finite', { optional: true, nullable: true })], () => [1, 0.1]),
  method('createOneEuroFilter({ frequency: 30 })', (c) => c.api.createOneEuroFilter({ frequency: 30 }), 'reset', [], () => []),
  // valueScale 0 / -1 are valid: tfjs one_euro_filter.ts:81-83 takes any number (0: zero derivative, cutoff = minCutOff; the sign cancels in |edValue|).
  method('createOneEuroFilter({ type: tfjs })', (c) => c.api.createOneEuroFilter({ type: 'tfjs', ...euro() }), 'apply', [pNum('value', 'any', { optional: true, nullable: true }), TS('microSeconds'), pNum('valueScale', 'finite', { optional: true })], () => [1, 10, 1]),
  method('createOneEuroFilter({ type: tfjs })', (c) => c.api.createOneEuroFilter({ type: 'tfjs', ...euro() }), 'reset', [], () => []),
  entry('createLowPassFilter', [pOpts({ optional: false, base: () => ({ alpha: 0.5 }), fields: { alpha: 'prob' } })], () => [{ alpha: 0.5 }]),
  method('createLowPassFilter({ alpha: 0.5 })', (c) => c.api.createLowPassFilter({ alpha: 0.5 }), 'apply', [pNum('value', 'any', { optional: true, nullable: true }), pNum('threshold', 'pos', { optional: true, nullable: true })], () => [1]),
  method('createLowPassFilter({ alpha: 0.5 })', (c) => c.api.createLowPassFilter({ alpha: 0.5 }), 'reset', [], () => []),
  // velocityScale 0 is valid: tfjs relative_velocity_filter.ts:102 gives alpha = 1 − 1/(1 + 0) = 0 (the first value held), no check in the reference.
  entry('createRelativeVelocityFilter', [pOpts({ optional: false, base: () => ({ windowSize: 5, velocityScale: 1 }), fields: { windowSize: 'posInt', velocityScale: 'nonneg' }, absurd: { windowSize: [2 ** 40] } })], () => [{ windowSize: 5, velocityScale: 1 }]),
  // valueScale 0 / -1 are valid: relative_velocity_filter.ts:77-78 takes any number (distance = value·valueScale − lastValue·lastValueScale).
  method('createRelativeVelocityFilter', (c) => c.api.createRelativeVelocityFilter({ windowSize: 5, velocityScale: 1 }), 'apply', [pNum('value', 'any', { optional: true, nullable: true }), TS('microSeconds'), pNum('valueScale', 'finite', { optional: true })], () => [1, 10, 1]),
  method('createRelativeVelocityFilter', (c) => c.api.createRelativeVelocityFilter({ windowSize: 5, velocityScale: 1 }), 'reset', [], () => []),
  // minAllowedObjectScale 0 / -1 are valid: keypoints_one_euro_filter.ts:51-57 only compares `objectScale < minAllowedObjectScale` (never true for a real scale: no minimum).
  entry('createKeypointsFilter', [pOpts({ optional: false, base: () => ({ type: 'oneEuro', ...euro() }), fields: { type: ['oneEuro', 'velocity'], frequency: 'pos', minCutOff: 'pos', beta: 'nonneg', derivateCutOff: 'pos', minAllowedObjectScale: 'finite', disableValueScaling: 'bool' } })], () => [{ type: 'oneEuro', ...euro() }]),
  method('createKeypointsFilter', (c) => c.api.createKeypointsFilter({ type: 'oneEuro', ...euro() }), 'apply', [KPF, TS('microSeconds'), pNum('objectScale', 'pos')], () => [kp3(), 0, 1], [
    bad('zero-element huge view', 'keypoints [2^50, 0]', /keypoints/, () => [nd(new Float64Array(0), [2 ** 50, 0], [0, 0]), 0, 1]),
  ]),
  method('createKeypointsFilter', (c) => c.api.createKeypointsFilter({ type: 'oneEuro', ...euro() }), 'reset', [], () => []),
  entry('createKeypointsFilterBatch', [pOpts({ optional: false, base: () => ({ type: 'oneEuro', ...euro() }), fields: { type: ['oneEuro', 'velocity'], frequency: 'pos', minCutOff: 'pos', beta: 'nonneg', derivateCutOff: 'pos', disableValueScaling: 'bool' } })], () => [{ type: 'oneEuro', ...euro() }]),
  method('createKeypointsFilterBatch', (c) => c.api.createKeypointsFilterBatch({ type: 'oneEuro', ...euro() }), 'apply', [pNd('frame', { ranks: [3], shape: () => [2, 17, 3] }), TS('microSeconds'), pNum('objectScale', 'pos', { optional: true })], () => [filled([2, 17, 3], 0.5, Float64Array), 0, 1]),
  method('createKeypointsFilterBatch', (c) => c.api.createKeypointsFilterBatch({ type: 'oneEuro', ...euro() }), 'reset', [], () => []),
  entry('createKeypointsSmoothingFilter', [pOpts({ optional: false, base: () => ({ oneEuroFilter: euro() }), fields: { oneEuroFilter: { bad: [['"typo"', 'typo'], ['{ frequency: -1 }', { ...euro(), frequency: -1 }]] }, velocityFilter: { bad: [['"typo"', 'typo'], ['{ windowSize: 0 }', { windowSize: 0, velocityScale: 1 }]] } } })], () => [{ oneEuroFilter: euro() }]),
  method('createKeypointsSmoothingFilter', (c) => c.api.createKeypointsSmoothingFilter({ oneEuroFilter: euro() }), 'apply', [KPF, TS('microSeconds'), { name: 'imageSize', names: /imageSize/, variants: [{ family: 'bad size', label: '[0, 0]', value: () => [0, 0], expect: 'reject' }, { family: 'bad size', label: '"typo"', value: () => 'typo', expect: 'reject' }, { family: 'bad size', label: '[NaN, 1]', value: () => [NaN, 1], expect: 'reject' }] }], () => [kp3(), 0, [640, 480]]),
  method('createKeypointsSmoothingFilter', (c) => c.api.createKeypointsSmoothingFilter({ oneEuroFilter: euro() }), 'reset', [], () => []),
  entry('createLowPassVisibilityFilter', [pOpts({ optional: false, base: () => ({ alpha: 0.1 }), fields: { alpha: 'prob' } })], () => [{ alpha: 0.1 }]),
  method('createLowPassVisibilityFilter', (c) => c.api.createLowPassVisibilityFilter({ alpha: 0.1 }), 'apply', [pNd('scores', { ranks: [1], shape: () => [17], optional: true, nullable: true, arrays: true })], () => [new Array(17).fill(0.5)]),
  method('createLowPassVisibilityFilter', (c) => c.api.createLowPassVisibilityFilter({ alpha: 0.1 }), 'reset', [], () => []),
  // maxAge 'pos': tfjs validateTrackerConfig (calculators/tracker_utils.ts) rejects maxAge <= 0. minSimilarity 'finite': the reference does not
  // check it and any value has a defined result (≤ 0 links every pair, > 1 none), so -0.5 / 1.5 are valid.
  entry('createPoseTracker', [pOpts({ fields: { type: ['keypoint', 'boundingBox'], maxTracks: 'posInt', maxAge: 'pos', minSimilarity: 'finite', keypointTrackerParams: { bad: [['"typo"', 'typo'], ['{ keypointFalloff: [0] }', { keypointFalloff: [0] }]] } }, absurd: { maxTracks: [2 ** 40] } })], () => []),
  method('createPoseTracker', (c) => c.api.createPoseTracker(), 'apply', [pList('poses', { extremes: [surviveVariant('extreme sizes', '[]', () => [])] }), TS('microSeconds')], () => [[pose()], 0], [
    extreme('extreme values', 'NaN keypoints', () => [[{ ...pose(), keypoints: kp3(NaN) }], 0], { allowNonFinite: true }),
  ]),
  method('createPoseTracker', (c) => c.api.createPoseTracker(), 'getTracks', [], () => []),
  method('createPoseTracker', (c) => c.api.createPoseTracker(), 'getTrackIDs', [], () => []),
  method('createPoseTracker', (c) => c.api.createPoseTracker(), 'reset', [], () => []),
  // objectScale 42 is valid: a number is a fixed object scale in px (PoseFilterBankOptions.objectScale; MoveNet passes 1).
  entry('createPoseFilterBank', [pOpts({ fields: { filter: { bad: [['"typo"', 'typo']] }, tracker: { bad: [['"typo"', 'typo']] }, objectScale: { bad: [['"area"', 'area'], ['0', 0], ['NaN', NaN]] }, maxAge: 'nonneg' } })], () => [{ tracker: {} }]),
  method('createPoseFilterBank', (c) => c.api.createPoseFilterBank({ tracker: {} }), 'apply', [pList('poses', { extremes: [surviveVariant('extreme sizes', '[]', () => [])] }), TS('microSeconds')], () => [[pose()], 0]),
  method('createPoseFilterBank', (c) => c.api.createPoseFilterBank({ tracker: {} }), 'getTracks', [], () => []),
  method('createPoseFilterBank', (c) => c.api.createPoseFilterBank({ tracker: {} }), 'trackIds', [], () => []),
  method('createPoseFilterBank', (c) => c.api.createPoseFilterBank({ tracker: {} }), 'reset', [], () => []),
  entry('smoothSavgol', [SEQ, pOpts({ fields: { windowSize: 'odd', polyorder: 'posInt', mode: ['offline', 'online'] }, absurd: { windowSize: [2 ** 31 + 1] } })], () => [seq(), { windowSize: 5, polyorder: 2 }]),
  entry('smoothGaussian', [SEQ, pOpts({ fields: { windowSize: 'odd', sigma: 'pos', mode: ['offline', 'online'] }, absurd: { sigma: [1e9, 1e-300] } })], () => [seq(), { windowSize: 5, sigma: 1 }]),
  entry('smoothOneEuro', [SEQ, pOpts({ fields: { minCutoff: 'pos', beta: 'nonneg', dCutoff: 'pos', fps: 'pos' }, absurd: { fps: [5e-324] } })], () => [seq()]),
];
