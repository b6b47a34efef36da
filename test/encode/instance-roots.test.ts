import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import ndarray from 'ndarray';
import { instanceRoots } from '../../src/encode/index.js';

const kp = ndarray(Float32Array.from([0, 0, 4, 2, 8, 10, /* person 1 */ 1, 1, 2, 2, 3, 3]), [2, 3, 2]);

describe('instanceRoots', () => {
  it('kpt_center: mean of the keypoints with visible > 0; bbox_center: centre of their box', () => {
    const vis = ndarray(Float32Array.from([1, 0.3, 0, 0, 0, 0]), [2, 3]);
    const a = instanceRoots(kp, vis);
    expect(Array.from(a.roots.data)).toEqual([2, 1, 0, 0]);
    expect(Array.from(a.visible.data)).toEqual([1, 0]);
    const b = instanceRoots(kp, undefined, { rootType: 'bbox_center' });
    expect(Array.from(b.roots.data)).toEqual([4, 5, 2, 2]);
    expect(Array.from(b.visible.data)).toEqual([1, 1]);
  });

  it('law: translating the keypoints translates the roots (both root types, float64 input)', () => {
    fc.assert(
      fc.property(fc.array(fc.double({ min: -100, max: 100, noNaN: true }), { minLength: 8, maxLength: 8 }), fc.integer({ min: -50, max: 50 }), fc.constantFrom('kpt_center', 'bbox_center'), (v, t, rootType) => {
        const a = ndarray(Float64Array.from(v.map((x) => Math.round(x * 8) / 8)), [2, 2, 2]);
        const b = ndarray(a.data.map((x) => x + t), [2, 2, 2]);
        const ra = instanceRoots(a, null, { rootType: rootType as 'kpt_center' }).roots.data;
        const rb = instanceRoots(b, null, { rootType: rootType as 'kpt_center' }).roots.data;
        rb.forEach((x, i) => expect(x).toBeCloseTo(ra[i] + t, 4));
      }),
      { numRuns: 50 },
    );
  });

  it('law: permuting instances permutes roots; inputs are not mutated', () => {
    const swapped = ndarray(Float32Array.from([...kp.data.subarray(6), ...kp.data.subarray(0, 6)]), [2, 3, 2]);
    const before = Array.from(kp.data);
    const a = instanceRoots(kp).roots.data;
    const b = instanceRoots(swapped).roots.data;
    expect(Array.from(b)).toEqual([a[2], a[3], a[0], a[1]]);
    expect(Array.from(kp.data)).toEqual(before);
  });

  it.each([
    ['bad rootType', () => instanceRoots(kp, undefined, { rootType: 'centre' as never }), RangeError, /rootType/],
    ['visible of another shape', () => instanceRoots(kp, ndarray(new Float32Array(4), [2, 2])), RangeError, /visible/],
    ['rank-2 keypoints', () => instanceRoots(ndarray(new Float32Array(4), [2, 2])), TypeError, /keypoints/],
    ['NaN visible keypoint', () => instanceRoots(ndarray(Float32Array.from([NaN, 0]), [1, 1, 2])), RangeError, /keypoints\[0\]\[0\]/],
  ])('rejects %s', (_n, fn, cls, msg) => {
    expect(fn).toThrow(cls);
    expect(fn).toThrow(msg);
  });
});
