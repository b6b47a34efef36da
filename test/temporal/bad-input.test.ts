/** Bad input: every temporal function and factory throws a typed error naming the argument. */
import { describe, expect, it } from 'vitest';
import ndarray from 'ndarray';
import {
  createOneEuroFilter,
  createLowPassFilter,
  createRelativeVelocityFilter,
  createKeypointsFilter,
  createKeypointsSmoothingFilter,
  createLowPassVisibilityFilter,
  createPoseTracker,
  createPoseFilterBank,
  smoothSavgol,
  smoothGaussian,
  smoothOneEuro,
} from '../../src/temporal/index.js';

const seq = () => ndarray(new Float64Array(10 * 2 * 2).map((_, i) => i), [10, 2, 2]);
const kp3 = () => ndarray(new Float64Array(17 * 3).fill(0.5), [17, 3]);
const euro = { frequency: 30, minCutOff: 1, beta: 0, derivateCutOff: 1 };
const pose = () => ({ keypoints: kp3(), score: 0.9, box: { xMin: 0, yMin: 0, xMax: 1, yMax: 1, width: 1, height: 1 } });

type Row = [label: string, run: () => unknown, err: typeof TypeError | typeof RangeError, names: RegExp];

const rows: Row[] = [
  // createOneEuroFilter (casiez)
  ['oneEuro options not an object', () => createOneEuroFilter(5 as never), TypeError, /options/],
  ['oneEuro negative minCutoff', () => createOneEuroFilter({ minCutoff: -1 }), RangeError, /options\.minCutoff/],
  ['oneEuro zero dCutoff', () => createOneEuroFilter({ dCutoff: 0 }), RangeError, /options\.dCutoff/],
  ['oneEuro NaN beta', () => createOneEuroFilter({ beta: NaN }), RangeError, /options\.beta/],
  ['oneEuro negative beta', () => createOneEuroFilter({ beta: -0.1 }), RangeError, /options\.beta/],
  ['oneEuro zero frequency', () => createOneEuroFilter({ frequency: 0 }), RangeError, /options\.frequency/],
  ['oneEuro subnormal frequency', () => createOneEuroFilter({ frequency: 5e-324 }), RangeError, /options\.frequency/],
  ['oneEuro 1e308 frequency', () => createOneEuroFilter({ frequency: 1e308 }), RangeError, /options\.frequency/],
  ['oneEuro string frequency', () => createOneEuroFilter({ frequency: '30' as never }), TypeError, /options\.frequency/],
  ['oneEuro bad derivative', () => createOneEuroFilter({ derivative: 'prev' as never }), RangeError, /options\.derivative/],
  ['oneEuro bad type', () => createOneEuroFilter({ type: 'mediapipe' as never }), RangeError, /options\.type/],
  ['oneEuro NaN timestamp', () => createOneEuroFilter({ frequency: 30 }).filter(1, NaN), RangeError, /timestampSeconds/],
  ['oneEuro Infinity timestamp', () => createOneEuroFilter({ frequency: 30 }).filter(1, Infinity), RangeError, /timestampSeconds/],
  ['oneEuro string value', () => createOneEuroFilter({ frequency: 30 }).filter('1' as never, 0.1), TypeError, /value/],
  ['oneEuro value shape change', () => { const f = createOneEuroFilter({ frequency: 30 }); f.filter([1, 2], 0.1); f.filter([1, 2, 3], 0.2); }, RangeError, /value/],
  ['oneEuro no frequency, no timestamps', () => { const f = createOneEuroFilter(); f.filter(1); f.filter(2); }, RangeError, /options\.frequency/],
  // createOneEuroFilter (tfjs)
  ['tfjs oneEuro missing minCutOff', () => createOneEuroFilter({ type: 'tfjs', frequency: 30, beta: 0, derivateCutOff: 1 } as never), TypeError, /options\.minCutOff/],
  ['tfjs oneEuro negative derivateCutOff', () => createOneEuroFilter({ type: 'tfjs', ...euro, derivateCutOff: -1 }), RangeError, /options\.derivateCutOff/],
  ['tfjs oneEuro threshold without beta', () => createOneEuroFilter({ type: 'tfjs', ...euro, thresholdCutOff: 0.5 }), TypeError, /options\.thresholdBeta/],
  ['tfjs oneEuro NaN micros', () => createOneEuroFilter({ type: 'tfjs', ...euro }).apply(1, NaN, 1), RangeError, /microSeconds/],
  ['tfjs oneEuro NaN valueScale', () => createOneEuroFilter({ type: 'tfjs', ...euro }).apply(1, 10, NaN), RangeError, /valueScale/],
  ['tfjs oneEuro value object', () => createOneEuroFilter({ type: 'tfjs', ...euro }).apply({} as never, 10, 1), TypeError, /value/],
  // createLowPassFilter
  ['lowPass alpha > 1', () => createLowPassFilter({ alpha: 1.5 }), RangeError, /options\.alpha/],
  ['lowPass alpha missing', () => createLowPassFilter({} as never), TypeError, /options\.alpha/],
  ['lowPass zero threshold', () => createLowPassFilter({ alpha: 0.5 }).apply(1, 0), RangeError, /threshold/],
  ['lowPass string value', () => createLowPassFilter({ alpha: 0.5 }).apply('x' as never), TypeError, /value/],
  // createRelativeVelocityFilter
  ['velocity windowSize 0', () => createRelativeVelocityFilter({ windowSize: 0, velocityScale: 1 }), RangeError, /options\.windowSize/],
  ['velocity windowSize 2.5', () => createRelativeVelocityFilter({ windowSize: 2.5, velocityScale: 1 }), TypeError, /options\.windowSize/],
  ['velocity negative velocityScale', () => createRelativeVelocityFilter({ windowSize: 5, velocityScale: -1 }), RangeError, /options\.velocityScale/],
  ['velocity NaN micros', () => createRelativeVelocityFilter({ windowSize: 5, velocityScale: 1 }).apply(1, NaN, 1), RangeError, /microSeconds/],
  // createKeypointsFilter
  ['keypoints filter bad type', () => createKeypointsFilter({ type: 'kalman' } as never), RangeError, /options\.type/],
  ['keypoints filter missing type', () => createKeypointsFilter({ ...euro } as never), TypeError, /options\.type/],
  ['keypoints filter negative beta', () => createKeypointsFilter({ type: 'oneEuro', ...euro, beta: -1 }), RangeError, /options\.beta/],
  ['keypoints filter bad disableValueScaling', () => createKeypointsFilter({ type: 'oneEuro', ...euro, disableValueScaling: 1 as never }), TypeError, /options\.disableValueScaling/],
  ['keypoints filter rank-1 keypoints', () => createKeypointsFilter({ type: 'oneEuro', ...euro }).apply(ndarray(new Float64Array(3)) as never, 0, 1), TypeError, /keypoints/],
  ['keypoints filter [K, 2] keypoints', () => createKeypointsFilter({ type: 'oneEuro', ...euro }).apply(ndarray(new Float64Array(4), [2, 2]), 0, 1), RangeError, /keypoints/],
  ['keypoints filter ragged nested', () => createKeypointsFilter({ type: 'oneEuro', ...euro }).apply([[1, 2, 3], [1, 2]], 0, 1), RangeError, /keypoints\[1\]/],
  ['keypoints filter zero objectScale', () => createKeypointsFilter({ type: 'oneEuro', ...euro }).apply(kp3(), 0, 0), RangeError, /objectScale/],
  ['keypoints filter missing objectScale', () => createKeypointsFilter({ type: 'velocity', windowSize: 5, velocityScale: 10 }).apply(kp3(), 0), TypeError, /objectScale/],
  ['keypoints filter NaN micros', () => createKeypointsFilter({ type: 'oneEuro', ...euro }).apply(kp3(), NaN, 1), RangeError, /microSeconds/],
  // createKeypointsSmoothingFilter
  ['smoothing filter without config', () => createKeypointsSmoothingFilter({}), TypeError, /options/],
  ['smoothing filter bad velocity config', () => createKeypointsSmoothingFilter({ velocityFilter: { windowSize: -1, velocityScale: 1 } }), RangeError, /options\.velocityFilter\.windowSize/],
  ['smoothing filter normalized without size', () => createKeypointsSmoothingFilter({ oneEuroFilter: euro }).apply(kp3(), 0, undefined, true), TypeError, /imageSize/],
  ['smoothing filter zero width', () => createKeypointsSmoothingFilter({ oneEuroFilter: euro }).apply(kp3(), 0, [0, 480], true), RangeError, /imageSize\[0\]/],
  ['smoothing filter unused [0, 0] size', () => createKeypointsSmoothingFilter({ oneEuroFilter: euro }).apply(kp3(), 0, [0, 0]), RangeError, /imageSize\[0\]/],
  ['smoothing filter unused string size', () => createKeypointsSmoothingFilter({ oneEuroFilter: euro }).apply(kp3(), 0, 'typo' as never), TypeError, /imageSize/],
  ['smoothing filter unused [NaN, 1] size', () => createKeypointsSmoothingFilter({ oneEuroFilter: euro }).apply(kp3(), 0, [NaN, 1], false), RangeError, /imageSize\[0\]/],
  ['smoothing filter NaN roi', () => createKeypointsSmoothingFilter({ oneEuroFilter: euro }).apply(kp3(), 0, [640, 480], false, { xCenter: 0, yCenter: 0, width: NaN, height: 1 }), RangeError, /roi\.width/],
  // createLowPassVisibilityFilter
  ['visibility alpha negative', () => createLowPassVisibilityFilter({ alpha: -0.1 }), RangeError, /options\.alpha/],
  ['visibility scores not an array', () => createLowPassVisibilityFilter({ alpha: 0.1 }).apply(5 as never), TypeError, /scores/],
  ['visibility rank-2 scores', () => createLowPassVisibilityFilter({ alpha: 0.1 }).apply(ndarray(new Float64Array(4), [2, 2])), TypeError, /scores/],
  // createPoseTracker
  ['tracker bad type', () => createPoseTracker({ type: 'iou' as never }), RangeError, /options\.type/],
  ['tracker negative maxTracks', () => createPoseTracker({ maxTracks: -1 }), RangeError, /options\.maxTracks/],
  ['tracker zero maxTracks (tfjs validateTrackerConfig)', () => createPoseTracker({ maxTracks: 0 }), RangeError, /options\.maxTracks/],
  ['tracker zero maxAge (tfjs validateTrackerConfig)', () => createPoseTracker({ maxAge: 0 }), RangeError, /options\.maxAge/],
  ['tracker threshold 1.5 (tfjs validateTrackerConfig)', () => createPoseTracker({ keypointTrackerParams: { keypointConfidenceThreshold: 1.5 } }), RangeError, /keypointConfidenceThreshold/],
  ['tracker zero minNumberOfKeypoints (tfjs validateTrackerConfig)', () => createPoseTracker({ keypointTrackerParams: { minNumberOfKeypoints: 0 } }), RangeError, /minNumberOfKeypoints/],
  ['tracker negative maxAge', () => createPoseTracker({ maxAge: -5 }), RangeError, /options\.maxAge/],
  ['tracker NaN minSimilarity', () => createPoseTracker({ minSimilarity: NaN }), RangeError, /options\.minSimilarity/],
  ['tracker zero falloff', () => createPoseTracker({ keypointTrackerParams: { keypointFalloff: [0, 1] } }), RangeError, /keypointFalloff\[0\]/],
  ['tracker bad minNumberOfKeypoints', () => createPoseTracker({ keypointTrackerParams: { minNumberOfKeypoints: 1.5 } }), TypeError, /minNumberOfKeypoints/],
  ['tracker poses not an array', () => createPoseTracker().apply({} as never, 0), TypeError, /poses/],
  ['tracker NaN micros', () => createPoseTracker().apply([pose()], NaN), RangeError, /microSeconds/],
  ['tracker pose without keypoints', () => createPoseTracker().apply([{ score: 1 } as never], 0), TypeError, /poses\[0\]\.keypoints/],
  ['tracker K mismatch with falloff', () => createPoseTracker().apply([{ keypoints: ndarray(new Float64Array(15), [5, 3]) }], 0), RangeError, /poses\[0\]\.keypoints/],
  ['box tracker pose without box', () => createPoseTracker({ type: 'boundingBox' }).apply([{ keypoints: kp3() }], 0), TypeError, /poses\[0\]\.box/],
  ['box tracker box with string corner', () => createPoseTracker({ type: 'boundingBox' }).apply([{ keypoints: kp3(), box: { xMin: '0' } as never }], 0), TypeError, /poses\[0\]\.box\.xMin/],
  // createPoseFilterBank
  ['bank bad filter', () => createPoseFilterBank({ filter: { type: 'oneEuro', ...euro, minCutOff: 0 } }), RangeError, /options\.filter\.minCutOff/],
  ['bank bad tracker', () => createPoseFilterBank({ tracker: { maxTracks: -2 } }), RangeError, /options\.tracker\.maxTracks/],
  ['bank tracker a string', () => createPoseFilterBank({ tracker: 'typo' as never }), TypeError, /options\.tracker/],
  ['bank zero objectScale', () => createPoseFilterBank({ objectScale: 0 }), RangeError, /options\.objectScale/],
  ['bank bad objectScale', () => createPoseFilterBank({ objectScale: 'area' as never }), TypeError, /options\.objectScale/],
  ['bank negative maxAge', () => createPoseFilterBank({ maxAge: -1 }), RangeError, /options\.maxAge/],
  ['bank pose without id and no tracker', () => createPoseFilterBank().apply([pose()], 0), TypeError, /poses\[0\]\.id/],
  ['bank scores of wrong length', () => createPoseFilterBank({ tracker: {} }).apply([{ keypoints: ndarray(new Float64Array(34), [17, 2]), scores: [1, 2] }], 0), RangeError, /poses\[0\]\.scores/],
  ['bank NaN micros', () => createPoseFilterBank({ tracker: {} }).apply([pose()], NaN), RangeError, /microSeconds/],
  // smoothSavgol
  ['savgol even window', () => smoothSavgol(seq(), { windowSize: 4, polyorder: 2 }), RangeError, /options\.windowSize/],
  ['savgol window <= polyorder', () => smoothSavgol(seq(), { windowSize: 3, polyorder: 3 }), RangeError, /options\.windowSize must be > options\.polyorder/],
  ['savgol polyorder 0', () => smoothSavgol(seq(), { windowSize: 5, polyorder: 0 }), RangeError, /options\.polyorder/],
  ['savgol bad mode', () => smoothSavgol(seq(), { mode: 'causal' as never }), RangeError, /options\.mode/],
  ['savgol rank-2 sequence', () => smoothSavgol(ndarray(new Float64Array(4), [2, 2])), TypeError, /sequence/],
  ['savgol plain array', () => smoothSavgol([[[1, 2]]] as never), TypeError, /sequence/],
  ['savgol NaN in sequence', () => smoothSavgol(ndarray(new Float64Array([1, NaN, 3, 4]), [2, 1, 2])), RangeError, /sequence/],
  ['savgol empty sequence', () => smoothSavgol(ndarray(new Float64Array(0), [0, 17, 2])), RangeError, /sequence/],
  ['savgol huge window', () => smoothSavgol(seq(), { windowSize: 2 ** 31 + 1 }), RangeError, /options\.windowSize/],
  // smoothGaussian
  ['gaussian zero sigma', () => smoothGaussian(seq(), { sigma: 0 }), RangeError, /options\.sigma/],
  ['gaussian huge sigma', () => smoothGaussian(seq(), { sigma: 1e9 }), RangeError, /options\.sigma/],
  ['gaussian sigma 1e-300 (σ² underflows, scipy gives NaN)', () => smoothGaussian(seq(), { sigma: 1e-300 }), RangeError, /options\.sigma/],
  ['gaussian even window', () => smoothGaussian(seq(), { windowSize: 10 }), RangeError, /options\.windowSize/],
  ['gaussian int data', () => smoothGaussian(ndarray(new Int32Array(4), [1, 2, 2])), TypeError, /sequence/],
  // smoothOneEuro
  ['mmpose oneEuro negative minCutoff', () => smoothOneEuro(seq(), { minCutoff: -0.004 }), RangeError, /options\.minCutoff/],
  ['mmpose oneEuro zero fps', () => smoothOneEuro(seq(), { fps: 0 }), RangeError, /options\.fps/],
  ['mmpose oneEuro subnormal fps', () => smoothOneEuro(seq(), { fps: 5e-324 }), RangeError, /options\.fps/],
  ['mmpose oneEuro 1e308 minCutoff', () => smoothOneEuro(seq(), { minCutoff: 1e308 }), RangeError, /options\.minCutoff/],
  ['mmpose oneEuro Infinity in sequence', () => smoothOneEuro(ndarray(new Float64Array([1, Infinity]), [1, 1, 2])), RangeError, /sequence/],
];

describe('bad input: typed errors naming the argument', () => {
  for (const [label, run, err, names] of rows) {
    it(`${label} → ${err.name} naming ${names.source}`, () => {
      let thrown: unknown;
      try {
        run();
      } catch (e) {
        thrown = e;
      }
      expect(thrown).toBeInstanceOf(err);
      expect((thrown as Error).message).toMatch(names);
    });
  }
});

describe('values the references accept and define are accepted (finite results)', () => {
  const finite = (x: number | null) => x !== null && Number.isFinite(x);
  it('casiez minCutoff 1e308 passes samples through (OneEuroFilter.py:111-113: alpha = 1)', () => {
    const f = createOneEuroFilter({ minCutoff: 1e308, frequency: 30 });
    f.filter(1, 0.1);
    expect(f.filter(5, 0.2)).toBe(5);
  });
  it('tfjs valueScale 0 / -1 and velocityScale 0 give finite values (one_euro_filter.ts:81-83, relative_velocity_filter.ts:102)', () => {
    for (const vs of [0, -1]) {
      const a = createOneEuroFilter({ type: 'tfjs', ...euro });
      const b = createRelativeVelocityFilter({ windowSize: 5, velocityScale: 1 });
      for (let t = 1; t < 5; t++) {
        expect(finite(a.apply(t, t * 33_333, vs))).toBe(true);
        expect(finite(b.apply(t, t * 33_333, vs))).toBe(true);
      }
    }
    const held = createRelativeVelocityFilter({ windowSize: 5, velocityScale: 0 });
    held.apply(1, 0);
    expect(held.apply(9, 33_333)).toBe(1);
  });
  it('minAllowedObjectScale 0 / -1 means no minimum (keypoints_one_euro_filter.ts:51-57)', () => {
    for (const m of [0, -1]) expect(createKeypointsFilter({ type: 'oneEuro', ...euro, minAllowedObjectScale: m }).apply(kp3(), 1, 10)).not.toBeNull();
  });
  it('minSimilarity -0.5 / 1.5 are accepted (not checked by tfjs validateTrackerConfig)', () => {
    for (const s of [-0.5, 1.5]) expect(createPoseTracker({ minSimilarity: s }).apply([pose()], 0)).toHaveLength(1);
  });
});
