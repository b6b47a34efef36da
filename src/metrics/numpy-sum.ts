/**
 * numpy's pairwise summation (`np.add.reduce` on a contiguous 1-D array),
 * reproduced so that sums match the reference to the last bit.
 *
 * numpy `loops_utils.h.src` `pairwise_sum`: blocks of < 8 are summed left to
 * right; blocks of ≤ 128 use 8 interleaved accumulators combined as
 * `((r0+r1)+(r2+r3))+((r4+r5)+(r6+r7))`, then the remainder; longer blocks
 * split at `n/2` rounded down to a multiple of 8. The reduction starts from
 * the identity 0. O(n).
 */

const BLOCK = 128;

function pairwise(a: ArrayLike<number>, start: number, n: number, r: (x: number) => number): number {
  if (n < 8) {
    let res = 0;
    for (let i = 0; i < n; i++) res = r(res + a[start + i]);
    return res;
  }
  if (n <= BLOCK) {
    const acc = [a[start], a[start + 1], a[start + 2], a[start + 3], a[start + 4], a[start + 5], a[start + 6], a[start + 7]];
    let i = 8;
    for (; i < n - (n % 8); i += 8) {
      for (let j = 0; j < 8; j++) acc[j] = r(acc[j] + a[start + i + j]);
    }
    let res = r(r(r(acc[0] + acc[1]) + r(acc[2] + acc[3])) + r(r(acc[4] + acc[5]) + r(acc[6] + acc[7])));
    for (; i < n; i++) res = r(res + a[start + i]);
    return res;
  }
  let n2 = Math.floor(n / 2);
  n2 -= n2 % 8;
  return r(pairwise(a, start, n2, r) + pairwise(a, start + n2, n - n2, r));
}

const identity = (x: number): number => x;

/** `np.sum` of a float64 array: pairwise summation of `a[start .. start+n)`. */
export function pairwiseSum64(a: ArrayLike<number>, start = 0, n = a.length - start): number {
  return 0 + pairwise(a, start, n, identity);
}

/** `np.sum` of a float32 array: the same pairwise order with every partial sum rounded to float32. */
export function pairwiseSum32(a: ArrayLike<number>, start = 0, n = a.length - start): number {
  return Math.fround(0 + pairwise(a, start, n, Math.fround));
}
