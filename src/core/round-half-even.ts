/**
 * Round half to even ("banker's rounding"): numpy `np.round` / `np.around`
 * with 0 decimals, Python 3 `round(x)`, OpenCV `cvRound` without its int32
 * saturation. `roundHalfEven(2.5) = 2`, `roundHalfEven(3.5) = 4`,
 * `roundHalfEven(-2.5) = -2`; NaN and ±Infinity are returned as they are,
 * the sign of zero as numpy keeps it (`-0.4 → -0`). Exact for every double:
 * `Math.round(x) − x` is computed without rounding (Sterbenz), so a tie is
 * only taken where `x` is exactly halfway. O(1).
 */
export function roundHalfEven(x: number): number {
  const r = Math.round(x); // half up (towards +∞)
  return r - x === 0.5 && r % 2 !== 0 ? r - 1 : r;
}
