/**
 * The float32 softmax of one SimCC row, bit-for-bit as mmpose
 * `get_simcc_maximum(apply_softmax=True)` computes it with numpy
 * (`codecs/utils/post_processing.py:83-88`): subtract the row maximum, `exp`,
 * divide by the row sum — each rounded to the input's precision, and the sum
 * in numpy's pairwise order (`loops_utils.h.src pairwise_sum`). Float32-exact
 * up to the last bit of numpy's SIMD `exp` (≤ 1 ulp).
 */

import { numpyPairwiseSum } from '../core/numpy-sum.js';

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
