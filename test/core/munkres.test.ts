import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { munkres } from '../../src/core/munkres.js';

function bruteMin(c: number[], n: number, m: number): number {
  // minimum total cost over all injective row → column maps (rows ≤ cols) or column → row maps
  const rows = Array.from({ length: n }, (_, i) => i);
  let best = Infinity;
  const used = new Array(m).fill(false);
  const rec = (i: number, acc: number, assigned: number): void => {
    if (i === n) {
      if (assigned === Math.min(n, m)) best = Math.min(best, acc);
      return;
    }
    if (n - i > m - assigned) rec(i + 1, acc, assigned); // row left unassigned (only when rows > cols)
    for (let j = 0; j < m; j++)
      if (!used[j]) {
        used[j] = true;
        rec(i + 1, acc + c[rows[i] * m + j], assigned + 1);
        used[j] = false;
      }
  };
  rec(0, 0, 0);
  return best;
}

describe('munkres (munkres 1.1.4 port)', () => {
  it('solves the package documentation examples', () => {
    // cost 12 either way; munkres 1.1.4 itself returns [(0, 2), (1, 1), (2, 0)] (its README shows an older version's answer)
    expect(Array.from(munkres([5, 9, 1, 10, 3, 2, 8, 7, 4], 3, 3))).toEqual([2, 1, 0]);
    const a = munkres([400, 150, 400, 1, 400, 450, 600, 2, 300, 225, 300, 3], 3, 4);
    expect([400, 150, 400, 1, 400, 450, 600, 2, 300, 225, 300, 3][a[0]] + [400, 450, 600, 2][a[1]] + [300, 225, 300, 3][a[2]]).toBe(452);
  });

  it('keeps munkres 1.1.4 tie breaking: the step-2 stars are the first zero of each row in row order', () => {
    expect(Array.from(munkres([0, 0, 0, 0], 2, 2))).toEqual([0, 1]);
    expect(Array.from(munkres([1, 1, 1, 1, 1, 1, 1, 1, 1], 3, 3))).toEqual([0, 1, 2]);
  });

  it('tie breaking inside step 4: the last uncovered zero of the row is primed (cyclic scan from the start column)', () => {
    // Verified against the Python package: [[0,0,5],[0,0,5],[0,0,0]] → [(0,0),(1,1),(2,2)]
    expect(Array.from(munkres([0, 0, 5, 0, 0, 5, 0, 0, 0], 3, 3))).toEqual([0, 1, 2]);
    // [[1,0,0],[0,1,1],[0,1,1]] → [(0,1),(1,0),(2,2)]
    expect(Array.from(munkres([1, 0, 0, 0, 1, 1, 0, 1, 1], 3, 3))).toEqual([1, 0, 2]);
  });

  it('law: the assignment is optimal (brute force) on small tie-heavy matrices, rectangular included', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 5 }), fc.integer({ min: 1, max: 5 }), fc.array(fc.integer({ min: 0, max: 3 }), { minLength: 25, maxLength: 25 }), (n, m, vals) => {
        const c = Array.from({ length: n * m }, (_, i) => vals[i] * 100 - (i % 7) * 0.125);
        const a = munkres(c, n, m);
        const assigned = Array.from(a).filter((j) => j >= 0);
        expect(new Set(assigned).size).toBe(assigned.length);
        expect(assigned.length).toBe(Math.min(n, m));
        const total = Array.from(a).reduce((s, j, i) => s + (j >= 0 ? c[i * m + j] : 0), 0);
        expect(total).toBeCloseTo(bruteMin(c, n, m), 9);
      }),
      { numRuns: 150 },
    );
  });

  it('law: deterministic, and the caller’s matrix is not modified', () => {
    const c = [3, 1, 2, 1, 3, 2, 2, 2, 1];
    const copy = c.slice();
    expect(Array.from(munkres(c, 3, 3))).toEqual(Array.from(munkres(c, 3, 3)));
    expect(c).toEqual(copy);
  });

  it('bounded: a 300 × 300 matrix of random costs finishes', () => {
    let s = 1;
    const c = Array.from({ length: 300 * 300 }, () => ((s = (s * 16807) % 2147483647) % 5) * 100);
    const a = munkres(c, 300, 300);
    expect(new Set(a).size).toBe(300);
  });

  it.each([
    ['NaN cost', () => munkres([NaN], 1, 1), RangeError, /cost\[0\]\[0\]/],
    ['infinite cost', () => munkres([1, Infinity], 1, 2), RangeError, /cost\[0\]\[1\]/],
    ['wrong length', () => munkres([1, 2, 3], 2, 2), RangeError, /cost/],
    ['negative size', () => munkres([], -1, 0), RangeError, /rows/],
    ['huge size', () => munkres({ length: 9000 * 9000 } as never, 9000, 9000), RangeError, /limit/],
  ])('rejects %s', (_n, fn, cls, msg) => {
    expect(fn).toThrow(cls);
    expect(fn).toThrow(msg);
  });
});
