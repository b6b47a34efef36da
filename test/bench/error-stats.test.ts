import { describe, it, expect } from 'vitest';
import { roundTripErrors } from '../../bench/workload/error-stats.js';

describe('roundTripErrors', () => {
  it('measures per-axis, L2 and signed errors in input px through the geometry scale', () => {
    const truth = Float64Array.from([4, 8, 10, 20]);
    // decoded in heatmap px with stride 4: (1.5, 2) → (6, 8); (2.5, 4.25) → (10, 17)
    const e = roundTripErrors(truth, [1.5, 2, 2.5, 4.25], [4, 4]);
    expect(e.n).toBe(2);
    expect(e.failed).toBe(0);
    expect(e.meanAbsX).toBe(1);
    expect(e.meanAbsY).toBe(1.5);
    expect(e.maxAbsX).toBe(2);
    expect(e.maxAbsY).toBe(3);
    expect(e.meanL2).toBe(2.5);
    expect(e.maxL2).toBe(3);
    expect(e.biasX).toBe(1);
    expect(e.biasY).toBe(-1.5);
  });
  it('counts non-finite decodes as failed instead of averaging them', () => {
    const e = roundTripErrors(Float64Array.from([0, 0, 1, 1]), [NaN, 0, 1, 1], [1, 1]);
    expect(e.failed).toBe(1);
    expect(e.meanL2).toBe(0);
  });
});
