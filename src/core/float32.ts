/**
 * Float32 arithmetic for matching references that compute in float32
 * (numpy float32 arrays, OpenCV CV_32F): each helper is one IEEE float32
 * operation, exact (a float64 operation on float32 operands rounded once to
 * float32 is the correctly rounded float32 result for +, −, ×, ÷).
 * Say at the call site which reference line rounds there.
 */

/** float32 `a + b`. */
export function f32Sum(a: number, b: number): number {
  return Math.fround(Math.fround(a) + Math.fround(b));
}

/** float32 `a − b`. */
export function f32Difference(a: number, b: number): number {
  return Math.fround(Math.fround(a) - Math.fround(b));
}

/** float32 `a · b`. */
export function f32Product(a: number, b: number): number {
  return Math.fround(Math.fround(a) * Math.fround(b));
}

/** float32 `a / b`. */
export function f32Quotient(a: number, b: number): number {
  return Math.fround(Math.fround(a) / Math.fround(b));
}

/** float32 `log(a)` (numpy's float32 log is correctly rounded to within an ulp; this is the correctly rounded value). */
export function f32Log(a: number): number {
  return Math.fround(Math.log(Math.fround(a)));
}

/** The spacing of float32 numbers at |x| (one ulp): 2^(⌊log2 |x|⌋ − 23), at least the smallest subnormal. */
export function f32Ulp(x: number): number {
  const a = Math.abs(x);
  if (!(a >= 1.1754943508222875e-38)) return 1.401298464324817e-45;
  if (a === Infinity) return Infinity;
  return 2 ** (Math.floor(Math.log2(a)) - 23);
}
