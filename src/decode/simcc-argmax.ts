/**
 * Integer arg-maximum of SimCC rows: mmpose `get_simcc_maximum`
 * (`codecs/utils/post_processing.py`), and the per-row steps that
 * {@link decodeSimcc} shares with it.
 */
import ndarray from 'ndarray';
import type { NdArray } from 'ndarray';
import { checkAllocation, checkOptions } from '../core/ndarray.js';
import { checkBoolean } from '../core/options.js';
import type { DecodeResult } from './types.js';
import type { SimccArgmaxOptions, SimccScoreRule } from './simcc-types.js';
import { simccPairView, rowArgmaxAt, rowBase, leadShape, type SimccView } from './simcc-view.js';
import { softmaxMaximum, type SoftmaxMaximum } from './simcc-softmax.js';

/**
 * Arg-maximum of row (n, k) of a validated view (first maximum wins, as
 * `np.argmax`), its value written to `out[0]`. A NaN bin throws a
 * `RangeError` naming `name` (numpy would return the NaN's position; a NaN
 * logit means a broken network output, so posecodec refuses it).
 */
export function rowArgmax(v: SimccView, n: number, k: number, out: Float64Array, name: string): number {
  const idx = rowArgmaxAt(v, rowBase(v, n, k), out);
  if (out[0] !== out[0]) throw new RangeError(`${name} must not contain NaN, got NaN at [${v.batched ? `${n}, ` : ''}${k}, ${idx}]`);
  return idx;
}

/**
 * The softmax maximum of row (n, k) after the logits are mapped by `scale`
 * (identity, or RTMW's `·β·σ` in float32), using `t` (length ≥ W) as scratch.
 */
export function rowSoftmaxMaximum(v: SimccView, n: number, k: number, t: Float64Array, scale: (x: number) => number, out: SoftmaxMaximum): SoftmaxMaximum {
  const base = rowBase(v, n, k);
  for (let i = 0; i < v.W; i++) t[i] = scale(v.data[base + i * v.sW]);
  return softmaxMaximum(t, v.W, v.f, out);
}

/**
 * Combine the two axes' maxima into a score: `'min'` is mmpose's
 * `mask = mx > my; mx[mask] = my[mask]` (so a NaN `mx` stays NaN, a NaN `my`
 * gives `mx`); `'mean'` is rtmlib's `0.5·(mx + my)` rounded by `f`.
 */
export function combineScores(mx: number, my: number, rule: SimccScoreRule, f: (v: number) => number): number {
  return rule === 'min' ? (mx > my ? my : mx) : f(0.5 * f(mx + my));
}

/**
 * Locations (bins) and values of the maximum of each SimCC row pair, as mmpose
 * `get_simcc_maximum`: x and y arg-maxima (first maximum wins), score
 * `min(max x, max y)`, both coordinates −1 where the score is ≤ 0. With
 * `softmax`, the maxima are taken on the float32 softmax of each row
 * (max-subtracted, so logits of 1e4 are safe; 1-ulp near-ties can collapse
 * into ties and move the arg-maximum to the first of them, as in numpy).
 *
 * Float32-exact for Float32Array inputs. Cost: one pass over each row
 * (three with `softmax`), no allocation beyond the O(N·K) result (one O(W)
 * scratch row with `softmax`).
 *
 * @param x `[K, Wx]` or `[N, K, Wx]` logits (any strides, f32/f64)
 * @param y `[K, Wy]` or `[N, K, Wy]`, same N and K as `x`
 * @returns keypoints `[K, 2]` / `[N, K, 2]` in **bins**, scores `[K]` / `[N, K]`
 * @throws TypeError / RangeError naming `x`, `y` or `options.softmax`
 */
export function simccArgmax(x: NdArray, y: NdArray, options?: SimccArgmaxOptions): DecodeResult {
  const pv = simccPairView(x, y);
  const opts = checkOptions('options', options);
  const softmax = checkBoolean('options.softmax', opts.softmax, false);
  const { N, K } = pv;
  checkAllocation('keypoints', N * K * 2, 8);
  const kp = new Float64Array(N * K * 2);
  const sc = new Float64Array(N * K);
  const tmp = new Float64Array(1);
  const t = softmax ? new Float64Array(Math.max(pv.x.W, pv.y.W)) : tmp;
  const sm: SoftmaxMaximum = { index: 0, value: 0 };
  const same = (v: number): number => v;
  for (let n = 0; n < N; n++) {
    for (let k = 0; k < K; k++) {
      let ix = rowArgmax(pv.x, n, k, tmp, 'x');
      let mx = tmp[0];
      let iy = rowArgmax(pv.y, n, k, tmp, 'y');
      let my = tmp[0];
      if (softmax) {
        rowSoftmaxMaximum(pv.x, n, k, t, same, sm);
        ix = sm.index;
        mx = sm.value;
        rowSoftmaxMaximum(pv.y, n, k, t, same, sm);
        iy = sm.index;
        my = sm.value;
      }
      const m = n * K + k;
      const s = combineScores(mx, my, 'min', pv.x.f);
      sc[m] = s;
      kp[2 * m] = s <= 0 ? -1 : ix;
      kp[2 * m + 1] = s <= 0 ? -1 : iy;
    }
  }
  const lead = leadShape(pv);
  return { keypoints: ndarray(kp, [...lead, 2]), scores: ndarray(sc, lead) };
}
