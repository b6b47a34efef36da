/**
 * Bad arguments of the test kit are rejected when a law / arbitrary is CREATED
 * (src/testing/check-args.ts): each row asserts the error class and that the
 * message names the argument. Plus the checks' own contract.
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import ndarray from 'ndarray';
import { arbitraries, laws, checkLaw, assertLaw, referenceDecoder, simccSamples, simccRoundTrip, simccFlipEquivariant, simccScaleInvariant, simccBatchConsistent, simccLayoutInvariant, simccNoMutation } from '../../src/testing/index.js';
import { checkIntRange, checkRunParameters, checkSizeSpec } from '../../src/testing/check-args.js';

const dec = (h: unknown) => h as never;
const enc = () => ndarray(new Float32Array(1), [1, 1, 1]);
const oks = () => 1;
const prop = laws.oksRange(() => 1);
const hm = ndarray(new Float32Array(2 * 4 * 4), [2, 4, 4]);
const any = (f: (...a: any[]) => unknown) => f as (...a: unknown[]) => unknown;

type Row = [string, () => unknown, typeof TypeError | typeof RangeError, RegExp];
const rows: Row[] = [
  ['roundTrip encode not a function', () => any(laws.roundTrip)('typo', dec), TypeError, /encode/],
  ['roundTrip options.tolerance -1', () => laws.roundTrip(enc, dec, { tolerance: -1 }), RangeError, /options\.tolerance/],
  ['roundTrip options.sizes { min: -1 }', () => laws.roundTrip(enc, dec, { sizes: { min: -1 } as never }), RangeError, /options\.sizes/],
  ['roundTrip options.sizes.W 1e308', () => laws.roundTrip(enc, dec, { sizes: { W: 1e308 } }), RangeError, /options\.sizes\.W/],
  ['roundTrip options.K [3, 1]', () => laws.roundTrip(enc, dec, { K: [3, 1] }), RangeError, /options\.K/],
  ['codecRoundTrip codec null', () => any(laws.codecRoundTrip)(null), TypeError, /codec/],
  ['codecRoundTrip codec.encode 1', () => any(laws.codecRoundTrip)({ encode: 1, decode: 1 }), TypeError, /codec\.encode/],
  ['scaleInvariant decode {}', () => any(laws.scaleInvariant)({}), TypeError, /decode/],
  ['scaleInvariant options.factors [2, 1]', () => laws.scaleInvariant(dec, { factors: [2, 1] }), RangeError, /options\.factors/],
  ['scaleHeatmaps h "typo"', () => any(laws.scaleHeatmaps)('typo', 2), TypeError, /\bh\b/],
  ['scaleHeatmaps c NaN', () => laws.scaleHeatmaps(hm, NaN), RangeError, /\bc\b/],
  ['translationEquivariant options.maxShift 1.5', () => laws.translationEquivariant(dec, { maxShift: 1.5 }), RangeError, /options\.maxShift/],
  ['flipEquivariant options undefined', () => any(laws.flipEquivariant)(dec), TypeError, /options/],
  ['flipEquivariant options.geometry "typo"', () => laws.flipEquivariant(dec, { geometry: 'typo' as never }), RangeError, /options\.geometry/],
  ['flipEquivariant options.flipIndices [NaN]', () => laws.flipEquivariant(dec, { geometry: 'msra', flipIndices: [NaN] }), RangeError, /options\.flipIndices/],
  ['batchConsistent options.heatmaps.kinds ["typo"]', () => laws.batchConsistent(dec, { heatmaps: { kinds: ['typo' as never] } }), RangeError, /options\.heatmaps\.kinds/],
  ['layoutInvariant options "typo"', () => any(laws.layoutInvariant)(dec, 'typo'), TypeError, /options/],
  ['noMutation options.inputs 42', () => laws.noMutation(dec, { inputs: 42 as never }), TypeError, /options\.inputs/],
  ['matchesReference reference "typo"', () => laws.matchesReference(dec, 'typo' as never), RangeError, /reference/],
  ['matchesReference reference 42', () => laws.matchesReference(dec, 42 as never), TypeError, /reference/],
  ['throwsOnlyTypedErrors args "typo"', () => laws.throwsOnlyTypedErrors(dec, 'typo' as never), TypeError, /args/],
  ['oksRange options.K 0', () => laws.oksRange(oks, { K: 0 }), RangeError, /options\.K/],
  ['oksMonotone options.K 1e308', () => laws.oksMonotone(oks, { K: 1e308 }), RangeError, /options\.K/],
  ['cocoPerfectAp options.images 2^53', () => laws.cocoPerfectAp(() => [], { images: 2 ** 53 }), RangeError, /options\.images/],
  ['heatmaps options.kinds "clean" (not a list)', () => arbitraries.heatmaps({ kinds: 'clean' as never }), TypeError, /options\.kinds/],
  ['heatmaps options.K × sizes over 1 GiB', () => arbitraries.heatmaps({ K: 256, B: 64, sizes: { W: 4096, H: 4096 } }), RangeError, /options/],
  ['heatmapSamples options.layout "typo"', () => arbitraries.heatmapSamples({ layout: 'typo' as never }), RangeError, /options\.layout/],
  ['heatmapSize sizes { max: 1e308 }', () => arbitraries.heatmapSize({ max: 1e308 } as never), RangeError, /sizes/],
  ['geometrySize options.strides [1.5]', () => arbitraries.geometrySize({ strides: [1.5] }), RangeError, /options\.strides/],
  ['keypoints options.heatmapSize [0, 0]', () => arbitraries.keypoints({ heatmapSize: [0, 0] }), RangeError, /options\.heatmapSize/],
  ['keypoints options.band "typo"', () => arbitraries.keypoints({ heatmapSize: [8, 8], band: 'typo' as never }), RangeError, /options\.band/],
  ['visibility options.N 2^40', () => arbitraries.visibility({ N: 2 ** 40, K: 2 }), RangeError, /options\.N/],
  ['coordinate size 1e308', () => arbitraries.coordinate(1e308), RangeError, /size/],
  ['coordinate band "typo"', () => arbitraries.coordinate(8, 'typo' as never), RangeError, /band/],
  ['oksCase options.sigmas [NaN]', () => arbitraries.oksCase({ K: 1, sigmas: [NaN] }), RangeError, /options\.sigmas/],
  ['cocoGroundTruth options.images 0', () => arbitraries.cocoGroundTruth({ images: 0 }), RangeError, /options\.images/],
  ['cocoPerfectCase options.K 1.5', () => arbitraries.cocoPerfectCase({ K: 1.5 }), RangeError, /options\.K/],
  ['cocoPerfectResults gt {}', () => arbitraries.cocoPerfectResults({} as never), TypeError, /\bgt\b/],
  ['badValue options.hugeViews "yes"', () => arbitraries.badValue({ hugeViews: 'yes' as never }), TypeError, /options\.hugeViews/],
  ['badArguments valid [42]', () => arbitraries.badArguments([42 as never]), TypeError, /valid/],
  ['renderHeatmaps shape H -1', () => arbitraries.renderHeatmaps([], { B: 1, K: 1, H: -1, W: 8, layout: 'NCHW', dtype: 'float32' }), RangeError, /shape\.H/],
  ['renderHeatmaps shape 2^20 × 2^20', () => arbitraries.renderHeatmaps([], { B: 1, K: 1, H: 2 ** 20, W: 2 ** 20, layout: 'NCHW', dtype: 'float32' }), RangeError, /shape/],
  ['toLayout heatmaps null', () => arbitraries.toLayout(null as never, 'NHWC'), TypeError, /heatmaps/],
  ['toLayout layout "typo"', () => arbitraries.toLayout(hm, 'typo' as never), RangeError, /layout/],
  ['channelValue s null', () => arbitraries.channelValue(null as never, 1, 1), TypeError, /\bs\b/],
  ['channelValue u NaN', () => arbitraries.channelValue({ kind: 'clean', cx: 2, cy: 2, sigma: 1, amp: 1 } as never, NaN, 1), RangeError, /\bu\b/],
  ['checkLaw property "typo"', () => checkLaw('typo' as never), TypeError, /property/],
  ['checkLaw params.numRuns Infinity', () => checkLaw(prop, { numRuns: Infinity }), TypeError, /numRuns/],
  ['checkLaw params.numRuns 1.5', () => checkLaw(prop, { numRuns: 1.5 }), TypeError, /numRuns/],
  ['checkLaw params.numRuns 2^53', () => checkLaw(prop, { numRuns: 2 ** 53 }), RangeError, /numRuns/],
  ['checkLaw params.seed 0.5', () => checkLaw(prop, { seed: 0.5 }), RangeError, /seed/],
  ['assertLaw params.numRuns 1e308', () => assertLaw(prop, { numRuns: 1e308 }), RangeError, /numRuns/],
  ['referenceDecoder name "typo"', () => referenceDecoder('typo' as never), RangeError, /reference|name/],
  ['referenceDecoder options.blurKernelSize 4', () => referenceDecoder('dark', { blurKernelSize: 4 }), RangeError, /options\.blurKernelSize/],
  ['simccSamples options.K [3]', () => simccSamples({ K: [3] as never }), TypeError, /options\.K/],
  ['simccSamples options.splitRatio 0', () => simccSamples({ splitRatio: 0 }), RangeError, /options\.splitRatio/],
  ['simccRoundTrip options undefined', () => any(simccRoundTrip)(enc, dec), TypeError, /options/],
  ['simccRoundTrip options.tolerance -1', () => simccRoundTrip(enc as never, dec, { tolerance: -1 }), RangeError, /options\.tolerance/],
  ['simccFlipEquivariant decode null', () => any(simccFlipEquivariant)(null), TypeError, /decode/],
  ['simccScaleInvariant options.factors [0]', () => simccScaleInvariant(dec, { factors: [0] }), RangeError, /options\.factors/],
  ['simccScaleInvariant options.tolerance NaN', () => simccScaleInvariant(dec, { tolerance: NaN }), RangeError, /options\.tolerance/],
  ['simccBatchConsistent options.N [0, 1e9]', () => simccBatchConsistent(dec, { N: [0, 1e9] }), RangeError, /options\.N/],
  ['simccLayoutInvariant options.inputSize [0, 0]', () => simccLayoutInvariant(dec, { inputSize: [0, 0] }), RangeError, /options\.inputSize/],
  ['simccNoMutation options.margin -1', () => simccNoMutation(dec, { margin: -1 }), RangeError, /options\.margin/],
];

describe('kit factories reject bad arguments at creation (error class + message naming the argument)', () => {
  it.each(rows)('%s', (_label, call, cls, names) => {
    let err: unknown;
    try {
      call();
    } catch (e) {
      err = e;
    }
    expect(err, 'threw').toBeInstanceOf(cls);
    expect((err as Error).message).toMatch(names);
  });
});

describe('check-args', () => {
  it('checkIntRange: a number is [n, n]; a pair keeps its order; min > max is a RangeError', () => {
    expect(checkIntRange('r', 3, 1, 1, 9)).toEqual([3, 3]);
    expect(checkIntRange('r', [2, 5], 1, 1, 9)).toEqual([2, 5]);
    expect(checkIntRange('r', undefined, [1, 4], 1, 9)).toEqual([1, 4]);
    expect(() => checkIntRange('r', [5, 2], 1, 1, 9)).toThrow(RangeError);
  });
  it('checkSizeSpec: only W and H keys; lists of [W, H]; the largest area is reported', () => {
    expect(checkSizeSpec('s', [[4, 5], [2, 9]], { W: 8, H: 8 }).maxArea).toBe(20);
    expect(checkSizeSpec('s', { W: [2, 3] }, { W: 8, H: [8, 10] }).maxArea).toBe(30);
    expect(() => checkSizeSpec('s', [], { W: 8, H: 8 })).toThrow(/s must list/);
  });
  it('checkRunParameters: the snapshot drops prototype keys and keeps other fast-check parameters', () => {
    const p = checkRunParameters('params', { numRuns: 5, seed: 3, verbose: 1, ...JSON.parse('{"__proto__": {"x": 1}}') });
    expect(p).toEqual({ numRuns: 5, seed: 3, verbose: 1 });
  });
  it('visibility: minVisible holds by construction, even for K = 500', () => {
    fc.assert(fc.property(arbitraries.visibility({ N: 2, K: 500, minVisible: 499 }), (v) => {
      for (let n = 0; n < 2; n++) {
        let c = 0;
        for (let k = 0; k < 500; k++) c += v.get(n, k) > 0 ? 1 : 0;
        if (c < 499) return false;
      }
      return true;
    }), { numRuns: 5 });
  });
  it('valid factories still return laws and arbitraries that run', () => {
    expect(checkLaw(laws.oksRange(() => 1), { numRuns: 3 }).passed).toBe(true);
    fc.assert(fc.property(arbitraries.heatmaps({ kinds: ['clean'], K: 1, sizes: [[4, 4]] }), (h) => h.shape[0] === 1), { numRuns: 3 });
    expect(arbitraries.renderHeatmaps([], { B: 1, K: 0, H: 8, W: 8 } as never).shape).toEqual([1, 0, 8, 8]);
  });
});
