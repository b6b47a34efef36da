import { describe, expect, it } from 'vitest';
import ndarray from 'ndarray';
import { normalizeSimcc } from '../../src/decode/index.js';

describe('normalizeSimcc (get_simcc_normalized)', () => {
  it('clamps at 0 and divides only rows whose max is strictly above 1 by that max', () => {
    const a = ndarray(Float32Array.from([-1, 2, 4, 0.5, 1, -3, 0, 0, 0]), [1, 3, 3]);
    expect(Array.from(normalizeSimcc(a).data)).toEqual([0, 0.5, 1, 0.5, 1, 0, 0, 0, 0]);
  });

  it('with sigma, divides by σ·√(2π) first (float32)', () => {
    const s = 2;
    const v = Math.fround(3 * Math.fround(s * Math.sqrt(2 * Math.PI)));
    const a = ndarray(Float32Array.from([v, Math.fround(v / 3)]), [1, 1, 2]);
    const out = normalizeSimcc(a, { sigma: s });
    expect(out.data[0]).toBe(1);
    expect(out.data[1]).toBeCloseTo(1 / 3, 6);
  });

  it('rejects bad input with typed errors naming the argument', () => {
    const a = ndarray(new Float32Array(4), [1, 1, 4]);
    expect(() => normalizeSimcc(ndarray(new Float32Array(4), [1, 4]))).toThrow(/^simcc must have rank 3/);
    expect(() => normalizeSimcc(a, { sigma: 0 })).toThrow(/^options\.sigma must be > 0/);
    expect(() => normalizeSimcc(a, { sigma: -2 })).toThrow(RangeError);
    for (const sigma of [1e-300, 1e308]) {
      expect(() => normalizeSimcc(a, { sigma })).toThrow(RangeError);
      expect(() => normalizeSimcc(a, { sigma })).toThrow(/^options\.sigma must be in \[2\^-63, 2\^63\]/); // f32(σ·√(2π)) would be 0 / ∞
    }
    expect(() => normalizeSimcc(a, { sigma: '2' as never })).toThrow(TypeError);
    expect(() => normalizeSimcc(ndarray(Float32Array.from([0, NaN]), [1, 1, 2]))).toThrow(/^simcc must not contain NaN/);
  });
});
