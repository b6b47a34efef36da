import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { flatArgmax, flatMax, planeArgmax, planeMax } from '../../src/core/nan-max.js';

/** numpy's argmax over a flat list: first maximum, first NaN wins. */
function npArgmax(v: number[]): number {
  let best = 0;
  for (let i = 0; i < v.length; i++) {
    if (Number.isNaN(v[i])) return i;
    if (v[i] > v[best]) best = i;
  }
  return best;
}

const value = fc.oneof(fc.constantFrom(0, 1, -1, 0.5, NaN, Infinity, -Infinity), fc.double({ min: -2, max: 2, noNaN: true }));

describe('nan-max: numpy argmax / max rules', () => {
  it('flatArgmax = np.argmax (first maximum, first NaN) on tie-, NaN- and ∞-heavy arrays of every length', () => {
    fc.assert(
      fc.property(fc.array(value, { minLength: 1, maxLength: 40 }), fc.integer({ min: 0, max: 5 }), (v, pad) => {
        const data = new Float64Array(pad + v.length);
        data.set(v, pad);
        const out = new Float64Array(1);
        const i = flatArgmax(data, pad, v.length, out);
        expect(i).toBe(npArgmax(v));
        expect(Object.is(out[0], v[i]) || (Number.isNaN(out[0]) && Number.isNaN(v[i]))).toBe(true);
        const m = flatMax(data, pad, v.length);
        if (v.some(Number.isNaN)) expect(m).toBeNaN();
        else expect(m === Math.max(...v)).toBe(true);
      }),
      { numRuns: 300 },
    );
  });

  it('planeArgmax on a transposed (strided) plane = np.argmax of the C-order copy', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 6 }), fc.integer({ min: 1, max: 6 }), fc.array(value, { minLength: 36, maxLength: 36 }), (H, W, pool) => {
        // data stored W-major (x, y): the plane (y, x) reads data[x·H + y]
        const data = Float32Array.from(pool.slice(0, H * W));
        const cOrder: number[] = [];
        for (let y = 0; y < H; y++) for (let x = 0; x < W; x++) cOrder.push(data[x * H + y]);
        const out = new Float64Array(1);
        expect(planeArgmax({ data, offset: 0, sH: 1, sW: H, H, W }, out)).toBe(npArgmax(cOrder));
        const m = planeMax({ data, offset: 0, sH: 1, sW: H, H, W });
        if (cOrder.some(Number.isNaN)) expect(m).toBeNaN();
        else expect(m === Math.max(...cOrder)).toBe(true); // ±0 compare equal
      }),
      { numRuns: 200 },
    );
  });

  it('an empty range gives −∞ at index 0', () => {
    const out = new Float64Array(1);
    expect(flatArgmax(new Float64Array(3), 1, 0, out)).toBe(0);
    expect(out[0]).toBe(-Infinity);
    expect(planeMax({ data: [], offset: 0, sH: 0, sW: 1, H: 0, W: 0 })).toBe(-Infinity);
  });
});
