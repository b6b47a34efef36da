import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import ndarray from 'ndarray';
import { nearbyJointsNms } from '../../src/decode/index.js';

const K = 6;
/** A pose: K joints on a line from (x, y), 10 px apart, plus a per-joint offset. */
function pose(x: number, y: number, jitter = 0) {
  return ndarray(Float64Array.from({ length: 2 * K }, (_, i) => (i % 2 === 0 ? x + 10 * (i >> 1) + jitter : y + jitter)), [K, 2]);
}

describe('nearbyJointsNms', () => {
  it('suppresses near-duplicates of a higher-scoring pose and keeps distinct poses in visit order', () => {
    const inst = [
      { keypoints: pose(0, 0), score: 0.5 },
      { keypoints: pose(0, 0, 0.5), score: 0.9 },
      { keypoints: pose(200, 0), score: 0.7 },
    ];
    expect(nearbyJointsNms(inst, { distThreshold: 0.05 })).toEqual([1, 2]);
  });

  it('scorePerJoint ranks by the mean of the per-joint scores; maxDets keeps the best, descending', () => {
    const inst = [0, 1, 2, 3].map((i) => ({ keypoints: pose(100 * i, 0), score: Float64Array.from({ length: K }, (_, k) => (i === 2 ? 0.9 : 0.1 * (i + 1)) + k * 0.001) }));
    expect(nearbyJointsNms(inst, { scorePerJoint: true, maxDets: 0 })).toEqual([2, 3, 1, 0]);
    expect(nearbyJointsNms(inst, { scorePerJoint: true, maxDets: 2 })).toEqual([2, 3]);
  });

  it('law: permuting the instances permutes the kept indices (distinct scores)', () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.integer({ min: 0, max: 4 }), fc.double({ min: 0, max: 1, noNaN: true })), { minLength: 1, maxLength: 8 }), fc.integer(), (spec, seed) => {
        const inst = spec.map(([cell, s], i) => ({ keypoints: pose(cell * 100, 0, (i % 3) * 0.2), score: s + i * 1e-9 }));
        const perm = inst.map((_, i) => i).sort((a, b) => Math.sin(a * 7 + seed) - Math.sin(b * 7 + seed));
        const a = nearbyJointsNms(inst, { maxDets: 0 }).sort();
        const b = nearbyJointsNms(perm.map((i) => inst[i]), { maxDets: 0 }).map((j) => perm[j]).sort();
        expect(b).toEqual(a);
      }),
      { numRuns: 60 },
    );
  });

  it('an empty list keeps nothing', () => {
    expect(nearbyJointsNms([])).toEqual([]);
  });

  const ok = [{ keypoints: pose(0, 0), score: 1 }];
  it.each([
    ['distThreshold 0', () => nearbyJointsNms(ok, { distThreshold: 0 }), RangeError, /distThreshold/],
    ['numNearbyJoints ≥ K', () => nearbyJointsNms(ok, { numNearbyJoints: K }), RangeError, /numNearbyJoints/],
    ['fractional maxDets', () => nearbyJointsNms(ok, { maxDets: 1.5 }), RangeError, /maxDets/],
    ['a non-array', () => nearbyJointsNms(5 as never), TypeError, /instances/],
    ['a null instance', () => nearbyJointsNms([null as never]), TypeError, /instances\[0\]/],
    ['mixed K', () => nearbyJointsNms([...ok, { keypoints: ndarray(new Float64Array(4), [2, 2]), score: 1 }]), RangeError, /instances\[1\]\.keypoints/],
    ['NaN keypoint', () => nearbyJointsNms([{ keypoints: ndarray(Float64Array.from([NaN, 0, 1, 1]), [2, 2]), score: 1 }]), RangeError, /instances\[0\]\.keypoints/],
    ['NaN score', () => nearbyJointsNms([{ keypoints: pose(0, 0), score: NaN }]), RangeError, /instances\[0\]\.score/],
    ['per-joint score of the wrong length', () => nearbyJointsNms([{ keypoints: pose(0, 0), score: [1, 2] }], { scorePerJoint: true }), RangeError, /instances\[0\]\.score/],
    ['scalar score with scorePerJoint', () => nearbyJointsNms(ok, { scorePerJoint: true }), TypeError, /instances\[0\]\.score/],
  ])('rejects %s', (_n, fn, cls, msg) => {
    expect(fn).toThrow(cls);
    expect(fn).toThrow(msg);
  });
});
