import { describe, expect, it } from 'vitest';
import ndarray from 'ndarray';
import { refineSimccDark, simccDarkKernelSize } from '../../src/decode/index.js';

const row = (W: number, mu: number, s: number, amp = 1) => Float32Array.from({ length: W }, (_, i) => amp * Math.exp(-((i - mu) ** 2) / (2 * s * s)));

describe('refineSimccDark (refine_simcc_dark)', () => {
  it('moves an integer start to a sub-bin Gaussian centre; inputs are not modified', () => {
    const d = row(64, 30.3, 3);
    const simcc = ndarray(d, [1, 1, 64]);
    const coords = ndarray(Float32Array.from([30]), [1, 1]);
    const out = refineSimccDark(coords, simcc, simccDarkKernelSize(3));
    expect(Math.abs(out.data[0] - 30.3)).toBeLessThan(0.02);
    expect(Array.from(d)).toEqual(Array.from(row(64, 30.3, 3)));
    expect(coords.data[0]).toBe(30);
  });

  it('the −1 sentinel stays −1; starts truncate as int64(k + 2.5) (10.49 → bin 10, 10.5 → bin 11)', () => {
    const simcc = ndarray(Float32Array.from([...row(40, 10.7, 2), ...row(40, 10.7, 2), ...row(40, 10.7, 2)]), [1, 3, 40]);
    const out = refineSimccDark(ndarray(Float32Array.from([-1, 10.49, 10.5]), [1, 3]), simcc, 11);
    expect(out.data[0]).toBe(-1);
    // Both read the derivative at their truncated bin and move by the step computed there.
    expect(out.data[1]).not.toBe(out.data[2]);
  });

  it('flat (clipped) neighbourhoods do not move: amplitude 1000 saturates the clip at 50', () => {
    const simcc = ndarray(row(80, 40.4, 4, 1000), [1, 1, 80]);
    const out = refineSimccDark(ndarray(Float32Array.from([40]), [1, 1]), simcc, 11);
    expect(out.data[0]).toBe(40);
  });

  it('rejects bad input with typed errors naming the argument', () => {
    const simcc = ndarray(row(20, 8, 2), [1, 1, 20]);
    const c = ndarray(Float32Array.from([8]), [1, 1]);
    expect(() => refineSimccDark(ndarray(Float32Array.from([8, 9]), [1, 2]), simcc, 3)).toThrow(/^coords must have shape \[N, K\] = \[1, 1\]/);
    expect(() => refineSimccDark(ndarray(Float32Array.from([8]), [1]), simcc, 3)).toThrow(/^coords must have rank 2/);
    expect(() => refineSimccDark(c, ndarray(row(20, 8, 2), [1, 20]), 3)).toThrow(/^simcc must have rank 3/);
    expect(() => refineSimccDark(c, simcc, 4)).toThrow(/^blurKernelSize must be odd/);
    expect(() => refineSimccDark(ndarray(Float32Array.from([19.5]), [1, 1]), simcc, 3)).toThrow(/^coords\[0\]\[0\] must lie in/);
    expect(() => refineSimccDark(ndarray(Float32Array.from([NaN]), [1, 1]), simcc, 3)).toThrow(/^coords\[0\]\[0\] must be finite/);
    expect(() => refineSimccDark(c, ndarray(Float32Array.from([NaN, ...row(19, 8, 2)]), [1, 1, 20]), 3)).toThrow(/^simcc must not contain NaN/);
    expect(() => simccDarkKernelSize(0.3)).toThrow(/options\.sigma must be >= 0\.5/);
    for (const bad of ['3', [3]]) {
      expect(() => simccDarkKernelSize(bad as never)).toThrow(TypeError);
      expect(() => simccDarkKernelSize(bad as never, 'sigma')).toThrow(/^sigma must be a number/);
    }
    expect(() => simccDarkKernelSize(Infinity)).toThrow(/^options\.sigma must be finite/);
  });
});
