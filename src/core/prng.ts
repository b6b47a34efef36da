/**
 * Seeded pseudo-random numbers for reproducible benchmarks.
 *
 * mulberry32 (Tommy Ettinger, public domain): a 32-bit state, period 2³²,
 * good enough for sampling benchmark keypoints and noise; not for cryptography.
 * The same seed gives the same sequence on every platform (only 32-bit integer
 * arithmetic via `Math.imul`).
 */

/** A seeded generator: `next()` is uniform in [0, 1), `normal()` is N(0, 1). */
export interface Prng {
  /** Uniform in [0, 1). */
  next(): number;
  /** Uniform in [lo, hi). */
  uniform(lo: number, hi: number): number;
  /** Standard normal (Box–Muller, one value per call). */
  normal(): number;
}

/**
 * Create a mulberry32 generator from a 32-bit integer seed.
 * @param seed any integer (taken modulo 2³²)
 */
export function createPrng(seed: number): Prng {
  let a = seed >>> 0;
  const next = (): number => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return {
    next,
    uniform: (lo, hi) => lo + (hi - lo) * next(),
    normal: () => {
      // 1 − u ∈ (0, 1] keeps log finite.
      const u = 1 - next();
      const v = next();
      return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
    },
  };
}
