/**
 * Round-trip error summary: decoded keypoints against the true ones, in input
 * pixels, per axis and as L2 distance.
 */

/** Errors of one encoder/decoder pair on one set of points (input px). */
export interface ErrorSummary {
  /** Points compared. */
  n: number;
  /** Points whose decode was not finite (excluded from the statistics). */
  failed: number;
  meanAbsX: number;
  meanAbsY: number;
  maxAbsX: number;
  maxAbsY: number;
  meanL2: number;
  maxL2: number;
  /** Mean signed error per axis (bias), input px. */
  biasX: number;
  biasY: number;
}

/**
 * Compare decoded heatmap-px keypoints with the truth.
 * @param truth flat `[x, y, …]` input px
 * @param decoded flat `[x, y, …]` heatmap px (same order)
 * @param hmToInput `[sx, sy]` with `x_in = x_hm·sx` (the encoder's geometry)
 */
export function roundTripErrors(truth: Float64Array, decoded: ArrayLike<number>, hmToInput: [number, number]): ErrorSummary {
  const [sx, sy] = hmToInput;
  let n = 0;
  let failed = 0;
  let ax = 0, ay = 0, mx = 0, my = 0, l2 = 0, ml2 = 0, bx = 0, by = 0;
  for (let i = 0; i < truth.length; i += 2) {
    const ex = decoded[i] * sx - truth[i];
    const ey = decoded[i + 1] * sy - truth[i + 1];
    if (!Number.isFinite(ex) || !Number.isFinite(ey)) {
      failed++;
      continue;
    }
    n++;
    const d = Math.hypot(ex, ey);
    ax += Math.abs(ex);
    ay += Math.abs(ey);
    bx += ex;
    by += ey;
    l2 += d;
    if (Math.abs(ex) > mx) mx = Math.abs(ex);
    if (Math.abs(ey) > my) my = Math.abs(ey);
    if (d > ml2) ml2 = d;
  }
  const m = (v: number) => (n > 0 ? v / n : NaN);
  return {
    n: n + failed,
    failed,
    meanAbsX: m(ax),
    meanAbsY: m(ay),
    maxAbsX: n > 0 ? mx : NaN,
    maxAbsY: n > 0 ? my : NaN,
    meanL2: m(l2),
    maxL2: n > 0 ? ml2 : NaN,
    biasX: m(bx),
    biasY: m(by),
  };
}
