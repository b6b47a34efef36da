import { describe, expect, it } from 'vitest';
import ndarray from 'ndarray';
import fc from 'fast-check';
import { fixAspectRatio } from '../../src/crop/index.js';
import { expectBadInputs } from './fixtures.js';

describe('fixAspectRatio', () => {
  it('grows the short side (mmpose _fix_aspect_ratio) and keeps float32', () => {
    const s = ndarray(Float32Array.from([100, 100, 30, 100]), [2, 2]);
    const r = fixAspectRatio(s, 0.75);
    expect(Array.from(r.data)).toEqual([100, Math.fround(100 / 0.75), 75, 100]);
    expect(r.data).toBeInstanceOf(Float32Array);
    expect(Array.from(s.data)).toEqual([100, 100, 30, 100]);
  });

  it('casts the aspect ratio to float32 first for float32 scales (W3): 4/3 divides by f32(4/3)', () => {
    const r = fixAspectRatio(ndarray(Float32Array.from([200, 10]), [1, 2]), 4 / 3);
    expect(r.data[1]).toBe(Math.fround(200 / Math.fround(4 / 3)));
  });

  it('law: the output has the requested aspect ratio (w/h = ar within float32 rounding) and never shrinks a side', () => {
    const side = fc.double({ min: 1, max: 2000, noNaN: true });
    fc.assert(
      fc.property(side, side, fc.constantFrom(0.75, 1, 4 / 3, 0.5625, 0.3), (w, h, ar) => {
        const s = ndarray(Float32Array.from([w, h]), [2]);
        const [ow, oh] = fixAspectRatio(s, ar).data;
        expect(Math.abs(ow / oh - ar)).toBeLessThanOrEqual(ar * 4e-7);
        expect(ow).toBeGreaterThanOrEqual(Math.fround(w) * (1 - 1e-7));
        expect(oh).toBeGreaterThanOrEqual(Math.fround(h) * (1 - 1e-7));
      }),
      { numRuns: 200 },
    );
  });

  it('rejects bad input, naming the argument', () => {
    expectBadInputs([
      ['3 columns', () => fixAspectRatio(ndarray(new Float32Array(3), [1, 3]), 1), RangeError, /scale/],
      ['not an array', () => fixAspectRatio(null as never, 1), TypeError, /scale/],
      ['ratio 0', () => fixAspectRatio([1, 1], 0), RangeError, /aspectRatio/],
      ['ratio NaN', () => fixAspectRatio([1, 1], NaN), RangeError, /aspectRatio/],
      ['ratio 5e-324', () => fixAspectRatio([1, 1], 5e-324), RangeError, /aspectRatio/],
      ['ratio 1e308', () => fixAspectRatio([1, 1], 1e308), RangeError, /aspectRatio/],
      ['side overflows', () => fixAspectRatio([1e308, 1], 1e-3), RangeError, /scale/],
      ['ratio a string', () => fixAspectRatio([1, 1], '1' as never), TypeError, /aspectRatio/],
    ]);
  });
});
