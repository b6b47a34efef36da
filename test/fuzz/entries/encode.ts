/** Fuzz entries of the encoders (src/encode): Gaussian targets, UDP combined, Megvii, SimCC labels, SAHR, instance geometry. */
import { filled, heatmapExtremes, hm, keypointExtremes, kp, nd, pNd, pNum, pOpts, pSize, surviveVariant, vis } from '../harness/values.js';
import type { FuzzEntry } from '../harness/types.js';
import { bad, entry, extreme } from './define.js';

const KP = () => pNd('keypoints', { ranks: [3], shape: () => [1, 2, 2], extremes: [...keypointExtremes(1, 2), surviveVariant('extreme sizes', 'N = 0', () => filled([0, 2, 2], 0, Float64Array))] });
const VIS = (optional = false) => pNd('visible', { ranks: [2], shape: () => [1, 2], integer: true, optional, nullable: optional });
const SIZE = () => pSize('heatmapSize', { extremes: [surviveVariant('extreme sizes', '[1, 1]', () => [1, 1])] });
const SIGMA = (absurd: number[]) =>
  pNum('sigma', 'pos', {
    arrayOk: true,
    absurd,
    extremes: [surviveVariant('extreme sigma', 'sigma 1e-3', () => 1e-3), surviveVariant('extreme sigma', 'sigma 50 (window over the map)', () => 50), surviveVariant('extreme sigma', 'sigma per instance [2]', () => [2])],
  });
const pair = (fn: string) => [
  bad('mismatched shapes', 'visible [1, 3] for keypoints [1, 2, 2]', /visible/, () => [[8, 8], kp(1, 2), vis(1, 3), 2]),
  bad('mismatched shapes', 'visible [2, 2] for keypoints [1, 2, 2]', /visible/, () => [[8, 8], kp(1, 2), vis(2, 2), 2]),
  bad('mismatched shapes', 'sigma per instance of length 3 for N = 1', /sigma/, () => [[8, 8], kp(1, 2), vis(1, 2), [2, 2, 2]]),
  bad('absurd value', 'sigma 1e-154 (empty map, weight 1)', /sigma/, () => [[8, 8], kp(1, 2), vis(1, 2), 1e-154]),
  bad('absurd value', 'sigma per instance [1e-300]', /sigma/, () => [[8, 8], kp(1, 2), vis(1, 2), [1e-300]]),
  bad('absurd size', 'K = 2^20 keypoints on a [256, 256] map (256 GiB)', /heatmapSize|keypoints|allocation|heatmaps/, () => [[256, 256], nd(new Float64Array(2), [1, 2 ** 20, 2], [0, 0, 1]), nd(new Float32Array(1), [1, 2 ** 20], [0, 0]), 2]),
  extreme('extreme values', 'NaN keypoint', () => [[8, 8], filled([1, 2, 2], NaN, Float64Array), vis(1, 2), 2]),
  extreme('extreme values', 'visible 0.5 and 2', () => [[8, 8], kp(1, 2), nd(Float32Array.of(0.5, 2), [1, 2]), 2]),
  extreme('extreme values', 'NaN visible', () => [[8, 8], kp(1, 2), nd(Float32Array.of(NaN, 1), [1, 2]), 2]),
].map((c) => ({ ...c, name: `${fn}: ${c.name}` }));

const WINDOW = pOpts({ fields: { placement: ['mmpose', 'floor'] } });

export const ENCODE_ENTRIES: FuzzEntry[] = [
  entry('msraHeatmaps', [SIZE(), KP(), VIS(), SIGMA([1e-154, 1e-300, 5e-324, 1e308]), WINDOW], () => [[8, 8], kp(1, 2), vis(1, 2), 2], pair('msraHeatmaps')),
  entry('udpHeatmaps', [SIZE(), KP(), VIS(), SIGMA([1e-154, 1e-300, 5e-324, 1e308]), WINDOW], () => [[8, 8], kp(1, 2), vis(1, 2), 2], pair('udpHeatmaps')),
  entry('unbiasedHeatmaps', [SIZE(), KP(), VIS(), SIGMA([1e-154, 1e-300, 5e-324, 1e308])], () => [[8, 8], kp(1, 2), vis(1, 2), 2], pair('unbiasedHeatmaps')),
  entry('megviiHeatmaps', [SIZE(), KP(), VIS(), pNum('kernelSize', 'odd', { absurd: [4099, 2 ** 31 - 1] })], () => [[8, 8], kp(1, 2), vis(1, 2), 3]),
  entry('udpCombinedTargets', [SIZE(), KP(), VIS(), pNum('radiusFactor', 'pos', { optional: true, absurd: [1e308, 5e-324] })], () => [[8, 8], kp(1, 2), vis(1, 2)]),
  entry('scaleAdaptiveSigma', [
    pNd('bboxes', { ranks: [2], shape: () => [1, 4], integer: true, arrays: true }),
    pOpts({ fields: { rule: ['bbox', 'cornernet'], baseSize: 'pos', baseSigma: 'pos', intSigma: 'bool', minOverlap: 'prob' }, absurd: { baseSize: [5e-324], minOverlap: [0, 1] } }),
  ], () => [[[0, 0, 10, 20]]], [
    bad('bad shape', 'bboxes [1, 3]', /bboxes/, () => [[[0, 0, 10]]]),
    bad('bad value', 'negative width', /bboxes/, () => [[[0, 0, -10, 20]]]),
    bad('bad value', 'NaN height', /bboxes/, () => [[[0, 0, 10, NaN]]]),
    extreme('extreme values', 'box 1e300 wide (cornernet)', () => [[[0, 0, 1e300, 1e300]], { rule: 'cornernet' }]),
    extreme('extreme values', 'box 0 x 0', () => [[[0, 0, 0, 0]]]),
  ]),
  entry('cornernetRadius', [pNum('w', 'nonneg'), pNum('h', 'nonneg'), pNum('o', 'prob', { absurd: [0, 1] })], () => [10, 20, 0.7], [
    bad('absurd value', 'w = 1e308 (overflow)', /\bw\b|width|radius/, () => [1e308, 1e308, 0.7]),
  ]),
  entry('modulateTarget', [pNd('target', { ranks: [3, 4], shape: (r) => (r === 4 ? [1, 2, 8, 8] : [2, 8, 8]), extremes: [] }), pNd('scaleMap', { ranks: [3, 4], shape: (r) => (r === 4 ? [1, 2, 8, 8] : [2, 8, 8]) }), pOpts({ fields: { order: { bad: [['3', 3], ['"typo"', 'typo']] } } })], () => [hm(2, 8, 8), filled([2, 8, 8], 0.5)], [
    bad('mismatched shapes', 'scaleMap [2, 8, 9]', /scaleMap/, () => [hm(2, 8, 8), filled([2, 8, 9], 0.5)]),
    bad('bad value', 'NaN in target', /target/, () => [filled([2, 8, 8], NaN), filled([2, 8, 8], 0.5)]),
    extreme('extreme values', 'scaleMap -0.999 everywhere', () => [hm(2, 8, 8), filled([2, 8, 8], -0.999)]),
    extreme('extreme values', 'scaleMap 1e30', () => [hm(2, 8, 8), filled([2, 8, 8], 1e30)]),
  ]),
  entry('instanceRoots', [KP(), VIS(true), pOpts({ fields: { rootType: ['kpt_center', 'bbox_center'] } })], () => [kp(1, 2), vis(1, 2)]),
  entry('instanceBoxes', [KP(), VIS(true)], () => [kp(1, 2), vis(1, 2)]),
  entry('diagonalLengths', [KP(), VIS(true)], () => [kp(1, 2), vis(1, 2)]),
  entry('keypointBoxes', [KP(), VIS()], () => [kp(1, 2), vis(1, 2)]),
  entry(
    'simccLabels',
    [
      pSize('inputSize'),
      KP(),
      VIS(true),
      // options may be left out: every field has mmpose SimCCLabel's default (sigma 6.0, split 2.0; api.md's `sigma?` in the codec, JSDoc).
      pOpts({ base: () => ({ sigma: 6 }), fields: { sigma: 'pos', splitRatio: 'pos', smoothing: ['gaussian', 'standard'], labelSmoothWeight: 'prob', normalize: 'bool' }, absurd: { sigma: [1e-300, 1e308], splitRatio: [1e308, 1e-300] } }),
    ],
    () => [[16, 16], kp(1, 2), vis(1, 2), { sigma: 6 }],
    [bad('absurd size', 'inputSize [2^20, 2^20] with splitRatio 2^10', /inputSize|splitRatio|allocation|labels/, () => [[2 ** 20, 2 ** 20], kp(1, 2), vis(1, 2), { sigma: 6, splitRatio: 2 ** 10 }])],
  ),
];
