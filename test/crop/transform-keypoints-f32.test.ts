import { describe, expect, it } from 'vitest';
import ndarray from 'ndarray';
import fc from 'fast-check';
import { transformKeypointsF32 } from '../../src/crop/index.js';
import { expectBadInputs } from './fixtures.js';

describe('transformKeypointsF32 (cv2.transform on float32 points)', () => {
  it('uses the diagonal kernel when the off-diagonal entries are ≤ FLT_EPSILON (they are ignored)', () => {
    const kp = ndarray(Float32Array.from([3, 4]), [1, 2]);
    const r = transformKeypointsF32(kp, [2, 1e-8, 1, -1e-8, 3, 2]);
    expect(Array.from(r.data)).toEqual([7, 14]);
  });

  it('law (invertible matrices: a singular one is rejected): within 1e-4 px of the double-precision affine for image-sized coordinates; float32 values out', () => {
    const v = fc.double({ min: -2000, max: 2000, noNaN: true });
    fc.assert(
      fc.property(fc.tuple(v, v), fc.oneof(fc.double({ min: -3, max: -0.01, noNaN: true }), fc.double({ min: 0.01, max: 3, noNaN: true })), fc.double({ min: -180, max: 180, noNaN: true }), ([x, y], s, deg) => {
        const t = (deg * Math.PI) / 180;
        const m: [number, number, number, number, number, number] = [s * Math.cos(t), -s * Math.sin(t), 15.5, s * Math.sin(t), s * Math.cos(t), -7.25];
        const r = transformKeypointsF32(ndarray(Float64Array.from([x, y]), [1, 1, 2]), m).data;
        const fx = Math.fround(x);
        const fy = Math.fround(y);
        expect(Math.abs(r[0] - (m[0] * fx + m[1] * fy + m[2]))).toBeLessThan(1e-3);
        expect(Math.abs(r[1] - (m[3] * fx + m[4] * fy + m[5]))).toBeLessThan(1e-3);
        expect(Math.fround(r[0])).toBe(r[0]);
      }),
      { numRuns: 200 },
    );
  });

  it('rejects bad input, naming the argument', () => {
    expectBadInputs([
      ['plain array', () => transformKeypointsF32([1, 2] as never, [1, 0, 0, 0, 1, 0]), TypeError, /keypoints/],
      ['last axis 1', () => transformKeypointsF32(ndarray(new Float32Array(3), [3, 1]), [1, 0, 0, 0, 1, 0]), RangeError, /keypoints/],
      ['last axis 2^25', () => transformKeypointsF32(ndarray(new Float32Array(0), [0, 2 ** 25]), [1, 0, 0, 0, 1, 0]), RangeError, /keypoints/],
      ['matrix "typo"', () => transformKeypointsF32(ndarray(new Float32Array(2), [1, 2]), 'typo' as never), TypeError, /matrix/],
      ['matrix null', () => transformKeypointsF32(ndarray(new Float32Array(2), [1, 2]), null as never), TypeError, /matrix/],
      ['matrix [1, 0, 0]', () => transformKeypointsF32(ndarray(new Float32Array(2), [1, 2]), [1, 0, 0] as never), TypeError, /matrix/],
      ['matrix NaN entry', () => transformKeypointsF32(ndarray(new Float32Array(2), [1, 2]), [NaN, 0, 0, 0, 1, 0]), RangeError, /matrix/],
      ['matrix singular', () => transformKeypointsF32(ndarray(new Float32Array(2), [1, 2]), [0, 0, 0, 0, 0, 0]), RangeError, /matrix/],
      ['matrix 1e308 entries', () => transformKeypointsF32(ndarray(new Float32Array(2), [1, 2]), [1e308, 0, 0, 0, 1e308, 0]), RangeError, /matrix/],
      ['matrix 5e-324 entries', () => transformKeypointsF32(ndarray(new Float32Array(2), [1, 2]), [5e-324, 0, 0, 0, 5e-324, 0]), RangeError, /matrix/],
      ['name 42', () => transformKeypointsF32(ndarray(new Float32Array(2), [1, 2]), [1, 0, 0, 0, 1, 0], 42 as never), TypeError, /name/],
    ]);
  });
});
