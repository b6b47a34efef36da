/**
 * Soft-argmax / integral regression: Sun et al., "Integral Human Pose
 * Regression", ECCV 2018; mmpose `IntegralRegressionHead`; debias from Gu et
 * al., "Removing the Bias of Integral Pose Regression", ICCV 2021.
 */
import ndarray from 'ndarray';
import type { NdArray } from 'ndarray';
import { heatmapView, checkAllocation } from '../core/ndarray.js';
import { planeMax } from '../core/nan-max.js';
import type { Plane } from '../core/types.js';
import type { DecodeResult } from './types.js';
import type { SoftArgmaxOptions } from './types.js';
import { parseSoftArgmaxOptions } from './options.js';

/**
 * Expected location under a global softmax of each map:
 * `x = Σ p(y, x)·x`, `y = Σ p(y, x)·y` over pixel indices (heatmap pixels,
 * pixel i centred at i; mmpose's `arange(W)/W` times W). Scores are the raw
 * map maxima (mmpose returns none). Numerically stable (max-shifted softmax,
 * log-sum-exp for C); a map whose weights sum to 0 (or are non-finite) gets
 * NaN coordinates — there is no location to report.
 *
 * Cost: two passes over the maps, O(B·K·H·W) `exp` calls.
 *
 * @param heatmaps `[K, H, W]` or `[B, K, H, W]`
 * @returns keypoints `[K, 2]`/`[B, K, 2]` and scores `[K]`/`[B, K]`
 */
export function softArgmax(heatmaps: NdArray, options?: SoftArgmaxOptions): DecodeResult {
  const v = heatmapView('heatmaps', heatmaps);
  const { beta, debias, normalize } = parseSoftArgmaxOptions(options);
  const M = v.B * v.K;
  checkAllocation('keypoints', M * 2, 8);
  const kp = new Float64Array(M * 2);
  const sc = new Float64Array(M);
  const { data, H, W, sH, sW } = v;
  const plane: Plane = { data, offset: 0, sH, sW, H, W };
  for (let b = 0; b < v.B; b++) {
    for (let k = 0; k < v.K; k++) {
      const m = b * v.K + k;
      const base = v.offset + b * v.sB + k * v.sK;
      plane.offset = base;
      const mx = planeMax(plane);
      sc[m] = mx;
      let s = 0;
      let sx = 0;
      let sy = 0;
      for (let y = 0; y < H; y++) {
        const row = base + y * sH;
        for (let x = 0; x < W; x++) {
          const h = data[row + x * sW];
          const p = normalize === 'sum' ? h : Math.exp(beta * (h - mx));
          s += p;
          sx += p * x;
          sy += p * y;
        }
      }
      let ex = sx / s;
      let ey = sy / s;
      if (!(s !== 0 && Number.isFinite(s))) ex = ey = NaN;
      if (debias && normalize === 'softmax') {
        // C = Σ exp(h) (without β, as mmpose); 1/C from log-sum-exp to avoid overflow.
        let se = 0;
        for (let y = 0; y < H; y++) for (let x = 0; x < W; x++) se += Math.exp(data[base + y * sH + x * sW] - mx);
        const invC = Math.exp(-(mx + Math.log(se)));
        const g = 1 / (1 - invC);
        ex = W * g * (ex / W - invC / 2);
        ey = H * g * (ey / H - invC / 2);
      }
      kp[2 * m] = ex;
      kp[2 * m + 1] = ey;
    }
  }
  const lead = v.batched ? [v.B, v.K] : [v.K];
  return { keypoints: ndarray(kp, [...lead, 2]), scores: ndarray(sc, lead) };
}
