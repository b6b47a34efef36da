import { describe, expect, it } from 'vitest';
import ndarray from 'ndarray';
import { aggregateHeatmaps } from '../../src/decode/index.js';

describe('aggregateHeatmaps', () => {
  it('averages maps of equal size', () => {
    const a = ndarray(Float32Array.from([1, 2, 3, 4]), [1, 2, 2]);
    const b = ndarray(Float32Array.from([3, 2, 1, 0]), [1, 2, 2]);
    expect(Array.from(aggregateHeatmaps([a, b]).data)).toEqual([2, 2, 2, 2]);
  });

  it('uses maps already at the target size as they are: one +∞ stays where it is instead of spreading NaN', () => {
    const a = ndarray(Float32Array.from([1, Infinity, 3, 4]), [1, 2, 2]);
    const b = ndarray(Float32Array.from([1, 1, 1]), [1, 1, 3]);
    expect(Array.from(aggregateHeatmaps([a]).data)).toEqual([1, Infinity, 3, 4]);
    const out = aggregateHeatmaps([a, a], { size: [2, 2] });
    expect(Array.from(out.data)).toEqual([1, Infinity, 3, 4]);
    expect(Array.from(aggregateHeatmaps([b, b], { size: [3, 1] }).data)).toEqual([1, 1, 1]);
  });

  it('resizes bilinearly with torch semantics (align_corners false and true)', () => {
    const ramp = ndarray(Float32Array.from([0, 1]), [1, 1, 2]);
    // align_corners=False, 2 → 4: src = (o + 0.5)/2 − 0.5 = [−0.25→0, 0.25, 0.75, 1.25→clamped]
    expect(Array.from(aggregateHeatmaps([ramp], { size: [4, 1] }).data)).toEqual([0, 0.25, 0.75, 1]);
    // align_corners=True, 2 → 3: src = o·(1/2) = [0, 0.5, 1]
    expect(Array.from(aggregateHeatmaps([ramp], { size: [3, 1], alignCorners: true }).data)).toEqual([0, 0.5, 1]);
  });

  it('rejects empty lists, mismatched channels and bad sizes', () => {
    const a = ndarray(new Float32Array(4), [1, 2, 2]);
    expect(() => aggregateHeatmaps([])).toThrow(TypeError);
    expect(() => aggregateHeatmaps([a, ndarray(new Float32Array(8), [2, 2, 2])])).toThrow(/heatmapsList\[1\]/);
    expect(() => aggregateHeatmaps([a], { size: [0, 2] })).toThrow(RangeError);
  });
});
