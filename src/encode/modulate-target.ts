/**
 * SAHR target modulation: Luo et al., "Rethinking the Heatmap Regression for
 * Bottom-up Human Pose Estimation" (SWAHR), CVPR 2021; SWAHR
 * `lib/core/loss.py` `HeatmapLoss` + `MultiLossFactory` (scale masked by gt > 0).
 */
import type { NdArray } from 'ndarray';
import { checkOptions, heatmapView, zerosF32 } from '../core/ndarray.js';
import type { ModulateOptions } from './types.js';

/**
 * Scale-adaptive target `gt^(1+s)`, per pixel. For a Gaussian of σ this is a
 * Gaussian of `σ_eff = σ/√(1+s)`: s > 0 sharpens, −1 < s < 0 widens.
 *
 * - `order: 'exact'`: `out = gt^(1+s)` where gt > 0, else `gt`.
 * - `order: 2` (SWAHR): with `s ← s·[gt > 0]` and `L = ln(gt)` where gt > 0
 *   (else 0), `out = gt + gt·L·s + ½·gt·L²·s²`, the 2nd-order expansion of
 *   `gt·e^{sL}`; evaluated as `gt·((u + 1)² + 1)/2`, u = L·s (same value, no
 *   `∞ − ∞`). Where gt ≤ 0 the output is gt.
 *
 * s is the network's learned scale map (zero-initialised in SWAHR, so the
 * target starts as gt). Computed in float64, stored as float32 (values beyond
 * the float32 range saturate to ±Infinity). Cost: O(size).
 *
 * @param target `[K, H, W]` or `[B, K, H, W]` ground-truth heatmaps (finite)
 * @param scaleMap the scale s, same shape (finite); any strides for both
 * @returns fresh C-order float32 maps of the same shape
 */
export function modulateTarget(target: NdArray, scaleMap: NdArray, options?: ModulateOptions): NdArray<Float32Array> {
  const t = heatmapView('target', target);
  const s = heatmapView('scaleMap', scaleMap);
  if (t.batched !== s.batched || t.B !== s.B || t.K !== s.K || t.H !== s.H || t.W !== s.W) {
    throw new RangeError(`scaleMap must have the shape of target [${target.shape.join(', ')}], got [${scaleMap.shape.join(', ')}]`);
  }
  const order = checkOptions('options', options).order ?? 2;
  if (order !== 2 && order !== 'exact') throw new RangeError(`options.order must be 2 or 'exact', got ${JSON.stringify(order)}`);
  const out = zerosF32(target.shape.slice(), 'output');
  const o = out.data;
  let i = 0;
  for (let b = 0; b < t.B; b++)
    for (let k = 0; k < t.K; k++)
      for (let y = 0; y < t.H; y++)
        for (let x = 0; x < t.W; x++, i++) {
          const gt = t.data[t.offset + b * t.sB + k * t.sK + y * t.sH + x * t.sW];
          const sc = s.data[s.offset + b * s.sB + k * s.sK + y * s.sH + x * s.sW];
          if (!Number.isFinite(gt)) throw new RangeError(`target must be finite, got ${gt} at flat index ${i}`);
          if (!Number.isFinite(sc)) throw new RangeError(`scaleMap must be finite, got ${sc} at flat index ${i}`);
          if (!(gt > 0)) {
            o[i] = gt;
            continue;
          }
          if (order === 'exact') {
            o[i] = Math.pow(gt, 1 + sc);
          } else {
            const u = Math.log(gt) * sc;
            o[i] = (gt * ((u + 1) * (u + 1) + 1)) / 2;
          }
          if (!Number.isFinite(o[i])) throw new RangeError(`scaleMap ${sc} at flat index ${i} overflows the float32 target (${gt}^(1 + s) is not finite)`);
        }
  return out;
}
