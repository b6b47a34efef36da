import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import ndarray from 'ndarray';
import type { NdArray } from 'ndarray';
import { arbitraries } from '../../src/testing/index.js';
import { decodeHeatmaps, heatmapArgmax, refineQuarter, refineDark, refineDarkUdp } from '../../src/decode/index.js';
import type { DecodeHeatmapsOptions } from '../../src/decode/index.js';

/** The unfused pipeline the fused decoder must equal value for value. */
function sequential(h: NdArray, o: DecodeHeatmapsOptions) {
  const am = heatmapArgmax(h);
  const kp = am.keypoints;
  const K = am.scores.shape[am.scores.shape.length - 1];
  // refine* take [N, K, 2]; an unbatched argmax is [K, 2].
  const kp3 = kp.shape.length === 2 ? ndarray(kp.data, [1, K, 2]) : kp;
  let out: NdArray<Float64Array>;
  switch (o.refine) {
    case 'none':
      out = kp3;
      break;
    case 'quarter':
      out = refineQuarter(kp3, h, { rule: o.rule });
      break;
    case 'darkUdp':
      out = refineDarkUdp(kp3, h, { blurKernelSize: o.blurKernelSize });
      break;
    default:
      out = refineDark(kp3, h, { blurKernelSize: o.blurKernelSize, guard: o.guard });
  }
  return { keypoints: Array.from(out.data), scores: Array.from(am.scores.data) };
}

const methods: fc.Arbitrary<DecodeHeatmapsOptions> = fc.oneof(
  fc.constant({ refine: 'none' as const }),
  fc.constantFrom('mmpose' as const, 'hrnet' as const).map((rule) => ({ refine: 'quarter' as const, rule })),
  fc.record({ refine: fc.constant('dark' as const), blurKernelSize: fc.constantFrom(3, 5, 11), guard: fc.boolean() }),
  fc.record({ refine: fc.constant('darkUdp' as const), blurKernelSize: fc.constantFrom(3, 11) }),
);

function expectSame(h: NdArray, o: DecodeHeatmapsOptions) {
  const fused = decodeHeatmaps(h, o);
  const seq = sequential(h, o);
  // Object.is: NaN equals NaN, and −0 is told from +0.
  expect(Array.from(fused.keypoints.data).every((v, i) => Object.is(v, seq.keypoints[i]))).toBe(true);
  expect(Array.from(fused.scores.data).every((v, i) => Object.is(v, seq.scores[i]))).toBe(true);
  expect(fused.keypoints.shape).toEqual([...h.shape.slice(0, -2), 2]);
}

describe('decodeHeatmaps (fused argmax + refinement)', () => {
  it('equals heatmapArgmax followed by the refinement, on every kind of map, layout and batch', () => {
    fc.assert(
      fc.property(arbitraries.heatmaps({ K: [1, 3], B: [0, 3] }), methods, (h, o) => expectSame(h, o)),
      { numRuns: 300 },
    );
  });

  it('equals the sequential pipeline on all-zero, negative, NaN, tie and border-peak maps', () => {
    const H = 9;
    const W = 7;
    const maps: number[][] = [];
    maps.push(new Array(H * W).fill(0));
    maps.push(new Array(H * W).fill(-0.5));
    maps.push(Array.from({ length: H * W }, (_, i) => (i === 20 ? NaN : Math.exp(-(((i % W) - 3) ** 2) - (Math.floor(i / W) - 4) ** 2))));
    maps.push(Array.from({ length: H * W }, (_, i) => (i === 10 || i === 40 ? 1 : 0.1)));
    maps.push(Array.from({ length: H * W }, (_, i) => Math.exp(-((i % W) ** 2) - (Math.floor(i / W) - 8) ** 2)));
    maps.push(Array.from({ length: H * W }, (_, i) => 60 * Math.exp(-(((i % W) - 3.3) ** 2 + (Math.floor(i / W) - 4.6) ** 2) / 4)));
    const data = new Float32Array(maps.flat());
    const h = ndarray(data, [maps.length, H, W]);
    for (const o of [{ refine: 'none' }, { refine: 'quarter' }, { refine: 'quarter', rule: 'hrnet' }, { refine: 'dark' }, { refine: 'dark', guard: true }, { refine: 'darkUdp' }, { refine: 'darkUdp', blurKernelSize: 3 }] as DecodeHeatmapsOptions[]) {
      expectSame(h, o);
    }
  });

  it('defaults to DARK with k = 11', () => {
    const h = ndarray(new Float32Array(Array.from({ length: 16 * 12 }, (_, i) => Math.exp(-(((i % 12) - 5.3) ** 2 + (Math.floor(i / 12) - 7.8) ** 2) / 8))), [1, 16, 12]);
    expect(Array.from(decodeHeatmaps(h).keypoints.data)).toEqual(sequential(h, { refine: 'dark' }).keypoints);
    expect(decodeHeatmaps(h).keypoints.data[0]).toBeCloseTo(5.3, 2);
  });

  it('does not mutate its input', () => {
    fc.assert(
      fc.property(arbitraries.heatmaps({ B: [0, 2] }), methods, (h, o) => {
        const before = Array.from(h.data as Float32Array);
        decodeHeatmaps(h, o);
        expect(Array.from(h.data as Float32Array)).toEqual(before);
      }),
      { numRuns: 50 },
    );
  });

  it('rejects bad options and inputs with typed errors naming the argument', () => {
    const h = ndarray(new Float32Array(2 * 8 * 8), [2, 8, 8]);
    expect(() => decodeHeatmaps(h, { refine: 'argmax' as never })).toThrow(/options\.refine/);
    expect(() => decodeHeatmaps(h, { refine: 'dark', blurKernelSize: 4 })).toThrow(RangeError);
    expect(() => decodeHeatmaps(h, { refine: 'darkUdp', blurKernelSize: 0 })).toThrow(/blurKernelSize/);
    expect(() => decodeHeatmaps(h, { refine: 'quarter', rule: 'x' as never })).toThrow(/options\.rule/);
    expect(() => decodeHeatmaps(h, 3 as never)).toThrow(TypeError);
    expect(() => decodeHeatmaps(ndarray(new Float32Array(8), [8]))).toThrow(/heatmaps must have rank/);
    expect(() => decodeHeatmaps(new Float32Array(64) as never)).toThrow(TypeError);
  });
});
