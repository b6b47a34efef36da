import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import { samplePoints, scalePoints } from '../../bench/workload/sample-points.js';
import { createPrng } from '../../src/core/prng.js';

describe('samplePoints', () => {
  it('interior points lie in the central 80 % of the crop', () => {
    fc.assert(
      fc.property(fc.integer(), (seed) => {
        const p = samplePoints(createPrng(seed), 100, [192, 256], 'interior');
        for (let i = 0; i < p.length; i += 2) {
          expect(p[i]).toBeGreaterThanOrEqual(19.2);
          expect(p[i]).toBeLessThanOrEqual(172.8);
          expect(p[i + 1]).toBeGreaterThanOrEqual(25.6);
          expect(p[i + 1]).toBeLessThanOrEqual(230.4);
        }
      }),
      { numRuns: 20 },
    );
  });
  it('border points lie inside the crop and within the band of an edge', () => {
    fc.assert(
      fc.property(fc.integer(), fc.double({ min: 1, max: 20, noNaN: true }), (seed, band) => {
        const p = samplePoints(createPrng(seed), 100, [192, 256], 'border', band);
        for (let i = 0; i < p.length; i += 2) {
          const [x, y] = [p[i], p[i + 1]];
          expect(x >= 0 && x <= 191 && y >= 0 && y <= 255).toBe(true);
          expect(x < band || x > 191 - band || y < band || y > 255 - band).toBe(true);
        }
      }),
      { numRuns: 20 },
    );
  });
  it('rejects a band that leaves no interior', () => {
    expect(() => samplePoints(createPrng(1), 1, [10, 10], 'border', 6)).toThrow(RangeError);
  });
  it('scalePoints scales each axis', () => {
    expect(Array.from(scalePoints(Float64Array.from([4, 8]), [0.25, 0.5]))).toEqual([1, 4]);
  });
});
