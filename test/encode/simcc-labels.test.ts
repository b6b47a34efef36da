import { describe, expect, it } from 'vitest';
import ndarray from 'ndarray';
import { simccLabels } from '../../src/encode/index.js';

const kp = (v: number[], f64 = false) => ndarray(f64 ? Float64Array.from(v) : Float32Array.from(v), [1, v.length / 2, 2]);
const argmaxRow = (d: ArrayLike<number>, o: number, W: number) => {
  let b = 0;
  for (let i = 1; i < W; i++) if (d[o + i] > d[o + b]) b = i;
  return b;
};

describe('simccLabels (SimCCLabel.encode)', () => {
  it('vector lengths are round(side·split), half to even (33·1.5 → 50, 47·1.5 → 70)', () => {
    const r = simccLabels([33, 47], kp([10, 10]), undefined, { sigma: 2, splitRatio: 1.5 });
    expect(r.x.shape).toEqual([1, 1, 50]);
    expect(r.y.shape).toEqual([1, 1, 70]);
  });

  it('bins are round_half_even(f32(x·split)): 10.25·2 → 20, 10.75·2 → 22; float32 13.833333·3 = 41.5 → 42 (double would give 41)', () => {
    const r = simccLabels([64, 64], kp([10.25, 10.75, 13.833333, 0]), undefined, { sigma: 2, splitRatio: 2, normalize: false });
    expect(argmaxRow(r.x.data, 0, 128)).toBe(20);
    expect(argmaxRow(r.y.data, 0, 128)).toBe(22);
    const r3 = simccLabels([64, 64], kp([13.833333, 5]), undefined, { sigma: 2, splitRatio: 3, normalize: false });
    expect(argmaxRow(r3.x.data, 0, 192)).toBe(42);
    const r64 = simccLabels([64, 64], kp([13.833333, 5], true), undefined, { sigma: 2, splitRatio: 3, normalize: false });
    expect(argmaxRow(r64.x.data, 0, 192)).toBe(41);
  });

  it('gaussian: unnormalised peak 1, normalised peak 1/(σ√(2π)); the whole row is written (no 3σ truncation)', () => {
    const a = simccLabels([32, 32], kp([8, 8]), undefined, { sigma: 2, normalize: false });
    expect(a.x.data[16]).toBe(1);
    expect(a.x.data[40]).toBeGreaterThan(0); // exp(−72): far outside 3σ, still written
    const b = simccLabels([32, 32], kp([8, 8]), undefined, { sigma: 2 });
    expect(b.x.data[16]).toBeCloseTo(1 / (2 * Math.sqrt(2 * Math.PI)), 6);
  });

  it('weights copy visible; < 0.5 skipped (weight kept), 0.5 drawn; standard drops bins outside [0, W−1]', () => {
    const vis = ndarray(Float32Array.from([0.3, 0.5, 2, 1]), [1, 4]);
    const r = simccLabels([96, 128], kp([10, 10, 20, 20, 30, 30, 95.75, 10]), vis, { smoothing: 'standard', labelSmoothWeight: 0.1 });
    expect(Array.from(r.weights.data)).toEqual([Math.fround(0.3), 0.5, 2, 0]);
    expect(r.x.data[0]).toBe(0);
    expect(r.x.data[192 + 40]).toBe(Math.fround(0.9));
    expect(r.x.data[192]).toBe(Math.fround(0.1 / 191));
  });

  it('gaussian drops only when the 3σ window misses the vector: μ − 3σ ≥ W or μ + 3σ + 1 < 0', () => {
    const r = simccLabels([10, 10], kp([15, 5, 16, 5, -6.6, 5, -7.6, 5]), undefined, { sigma: 2, splitRatio: 1 });
    expect(Array.from(r.weights.data)).toEqual([1, 0, 1, 0]);
  });

  it('rejects bad input with typed errors naming the argument', () => {
    const k = kp([1, 2]);
    const t: [() => unknown, ErrorConstructor, RegExp][] = [
      [() => simccLabels([0, 4] as never, k, undefined), RangeError, /^inputSize\[0\]/],
      [() => simccLabels([4, 4], ndarray(new Float32Array(2), [2]), undefined), TypeError, /^keypoints must have rank 3/],
      [() => simccLabels([4, 4], k, ndarray(new Float32Array(2), [1, 2])), RangeError, /^visible must have shape \[1, 1\]/],
      [() => simccLabels([4, 4], k, ndarray(Float32Array.from([NaN]), [1, 1])), RangeError, /^visible\[0\]\[0\] must not be NaN/],
      [() => simccLabels([4, 4], k, undefined, { sigma: 0 }), RangeError, /^options\.sigma must be > 0/],
      [() => simccLabels([4, 4], k, undefined, { sigma: [1, -1] }), RangeError, /^options\.sigma\[1\] must be > 0/],
      [() => simccLabels([4, 4], k, undefined, { splitRatio: -2 }), RangeError, /^options\.splitRatio must be > 0/],
      [() => simccLabels([4, 4], k, undefined, { splitRatio: 0.01 }), RangeError, /options\.splitRatio gives empty/],
      [() => simccLabels([4, 4], k, undefined, { sigma: 1e-300 }), RangeError, /^options\.sigma must be in \[2\^-63, 2\^63\]/],
      [() => simccLabels([4, 4], k, undefined, { sigma: 1e308 }), RangeError, /^options\.sigma must be in \[2\^-63, 2\^63\]/],
      [() => simccLabels([4, 4], k, undefined, { sigma: [6, 1e-300] }), RangeError, /^options\.sigma\[1\] must be in/],
      [() => simccLabels([4, 4], k, undefined, { splitRatio: 1e308 }), RangeError, /^options\.splitRatio must be in \[2\^-20, 2\^20\]/],
      [() => simccLabels([4, 4], k, undefined, { splitRatio: 5e-324 }), RangeError, /^options\.splitRatio must be in/],
      [() => simccLabels([2 ** 18, 4], k, undefined, { splitRatio: 2 ** 11 }), RangeError, /^options\.splitRatio 2048 gives vectors of \[536870912, 8192\] bins/],
      [() => simccLabels([4, 4], k, undefined, { smoothing: 'box' as never }), RangeError, /^options\.smoothing/],
      [() => simccLabels([4, 4], k, undefined, { labelSmoothWeight: 0.1 }), RangeError, /^options\.labelSmoothWeight is only used with smoothing 'standard'/],
      [() => simccLabels([4, 4], k, undefined, { smoothing: 'standard', labelSmoothWeight: 1.5 }), RangeError, /^options\.labelSmoothWeight must be in \[0, 1\]/],
      [() => simccLabels([4, 4], k, undefined, { normalize: 1 as never }), TypeError, /^options\.normalize must be a boolean/],
      [() => simccLabels([1e6, 10], ndarray(new Float32Array(2 * 1000), [1, 1000, 2]), undefined), RangeError, /^labels asks for an allocation/],
    ];
    for (const [thunk, Err, re] of t) {
      let err: unknown;
      try {
        thunk();
      } catch (e) {
        err = e;
      }
      expect(err, String(re)).toBeInstanceOf(Err);
      expect((err as Error).message).toMatch(re);
    }
  });
});
