/**
 * The kit catches known-bad implementations (each law finds a counterexample
 * within fast-check's default 100 runs, random seed) and passes correct,
 * independently written ones.
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import type { NdArray } from 'ndarray';
import { laws, arbitraries, checkLaw } from '../../src/testing/index.js';
import { unbiasedHeatmaps } from '../../src/encode/index.js';
import { heatmapArgmax } from '../../src/decode/index.js';
import * as bad from './known-bad.js';

/** Runs the law with default settings (100 runs, random seed) and returns the report. */
const run = <T,>(law: fc.IProperty<[T]>) => checkLaw(law);

const expectCaught = <T,>(law: fc.IProperty<[T]>) => {
  const r = run(law);
  expect(r.passed, r.message).toBe(false);
  expect(r.counterexample).toBeTruthy();
  return r;
};
const expectHolds = <T,>(law: fc.IProperty<[T]>) => {
  const r = run(law);
  expect(r.passed, r.message).toBe(true);
};

const unbiased = (size: [number, number], kp: NdArray, vis: NdArray, sigma: number) => unbiasedHeatmaps(size, kp, vis, sigma);

describe('the kit catches known-bad implementations', () => {
  it('argmax with the last-maximum tie rule: matchesReference(argmax) finds a tie', () => {
    const r = expectCaught(laws.matchesReference((h) => bad.plainArgmax(h, { lastTie: true }), 'argmax', { tolerance: 0 }));
    expect(r.violation).toMatch(/keypoint \d+ is/);
  });
  it('quarter offset with the precedence bug (adds −1 px): roundTrip with the ¼-px bound and matchesReference(quarter)', () => {
    const r = expectCaught(laws.roundTrip(unbiased, (h) => bad.quarter(h, { precedenceBug: true }), { tolerance: 0.25 + 1e-6 }));
    expect(r.violation).toMatch(/> tolerance 0\.25/);
    expectCaught(laws.matchesReference((h) => bad.quarter(h, { precedenceBug: true }), 'quarter', { tolerance: 0 }));
  });
  it('DARK with the x−1 second-derivative stencil: roundTrip, flipEquivariant and matchesReference(dark)', () => {
    const broken = (h: NdArray) => bad.dark(h, { xMinus1Stencil: true });
    expectCaught(laws.roundTrip(unbiased, broken, { tolerance: 1e-3, margin: 8 }));
    expectCaught(laws.flipEquivariant(broken, { geometry: 'udp' }));
    expectCaught(laws.matchesReference(broken, 'dark', { tolerance: 1e-4 }));
  });
  it('flip without the channel swap: flipEquivariant (both geometries)', () => {
    expectCaught(laws.flipEquivariant((h) => heatmapArgmax(h), { geometry: 'udp', flip: bad.flipWithoutSwap }));
    expectCaught(laws.flipEquivariant((h) => heatmapArgmax(h), { geometry: 'msra', flip: bad.flipWithoutSwap }));
  });
  it('OKS over all keypoints instead of the visible ones: oksRange (perfect visible keypoints must give 1)', () => {
    const r = expectCaught(laws.oksRange(bad.oksAllKeypoints));
    expect(r.violation).toMatch(/≠ 1/);
  });
  it('argmax with an absolute score threshold: scaleInvariant', () => {
    expectCaught(laws.scaleInvariant((h) => bad.plainArgmax(h, { threshold: 0.05 })));
  });
  it('argmax that ignores strides: layoutInvariant (NHWC views)', () => {
    expectCaught(laws.layoutInvariant(bad.argmaxIgnoringStrides, { heatmaps: { K: [2, 3] } }));
  });
  it('batched decode that reads item 0 for every item: batchConsistent', () => {
    expectCaught(laws.batchConsistent(bad.argmaxFirstItemOnly));
  });
  it('a decoder that blurs its input in place: noMutation', () => {
    const r = expectCaught(laws.noMutation(bad.darkBlurringInPlace));
    expect(r.violation).toMatch(/argument 0\.data\[\d+\] changed/);
  });
  it('a decoder that throws a plain Error on bad input: throwsOnlyTypedErrors', () => {
    const r = expectCaught(laws.throwsOnlyTypedErrors(bad.argmaxThrowingPlainError, arbitraries.badArguments([arbitraries.heatmaps()])));
    expect(r.violation).toMatch(/threw Error: bad heatmaps/);
  });
});

describe('the kit passes correct, independently written implementations', () => {
  it('plain argmax (first maximum) matches the reference exactly, is scale-invariant, batch- and layout-consistent', () => {
    const dec = (h: NdArray) => bad.plainArgmax(h);
    expectHolds(laws.matchesReference(dec, 'argmax', { tolerance: 0 }));
    expectHolds(laws.scaleInvariant(dec, { scores: true }));
    expectHolds(laws.batchConsistent(dec));
    expectHolds(laws.layoutInvariant(dec));
    expectHolds(laws.noMutation(dec));
  });
  it('plain quarter offset: ¼-px round trip and reference agreement', () => {
    const dec = (h: NdArray) => bad.quarter(h);
    expectHolds(laws.roundTrip(unbiased, dec, { tolerance: 0.25 + 1e-6 }));
    expectHolds(laws.matchesReference(dec, 'quarter', { tolerance: 0 }));
  });
  it('plain DARK: round trip ≤ 1e-3 px (k = 11, margin 8), flip-equivariant, within 1e-4 of the reference', () => {
    const dec = (h: NdArray) => bad.dark(h);
    expectHolds(laws.roundTrip(unbiased, dec, { tolerance: 1e-3, margin: 8 }));
    expectHolds(laws.flipEquivariant(dec, { geometry: 'udp' }));
    expectHolds(laws.matchesReference(dec, 'dark', { tolerance: 1e-4 }));
  });
  it('posecodec OKS through the kit signature: range, identity and monotonicity', () => {
    expectHolds(laws.oksRange(bad.posecodecOks));
    expectHolds(laws.oksMonotone(bad.posecodecOks));
  });
});
