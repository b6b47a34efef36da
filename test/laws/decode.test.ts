/**
 * Laws of posecodec's decoders, stated with the posecodec/testing kit:
 * scale invariance, translation and flip equivariance, batch ≡ per item,
 * NCHW ≡ NHWC views, no input mutation, and typed errors only on bad arguments.
 */
import { describe, it } from 'vitest';
import fc from 'fast-check';
import ndarray from 'ndarray';
import type { NdArray } from 'ndarray';
import { laws, arbitraries, referenceDecoder } from '../../src/testing/index.js';
import {
  heatmapArgmax,
  decodeHeatmaps,
  refineQuarter,
  refineDark,
  refineDarkUdp,
  gaussianBlur,
  softArgmax,
  decodeUdpCombined,
  flipHeatmaps,
  mergeFlipTest,
  aggregateHeatmaps,
  getWarpMatrix,
  transformKeypoints,
  heatmapToInputScale,
} from '../../src/decode/index.js';
import { createCodec } from '../../src/codecs/index.js';
import { holds, fails } from './helpers.js';

const argmax = referenceDecoder('argmax');
const quarter = referenceDecoder('quarter');
const dark = referenceDecoder('dark');
const darkUdp = referenceDecoder('dark-udp');
const soft = referenceDecoder('soft-argmax', { beta: 20 });
const pipelines: [string, (h: NdArray) => ReturnType<typeof argmax>][] = [
  ['argmax', argmax],
  ['argmax + quarter', quarter],
  ['argmax + DARK (k = 11)', dark],
  ['argmax + DARK-UDP (k = 11)', darkUdp],
  ['soft-argmax (β = 20)', soft],
];

/** The fused one-pass decoder obeys the same laws as the two-step pipelines. */
const fused: [string, (h: NdArray) => ReturnType<typeof argmax>][] = [
  ['decodeHeatmaps quarter', (h) => decodeHeatmaps(h, { refine: 'quarter' })],
  ['decodeHeatmaps DARK', (h) => decodeHeatmaps(h, { refine: 'dark' })],
  ['decodeHeatmaps DARK-UDP', (h) => decodeHeatmaps(h, { refine: 'darkUdp' })],
];

describe('decodeHeatmaps (fused) obeys the pipeline laws', () => {
  for (const [name, dec] of fused) {
    it(`${name}: translation equivariance, batch ≡ per item, NCHW ≡ NHWC, no mutation`, () => {
      holds(laws.translationEquivariant(dec), { numRuns: 30 });
      holds(laws.batchConsistent(dec), { numRuns: 30 });
      holds(laws.layoutInvariant(dec), { numRuns: 30 });
      holds(laws.noMutation(dec), { numRuns: 30 });
    });
  }
  // To 1e-4 px, not 1e-9: where float32 noise moves the step, DARK follows mmpose's float32 logs, which round differently after scaling.
  it('decodeHeatmaps DARK: invariant to scaling the maps by c > 0 (to 1e-4 px)', () => holds(laws.scaleInvariant(fused[1][1], { scores: true, tolerance: 1e-4 })));
  it('decodeHeatmaps DARK: flip-equivariant in both geometries', () => {
    holds(laws.flipEquivariant(fused[1][1], { geometry: 'udp' }), { numRuns: 30 });
    holds(laws.flipEquivariant(fused[1][1], { geometry: 'msra' }), { numRuns: 30 });
  });
});

describe('invariance to scaling heatmap values by c > 0', () => {
  it('argmax: same keypoints, scores times c (c = 2^e, every kind incl. plateaus and zero maps)', () => holds(laws.scaleInvariant(argmax, { scores: true, tolerance: 0 })));
  it('DARK: same keypoints (to 1e-4 px: mmpose float32 logs) on maps positive around the peak', () => holds(laws.scaleInvariant(dark, { scores: true, tolerance: 1e-4 })));
  it('DARK: also for arbitrary real c ∈ [1e-2, 1e2] on clean maps (1e-6 relative)', () =>
    holds(laws.scaleInvariant(dark, { factors: [1e-2, 1e2], tolerance: 1e-6, heatmaps: { kinds: ['clean', 'expected'], dtype: 'float64' } })));
});

describe('translation equivariance (integer shifts of the content, peaks ≥ 8 px from the edges)', () => {
  for (const [name, dec] of pipelines.slice(0, 4)) it(`${name}: decode(shift(h)) = decode(h) + shift`, () => holds(laws.translationEquivariant(dec)));
});

// Flip laws hold to 1e-4 px (relative): the mirrored float32 map is blurred and summed in the other order.
describe('horizontal-flip equivariance per geometry (flipHeatmaps with channel swap)', () => {
  it('UDP geometry, no shift: argmax, quarter and DARK are exact under x ↦ W−1−x', () => {
    for (const [, dec] of pipelines.slice(0, 3)) holds(laws.flipEquivariant(dec, { geometry: 'udp' }));
  });
  it('DARK-UDP is flip-equivariant on clean Gaussians (log exactly quadratic)', () =>
    holds(laws.flipEquivariant(darkUdp, { geometry: 'udp', heatmaps: { kinds: ['clean'] } })));
  it("…but not on noisy maps: mmpose's DARK-UDP cross derivative uses only the (x+1, y+1)/(x−1, y−1) diagonal (refinement.py), which a mirror turns into the other diagonal — the kit finds it", () =>
    fails(laws.flipEquivariant(darkUdp, { geometry: 'udp', heatmaps: { kinds: ['noisy'] } })));
  it('MSRA geometry, one-column shift: argmax, quarter and DARK are exact under x ↦ W−x (input x ↦ w−x, codecs.md §4.2)', () => {
    for (const [, dec] of pipelines.slice(0, 3)) holds(laws.flipEquivariant(dec, { geometry: 'msra' }));
  });
  it('COCO flip indices (K = 17) with DARK in both geometries', () => {
    const coco = [0, 2, 1, 4, 3, 6, 5, 8, 7, 10, 9, 12, 11, 14, 13, 16, 15];
    holds(laws.flipEquivariant(dark, { geometry: 'udp', flipIndices: coco, heatmaps: { sizes: { W: [20, 22], H: [20, 22] } } }), { numRuns: 20 });
    holds(laws.flipEquivariant(dark, { geometry: 'msra', flipIndices: coco, heatmaps: { sizes: { W: [20, 22], H: [20, 22] } } }), { numRuns: 20 });
  });
});

describe('batch ≡ per item and NCHW ≡ NHWC through strides', () => {
  for (const [name, dec] of pipelines) {
    it(`${name}: decode([B,K,H,W]) ≡ per-item decode, bit for bit`, () => holds(laws.batchConsistent(dec)));
    it(`${name}: NHWC .transpose view ≡ NCHW, bit for bit`, () => holds(laws.layoutInvariant(dec)));
  }
  it('gaussianBlur and flipHeatmaps: NHWC ≡ NCHW and batch ≡ per item (maps compared as keypoint pairs)', () => {
    const asOut = (m: NdArray) => ({ keypoints: ndarray(m.data, [m.data.length / 2, 2]) });
    holds(laws.layoutInvariant((h) => asOut(gaussianBlur(h, 5))));
    holds(laws.batchConsistent((h) => asOut(gaussianBlur(h, 5))));
    holds(laws.layoutInvariant((h) => asOut(flipHeatmaps(h, Array.from({ length: h.shape[h.shape.length - 3] }, (_, i) => i), { shift: true }))));
  });
});

/** `[1, K, 2]` argmax keypoints for `[K, H, W]`, `[B, K, 2]` for `[B, K, H, W]`. */
function kpFor(h: NdArray): NdArray {
  const kp = heatmapArgmax(h).keypoints;
  return h.shape.length === 3 ? ndarray(kp.data, [1, h.shape[0], 2]) : kp;
}
const refineInputs = arbitraries.heatmapSamples({ B: [0, 2] }).map((s) => [kpFor(s.heatmaps), s.heatmaps] as unknown[]);

describe('inputs are never mutated', () => {
  it('every decoder pipeline, gaussianBlur, softArgmax, flipHeatmaps', () => {
    for (const [, dec] of pipelines) holds(laws.noMutation(dec));
    holds(laws.noMutation((h: NdArray) => gaussianBlur(h, 11)));
    holds(laws.noMutation((h: NdArray) => softArgmax(h, { debias: true })));
    holds(laws.noMutation((h: NdArray) => flipHeatmaps(h, Array.from({ length: h.shape[h.shape.length - 3] }, (_, i) => i), { shift: true })));
  });
  it('refineQuarter, refineDark (plain and guard), refineDarkUdp: neither keypoints nor heatmaps nor options', () => {
    holds(laws.noMutation((kp: NdArray, h: NdArray) => refineQuarter(kp, h, { rule: 'hrnet' }), { inputs: refineInputs }));
    holds(laws.noMutation((kp: NdArray, h: NdArray) => refineDark(kp, h, { guard: true }), { inputs: refineInputs }));
    holds(laws.noMutation((kp: NdArray, h: NdArray) => refineDark(kp, h), { inputs: refineInputs }));
    holds(laws.noMutation((kp: NdArray, h: NdArray) => refineDarkUdp(kp, h, { blurKernelSize: 3 }), { inputs: refineInputs }));
  });
  it('decodeUdpCombined on 3K-channel maps', () => {
    holds(laws.noMutation((h: NdArray) => decodeUdpCombined(h), { inputs: arbitraries.heatmaps({ K: [3, 3], B: [0, 2] }).map((h) => [h]) }));
  });
});

describe('bad arguments only ever raise TypeError or RangeError (fast-check campaign)', () => {
  const hm = arbitraries.heatmaps({ K: [1, 3], B: [0, 2] });
  const kp = arbitraries.keypoints({ heatmapSize: [8, 8], N: 1, K: [1, 3] });
  const opts = fc.constantFrom<unknown>(undefined, {}, { blurKernelSize: 3 }, { rule: 'hrnet' }, { beta: 2 });
  const flipIdx = fc.array(fc.integer({ min: -1, max: 4 }), { maxLength: 4 });
  const campaign: [string, (...a: never[]) => unknown, fc.Arbitrary<unknown>[]][] = [
    ['heatmapArgmax', heatmapArgmax as never, [hm]],
    ['decodeHeatmaps', decodeHeatmaps as never, [hm, fc.constantFrom<unknown>(undefined, { refine: 'dark' }, { refine: 'darkUdp', blurKernelSize: 3 }, { refine: 'quarter', rule: 'hrnet' })]],
    ['refineQuarter', refineQuarter as never, [kp, hm, opts]],
    ['refineDark', refineDark as never, [kp, hm, opts]],
    ['refineDarkUdp', refineDarkUdp as never, [kp, hm, opts]],
    ['gaussianBlur', gaussianBlur as never, [hm, fc.constantFrom(1, 3, 11)]],
    ['softArgmax', softArgmax as never, [hm, opts]],
    ['decodeUdpCombined', decodeUdpCombined as never, [hm, opts]],
    ['flipHeatmaps', flipHeatmaps as never, [hm, flipIdx, fc.constantFrom<unknown>(undefined, { shift: true }, { mode: 'udpCombined' })]],
    ['mergeFlipTest', mergeFlipTest as never, [hm, hm, flipIdx, fc.constantFrom<unknown>(undefined, { geometry: 'msra' }, { geometry: 'udp' })]],
    ['aggregateHeatmaps', ((list: unknown, o: unknown) => aggregateHeatmaps(list as NdArray[], o as never)) as never, [fc.oneof(fc.array(hm, { minLength: 1, maxLength: 2 }), hm), fc.constantFrom<unknown>(undefined, { size: [8, 8] })]],
    ['getWarpMatrix', getWarpMatrix as never, [fc.constant([10, 12]), fc.constant([40, 50]), fc.constantFrom(0, 30), fc.constant([48, 64]), fc.constantFrom<unknown>(undefined, { udp: true }, { inverse: true })]],
    ['transformKeypoints', transformKeypoints as never, [kp, fc.constant([[1, 0, 2], [0, 1, 3]])]],
    ['heatmapToInputScale', heatmapToInputScale as never, [fc.constantFrom('msra', 'udp'), fc.constant([192, 256]), fc.constant([48, 64])]],
    ['createCodec', createCodec as never, [fc.constantFrom<unknown>({ type: 'msra', inputSize: [32, 32], heatmapSize: [8, 8] }, { type: 'udp', inputSize: [32, 32], heatmapSize: [8, 8] })]],
    [
      'codec.decode',
      ((h: NdArray) => createCodec({ type: 'udp', inputSize: [32, 32], heatmapSize: [8, 8] }).decode(h)) as never,
      [hm],
    ],
  ];
  for (const [name, fn, valid] of campaign) it(name, () => holds(laws.throwsOnlyTypedErrors(fn, arbitraries.badArguments(valid))));
});
