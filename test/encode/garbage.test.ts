/** Fuzz campaign: arbitrary garbage never escapes as anything but TypeError / RangeError, and never returns NaN. */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import ndarray from 'ndarray';
import * as enc from '../../src/encode/index.js';

const floatArr = fc.oneof(
  fc.float32Array({ maxLength: 40 }),
  fc.float64Array({ maxLength: 40 }),
);
/** ndarrays of random rank/shape over random data: mostly wrong, sometimes right. */
const ndArb = fc.tuple(floatArr, fc.array(fc.integer({ min: 0, max: 5 }), { maxLength: 4 })).map(([d, shape]) => {
  try {
    return ndarray(d, shape);
  } catch {
    return d;
  }
});
const argArb = fc.oneof(fc.anything(), ndArb, fc.tuple(fc.integer({ min: -2, max: 9 }), fc.integer({ min: -2, max: 9 })), fc.double(), fc.constantFrom('floor', 'exact', 2));

function callsSafely(fn: (...a: unknown[]) => unknown, args: unknown[]): void {
  let out: unknown;
  try {
    out = fn(...args);
  } catch (e) {
    expect(e instanceof TypeError || e instanceof RangeError, String(e)).toBe(true);
    return;
  }
  const arrays = out instanceof Float64Array ? [out] : out && typeof out === 'object' ? Object.values(out as object) : [out];
  for (const a of arrays) {
    const data = (a as { data?: ArrayLike<number> })?.data ?? (a as ArrayLike<number>);
    if (data && typeof data === 'object' && 'length' in data) expect(Array.prototype.some.call(data, (v: number) => Number.isNaN(v))).toBe(false);
  }
}

const fns: [string, (...a: unknown[]) => unknown][] = [
  ['msraHeatmaps', enc.msraHeatmaps as never],
  ['unbiasedHeatmaps', enc.unbiasedHeatmaps as never],
  ['udpHeatmaps', enc.udpHeatmaps as never],
  ['udpCombinedTargets', enc.udpCombinedTargets as never],
  ['megviiHeatmaps', enc.megviiHeatmaps as never],
  ['scaleAdaptiveSigma', enc.scaleAdaptiveSigma as never],
  ['keypointBoxes', enc.keypointBoxes as never],
  ['modulateTarget', enc.modulateTarget as never],
];

describe('encoders on garbage', () => {
  for (const [name, fn] of fns) {
    it(`${name}: arbitrary arguments throw only TypeError/RangeError, and never return NaN`, () => {
      fc.assert(
        fc.property(fc.array(argArb, { maxLength: 5 }), (args) => callsSafely(fn, args)),
        { numRuns: 150 },
      );
    });
  }

  it('well-shaped inputs with random float values (NaN, ±Infinity, huge) throw RangeError or return finite maps', () => {
    const val = fc.oneof(fc.double(), fc.constantFrom(NaN, Infinity, -Infinity, 1e300, -1e300));
    fc.assert(
      fc.property(fc.array(val, { minLength: 4, maxLength: 4 }), fc.array(val, { minLength: 2, maxLength: 2 }), val, (k, v, s) => {
        const kp = ndarray(Float64Array.from(k), [1, 2, 2]);
        const vs = ndarray(Float64Array.from(v), [1, 2]);
        for (const [, fn] of fns.slice(0, 4)) callsSafely(fn, [[8, 6], kp, vs, s]);
        callsSafely(enc.megviiHeatmaps as never, [[8, 6], kp, vs, 5]);
        callsSafely(enc.modulateTarget as never, [ndarray(Float64Array.from(k), [1, 2, 2]), ndarray(Float64Array.from([...v, ...v]), [1, 2, 2]), { order: s > 0 ? 'exact' : 2 }]);
      }),
      { numRuns: 300 },
    );
  });
});
