/**
 * The float32 softmax of one SimCC row, bit-for-bit as mmpose
 * `get_simcc_maximum(apply_softmax=True)` computes it with numpy
 * (`codecs/utils/post_processing.py:83-88`): subtract the row maximum, `exp`,
 * divide by the row sum — each rounded to the input's precision, and the sum
 * in numpy's pairwise order (`loops_utils.h.src pairwise_sum`). Float32-exact
 * up to the last bit of numpy's SIMD `exp` (≤ 1 ulp).
 */

const BLOCK = 128;

/**
 * numpy `pairwise_sum` of `a[0 .. n)` with every partial sum rounded by `r`
 * (`Math.fround` for float32 arrays): blocks < 8 left to right, blocks ≤ 128
 * with 8 interleaved accumulators, longer ones split at ⌊n/2⌋ rounded down to
 * a multiple of 8. The reduction starts from 0. O(n).
 * Note: the same order as `src/metrics/numpy-sum.ts` (metrics cannot be
 * imported from decode; a shared copy in core would serve both).
 */
export function numpyPairwiseSum(a: Float64Array, start: number, n: number, r: (v: number) => number): number {
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

/** Largest softmax probability of a row and its first index. */
export interface SoftmaxMaximum {
  index: number;
  value: number;
}

/**
 * Softmax of the `W` logits in `t` (overwritten with the probabilities) with
 * rounding `f`; returns the first arg-maximum of the probabilities and the
 * maximum. A NaN logit makes every probability NaN (numpy), index 0.
 * `out` is reused to avoid an allocation per row. Cost: O(W).
 */
export function softmaxMaximum(t: Float64Array, W: number, f: (v: number) => number, out: SoftmaxMaximum): SoftmaxMaximum {
  let m = -Infinity;
  for (let i = 0; i < W; i++) {
    const v = t[i];
    if (!(v <= m)) m = v; // NaN wins (np.max propagates NaN)
  }
  // exp(d) underflows to exactly 0 below these (float32: < 2^-150 rounds to 0; float64: Math.exp(−746) = 0): skip the call.
  const cut = f === Math.fround ? -104 : -746;
  for (let i = 0; i < W; i++) {
    const d = f(t[i] - m);
    t[i] = d < cut ? 0 : f(Math.exp(d));
  }
  const s = f(0 + numpyPairwiseSum(t, 0, W, f));
  let best = -Infinity;
  let bi = 0;
  for (let i = 0; i < W; i++) {
    const p = f(t[i] / s);
    t[i] = p;
    if (!(p <= best)) {
      if (p !== p) {
        best = NaN;
        bi = i;
        break;
      }
      best = p;
      bi = i;
    }
  }
  out.index = bi;
  out.value = best;
  return out;
}
