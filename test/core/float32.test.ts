import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { f32Sum, f32Difference, f32Product, f32Quotient, f32Log, f32Ulp } from '../../src/core/float32.js';

describe('float32 helpers', () => {
  it('each op equals the same op on Float32Array elements (IEEE float32, round to nearest even)', () => {
    const f = new Float32Array(3);
    fc.assert(
      fc.property(fc.float({ noNaN: true, noDefaultInfinity: true }), fc.float({ noNaN: true, noDefaultInfinity: true }), (a, b) => {
        f[0] = a;
        f[1] = b;
        f[2] = f[0] + f[1];
        expect(Object.is(f32Sum(a, b), f[2]) || f32Sum(a, b) === f[2]).toBe(true);
        f[2] = f[0] * f[1];
        expect(f32Product(a, b)).toBe(f[2]);
        f[2] = f[0] - f[1];
        expect(f32Difference(a, b)).toBe(f[2]);
        if (b !== 0) {
          f[2] = f[0] / f[1];
          expect(f32Quotient(a, b)).toBe(f[2]);
        }
      }),
      { numRuns: 300 },
    );
  });

  it('f32Log rounds log to float32; f32Ulp is the float32 spacing', () => {
    expect(f32Log(1)).toBe(0);
    expect(f32Log(10)).toBe(Math.fround(Math.log(10)));
    expect(f32Ulp(1)).toBe(2 ** -23);
    expect(f32Ulp(1.5)).toBe(2 ** -23);
    expect(f32Ulp(0.75)).toBe(2 ** -24);
    expect(f32Ulp(-100)).toBe(2 ** -17);
    expect(f32Ulp(0)).toBeGreaterThan(0);
    expect(Math.fround(1 + f32Ulp(1))).toBeGreaterThan(1);
  });
});
