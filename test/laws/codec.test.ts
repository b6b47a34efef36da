/**
 * Laws of posecodec's codec objects (input pixels), stated with the kit:
 * exact-inverse round trips, flip-test geometry (UDP exact; MSRA needs the
 * one-column shift and then lands +1 input px right, codecs.md §4.2),
 * batch ≡ per item and NCHW ≡ NHWC through the codec.
 */
import { describe, it } from 'vitest';
import fc from 'fast-check';
import ndarray from 'ndarray';
import type { NdArray } from 'ndarray';
import { laws, arbitraries } from '../../src/testing/index.js';
import { flipHeatmaps } from '../../src/decode/index.js';
import { createCodec, type HeatmapCodec as Codec } from '../../src/codecs/index.js';
import { readOutput, expectPairs } from '../../src/testing/compare.js';
import { holds } from './helpers.js';

const geometries = [
  { inputSize: [64, 64] as [number, number], heatmapSize: [16, 16] as [number, number] },
  { inputSize: [192, 256] as [number, number], heatmapSize: [24, 32] as [number, number] },
];

describe('codec round trip in input pixels (decode is the exact inverse of encode)', () => {
  for (const g of geometries) {
    const s = g.inputSize[0] / g.heatmapSize[0];
    it(`msra unbiased (DARK), ${g.inputSize.join('×')} → ${g.heatmapSize.join('×')}: ≤ 1e-3·s input px`, () =>
      holds(laws.codecRoundTrip(createCodec({ type: 'msra', unbiased: true, ...g }), { tolerance: 1e-3 * s, margin: 8 })));
    it(`udp (DARK-UDP), ${g.inputSize.join('×')} → ${g.heatmapSize.join('×')}: ≤ 1e-3·s input px`, () =>
      holds(laws.codecRoundTrip(createCodec({ type: 'udp', ...g }), { tolerance: 1e-3 * s, margin: 8 })));
    it(`msra (integer centre, argmax + quarter), ${g.inputSize.join('×')}: ≤ ½·s input px`, () =>
      holds(laws.codecRoundTrip(createCodec({ type: 'msra', ...g }), { tolerance: 0.5 * s + 1e-9, margin: 3 })));
  }
});

/**
 * Flip test through a codec: encode the horizontally flipped keypoints
 * (x ↦ w−1−x, channels swapped), flip the maps back, decode: the result is
 * the original keypoints plus `offset` input px in x.
 */
function flipTestLaw(codec: Codec, shift: boolean, offset: number, tol: number) {
  const [w, h] = codec.inputSize;
  const m = 8 * (w / codec.heatmapSize[0]);
  const arb = arbitraries.keypoints({ heatmapSize: [w, h], margin: m, K: 2 });
  return fc.property(arb, (kp: NdArray) => {
    const K = 2;
    const swap = [1, 0];
    const flipped = ndarray(new Float64Array(2 * K), [1, K, 2]);
    for (let k = 0; k < K; k++) {
      flipped.set(0, k, 0, w - 1 - kp.get(0, swap[k], 0));
      flipped.set(0, k, 1, kp.get(0, swap[k], 1));
    }
    const back = flipHeatmaps(codec.encode(flipped).heatmaps, swap, { shift });
    const got = readOutput(codec.decode(back)).xy;
    const want = Float64Array.from(kp.data as Float64Array).map((v, i) => (i % 2 === 0 ? v + offset : v));
    expectPairs(got, want, tol, `flip-test decode vs keypoints + (${offset}, 0)`);
  });
}

describe('flip-test geometry (codecs.md §4.2)', () => {
  for (const g of geometries) {
    const s = g.inputSize[0] / g.heatmapSize[0];
    it(`UDP, stride ${s}: flipped-back maps decode to the original keypoints (no shift)`, () =>
      holds(flipTestLaw(createCodec({ type: 'udp', ...g }), false, 0, 1e-3 * s)));
    it(`MSRA unbiased, stride ${s}: with the shift, +1 input px; without it, −(s−1) input px`, () => {
      const c = createCodec({ type: 'msra', unbiased: true, ...g });
      holds(flipTestLaw(c, true, 1, 1e-3 * s));
      holds(flipTestLaw(c, false, -(s - 1), 1e-3 * s));
    });
  }
});

describe('codec.decode: batch ≡ per item, NHWC ≡ NCHW, no mutation', () => {
  const codecs: [string, Codec][] = [
    ['msra unbiased', createCodec({ type: 'msra', unbiased: true, inputSize: [64, 64], heatmapSize: [16, 16] })],
    ['udp', createCodec({ type: 'udp', inputSize: [64, 64], heatmapSize: [16, 16] })],
    ['megvii', createCodec({ type: 'megvii', inputSize: [64, 64], heatmapSize: [16, 16] })],
  ];
  const integral = createCodec({ type: 'integral', inputSize: [64, 64], heatmapSize: [16, 16], beta: 10 });
  codecs.push(['integral (decodeHeatmaps)', { ...integral, decode: (h: NdArray) => integral.decodeHeatmaps(h) } as unknown as Codec]);
  const maps = { sizes: [[16, 16]] as [number, number][] };
  for (const [name, c] of codecs) {
    it(name, () => {
      holds(laws.batchConsistent((h) => c.decode(h), { heatmaps: maps }));
      holds(laws.layoutInvariant((h) => c.decode(h), { heatmaps: maps }));
      holds(laws.noMutation((h: NdArray) => c.decode(h), { inputs: arbitraries.heatmaps({ ...maps, B: [0, 2] }).map((h) => [h]) }));
    });
  }
});
