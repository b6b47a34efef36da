/**
 * numpy's pairwise summation (`np.add.reduce` / `np.sum` on a contiguous 1-D
 * array), reproduced so that sums match the reference to the last bit. Used by
 * the metrics (means of OKS, PCK, AP tables) and by the SimCC softmax.
 *
 * numpy `loops_utils.h.src` `pairwise_sum`: blocks of < 8 are summed left to
 * right; blocks of ≤ 128 use 8 interleaved accumulators combined as
 * `((r0+r1)+(r2+r3))+((r4+r5)+(r6+r7))`, then the remainder; longer blocks
 * split at `n/2` rounded down to a multiple of 8. The reduction starts from
 * the identity 0. Cost O(n), no allocation.
 */

const BLOCK = 128;

/**
 * numpy `pairwise_sum` of `a[start .. start+n)` with every partial sum
 * rounded by `r` (`Math.fround` for a float32 array, the identity for
 * float64). Returns the raw pairwise result; the callers below add numpy's
 * initial 0. O(n).
 */
export function numpyPairwiseSum(a: ArrayLike<number>, start: number, n: number, r: (v: number) => number): number {
  if (n < 8) {
    let res = 0;
    for (let i = 0; i < n; i++) res = r(res + a[start + i]);
    return res;
  }
  if (n <= BLOCK) {
    let r0 = a[start], r1 = a[start + 1], r2 = a[start + 2], r3 = a[start + 3];
    let r4 = a[start + 4], r5 = a[start + 5], r6 = a[start + 6], r7 = a[start + 7];
    let i = 8;
    const end8 = n - (n % 8);
    for (; i < end8; i += 8) {
      const p = start + i;
      r0 = r(r0 + a[p]);
      r1 = r(r1 + a[p + 1]);
      r2 = r(r2 + a[p + 2]);
      r3 = r(r3 + a[p + 3]);
      r4 = r(r4 + a[p + 4]);
      r5 = r(r5 + a[p + 5]);
      r6 = r(r6 + a[p + 6]);
      r7 = r(r7 + a[p + 7]);
    }
    let res = r(r(r(r0 + r1) + r(r2 + r3)) + r(r(r4 + r5) + r(r6 + r7)));
    for (; i < n; i++) res = r(res + a[start + i]);
    return res;
  }
  let n2 = Math.floor(n / 2);
  n2 -= n2 % 8;
  return r(numpyPairwiseSum(a, start, n2, r) + numpyPairwiseSum(a, start + n2, n - n2, r));
}

const identity = (x: number): number => x;

/** `np.sum` of a float64 array: pairwise summation of `a[start .. start+n)`, float64-exact. O(n). */
export function pairwiseSum64(a: ArrayLike<number>, start = 0, n = a.length - start): number {
  return 0 + numpyPairwiseSum(a, start, n, identity);
}

/** `np.sum` of a float32 array: the same pairwise order with every partial sum rounded to float32 (float32-exact). O(n). */
export function pairwiseSum32(a: ArrayLike<number>, start = 0, n = a.length - start): number {
  return Math.fround(0 + numpyPairwiseSum(a, start, n, Math.fround));
}
