import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import { createPrng } from '../../src/core/prng.js';

describe('createPrng', () => {
  it('same seed gives the same sequence (reproducible benchmarks)', () => {
    fc.assert(
      fc.property(fc.integer(), (seed) => {
        const a = createPrng(seed);
        const b = createPrng(seed);
        for (let i = 0; i < 20; i++) expect(a.next()).toBe(b.next());
      }),
      { numRuns: 50 },
    );
  });

  it('next() stays in [0, 1) and uniform(lo, hi) in [lo, hi)', () => {
    fc.assert(
      fc.property(fc.integer(), fc.double({ min: -1e3, max: 1e3, noNaN: true }), fc.double({ min: 1e-3, max: 1e3, noNaN: true }), (seed, lo, span) => {
        const r = createPrng(seed);
        for (let i = 0; i < 50; i++) {
          const u = r.next();
          expect(u).toBeGreaterThanOrEqual(0);
          expect(u).toBeLessThan(1);
          const v = r.uniform(lo, lo + span);
          expect(v).toBeGreaterThanOrEqual(lo);
          expect(v).toBeLessThanOrEqual(lo + span);
        }
      }),
      { numRuns: 30 },
    );
  });

  it('different seeds give different sequences', () => {
    expect(createPrng(1).next()).not.toBe(createPrng(2).next());
  });

  it('normal() has mean ≈ 0 and variance ≈ 1 (n = 20000, 5 standard errors)', () => {
    const r = createPrng(42);
    const n = 20000;
    let s = 0;
    let s2 = 0;
    for (let i = 0; i < n; i++) {
      const z = r.normal();
      expect(Number.isFinite(z)).toBe(true);
      s += z;
      s2 += z * z;
    }
    const mean = s / n;
    expect(Math.abs(mean)).toBeLessThan(5 / Math.sqrt(n));
    expect(Math.abs(s2 / n - mean * mean - 1)).toBeLessThan(5 * Math.sqrt(2 / n));
  });
});
