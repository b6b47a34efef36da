/**
 * Heatmap non-maximum suppression of the bottom-up decoders: mmpose 1.x
 * `batch_heatmap_nms` (`codecs/utils/post_processing.py`), i.e.
 * `h · [h == max_pool2d(h, k, stride 1, padding (k−1)/2)]`.
 */
import type { NdArray } from 'ndarray';
import { heatmapView, zerosF32, type HeatmapView } from '../core/ndarray.js';
import { checkOddKernel } from '../core/options.js';

/** Largest NMS kernel accepted (a window wider than any map is pointless). */
export const MAX_NMS_KERNEL = 1025;

/** Validate an NMS kernel size: an odd integer in [1, {@link MAX_NMS_KERNEL}]. */
export function checkNmsKernel(name: string, v: unknown, fallback: number): number {
  const k = checkOddKernel(name, v, fallback);
  if (k > MAX_NMS_KERNEL) throw new RangeError(`${name} must be <= ${MAX_NMS_KERNEL}, got ${k}`);
  return k;
}

/** NaN-propagating max, as torch's `max_pool2d` (`val > max || isnan(val)`). */
function maxNaN(m: number, v: number): number {
  return v > m || v !== v ? v : m;
}

/**
 * Window maxima of one plane (`r = (k−1)/2`, out-of-map cells ignored, i.e.
 * −inf padding), separably: rows into `tmp`, then columns into `out`
 * (both C-order `[H, W]`). Cost: O(H·W·k).
 */
export function windowMax(v: HeatmapView, base: number, r: number, tmp: Float64Array, out: Float64Array): void {
  const { H, W, sH, sW, data } = v;
  for (let y = 0; y < H; y++) {
    const row = base + y * sH;
    for (let x = 0; x < W; x++) {
      let m = -Infinity;
      const x1 = Math.min(W - 1, x + r);
      for (let xx = Math.max(0, x - r); xx <= x1; xx++) m = maxNaN(m, data[row + xx * sW]);
      tmp[y * W + x] = m;
    }
  }
  for (let y = 0; y < H; y++) {
    const y0 = Math.max(0, y - r);
    const y1 = Math.min(H - 1, y + r);
    for (let x = 0; x < W; x++) {
      let m = -Infinity;
      for (let yy = y0; yy <= y1; yy++) m = maxNaN(m, tmp[yy * W + x]);
      out[y * W + x] = m;
    }
  }
}

/**
 * Keep each pixel that equals the maximum of its `k × k` window and set the
 * others to `h · 0` — mmpose `batch_heatmap_nms` exactly:
 * - the window is clipped at the map border (torch pads with −inf), so a
 *   border pixel competes only with in-map pixels and negative maxima survive;
 * - every pixel equal to its window maximum is kept (all of a flat top, both
 *   of two adjacent equal maxima; a constant map is returned unchanged);
 * - suppressed pixels are `h · 0`: **−0 where h < 0**, NaN where h = ±∞;
 *   a NaN pixel stays NaN and suppresses its whole window (torch's max
 *   propagates NaN and `NaN == NaN` is false).
 *
 * Units: heatmap px. Cost: O(B·K·H·W·k).
 *
 * @param heatmaps `[K, H, W]` or `[B, K, H, W]`, Float32Array or Float64Array, any strides
 * @param kernelSize odd window size (default 5, mmpose's `decode_nms_kernel`)
 * @returns fresh heatmaps of the same shape (Float32Array)
 * @throws RangeError for an even or non-positive `kernelSize`
 */
export function heatmapNms(heatmaps: NdArray, kernelSize = 5): NdArray<Float32Array> {
  const v = heatmapView('heatmaps', heatmaps);
  const k = checkNmsKernel('kernelSize', kernelSize, 5);
  const { B, K, H, W } = v;
  const shape = v.batched ? [B, K, H, W] : [K, H, W];
  const out = zerosF32(shape, 'heatmaps');
  const tmp = new Float64Array(H * W);
  const mx = new Float64Array(H * W);
  const r = (k - 1) >> 1;
  for (let b = 0; b < B; b++) {
    for (let c = 0; c < K; c++) {
      const base = v.offset + b * v.sB + c * v.sK;
      windowMax(v, base, r, tmp, mx);
      const o = (b * K + c) * H * W;
      for (let y = 0; y < H; y++) {
        const row = base + y * v.sH;
        for (let x = 0; x < W; x++) {
          const h = v.data[row + x * v.sW];
          out.data[o + y * W + x] = h === mx[y * W + x] ? h : h * 0; // torch: h * eq(h, max).float()
        }
      }
    }
  }
  return out;
}
