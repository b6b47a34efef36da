/** Fuzz entries of the heatmap decoders (src/decode: argmax, quarter, DARK, DARK-UDP, soft-argmax, UDP combined, flip, blur, aggregate). */
import { broadcast, filled, heatmapExtremes, hm, keypointExtremes, kp, nd, pIndices, pNd, pNum, pOpts, zeroHuge } from '../harness/values.js';
import type { FuzzEntry } from '../harness/types.js';
import { bad, entry, extreme } from './define.js';

const HM = (extremes = true) => pNd('heatmaps', { ranks: [3, 4], shape: (r) => (r === 4 ? [1, 2, 8, 8] : [2, 8, 8]), extremes: extremes ? heatmapExtremes() : [] });
const KP = pNd('keypoints', { ranks: [2, 3], shape: (r) => (r === 3 ? [1, 2, 2] : [2, 2]), extremes: keypointExtremes(1, 2) });
const kpOf = (ctx: { api: Record<string, any> }, h = hm(2, 8, 8)) => ctx.api.heatmapArgmax(h).keypoints;
const twoStep = (fn: string): FuzzEntry['cases'] => [
  extreme('two-step form', 'keypoints [K, 2] from heatmapArgmax([K, H, W])', (ctx) => [kpOf(ctx), hm(2, 8, 8)], { mustReturn: true }),
  extreme('two-step form', 'keypoints [B, K, 2] from heatmapArgmax([B, K, H, W])', (ctx) => [ctx.api.heatmapArgmax(hm(2, 8, 8, 3)).keypoints, hm(2, 8, 8, 3)], { mustReturn: true }),
  extreme('two-step form', 'keypoints [N, K, 2] with [K, H, W] (mmpose)', () => [kp(1, 2), hm(2, 8, 8)], { mustReturn: true }),
  bad('mismatched shapes', 'keypoints K = 3 with heatmaps K = 2', /keypoints|heatmaps/, () => [kp(1, 3), hm(2, 8, 8)]),
  bad('mismatched shapes', 'keypoints B = 2 with heatmaps B = 3', /keypoints|heatmaps/, () => [kp(2, 2), hm(2, 8, 8, 3)]),
  bad('mismatched shapes', 'keypoints [K, 2] K = 5 with [K, H, W] K = 2', /keypoints|heatmaps/, () => [nd(new Float64Array(10), [5, 2]), hm(2, 8, 8)]),
  bad('zero-element huge view', 'keypoints [2^50, 0, 2] with heatmaps [2^50, 0, 8, 8]', /keypoints|heatmaps/, () => [nd(new Float64Array(0), [2 ** 50, 0, 2], [0, 0, 0]), nd(new Float32Array(0), [2 ** 50, 0, 8, 8], [0, 0, 0, 0])]),
  extreme('extreme values', 'NaN keypoints', () => [filled([1, 2, 2], NaN, Float64Array), hm(2, 8, 8)], { allowNonFinite: true }),
  extreme('extreme values', 'keypoints -1 (argmax sentinel)', () => [filled([1, 2, 2], -1, Float64Array), hm(2, 8, 8)]),
  extreme('extreme values', 'keypoints on the border (7, 7)', () => [filled([1, 2, 2], 7, Float64Array), hm(2, 8, 8)]),
  extreme('extreme values', 'NaN heatmaps', (ctx) => [kpOf(ctx), filled([2, 8, 8], NaN)], { allowNonFinite: true }),
  extreme('extreme values', 'heatmaps with +Infinity', (ctx) => [kpOf(ctx), filled([2, 8, 8], Infinity)], { allowNonFinite: true }),
].map((c) => ({ ...c, name: `${fn}: ${c.name}` }));

export const DECODE_ENTRIES: FuzzEntry[] = [
  entry('heatmapArgmax', [HM()], () => [hm(2, 8, 8)], [
    extreme('extreme values', 'NaN map keeps NaN score', () => [filled([2, 8, 8], NaN)], { allowNonFinite: true }),
    extreme('extreme sizes', 'B = 0', () => [filled([0, 2, 8, 8], 0)]),
  ]),
  entry('refineQuarter', [KP, HM(false), pOpts({ fields: { rule: ['mmpose', 'hrnet'] } })], (ctx) => [kpOf(ctx), hm(2, 8, 8)], twoStep('refineQuarter')),
  entry('refineDark', [KP, HM(false), pOpts({ fields: { blurKernelSize: 'odd', guard: 'bool', maxStep: 'pos' }, absurd: { blurKernelSize: [4099, 2 ** 31 - 1] } })], (ctx) => [kpOf(ctx), hm(2, 8, 8)], twoStep('refineDark')),
  entry('refineDarkUdp', [KP, HM(false), pOpts({ fields: { blurKernelSize: 'odd' }, absurd: { blurKernelSize: [4099] } })], (ctx) => [kpOf(ctx), hm(2, 8, 8)], twoStep('refineDarkUdp')),
  entry('gaussianBlur', [HM(), pNum('kernelSize', 'odd', { optional: true, absurd: [4099, 2 ** 31 - 1] })], () => [hm(2, 8, 8), 3]),
  entry('softArgmax', [HM(), pOpts({ fields: { beta: 'pos', debias: 'bool', normalize: ['softmax', 'sum'] } })], () => [hm(2, 8, 8)], [
    extreme('absurd option', 'beta = 1e-300', () => [hm(2, 8, 8), { beta: 1e-300 }]),
    extreme('absurd option', 'beta = 1e300 on 1e30 maps', () => [filled([2, 8, 8], 1e30), { beta: 1e300 }]),
  ]),
  entry('decodeUdpCombined', [pNd('heatmaps', { ranks: [3, 4], shape: (r) => (r === 4 ? [1, 6, 8, 8] : [6, 8, 8]) }), pOpts({ fields: { blurKernelSize: 'nonnegInt', radiusFactor: 'pos' }, absurd: { radiusFactor: [1e308] } })], () => [hm(6, 8, 8)], [
    bad('bad shape', 'heatmaps K = 4 (not 3K)', /heatmaps/, () => [hm(4, 8, 8)]),
    extreme('extreme values', 'all zeros [6, 8, 8]', () => [filled([6, 8, 8], 0)]),
    extreme('extreme values', 'all 1e30 [6, 8, 8]', () => [filled([6, 8, 8], 1e30)]),
    extreme('extreme sizes', '[6, 1, 1]', () => [filled([6, 1, 1], 0.5)]),
    extreme('absurd option', 'radiusFactor = 5e-324', () => [hm(6, 8, 8), { radiusFactor: 5e-324 }]),
  ]),
  entry('decodeHeatmaps', [HM(), pOpts({ fields: { refine: ['none', 'quarter', 'dark', 'darkUdp'], rule: ['mmpose', 'hrnet'], blurKernelSize: 'odd', guard: 'bool', maxStep: 'pos' } })], () => [hm(2, 8, 8), { refine: 'dark' }]),
  entry('flipHeatmaps', [HM(), pIndices('flipIndices', 2), pOpts({ fields: { mode: ['heatmap', 'udpCombined', 'offset'], shift: 'bool' } })], () => [hm(2, 8, 8), [1, 0]], [
    bad('mismatched shapes', 'mode udpCombined with K = 2', /heatmaps|options\.mode|flipIndices/, () => [hm(2, 8, 8), [1, 0], { mode: 'udpCombined' }]),
  ]),
  entry(
    'mergeFlipTest',
    [HM(false), pNd('flippedOutput', { ranks: [3, 4], shape: (r) => (r === 4 ? [1, 2, 8, 8] : [2, 8, 8]) }), pIndices('flipIndices', 2), pOpts({ fields: { geometry: ['msra', 'udp'], mode: ['heatmap', 'udpCombined', 'offset'] } })],
    () => [hm(2, 8, 8), hm(2, 8, 8), [1, 0]],
    [bad('mismatched shapes', 'flippedOutput [2, 8, 9]', /flippedOutput|heatmaps/, () => [hm(2, 8, 8), hm(2, 8, 9), [1, 0]])],
  ),
  entry(
    'aggregateHeatmaps',
    [
      {
        name: 'heatmapsList',
        names: /heatmapsList/,
        variants: [
          ...(['typo', 42, null, undefined, {}, [], [null], ['typo'], [{}]] as unknown[]).map((v) => ({ family: 'wrong type', label: JSON.stringify(v) ?? 'undefined', value: () => v, expect: 'reject' as const })),
          { family: 'broadcast huge view', label: '[stride-0 [2^20, 2^20, 1]] (4 GiB output)', value: () => [broadcast(3)], expect: 'reject' as const },
          { family: 'zero-element huge view', label: '[[2^50, 0, 1, 1]]', value: () => [zeroHuge(4)], expect: 'reject' as const },
          { family: 'mismatched shapes', label: 'K = 2 and K = 3', value: () => [hm(2, 8, 8), hm(3, 8, 8)], expect: 'reject' as const },
        ],
      },
      pOpts({ fields: { size: 'size', alignCorners: 'bool' } }),
    ],
    () => [[hm(2, 8, 8), hm(2, 4, 4)]],
    [
      bad('absurd size', 'broadcast [1, 2^15, 2^15] maps with no size (4 GiB)', /heatmaps|size|allocation/, () => [[nd(new Float32Array(1), [1, 2 ** 16, 2 ** 14], [0, 0, 0])]]),
      bad('absurd size', 'size [2^16, 2^16] (16 GiB)', /size|allocation/, () => [[hm(2, 8, 8)], { size: [2 ** 16, 2 ** 16] }]),
      extreme('extreme values', 'one +Infinity in a same-size map', () => {
        const a = hm(2, 8, 8);
        a.data[5] = Infinity;
        return [[a, hm(2, 8, 8)]];
      }, { allowNonFinite: true, check: (r: any) => (Number.isNaN(r.data[6]) ? 'an +Inf spread NaN to a neighbour' : undefined) }),
    ],
  ),
];
