/**
 * Summary statistics for benchmark samples (timings, errors).
 * All functions copy before sorting and never modify their input.
 */

/** Arithmetic mean; NaN for an empty sample. O(n). */
export function mean(xs: ArrayLike<number>): number {
  if (xs.length === 0) return NaN;
  let s = 0;
  for (let i = 0; i < xs.length; i++) s += xs[i];
  return s / xs.length;
}

/** Largest value; NaN for an empty sample or one holding NaN. O(n). */
export function max(xs: ArrayLike<number>): number {
  if (xs.length === 0) return NaN;
  let m = -Infinity;
  for (let i = 0; i < xs.length; i++) {
    if (Number.isNaN(xs[i])) return NaN;
    if (xs[i] > m) m = xs[i];
  }
  return m;
}

/**
 * Quantile with linear interpolation between order statistics (numpy's
 * default `linear` method, R type 7): position `q·(n−1)` in the sorted sample.
 * NaN for an empty sample. O(n log n).
 * @param q in [0, 1]
 */
export function quantile(xs: ArrayLike<number>, q: number): number {
  if (!(q >= 0 && q <= 1)) throw new RangeError(`q must be in [0, 1], got ${q}`);
  if (xs.length === 0) return NaN;
  const s = Float64Array.from(xs).sort();
  const pos = q * (s.length - 1);
  const lo = Math.floor(pos);
  const hi = Math.ceil(pos);
  return s[lo] + (s[hi] - s[lo]) * (pos - lo);
}

/** Median (the 0.5 quantile, mean of the two middle values for even n). */
export function median(xs: ArrayLike<number>): number {
  return quantile(xs, 0.5);
}

/** Interquartile range `Q3 − Q1` (linear quantiles), the spread reported beside a median. */
export function iqr(xs: ArrayLike<number>): number {
  return quantile(xs, 0.75) - quantile(xs, 0.25);
}
