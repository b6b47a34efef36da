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
import type { Plane } from '../core/convolve.js';

/** Evaluates the blur of a plane on `ys × xs` (row-major into `out`). Reuses its scratch between calls. */
export type GridBlur = (plane: Plane, ys: ArrayLike<number>, xs: ArrayLike<number>, out: Float64Array) => void;

/** Make a grid evaluator for `kernel` (odd length) and grids of at most `maxY × maxX` points spanning ≤ `maxSpan` rows. */
export function createGridBlur(kernel: Float64Array, maxX: number, maxSpan: number): GridBlur {
  const k = kernel.length;
  const r = (k - 1) >> 1;
  const rowsCap = maxSpan + 2 * r;
  const R = new Float64Array(maxX * rowsCap);
  return (plane, ys, xs, out) => {
    const { data, offset, sH, sW, H, W } = plane;
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
    for (let i = 0; i < nx; i++) {
      const x = xs[i];
      const i0 = Math.max(0, r - x);
      const i1 = Math.min(k, W - x + r);
      for (let t = 0; t < nRows; t++) {
        const row = r0 + t;
        let acc = 0;
        if (row >= 0 && row < H) {
          const base = offset + row * sH + (x - r) * sW;
          for (let q = i0; q < i1; q++) acc += kernel[q] * data[base + q * sW];
        }
        R[i * nRows + t] = acc;
      }
    }
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
 * 11 for x±2 — 63·k + 13·k multiply-adds, about 836 for k = 11.
 */
export type StencilBlur = (plane: Plane, x: number, y: number, out: Float64Array) => void;

/** Make a {@link StencilBlur} for `kernel` (odd length). */
export function createStencilBlur(kernel: Float64Array): StencilBlur {
  const k = kernel.length;
  const r = (k - 1) >> 1;
  const rows = new Float64Array(k + 4);
  // For each column offset dx: the row offsets dy of the stencil points in that column.
  const columns: [number, number[]][] = [
    [0, [-2, -1, 0, 1, 2]],
    [-1, [-1, 0, 1]],
    [1, [-1, 0, 1]],
    [-2, [0]],
    [2, [0]],
  ];
  return (plane, x, y, out) => {
    const { data, offset, sH, sW, H, W } = plane;
    for (const [dx, dys] of columns) {
      const cx = x + dx;
      const i0 = Math.max(0, r - cx);
      const i1 = Math.min(k, W - cx + r);
      const dyMin = dys[0];
      const n = dys[dys.length - 1] - dyMin + k;
      const r0 = y + dyMin - r;
      for (let t = 0; t < n; t++) {
        const row = r0 + t;
        let acc = 0;
        if (row >= 0 && row < H) {
          const base = offset + row * sH + (cx - r) * sW;
          for (let q = i0; q < i1; q++) acc += kernel[q] * data[base + q * sW];
        }
        rows[t] = acc;
      }
      for (const dy of dys) {
        const t0 = dy - dyMin;
        let acc = 0;
        for (let q = 0; q < k; q++) acc += kernel[q] * rows[t0 + q];
        out[(dy + 2) * 5 + dx + 2] = acc;
      }
    }
  };
}
