/** Fuzz entries of SimCC, bottom-up and real-network decoders (src/decode). */
import { filled, heatmapExtremes, hm, kp, nd, pIndices, pList, pNd, pNum, pOpts, surviveVariant, zeroHuge } from '../harness/values.js';
import type { FuzzEntry } from '../harness/types.js';
import { bad, entry, extreme } from './define.js';

const S = (name: string, ranks = [2, 3], W = 16) => pNd(name, { ranks, shape: (r) => (r === 3 ? [1, 2, W] : [2, W]), extremes: [surviveVariant('extreme values', 'all zeros', () => filled(ranks.includes(3) ? [1, 2, W] : [2, W], 0)), surviveVariant('extreme values', 'all 1e30', () => filled(ranks.includes(3) ? [1, 2, W] : [2, W], 1e30))] });
const sx = () => filled([1, 2, 16], 0.1);
const hwc = (H: number, W: number, C: number, v = 0.5) => filled([H, W, C], v);
const pl = () => [hwc(5, 5, 17, 0.9), hwc(5, 5, 34, 1), hwc(5, 5, 32, 1), hwc(5, 5, 32, 1)];
const cn = () => ({ center: hwc(8, 8, 1, 0.5), regress: hwc(8, 8, 34, 0.1), heatmap: hwc(8, 8, 17, 0.5), offset: hwc(8, 8, 34, 0.5) });

export const DECODE_MORE_ENTRIES: FuzzEntry[] = [
  entry('simccArgmax', [S('x'), S('y'), pOpts({ fields: { softmax: 'bool' } })], () => [sx(), sx()], [
    bad('mismatched shapes', 'y N = 2', /\bx\b|\by\b/, () => [sx(), filled([2, 2, 16], 0.1)]),
    bad('zero-element huge view', 'x, y [2^50, 0, 16]', /\bx\b|\by\b/, () => [nd(new Float32Array(0), [2 ** 50, 0, 16], [0, 0, 0]), nd(new Float32Array(0), [2 ** 50, 0, 16], [0, 0, 0])]),
  ]),
  entry('gaussianBlur1d', [S('simcc', [3]), pNum('kernelSize', 'odd', { absurd: [4099, 2 ** 31 - 1] })], () => [sx(), 3]),
  entry('refineSimccDark', [pNd('coords', { ranks: [2], shape: () => [1, 2] }), S('simcc', [3]), pNum('blurKernelSize', 'odd', { absurd: [4099] })], () => [filled([1, 2], 3, Float64Array), sx(), 3], [
    bad('mismatched shapes', 'coords [2, 2]', /coords/, () => [filled([2, 2], 3, Float64Array), sx(), 3]),
    extreme('extreme values', 'coords -1 and 1e6', () => [nd(Float64Array.of(-1, 1e6), [1, 2]), sx(), 3]),
  ]),
  entry('normalizeSimcc', [S('simcc', [3]), pOpts({ fields: { sigma: 'pos' }, absurd: { sigma: [1e-300, 1e308] } })], () => [sx()]),
  entry('flipSimcc', [S('x'), S('y'), pIndices('flipIndices', 2)], () => [sx(), sx(), [1, 0]]),
  entry('mergeSimccFlipTest', [S('x'), S('y'), S('flippedX'), S('flippedY'), pIndices('flipIndices', 2)], () => [sx(), sx(), sx(), sx(), [1, 0]], [
    bad('mismatched shapes', 'flippedX of 15 bins', /flippedX|flipped/, () => [sx(), sx(), filled([1, 2, 15], 0.1), sx(), [1, 0]]),
  ]),
  entry('decodeSimcc', [S('x'), S('y'), pOpts({ fields: { splitRatio: 'pos', sigma: 'pos', dark: 'bool', visibility: 'bool', beta: 'pos', score: ['min', 'mean'], inputSize: 'size' }, absurd: { splitRatio: [1e308, 5e-324], sigma: [1e-300, 1e308] } })], () => [sx(), sx()], [
    bad('zero-element huge view', 'x, y [2^50, 0, 16]', /\bx\b|\by\b/, () => [nd(new Float32Array(0), [2 ** 50, 0, 16], [0, 0, 0]), nd(new Float32Array(0), [2 ** 50, 0, 16], [0, 0, 0])]),
  ]),
  entry('simccDarkKernelSize', [pNum('sigma', 'pos', { absurd: [1e308, 1e-300] }), { name: 'name', names: /name/, variants: [] }], () => [6]),
  entry('heatmapNms', [pNd('heatmaps', { ranks: [3, 4], shape: (r) => (r === 4 ? [1, 2, 8, 8] : [2, 8, 8]), extremes: heatmapExtremes() }), pNum('kernelSize', 'odd', { optional: true, absurd: [4099, 2 ** 31 - 1] })], () => [hm(2, 8, 8), 3]),
  entry('topkPeaks', [pNd('heatmaps', { ranks: [3, 4], shape: (r) => (r === 4 ? [1, 2, 8, 8] : [2, 8, 8]), extremes: heatmapExtremes(4) }), pNum('k', 'posInt', { absurd: [2 ** 40] }), pOpts({ fields: { tags: { bad: [['"typo"', 'typo'], ['[1, 3, 8, 8] tags', filled([1, 3, 8, 8], 0)]] } } })], () => [hm(2, 8, 8, 1), 3], [
    bad('absurd value', 'k = 65 > H·W = 64', /\bk\b/, () => [hm(2, 8, 8, 1), 65]),
  ]),
  entry('nearbyJointsNms', [pList('instances', { extremes: [surviveVariant('extreme sizes', '[]', () => [])] }), pOpts({ fields: { distThreshold: 'nonneg', numNearbyJoints: 'nonnegInt', scorePerJoint: 'bool', maxDets: { bad: [['"typo"', 'typo'], ['NaN', NaN], ['1.5', 1.5]] } } })], () => [[{ keypoints: nd(new Float64Array(6).fill(2), [3, 2]), score: 0.9 }, { keypoints: nd(new Float64Array(6).fill(50), [3, 2]), score: 0.8 }]], [
    bad('bad element', 'instances[0].score NaN', /instances\[0\]/, () => [[{ keypoints: nd(new Float64Array(6), [3, 2]), score: NaN }]]),
    extreme('NaN isolation', 'a NaN keypoint does not suppress a distant instance', () => [[{ keypoints: nd(Float64Array.of(NaN, 2, 2, 2, 2, 2), [3, 2]), score: 0.9 }, { keypoints: nd(new Float64Array(6).fill(5000), [3, 2]), score: 0.8 }]], {
      check: (r: any) => (Array.isArray(r) && r.length === 2 ? undefined : `kept ${JSON.stringify(r)}`),
    }),
  ]),
  entry('decodePersonLab', [
    pNd('heatmaps', { ranks: [3], shape: () => [5, 5, 17] }),
    pNd('offsets', { ranks: [3], shape: () => [5, 5, 34] }),
    pNd('displacementFwd', { ranks: [3], shape: () => [5, 5, 32] }),
    pNd('displacementBwd', { ranks: [3], shape: () => [5, 5, 32] }),
    pOpts({ fields: { outputStride: 'posInt', scoreActivation: ['none', 'sigmoid'], maxDetections: 'cap', scoreThreshold: 'finite', nmsRadius: 'nonneg' } }),
  ], () => pl(), [
    bad('mismatched shapes', 'offsets [5, 5, 33]', /offsets/, () => [hwc(5, 5, 17), hwc(5, 5, 33), hwc(5, 5, 32), hwc(5, 5, 32)]),
    bad('mismatched shapes', 'offsets [6, 5, 34]', /offsets/, () => [hwc(5, 5, 17), hwc(6, 5, 34), hwc(5, 5, 32), hwc(5, 5, 32)]),
    bad('zero-element huge view', 'heatmaps [2^50, 0, 17]', /heatmaps/, () => [nd(new Float32Array(0), [2 ** 50, 0, 17], [0, 0, 0]), hwc(5, 5, 34), hwc(5, 5, 32), hwc(5, 5, 32)]),
    extreme('extreme values', 'offsets 1e30', () => [hwc(5, 5, 17, 0.9), hwc(5, 5, 34, 1e30), hwc(5, 5, 32, 1e30), hwc(5, 5, 32, 1e30)], { allowNonFinite: true }),
    extreme('extreme values', 'NaN scores', () => [hwc(5, 5, 17, NaN), hwc(5, 5, 34, 1), hwc(5, 5, 32, 1), hwc(5, 5, 32, 1)]),
  ]),
  entry('decodePersonLabSingle', [pNd('heatmaps', { ranks: [3], shape: () => [5, 5, 17] }), pNd('offsets', { ranks: [3], shape: () => [5, 5, 34] }), pOpts({ fields: { outputStride: 'posInt', scoreActivation: ['none', 'sigmoid'] }, absurd: { outputStride: [2 ** 40] } })], () => pl().slice(0, 2)),
  entry('decodeCenterNet', [
    {
      name: 'heads',
      names: /heads|center|regress|heatmap|offset/,
      variants: ([['"typo"', 'typo'], ['null', null], ['{}', {}], ['center missing', { ...cn(), center: undefined }], ['heatmap [8, 8, 16]', { ...cn(), heatmap: hwc(8, 8, 16) }], ['offset [9, 8, 34]', { ...cn(), offset: hwc(9, 8, 34) }], ['center [2^50, 0, 1]', { ...cn(), center: nd(new Float32Array(0), [2 ** 50, 0, 1], [0, 0, 0]) }], ['center broadcast [2^20, 2^20, 1]', { ...cn(), center: nd(new Float32Array(1), [2 ** 20, 2 ** 20, 1], [0, 0, 0]) }]] as [string, unknown][]).map(([l, v]) => ({ family: 'bad heads', label: l, value: () => v, expect: 'reject' as const })),
    },
    pOpts({ fields: { maxPersons: 'cap', outputStride: 'posInt', minCropKeypointScore: 'finite', centerNmsKernel: 'odd', keypointSigmaScale: 'pos', keypointScoreThreshold: 'finite', distanceBias: 'finite' }, absurd: { outputStride: [2 ** 40] } }),
  ], () => [cn()]),
  entry('refineFromHeatmap', [pNd('landmarks', { ranks: [2], shape: () => [3, 2], names: /landmark/ }), pNd('heatmap', { ranks: [3], shape: () => [8, 8, 3] }), pOpts({ fields: { kernelSize: 'posInt', minConfidence: 'finite', minConfidenceToRefine: 'finite', fixBoundsCheck: 'bool' }, absurd: { kernelSize: [2 ** 31 - 1, 2 ** 40] } })], () => [filled([3, 2], 0.5, Float64Array), hwc(8, 8, 3, 0.7)], [
    bad('mismatched shapes', 'heatmap with L = 4 channels for 3 landmarks', /heatmap|landmarks/, () => [filled([3, 2], 0.5, Float64Array), hwc(8, 8, 4)]),
    extreme('extreme values', 'landmarks far outside (1e6)', () => [filled([3, 2], 1e6, Float64Array), hwc(8, 8, 3, 0.7)]),
  ]),
  entry('movenetCenterWeight', [pNum('H', 'posInt', { absurd: [2 ** 20] }), pNum('W', 'posInt', { absurd: [2 ** 20] })], () => [8, 8], [
    bad('absurd size', '2^16 x 2^16 (16 GiB)', /\bH\b|\bW\b|centerWeight|allocation/, () => [2 ** 16, 2 ** 16]),
  ]),
  entry('roundFloat16', [pNum('x', 'any')], () => [0.1], [extreme('extreme values', '1e300 → Infinity (float16 overflow)', () => [1e300], { allowNonFinite: true })]),
];
