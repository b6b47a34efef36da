/**
 * The Hungarian (Kuhn–Munkres) assignment, ported step for step from the
 * Python `munkres` package 1.1.4 (`munkres.py`, `Munkres.compute`, Brian
 * Clapper; after Kuhn 1955 and Munkres 1957), which mmpose's associative
 * embedding grouping calls. Every optimal assignment has the same cost, but
 * which one is returned depends on the order the algorithm visits zeros;
 * mmpose's rounded tag costs make ties common, so this port keeps that order
 * exactly (float64, exact `== 0` tests), including two quirks:
 * - `__find_a_zero` (`munkres.py`) does not stop at the first uncovered zero of
 *   a row: it keeps scanning the row cyclically from the start column and
 *   returns the **last** one it saw (rows are scanned cyclically from the
 *   start row, and the search ends after the first row holding one);
 * - step 6 first adds the minimum to covered rows, then subtracts it from
 *   uncovered columns (two roundings for covered-row, uncovered-column cells).
 *
 * Cost: O(n³) typical, n = max(rows, cols); bounded by an iteration cap
 * (a `RangeError` if ever exceeded, which a finite matrix never reaches).
 */

const SYS_MAXSIZE = 9223372036854775807; // Python sys.maxsize as a float: __find_smallest's start value

/**
 * Optimal assignment of a `rows × cols` cost matrix (row-major, finite
 * values), as `munkres.Munkres().compute(matrix)`: the matrix is padded with
 * zeros to `n × n`, and the result lists the starred cells `(i, j)` with
 * `i < rows`, `j < cols` in row order.
 *
 * @param cost row-major `rows × cols` costs (any finite numbers; not modified)
 * @returns `assignment[i]` = the column of row i, or −1 when row i is paired
 *   with a padding column (only when rows > cols)
 * @throws RangeError for a non-finite cost or a bad size
 */
export function munkres(cost: ArrayLike<number>, rows: number, cols: number): Int32Array {
  if (!Number.isSafeInteger(rows) || rows < 0 || !Number.isSafeInteger(cols) || cols < 0) {
    throw new RangeError(`munkres: rows and cols must be non-negative integers, got ${rows} × ${cols}`);
  }
  if (cost.length !== rows * cols) throw new RangeError(`munkres: cost must hold rows·cols = ${rows * cols} values, got ${cost.length}`);
  const out = new Int32Array(rows).fill(-1);
  if (rows === 0 || cols === 0) return out;
  const n = Math.max(rows, cols);
  if (n > 8192) throw new RangeError(`munkres: matrix side ${n} is over the limit of 8192`);
  const C = new Float64Array(n * n);
  for (let i = 0; i < rows; i++) {
    for (let j = 0; j < cols; j++) {
      const v = cost[i * cols + j];
      if (!Number.isFinite(v)) throw new RangeError(`munkres: cost[${i}][${j}] must be finite, got ${v}`);
      C[i * n + j] = v;
    }
  }
  const marked = new Uint8Array(n * n); // 0 none, 1 star, 2 prime
  const rowCov = new Uint8Array(n);
  const colCov = new Uint8Array(n);
  const path = new Int32Array(4 * n + 4);
  let z0r = 0;
  let z0c = 0;

  const clearCovers = (): void => {
    rowCov.fill(0);
    colCov.fill(0);
  };
  // __find_a_zero(i0, j0): the last uncovered zero (cyclic column order from j0) of the first row (cyclic from i0) that has one.
  const findAZero = (i0: number, j0: number): number => {
    let i = i0;
    do {
      if (!rowCov[i]) {
        const base = i * n;
        // scanning j0, j0+1, …, j0−1 and keeping the last hit = scanning backwards from j0−1 and keeping the first
        let j = j0;
        do {
          j = j === 0 ? n - 1 : j - 1;
          if (C[base + j] === 0 && !colCov[j]) return base + j;
        } while (j !== j0);
      }
      i = i + 1 === n ? 0 : i + 1;
    } while (i !== i0);
    return -1;
  };
  const findStarInRow = (r: number): number => {
    for (let j = 0; j < n; j++) if (marked[r * n + j] === 1) return j;
    return -1;
  };
  const findStarInCol = (c: number): number => {
    for (let i = 0; i < n; i++) if (marked[i * n + c] === 1) return i;
    return -1;
  };
  const findPrimeInRow = (r: number): number => {
    for (let j = 0; j < n; j++) if (marked[r * n + j] === 2) return j;
    return -1;
  };

  const step1 = (): number => {
    for (let i = 0; i < n; i++) {
      const base = i * n;
      let minval = C[base];
      for (let j = 1; j < n; j++) if (C[base + j] < minval) minval = C[base + j];
      for (let j = 0; j < n; j++) C[base + j] -= minval;
    }
    return 2;
  };
  const step2 = (): number => {
    for (let i = 0; i < n; i++) {
      for (let j = 0; j < n; j++) {
        if (C[i * n + j] === 0 && !colCov[j] && !rowCov[i]) {
          marked[i * n + j] = 1;
          colCov[j] = 1;
          rowCov[i] = 1;
          break;
        }
      }
    }
    clearCovers();
    return 3;
  };
  const step3 = (): number => {
    let count = 0;
    for (let i = 0; i < n; i++) {
      for (let j = 0; j < n; j++) {
        if (marked[i * n + j] === 1 && !colCov[j]) {
          colCov[j] = 1;
          count++;
        }
      }
    }
    return count >= n ? 7 : 4;
  };
  const step4 = (): number => {
    let row = 0;
    let col = 0;
    for (;;) {
      const z = findAZero(row, col);
      if (z < 0) return 6;
      row = (z / n) | 0;
      col = z - row * n;
      marked[z] = 2;
      const starCol = findStarInRow(row);
      if (starCol >= 0) {
        col = starCol;
        rowCov[row] = 1;
        colCov[col] = 0;
      } else {
        z0r = row;
        z0c = col;
        return 5;
      }
    }
  };
  const step5 = (): number => {
    let count = 0;
    path[0] = z0r;
    path[1] = z0c;
    for (;;) {
      const r = findStarInCol(path[2 * count + 1]);
      if (r < 0) break;
      count++;
      path[2 * count] = r;
      path[2 * count + 1] = path[2 * count - 1];
      const c = findPrimeInRow(path[2 * count]);
      count++;
      path[2 * count] = path[2 * count - 2];
      path[2 * count + 1] = c;
    }
    for (let i = 0; i <= count; i++) {
      const p = path[2 * i] * n + path[2 * i + 1];
      marked[p] = marked[p] === 1 ? 0 : 1;
    }
    clearCovers();
    for (let i = 0; i < n * n; i++) if (marked[i] === 2) marked[i] = 0;
    return 3;
  };
  const step6 = (): number => {
    let minval = SYS_MAXSIZE;
    for (let i = 0; i < n; i++) {
      if (rowCov[i]) continue;
      for (let j = 0; j < n; j++) if (!colCov[j] && minval > C[i * n + j]) minval = C[i * n + j];
    }
    let events = 0;
    for (let i = 0; i < n; i++) {
      for (let j = 0; j < n; j++) {
        if (rowCov[i]) {
          C[i * n + j] += minval;
          events++;
        }
        if (!colCov[j]) {
          C[i * n + j] -= minval;
          events++;
        }
        if (rowCov[i] && !colCov[j]) events -= 2;
      }
    }
    if (events === 0) throw new RangeError('munkres: matrix cannot be solved (munkres.UnsolvableMatrix)');
    return 4;
  };

  const steps = [step1, step1, step2, step3, step4, step5, step6];
  const cap = 64 * n * n * (n + 1) + 1024;
  let step = 1;
  for (let iter = 0; step <= 6; iter++) {
    if (iter > cap) throw new RangeError(`munkres: no solution after ${cap} steps (n = ${n})`);
    step = steps[step]();
  }
  for (let i = 0; i < rows; i++) {
    for (let j = 0; j < cols; j++) {
      if (marked[i * n + j] === 1) {
        out[i] = j;
        break;
      }
    }
  }
  return out;
}
