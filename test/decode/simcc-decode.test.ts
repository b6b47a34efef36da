import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import ndarray from 'ndarray';
import type { NdArray } from 'ndarray';
import { decodeSimcc, simccArgmax } from '../../src/decode/index.js';
import { darkRefineRow, darkRefineRowFull, simccDarkKernelSize } from '../../src/decode/simcc-dark.js';
import { simccBlurKernel } from '../../src/decode/gaussian-blur-1d.js';
import { simccView, rowBase, rowArgmaxAt } from '../../src/decode/simcc-view.js';

const f32 = (shape: number[], fill: (i: number) => number) => ndarray(Float32Array.from({ length: shape.reduce((a, b) => a * b, 1) }, (_, i) => fill(i)), shape);
const gauss = (W: number, mu: number, s: number, amp = 1) => (i: number) => amp * Math.exp(-(((i % W) - mu) ** 2) / (2 * s * s));

describe('decodeSimcc', () => {
  it('decodes the arg-maxima to input px (bin / splitRatio) with the min score; −1/split where the score ≤ 0', () => {
    const x = f32([1, 2, 8], (i) => (i < 8 ? gauss(8, 5, 1)(i) : -1));
    const y = f32([1, 2, 6], (i) => (i < 6 ? 0.5 * gauss(6, 2, 1)(i) : 0.2));
    const r = decodeSimcc(x, y, { splitRatio: 2 });
    expect(r.keypoints.shape).toEqual([1, 2, 2]);
    expect(Array.from(r.keypoints.data)).toEqual([2.5, 1, -0.5, -0.5]);
    expect(r.scores.data[0]).toBe(Math.fround(0.5));
    expect(r.scores.data[1]).toBe(-1);
    expect(r.visibility).toBeUndefined();
  });

  it("score 'mean' is rtmlib's (max x + max y)/2 in float32, and −1 follows that score", () => {
    const x = f32([2, 5], (i) => (i === 1 ? 0.9 : i === 7 ? -0.3 : 0.1 * (i % 5) - 0.5));
    const y = f32([2, 5], (i) => (i === 3 ? 0.3 : i === 8 ? 0.4 : -0.2));
    const r = decodeSimcc(x, y, { score: 'mean' });
    expect(r.scores.data[0]).toBe(Math.fround(0.5 * Math.fround(Math.fround(0.9) + Math.fround(0.3))));
    const m = simccArgmax(x, y);
    expect(m.scores.data[0]).toBe(Math.fround(0.3));
    expect(r.scores.data[1]).toBe(Math.fround(0.5 * Math.fround(Math.fround(-0.1) + Math.fround(0.4))));
    expect(r.keypoints.data[2]).toBe(2); // bin 4; mean 0.15 > 0: kept although max x < 0 ('min' would give −1)
  });

  it('2-D [K, W] input: keypoints/scores get the N = 1 axis, visibility keeps [K] (as the reference)', () => {
    const x = f32([3, 20], gauss(20, 7.3, 2));
    const y = f32([3, 30], gauss(30, 11.8, 2));
    const r = decodeSimcc(x, y, { visibility: true, dark: true, sigma: 2 });
    expect(r.keypoints.shape).toEqual([1, 3, 2]);
    expect(r.scores.shape).toEqual([1, 3]);
    expect(r.visibility!.shape).toEqual([3]);
    expect(Math.abs(r.keypoints.data[0] - 7.3 / 2)).toBeLessThan(0.05);
  });

  it('reads onnxruntime-style tensors in place: a transposed view decodes like its C-order copy, Float64 like Float32', () => {
    const N = 2, K = 3, W = 40;
    const c = f32([N, K, W], (i) => gauss(W, 9 + (Math.floor(i / W) % 7) * 3.3, 3)(i));
    const nwk = new Float32Array(N * K * W);
    for (let n = 0; n < N; n++) for (let k = 0; k < K; k++) for (let i = 0; i < W; i++) nwk[(n * W + i) * K + k] = c.data[(n * K + k) * W + i];
    const view = ndarray(nwk, [N, W, K]).transpose(0, 2, 1);
    for (const dark of [false, true]) {
      const a = decodeSimcc(c, c, { dark, sigma: 3, visibility: true });
      const b = decodeSimcc(view, view, { dark, sigma: 3, visibility: true });
      expect(Array.from(b.keypoints.data)).toEqual(Array.from(a.keypoints.data));
      expect(Array.from(b.visibility!.data)).toEqual(Array.from(a.visibility!.data));
    }
    const d64 = ndarray(Float64Array.from(c.data), [N, K, W]);
    expect(Array.from(decodeSimcc(d64, d64).keypoints.data)).toEqual(Array.from(decodeSimcc(c, c).keypoints.data));
  });

  it('RTMW visibility is min over axes of the largest softmax probability of logits·β·σ', () => {
    const x = f32([1, 1, 10], (i) => (i === 3 ? 0.02 : 0.01));
    const y = f32([1, 1, 10], (i) => (i === 4 ? 0.03 : 0));
    const r = decodeSimcc(x, y, { visibility: true, beta: 10, sigma: [2, 3] });
    const px = 1 / (1 + 9 * Math.exp(-0.01 * 10 * 2));
    const py = 1 / (1 + 9 * Math.exp(-0.03 * 10 * 3));
    expect(r.visibility!.data[0]).toBeCloseTo(Math.min(px, py), 6);
  });

  it('inputSize checks the vector lengths against round(side·splitRatio) (half to even)', () => {
    const x = f32([1, 1, 50], () => 1);
    const y = f32([1, 1, 70], () => 1);
    expect(() => decodeSimcc(x, y, { inputSize: [33, 47], splitRatio: 1.5 })).not.toThrow();
    expect(() => decodeSimcc(x, y, { inputSize: [33, 47], splitRatio: 2 })).toThrow(/^x must have 66 bins.*splitRatio/);
    expect(() => decodeSimcc(x, f32([1, 1, 71], () => 1), { inputSize: [33, 47], splitRatio: 1.5 })).toThrow(/^y must have 70 bins/);
  });

  it('DARK kernel sizes follow (20σ − 7) // 3 made odd (Python float floor division)', () => {
    expect([4.9, 5.66, 6, 6.93, 7.5, 2, 0.5].map((s) => simccDarkKernelSize(s))).toEqual([29, 35, 37, 43, 47, 11, 1]);
    expect(() => simccDarkKernelSize(0.4)).toThrow(RangeError);
  });

  it('the DARK fast path (blur only near the peak) equals the full-row blur bit for bit', () => {
    const rows = fc.record({
      W: fc.integer({ min: 8, max: 120 }),
      mu: fc.double({ min: -5, max: 125, noNaN: true }),
      s: fc.double({ min: 0.6, max: 9, noNaN: true }),
      amp: fc.constantFrom(1e-4, 0.01, 1, 60, 1000),
      noise: fc.constantFrom(0, 0.05, 0.5),
      offset: fc.constantFrom(0, -0.5, 0.3),
      sigma: fc.constantFrom(1, 2, 4.9, 6),
      seed: fc.integer({ min: 1, max: 1e6 }),
    });
    fc.assert(
      fc.property(rows, (p) => {
        let s = p.seed;
        const rnd = () => ((s = (Math.imul(s, 48271) + 11) >>> 0) / 2 ** 32);
        const a = f32([1, 1, p.W], (i) => p.amp * (Math.exp(-((i - p.mu) ** 2) / (2 * p.s * p.s)) + p.noise * rnd()) + p.offset);
        const v = simccView('x', a);
        const kernel = simccBlurKernel(simccDarkKernelSize(p.sigma));
        const tmp = new Float64Array(1);
        const idx = rowArgmaxAt(v, rowBase(v, 0, 0), tmp);
        const fast = darkRefineRow(v, 0, kernel, idx, idx, tmp[0]);
        const full = darkRefineRowFull(v, 0, kernel, idx, new Float64Array(p.W));
        expect(Object.is(fast, full) || fast === full).toBe(true);
      }),
      { numRuns: 300 },
    );
  });

  it('an all-zero row under DARK gives NaN for that coordinate and its visibility, as the reference', () => {
    const x = f32([1, 2, 30], (i) => (i < 30 ? 0 : gauss(30, 12, 3)(i)));
    const y = f32([1, 2, 30], gauss(30, 14, 3));
    const r = decodeSimcc(x, y, { dark: true, visibility: true, sigma: 3 });
    expect(r.keypoints.data[0]).toBeNaN();
    expect(r.visibility!.data[0]).toBeNaN();
    expect(Number.isFinite(r.keypoints.data[2])).toBe(true);
  });
});

describe('decodeSimcc bad input: typed errors naming the argument', () => {
  const x = f32([1, 2, 8], () => 1);
  const y = f32([1, 2, 6], () => 1);
  const nan = f32([1, 2, 8], (i) => (i === 5 ? NaN : 1));
  const table: [string, () => unknown, ErrorConstructor, RegExp][] = [
    ['x not an ndarray', () => decodeSimcc([1, 2] as never, y), TypeError, /^x must be an ndarray/],
    ['x rank 1', () => decodeSimcc(ndarray(new Float32Array(4), [4]), y), TypeError, /^x must have rank/],
    ['y rank 4', () => decodeSimcc(x, ndarray(new Float32Array(4), [1, 1, 2, 2])), TypeError, /^y must have rank/],
    ['ranks differ', () => decodeSimcc(x, f32([2, 6], () => 1)), TypeError, /x and y must have the same rank/],
    ['K differs', () => decodeSimcc(x, f32([1, 3, 6], () => 1)), RangeError, /^y must have the same K/],
    ['N differs', () => decodeSimcc(x, f32([2, 2, 6], () => 1)), RangeError, /^y must have the same N/],
    ['W = 0', () => decodeSimcc(f32([1, 2, 0], () => 1), y), RangeError, /^x must have at least one bin/],
    ['int data', () => decodeSimcc(ndarray(new Int32Array(16), [1, 2, 8]), y), TypeError, /^x data must be Float32Array or Float64Array/],
    ['NaN logit in x', () => decodeSimcc(nan, y), RangeError, /^x must not contain NaN/],
    ['NaN logit in y', () => decodeSimcc(y, nan.pick(null, null, null)), RangeError, /must not contain NaN/],
    ['σ = 0', () => decodeSimcc(x, y, { sigma: 0 }), RangeError, /options\.sigma must be > 0/],
    ['σ < 0 (pair)', () => decodeSimcc(x, y, { sigma: [2, -1] }), RangeError, /options\.sigma\[1\] must be > 0/],
    ['σ NaN', () => decodeSimcc(x, y, { sigma: NaN }), RangeError, /options\.sigma must be finite/],
    ['σ of 3 values', () => decodeSimcc(x, y, { sigma: [1, 2, 3] as never }), RangeError, /options\.sigma/],
    ['σ too small for DARK', () => decodeSimcc(x, y, { sigma: 0.2, dark: true }), RangeError, /options\.sigma\[0\] \(σx\) must be >= 0\.5/],
    ['splitRatio 0', () => decodeSimcc(x, y, { splitRatio: 0 }), RangeError, /options\.splitRatio must be > 0/],
    ['splitRatio string', () => decodeSimcc(x, y, { splitRatio: '2' as never }), TypeError, /options\.splitRatio must be a number/],
    ['split vs length', () => decodeSimcc(x, y, { inputSize: [4, 3], splitRatio: 3 }), RangeError, /^x must have 12 bins/],
    ['beta 0', () => decodeSimcc(x, y, { beta: 0 }), RangeError, /options\.beta must be > 0/],
    ['score rule', () => decodeSimcc(x, y, { score: 'max' as never }), RangeError, /options\.score must be 'min' or 'mean'/],
    ['dark not boolean', () => decodeSimcc(x, y, { dark: 1 as never }), TypeError, /options\.dark must be a boolean/],
    ['options not an object', () => decodeSimcc(x, y, 3 as never), TypeError, /^options must be an options object/],
    ['bad inputSize', () => decodeSimcc(x, y, { inputSize: [0, 3] }), RangeError, /options\.inputSize/],
  ];
  for (const [label, thunk, Err, re] of table) {
    it(label, () => {
      let err: unknown;
      try {
        thunk();
      } catch (e) {
        err = e;
      }
      expect(err).toBeInstanceOf(Err);
      expect((err as Error).message).toMatch(re);
    });
  }
  it('huge broadcast views are refused before any loop', () => {
    const big = ndarray(new Float32Array(1), [1 << 16, 1 << 10, 1 << 10], [0, 0, 0]);
    expect(() => decodeSimcc(big, big)).toThrow(RangeError);
  });
});

void (null as unknown as NdArray);
