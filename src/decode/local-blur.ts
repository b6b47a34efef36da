/**
 * Zero-border Gaussian blur evaluated only on a small grid of points.
 *
 * DARK needs the blurred map at 13 points around the maximum (centre, ±1 and
 * ±2 on each axis, the four diagonals) and DARK-UDP at the 3×3 neighbourhood;
 * blurring whole maps for that is ~40× more work (spec `gpu.md`, "Algorithm").
 * For a grid `ys × xs` this runs the row filter once per (row, column) over the
 * rows the column filter needs, then the column filter per grid point:
 * O((ny + k)·nx·k + ny·nx·k) instead of O(H·W·k). Equal to
 * {@link convolvePlane} with `'zero'` border at those points.
 */
import type { Plane } from '../core/types.js';

/**
 * Zero-border row filter at column `x` for rows `r0 … r0 + n − 1`:
 * `out[at + t] = Σ_q kernel[q]·plane(r0 + t, x − r + q)`, taps and rows
 * outside the plane counting as 0. Shared by both grid evaluators.
 */
function clippedRowFilter(plane: Plane, kernel: Float64Array, x: number, r0: number, n: number, out: Float64Array, at: number): void {
  const { data, offset, sH, sW, H, W } = plane;
  const k = kernel.length;
  const r = (k - 1) >> 1;
  const i0 = Math.max(0, r - x);
  const i1 = Math.min(k, W - x + r);
  for (let t = 0; t < n; t++) {
    const row = r0 + t;
    let acc = 0;
    if (row >= 0 && row < H) {
      const base = offset + row * sH + (x - r) * sW;
      for (let q = i0; q < i1; q++) acc += kernel[q] * data[base + q * sW];
    }
    out[at + t] = acc;
  }
}

/** Evaluates the blur of a plane on `ys × xs` (row-major into `out`). Reuses its scratch between calls. */
export type GridBlur = (plane: Plane, ys: ArrayLike<number>, xs: ArrayLike<number>, out: Float64Array) => void;

/** Make a grid evaluator for `kernel` (odd length) and grids of at most `maxY × maxX` points spanning ≤ `maxSpan` rows. */
export function createGridBlur(kernel: Float64Array, maxX: number, maxSpan: number): GridBlur {
  const k = kernel.length;
  const r = (k - 1) >> 1;
  const rowsCap = maxSpan + 2 * r;
  const R = new Float64Array(maxX * rowsCap);
  return (plane, ys, xs, out) => {
    let yMin = Infinity;
    let yMax = -Infinity;
    for (let j = 0; j < ys.length; j++) {
      if (ys[j] < yMin) yMin = ys[j];
      if (ys[j] > yMax) yMax = ys[j];
    }
    const r0 = yMin - r;
    const nRows = yMax - yMin + 1 + 2 * r;
    const nx = xs.length;
    // Row filter at column xs[i] for rows r0 .. r0 + nRows − 1 (0 outside the plane).
    for (let i = 0; i < nx; i++) clippedRowFilter(plane, kernel, xs[i], r0, nRows, R, i * nRows);
    // Column filter at each grid point.
    for (let j = 0; j < ys.length; j++) {
      const t0 = ys[j] - r - r0;
      for (let i = 0; i < nx; i++) {
        const col = i * nRows + t0;
        let acc = 0;
        for (let q = 0; q < k; q++) acc += kernel[q] * R[col + q];
        out[j * nx + i] = acc;
      }
    }
  };
}

/**
 * Zero-border blur at exactly the 13 points of DARK's stencil around (x, y):
 * `out[(dy+2)·5 + dx+2]` for (dx, dy) in {(0,0), (±1,0), (±2,0), (0,±1),
 * (0,±2), (±1,±1)}; the other 12 entries of the 5×5 `out` are left as they
 * are. Row filters are shared per column: 15 rows for column x, 13 for x±1,
 * 11 for x±2 — 63·k + 13·k multiply-adds, about 836 for k = 11. Points whose
 * whole k×k support lies inside the plane take a path without bounds tests.
 */
export type StencilBlur = (plane: Plane, x: number, y: number, out: Float64Array) => void;

// Per stencil column (dx = 0, −1, 1, −2, 2): its first dy and its number of points (dy consecutive).
const COL_DX = [0, -1, 1, -2, 2];
const COL_DY0 = [-2, -1, -1, 0, 0];
const COL_NDY = [5, 3, 3, 1, 1];

/**
 * `rows[t] = Σ_q kernel[q]·data[base + t·sH + q·sW]` for t < n, no bounds tests,
 * for a symmetric kernel (every cv2 Gaussian is): taps q and k−1−q share one
 * multiply, and two accumulators halve the chain of dependent adds. The same
 * order for every stride, so NCHW and NHWC views agree bit for bit.
 */
function rowDots(data: ArrayLike<number>, base: number, sH: number, sW: number, n: number, kernel: Float64Array, rows: Float64Array): void {
  const k = kernel.length;
  const r = (k - 1) >> 1;
  const kc = kernel[r];
  for (let t = 0; t < n; t++, base += sH) {
    // The kernel is symmetric: pair tap q with tap k−1−q (r + 1 multiplies instead of k), two chains.
    let a0 = kc * data[base + r * sW];
    let a1 = 0;
    let q = 0;
    let lo = base;
    let hi = base + (k - 1) * sW;
    for (; q + 1 < r; q += 2, lo += 2 * sW, hi -= 2 * sW) {
      a0 += kernel[q] * (data[lo] + data[hi]);
      a1 += kernel[q + 1] * (data[lo + sW] + data[hi - sW]);
    }
    if (q < r) a0 += kernel[q] * (data[lo] + data[hi]);
    rows[t] = a0 + a1;
  }
}

/** Make a {@link StencilBlur} for `kernel` (odd length). */
export function createStencilBlur(kernel: Float64Array): StencilBlur {
  const k = kernel.length;
  const r = (k - 1) >> 1;
  const rows = new Float64Array(k + 4);
  return (plane, x, y, out) => {
    const { data, offset, sH, sW, H, W } = plane;
    const inside = x - 2 - r >= 0 && x + 2 + r < W && y - 2 - r >= 0 && y + 2 + r < H;
    for (let c = 0; c < 5; c++) {
      const dx = COL_DX[c];
      const dyMin = COL_DY0[c];
      const ndy = COL_NDY[c];
      const cx = x + dx;
      const n = ndy - 1 + k;
      const r0 = y + dyMin - r;
      if (inside) {
        rowDots(data, offset + r0 * sH + (cx - r) * sW, sH, sW, n, kernel, rows);
      } else {
        clippedRowFilter(plane, kernel, cx, r0, n, rows, 0);
      }
      for (let j = 0; j < ndy; j++) {
        let acc = 0;
        for (let q = 0; q < k; q++) acc += kernel[q] * rows[j + q];
        out[(dyMin + j + 2) * 5 + dx + 2] = acc;
      }
    }
  };
}
