import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import ndarray from 'ndarray';
import { instanceBoxes, diagonalLengths } from '../../src/encode/index.js';

describe('instanceBoxes / diagonalLengths', () => {
  it('box of the visible keypoints (visible > 0), zeros without one; diagonal 0 for a single keypoint', () => {
    const kp = ndarray(Float32Array.from([1, 2, 5, 8, 3, 0, /* */ 4, 4, 9, 9, 1, 1]), [2, 3, 2]);
    const vis = ndarray(Float32Array.from([1, 2, 0.3, 0, 1, 0]), [2, 3]);
    expect(Array.from(instanceBoxes(kp, vis).data)).toEqual([1, 0, 5, 8, 9, 9, 9, 9]);
    expect(Array.from(diagonalLengths(kp, vis).data)).toEqual([Math.fround(Math.sqrt(80)), 0]);
    const none = ndarray(new Float32Array(6), [2, 3]);
    expect(Array.from(instanceBoxes(kp, none).data)).toEqual(new Array(8).fill(0));
  });

  it('float32 diagonal: a 4×4 box gives float32 √32, below float64 √32 (DEKR’s minimal length)', () => {
    const kp = ndarray(Float32Array.from([0, 0, 4, 4]), [1, 2, 2]);
    const d = diagonalLengths(kp).data[0];
    expect(d).toBe(Math.fround(Math.sqrt(32)));
    expect(d < Math.sqrt(32)).toBe(true);
  });

  it('law: translation moves boxes and keeps diagonals; permutation permutes', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: -64, max: 64 }), { minLength: 12, maxLength: 12 }), fc.integer({ min: -32, max: 32 }), (v, t) => {
        const a = ndarray(Float64Array.from(v), [2, 3, 2]);
        const b = ndarray(a.data.map((x) => x + t), [2, 3, 2]);
        expect(Array.from(instanceBoxes(b).data)).toEqual(Array.from(instanceBoxes(a).data, (x) => x + t));
        expect(Array.from(diagonalLengths(b).data)).toEqual(Array.from(diagonalLengths(a).data));
        const p = ndarray(Float64Array.from([...v.slice(6), ...v.slice(0, 6)]), [2, 3, 2]);
        expect(Array.from(diagonalLengths(p).data)).toEqual(Array.from(diagonalLengths(a).data).reverse());
      }),
      { numRuns: 50 },
    );
  });

  it.each([
    ['boxes: a plain array', () => instanceBoxes([1, 2] as never), TypeError, /keypoints/],
    ['boxes: visible of another shape', () => instanceBoxes(ndarray(new Float32Array(4), [1, 2, 2]), ndarray(new Float32Array(3), [1, 3])), RangeError, /visible/],
    ['diagonals: NaN visible keypoint', () => diagonalLengths(ndarray(Float32Array.from([0, NaN]), [1, 1, 2])), RangeError, /keypoints\[0\]\[0\]/],
    ['diagonals: last axis of length 1', () => diagonalLengths(ndarray(new Float32Array(2), [1, 2, 1])), RangeError, /keypoints/],
  ])('rejects %s', (_n, fn, cls, msg) => {
    expect(fn).toThrow(cls);
    expect(fn).toThrow(msg);
  });
});
