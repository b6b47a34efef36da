/**
 * The SimCC laws of posecodec/testing, run on posecodec's own decoders (they
 * must hold) and on deliberately broken decoders (they must fail).
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import ndarray from 'ndarray';
import type { NdArray } from 'ndarray';
import {
  simccSamples, simccRoundTrip, simccFlipEquivariant, simccScaleInvariant, simccBatchConsistent, simccLayoutInvariant, simccNoMutation,
  checkLaw,
} from '../../src/testing/index.js';
import { decodeSimcc, createCodec } from '../../src/decode/index.js';

const inputSize: [number, number] = [48, 64];
const argmax = (x: NdArray, y: NdArray) => decodeSimcc(x, y, { splitRatio: 2 });
const dark = (x: NdArray, y: NdArray) => decodeSimcc(x, y, { splitRatio: 2, sigma: 4, dark: true });
const holds = (law: Parameters<typeof checkLaw>[0], numRuns = 40) => {
  const r = checkLaw(law, { numRuns });
  expect(r.passed, r.message).toBe(true);
};
const fails = (law: Parameters<typeof checkLaw>[0], numRuns = 40) => expect(checkLaw(law, { numRuns }).passed).toBe(false);

/** The exact-centre logits of simccSamples as an "encoder" (what a well-trained head outputs). */
const exactLogits = (split: number, sigma: number) => (kp: NdArray) => {
  const [, K] = kp.shape;
  const Wx = Math.round(inputSize[0] * split);
  const Wy = Math.round(inputSize[1] * split);
  const x = new Float32Array(K * Wx);
  const y = new Float32Array(K * Wy);
  for (let k = 0; k < K; k++) {
    for (let i = 0; i < Wx; i++) x[k * Wx + i] = Math.exp(-((i - kp.get(0, k, 0) * split) ** 2) / (2 * sigma * sigma));
    for (let i = 0; i < Wy; i++) y[k * Wy + i] = Math.exp(-((i - kp.get(0, k, 1) * split) ** 2) / (2 * sigma * sigma));
  }
  return { x: ndarray(x, [1, K, Wx]), y: ndarray(y, [1, K, Wy]) };
};

describe('SimCC laws hold for decodeSimcc and the simcc codec', () => {
  for (const split of [1, 2, 3]) {
    it(`round trip through SimCCLabel encode + argmax decode: |error| ≤ 1/(2·${split}) px (split ${split})`, () => {
      const codec = createCodec({ type: 'simcc', inputSize, splitRatio: split, sigma: 2 * split });
      holds(simccRoundTrip((kp) => codec.encode(kp), (x, y) => codec.decode(x, y), { inputSize, splitRatio: split }));
    });
    it(`round trip with DARK on exact-centre interior logits: |error| ≤ 0.02 px, far below 1/(2·${split})`, () => {
      const sigma = 2 * split;
      holds(simccRoundTrip(exactLogits(split, sigma), (x, y) => decodeSimcc(x, y, { splitRatio: split, sigma, dark: true }), { inputSize, splitRatio: split, tolerance: 0.02, margin: 8 }));
    });
  }
  it('flip equivariance: argmax exact, DARK within 1e-3 px (no one-bin shift)', () => {
    holds(simccFlipEquivariant(argmax, { inputSize }));
    holds(simccFlipEquivariant(dark, { inputSize, tolerance: 1e-3 }));
  });
  it('argmax keypoints are invariant to scaling the logits by c > 0 (scores scale by c)', () => {
    holds(simccScaleInvariant(argmax, { inputSize }));
    holds(simccScaleInvariant((x, y) => decodeSimcc(x, y, { score: 'mean' }), { inputSize }));
  });
  it('softmax visibility is NOT scale invariant (the law states the argmax only)', () => {
    const vis = (x: NdArray, y: NdArray) => {
      const r = decodeSimcc(x, y, { visibility: true, beta: 1, sigma: 1 });
      return { keypoints: r.keypoints, scores: r.visibility! };
    };
    fails(simccScaleInvariant(vis, { inputSize, N: [1, 1] }));
  });
  it('batch ≡ per instance, strided ≡ C order, inputs never mutated (argmax, DARK, DARK + visibility)', () => {
    const darkVis = (x: NdArray, y: NdArray) => decodeSimcc(x, y, { sigma: 4, dark: true, visibility: true });
    for (const d of [argmax, dark, darkVis]) {
      holds(simccBatchConsistent(d, { inputSize }), 20);
      holds(simccLayoutInvariant(d, { inputSize }), 20);
      holds(simccNoMutation(d, { inputSize }), 20);
    }
  });
  it('the laws also hold on noisy logits for the argmax', () => {
    holds(simccBatchConsistent(argmax, { inputSize, noise: 0.3 }), 20);
    holds(simccFlipEquivariant(argmax, { inputSize, noise: 0.3 }), 20);
  });
});

describe('SimCC laws catch broken decoders', () => {
  it('a decoder with a one-bin flip shift fails flip equivariance', () => {
    const shifted = (x: NdArray, y: NdArray) => {
      const r = decodeSimcc(x, y);
      for (let i = 0; i < r.keypoints.data.length; i += 2) r.keypoints.data[i] += 0.5;
      return r;
    };
    // A constant offset is flip-inconsistent: mirror(x + 0.5) ≠ mirror(x) + 0.5.
    fails(simccFlipEquivariant(shifted, { inputSize }));
  });
  it('a decoder that forgets the split ratio fails the round trip', () => {
    const codec = createCodec({ type: 'simcc', inputSize, splitRatio: 2, sigma: 4 });
    fails(simccRoundTrip((kp) => codec.encode(kp), (x, y) => decodeSimcc(x, y, { splitRatio: 1 }), { inputSize, splitRatio: 2 }));
  });
  it('a decoder that writes into its input fails noMutation; one that ignores N fails batch consistency', () => {
    const writer = (x: NdArray, y: NdArray) => {
      (x.data as Float32Array)[x.offset] = 0;
      return decodeSimcc(x, y);
    };
    fails(simccNoMutation(writer, { inputSize }));
    const firstOnly = (x: NdArray, y: NdArray) => (x.shape.length === 3 ? decodeSimcc(x.pick(0, null, null), y.pick(0, null, null)) : decodeSimcc(x, y));
    fails(simccBatchConsistent(firstOnly, { inputSize }));
  });
  it('simccSamples draws 2-D and 3-D, f32 and f64, C-order and strided samples', () => {
    const seen = new Set<string>();
    fc.assert(
      fc.property(simccSamples({ N: [0, 2] }), (s) => {
        seen.add(`${s.x.shape.length}-${s.x.data.constructor.name}-${s.x.stride[s.x.stride.length - 1] === 1}`);
      }),
      { numRuns: 200 },
    );
    expect(seen.size).toBeGreaterThanOrEqual(6);
  });
});
