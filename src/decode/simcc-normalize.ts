/**
 * Normalisation of predicted SimCC vectors: mmpose `get_simcc_normalized`
 * (`codecs/utils/post_processing.py:13-37`), used by RTMO / RTMW heads to turn
 * logits into per-bin confidences.
 */
import ndarray from 'ndarray';
import type { NdArray } from 'ndarray';
import { checkAllocation, checkOptions } from '../core/ndarray.js';
import { checkSigmaF32 } from '../core/options.js';
import { simccView, rowBase } from './simcc-view.js';
import type { NormalizeSimccOptions } from './simcc-types.js';

const f32 = Math.fround;

/**
 * `get_simcc_normalized(simcc, sigma)`: optionally divide by `σ·√(2π)`
 * (float32), clamp at 0, then divide each row whose maximum is **strictly**
 * above 1 by that maximum; other rows (maximum exactly 1, ≤ 1, all zero)
 * are returned as they are. Float32-exact (torch float32 semantics).
 *
 * Cost: two passes over each row, O(B·K·W).
 *
 * @param simcc `[B, K, W]` (any strides, f32/f64)
 * @param options `sigma` (bins, in [2^-63, 2^63] so the float32 divisor is finite and > 0) or left out
 * @returns fresh `[B, K, W]` Float32Array
 * @throws TypeError / RangeError naming `simcc` (wrong rank, NaN) or `options.sigma`
 */
export function normalizeSimcc(simcc: NdArray, options?: NormalizeSimccOptions): NdArray<Float32Array> {
  const v = simccView('simcc', simcc, [3]);
  const opts = checkOptions('options', options);
  const sigma = opts.sigma === undefined ? undefined : checkSigmaF32('options.sigma', opts.sigma); // f32(σ·√(2π)) finite and > 0
  const div = sigma === undefined ? 1 : f32(sigma * Math.sqrt(Math.PI * 2));
  checkAllocation('simcc', v.N * v.K * v.W, 4);
  const out = new Float32Array(v.N * v.K * v.W);
  for (let n = 0; n < v.N; n++) {
    for (let k = 0; k < v.K; k++) {
      const base = rowBase(v, n, k);
      const o = (n * v.K + k) * v.W;
      let max = -Infinity;
      for (let i = 0; i < v.W; i++) {
        const x = v.data[base + i * v.sW];
        if (x !== x) throw new RangeError(`simcc must not contain NaN, got NaN at [${n}, ${k}, ${i}]`);
        let y = sigma === undefined ? f32(x) : f32(x / div);
        if (y < 0) y = 0; // clamp(min=0)
        out[o + i] = y;
        if (y > max) max = y;
      }
      if (max > 1) for (let i = 0; i < v.W; i++) out[o + i] = f32(out[o + i] / max);
    }
  }
  return ndarray(out, [v.N, v.K, v.W]);
}
