/** Shared pieces of the arbitraries: integer and real ranges, and one-line case descriptions. */
import * as fc from 'fast-check';
/** An inclusive integer range `[min, max]`, or one fixed value. */
export type IntRange = number | readonly [number, number];
/** An inclusive real range `[min, max]`, or one fixed value. */
export type RealRange = number | readonly [number, number];

export function intArb(r: IntRange): fc.Arbitrary<number> {
  return typeof r === 'number' ? fc.constant(r) : fc.integer({ min: r[0], max: r[1] });
}
/**
 * A real in `[min, max]` (or the fixed value): mostly uniform on a 2⁻²⁰ grid
 * of the range (fast-check's own doubles crowd at the bounds when runs are
 * few), sometimes a biased double that favours the bounds and round values.
 * Shrinks towards `min`.
 */
export function real(r: RealRange): fc.Arbitrary<number> {
  if (typeof r === 'number') return fc.constant(r);
  const [lo, hi] = r;
  if (lo === hi) return fc.constant(lo);
  const uniform = fc.noBias(fc.integer({ min: 0, max: 2 ** 20 })).map((i) => (i === 2 ** 20 ? hi : lo + ((hi - lo) * i) / 2 ** 20));
  const edgy = fc.double({ min: lo, max: hi, noNaN: true, noDefaultInfinity: true }).map((v) => (Object.is(v, -0) ? 0 : v));
  return fc.oneof({ arbitrary: uniform, weight: 5 }, { arbitrary: edgy, weight: 1 });
}
export const realArb = real;
export function describeArb<T extends object>(value: T, text: string): T {
  Object.defineProperty(value, fc.toStringMethod, { value: () => text, enumerable: false, configurable: true });
  return value;
}
