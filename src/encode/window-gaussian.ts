/**
 * The 3σ-window Gaussian shared by the MSRA and UDP encoders (mmpose
 * `generate_gaussian_heatmaps` / `generate_udp_gaussian_heatmaps`).
 *
 * A window of `size = 2r + 1` samples (r = 3σ, possibly fractional) is laid
 * with its sample `g` on heatmap column `left + g`, where
 * `left = trunc(m − r)` and `m = trunc(μ + 0.5)`, and is max-combined into the
 * map after clipping. The window's own centre is `x0 = floor(size / 2)`
 * (Python `gaussian_size // 2`), shifted by the sub-pixel remainder `μ − m`
 * for UDP.
 *
 * Reference quirks reproduced under `placement: 'mmpose'` (mmpose
 * gaussian_heatmap.py, `(mu - radius).astype(np.int64)`), both only when 3σ
 * is fractional (σ = 1.5, 2.5, AE's `sqrt(W·H)/64`, CID's per-instance σ):
 * - `astype(int64)` truncates toward 0, so where `m − r` is negative (keypoint
 *   within r of the left/top border) the window starts one pixel late and the
 *   peak lands one pixel right/down of m: σ = 2.5, μ = 3 → peak at column 4.
 * - where `m − r > 0` and frac(3σ) ∈ (0, ½), `left = m − ceil(r)` but the
 *   window centre is `floor(r + ½) = floor(r)`, so the peak lands one pixel
 *   left/up of m everywhere in the interior (σ = 1.4, μ = 10 → column 9) and
 *   the map has no value 1 on the keypoint's row/column.
 * `placement: 'floor'` puts the window's centre sample on
 * `m = floor(μ + 0.5)` (`left = m − floor((2r+1)/2)`, `right = floor(m + r + 1)`),
 * which equals floor-instead-of-trunc whenever frac(3σ) is 0 or ≥ ½; the peak
 * is then always 1 at m. It also makes the off-map test exact (see {@link windowOffMap}).
 */
import type { NdArray } from 'ndarray';
import { checkOptions, zerosF32 } from '../core/ndarray.js';
import { readEncoderInputs, readSigmas, readPlacement, initialWeights, isDrawn } from './encoder-args.js';
import type { SigmaInput, Placement } from './types.js';
import type { HeatmapTargets, WindowOptions } from './types.js';

/** Window bounds on one axis: heatmap columns `[lo, hi)` carry window samples `0…`. */
export interface WindowAxis {
  /** Rounded centre m (heatmap px). */
  m: number;
  /** First heatmap index of window sample 0 (`left` / `top`). */
  lo: number;
  /** One past the last heatmap index (`right` / `bottom`). */
  hi: number;
}

/**
 * Place the window on one axis. `f` rounds `μ + 0.5` to float32 when the
 * keypoints are float32 (numpy adds in the array's dtype).
 */
export function placeAxis(mu: number, r: number, f: (x: number) => number, placement: Placement): WindowAxis {
  if (placement === 'floor') {
    const m = Math.floor(f(mu + 0.5));
    return { m, lo: m - Math.floor((2 * r + 1) / 2), hi: Math.floor(m + r + 1) };
  }
  const m = Math.trunc(f(mu + 0.5)); // numpy astype(int64): toward 0
  return { m, lo: Math.trunc(m - r), hi: Math.trunc(m + r + 1) };
}

/**
 * mmpose's bounds rule: the keypoint gets weight 0 and is not drawn when
 * `left ≥ W or top ≥ H or right < 0 or bottom < 0`. With `right = 0` nothing
 * lands on the map either, yet mmpose keeps the weight (an off-by-one it
 * shares with HRNet); `'floor'` uses `right ≤ 0`, so the weight is 0 exactly
 * when no window pixel lands on the map.
 */
export function windowOffMap(ax: WindowAxis, ay: WindowAxis, W: number, H: number, placement: Placement): boolean {
  if (ax.lo >= W || ay.lo >= H) return true;
  return placement === 'floor' ? ax.hi <= 0 || ay.hi <= 0 : ax.hi < 0 || ay.hi < 0;
}

/**
 * Max-combine `exp(−((g−cx)² + (h−cy)²)/(2σ²))` over the clipped window into
 * the C-order `[H, W]` plane at `base` of `out` (window sample g on column
 * `ax.lo + g`). `cx`, `cy` are window-relative centres. Values are computed
 * in float64 and rounded to float32 on store (numpy computes them in float32;
 * the difference is below 1e-7). Cost: O(window ∩ map).
 */
export function drawWindow(out: Float32Array, base: number, W: number, H: number, ax: WindowAxis, ay: WindowAxis, cx: number, cy: number, sigma: number): void {
  const x1 = Math.max(0, ax.lo);
  const x2 = Math.min(W, ax.hi);
  const y1 = Math.max(0, ay.lo);
  const y2 = Math.min(H, ay.hi);
  if (x1 >= x2 || y1 >= y2) return;
  const inv = -1 / (2 * sigma * sigma);
  const ex = new Float64Array(x2 - x1);
  for (let x = x1; x < x2; x++) {
    const d = x - ax.lo - cx;
    ex[x - x1] = d * d;
  }
  for (let y = y1; y < y2; y++) {
    const dy = y - ay.lo - cy;
    const dy2 = dy * dy;
    const row = base + y * W;
    for (let x = x1; x < x2; x++) {
      const v = Math.fround(Math.exp((ex[x - x1] + dy2) * inv));
      if (v > out[row + x]) out[row + x] = v;
    }
  }
}

/**
 * The encoder loop shared by {@link msraHeatmaps} and {@link udpHeatmaps}:
 * validate the arguments, then for every drawn keypoint place the 3σ window,
 * zero its weight when the window is off the map, and max-combine the window
 * Gaussian into its channel. `subPixel` false centres the Gaussian on the
 * window's centre sample (MSRA); true shifts it by the sub-pixel remainder
 * `μ − m` (UDP).
 * @returns heatmaps `[K, H, W]`, weights `[N, K]` (float32)
 */
export function windowHeatmaps(heatmapSize: [number, number], keypoints: NdArray, visible: NdArray, sigma: SigmaInput, options: WindowOptions | undefined, subPixel: boolean): HeatmapTargets {
  const inp = readEncoderInputs(heatmapSize, keypoints, visible);
  const sigmas = readSigmas(sigma, inp.N);
  const placement = readPlacement(checkOptions('options', options).placement);
  const { W, H, N, K, kp, vis, f } = inp;
  const heatmaps = zerosF32([K, H, W], 'heatmaps');
  const weights = initialWeights(vis);
  for (let n = 0; n < N; n++) {
    const s = sigmas[n];
    const r = s * 3;
    const centre = Math.floor((2 * r + 1) / 2); // Python `gaussian_size // 2` on a float
    for (let k = 0; k < K; k++) {
      if (!isDrawn(vis, n, k)) continue;
      const p = kp.offset + n * kp.sN + k * kp.sK;
      const x = kp.data[p];
      const y = kp.data[p + kp.sD];
      const ax = placeAxis(x, r, f, placement);
      const ay = placeAxis(y, r, f, placement);
      if (windowOffMap(ax, ay, W, H, placement)) {
        weights.data[n * K + k] = 0;
        continue;
      }
      // UDP, numpy: x0 is float64, then cast to the float32 grid's dtype in `x - x0` (whatever the keypoint dtype).
      const cx = subPixel ? Math.fround(centre + (x - ax.m)) : centre;
      const cy = subPixel ? Math.fround(centre + (y - ay.m)) : centre;
      drawWindow(heatmaps.data, k * H * W, W, H, ax, ay, cx, cy, s);
    }
  }
  return { heatmaps, weights };
}
