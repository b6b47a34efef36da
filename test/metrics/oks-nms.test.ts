/** Laws of OKS-NMS and soft OKS-NMS (mmpose nms.py semantics) and their argument checks. */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { oksNms, softOksNms } from '../../src/metrics/index.js';

const K = 17;
const instances = fc.array(
  fc.record({
    keypoints: fc.array(fc.double({ min: 0, max: 200, noNaN: true }), { minLength: 3 * K, maxLength: 3 * K }),
    score: fc.double({ min: 0, max: 1, noNaN: true }),
    area: fc.double({ min: 100, max: 40000, noNaN: true }),
  }),
  { minLength: 0, maxLength: 12 },
);

describe('oksNms / softOksNms', () => {
  it('kept indices are distinct, valid, start with the best score, and threshold 1 keeps everyone', () => {
    fc.assert(
      fc.property(instances, fc.double({ min: 0.1, max: 0.99, noNaN: true }), (inst, thr) => {
        const keep = oksNms(inst, thr);
        expect(new Set(keep).size).toBe(keep.length);
        keep.forEach((i) => expect(i >= 0 && i < inst.length).toBe(true));
        if (inst.length) expect(inst[keep[0]].score).toBe(Math.max(...inst.map((x) => x.score)));
        expect(oksNms(inst, 1).length).toBe(inst.length);
      }),
    );
  });
  it('an exact duplicate is suppressed by hard NMS; soft NMS keeps at most maxDets', () => {
    const kp = Array.from({ length: 3 * K }, (_, i) => (i % 3 === 2 ? 1 : 50 + i));
    const inst = [
      { keypoints: kp, score: 0.9, area: 5000 },
      { keypoints: kp.slice(), score: 0.8, area: 5000 },
      { keypoints: kp.map((v, i) => (i % 3 === 2 ? v : v + 300)), score: 0.7, area: 5000 },
    ];
    expect(oksNms(inst, 0.9)).toEqual([0, 2]);
    expect(softOksNms(inst, 0.3)).toEqual([0, 2, 1]);
    expect(softOksNms(inst, 0.3, { maxDets: 2 })).toHaveLength(2);
    expect(oksNms(inst, 0.9, { visThreshold: 2 })).toEqual([0, 1, 2]); // no keypoint passes: OKS 0
  });
  it('rejects bad arguments', () => {
    expect(() => oksNms('x' as never, 0.5)).toThrow(TypeError);
    expect(() => oksNms([{ keypoints: [1, 2, 3], score: Number.NaN, area: 1 }], 0.5)).toThrow(/score/);
    expect(() => oksNms([{ keypoints: [1, 2], score: 1, area: 1 }], 0.5)).toThrow(/keypoints/);
    expect(() => softOksNms([], 0)).toThrow(/threshold/);
  });
});
