import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import ndarray from 'ndarray';
import { scaleAdaptiveSigma, cornernetRadius, keypointBoxes, msraHeatmaps } from '../../src/encode/index.js';
import { kps, vis } from './fixtures.js';

describe('scaleAdaptiveSigma', () => {
  it("'bbox' (HigherHRNet): σ = max(w, h)/256·2; intSigma = int(np.round(σ + 0.5)), numpy's half-to-even", () => {
    expect(Array.from(scaleAdaptiveSigma([[0, 0, 256, 100], [5, 5, 64, 128], [0, 0, 10, 10]]))).toEqual([2, 1, 10 / 128]);
    expect(Array.from(scaleAdaptiveSigma([[0, 0, 12, 64]], { baseSize: 64, baseSigma: 3 }))).toEqual([3]);
    // σ = 1, 2, 0.75, 1.5, 2.25 → np.round(1.5, 2.5, 1.25, 2.0, 2.75) = 2, 2, 1, 2, 3
    const boxes = [128, 256, 96, 192, 288].map((s) => [0, 0, s, 1]);
    expect(Array.from(scaleAdaptiveSigma(boxes, { intSigma: true }))).toEqual([2, 2, 1, 2, 3]);
  });

  it("'cornernet' (CID): min of the three roots / 3, rounded to float32 (values from CID's formula evaluated in Python)", () => {
    const s = scaleAdaptiveSigma(ndarray(Float64Array.from([0, 0, 10, 20, 1, 1, 48, 64, 0, 0, 3.5, 0]), [3, 4]), { rule: 'cornernet' });
    expect(Array.from(s)).toEqual([1.2259751558303833, 5.006209373474121, 0]);
    expect(cornernetRadius(10, 20, 0.7)).toBeCloseTo(3.6779253585061333, 12);
  });

  it('both rules are homogeneous of degree 1: scaling the box by λ scales σ by λ', () => {
    fc.assert(
      fc.property(fc.double({ min: 1, max: 500, noNaN: true }), fc.double({ min: 1, max: 500, noNaN: true }), fc.double({ min: 0.1, max: 10, noNaN: true }), (w, h, l) => {
        const a = scaleAdaptiveSigma([[0, 0, w, h]]);
        const b = scaleAdaptiveSigma([[0, 0, l * w, l * h]]);
        expect(b[0]).toBeCloseTo(l * a[0], 9);
        const r = cornernetRadius(w, h, 0.7);
        expect(cornernetRadius(l * w, l * h, 0.7)).toBeCloseTo(l * r, 6);
        expect(r).toBeGreaterThan(0);
        expect(r).toBeLessThanOrEqual(Math.min(w, h)); // a shift by min(w, h) would leave IoU < 0.7
      }),
      { numRuns: 100 },
    );
  });

  it('feeds the encoders directly (one σ per instance)', () => {
    const k = kps([[[10, 10]], [[30, 40]]]);
    const sig = scaleAdaptiveSigma(keypointBoxes(kps([[[0, 0], [30, 40]], [[0, 0], [60, 80]]]), vis([[1, 1], [1, 1]])), { rule: 'cornernet' });
    const r = msraHeatmaps([48, 64], k, vis([[1], [1]]), sig, { placement: 'floor' });
    expect(r.heatmaps.get(0, 10, 10)).toBe(1);
    expect(r.heatmaps.get(0, 40, 30)).toBe(1);
  });

  it('rejects bad input', () => {
    expect(() => scaleAdaptiveSigma('boxes' as never)).toThrow(TypeError);
    expect(() => scaleAdaptiveSigma(ndarray(new Float64Array(6), [2, 3]))).toThrow(/bboxes/);
    expect(() => scaleAdaptiveSigma([[0, 0, 1]])).toThrow(/bboxes\[0\]/);
    expect(() => scaleAdaptiveSigma([[0, 0, -1, 5]])).toThrow(RangeError);
    expect(() => scaleAdaptiveSigma([[0, 0, NaN, 5]])).toThrow(/bboxes\[0\] width/);
    expect(() => scaleAdaptiveSigma([[0, 0, 1, 5]], { rule: 'area' as never })).toThrow(/rule/);
    expect(() => scaleAdaptiveSigma([[0, 0, 1, 5]], { baseSize: 0 })).toThrow(/baseSize/);
    expect(() => scaleAdaptiveSigma([[0, 0, 1, 5]], { rule: 'cornernet', minOverlap: 1 })).toThrow(/minOverlap/);
    expect(() => scaleAdaptiveSigma([null] as never)).toThrow(TypeError);
  });
});

describe('keypointBoxes', () => {
  it('spans the keypoints with visible > 0 (CID); none visible → zeros; NaN invisible keypoints ignored', () => {
    const b = keypointBoxes(kps([[[1, 2], [5, 9], [NaN, NaN]], [[3, 3], [4, 4], [0, 0]]]), vis([[1, 0.2, 0], [0, 0, 0]]));
    expect(b.shape).toEqual([2, 4]);
    expect(Array.from(b.data)).toEqual([Math.fround(1), 2, 5 - Math.fround(1), 9 - 2, 0, 0, 0, 0]);
    expect(() => keypointBoxes(kps([[[NaN, 1]]]), vis([[1]]))).toThrow(/keypoints/);
    expect(() => keypointBoxes(kps([[[1, 1]]]), vis([[1, 1]]))).toThrow(RangeError);
  });
});
