/**
 * mmpose 0.x `GaussianFilter` (temporal_filters/gaussian_filter.py, 3b81734): scipy 1.10
 * `medfilt(x, (w, 1, 1))` then `gaussian_filter1d(·, sigma, axis=0)`.
 */
import type { NdArray } from 'ndarray';
import { modeOption, readSequence, runWindowSmoother, writeSequence } from './sequence.js';
import { checkSigmaValue } from '../core/options.js';
import { intOption, optionsBag } from './validate.js';

/** Options of {@link smoothGaussian} (mmpose names camelCased). */
export interface GaussianSmoothOptions {
  /** Odd median window in frames. Default 11. */
  windowSize?: number;
  /** Gaussian σ in frames (> 0; radius `int(4σ + 0.5)` ≤ 100000). Default 4. */
  sigma?: number;
  /** `'offline'` (default) or `'online'` (mmpose `Smoother` frame by frame: causal). */
  mode?: 'offline' | 'online';
}

/** scipy `_gaussian_kernel1d(σ, 0, radius)`: `exp(−0.5/σ²·x²)` for x = −radius..radius, normalised to sum 1; returns the half `[w₀, w₁, …]`. */
export function gaussianWeights(sigma: number, radius: number): Float64Array {
  const sigma2 = sigma * sigma;
  const full = new Float64Array(2 * radius + 1);
  let sum = 0;
  for (let i = 0; i < full.length; i++) {
    const x = i - radius;
    full[i] = Math.exp((-0.5 / sigma2) * (x * x));
    sum += full[i];
  }
  const half = new Float64Array(radius + 1);
  for (let r = 0; r <= radius; r++) half[r] = full[radius + r] / sum;
  return half;
}

/** ndimage 'reflect' index (`d c b a | a b c d | d c b a`), repeated for any distance (period 2n). */
export function reflectIndex(i: number, n: number): number {
  const m = ((i % (2 * n)) + 2 * n) % (2 * n);
  return m < n ? m : 2 * n - 1 - m;
}

/** scipy `medfilt` along one series: median of `w` samples centred on each, **zero-padded** at both ends (_signaltools.py:1498-1558). */
export function medianZeroPadded(x: Float64Array, w: number, out: Float64Array, buf: Float64Array): void {
  const n = x.length;
  const half = (w - 1) / 2;
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < w; j++) {
      const t = i - half + j;
      buf[j] = t >= 0 && t < n ? x[t] : 0;
    }
    buf.sort();
    out[i] = buf[half];
  }
}

/** gaussian_filter1d at index i (mode 'reflect'), in ndimage's symmetric order: w₀·x[i] + Σ_{r = radius..1} (x[i−r] + x[i+r])·w_r. */
function gaussianAt(m: Float64Array, i: number, wts: Float64Array): number {
  const n = m.length;
  let acc = m[i] * wts[0];
  for (let r = wts.length - 1; r >= 1; r--) acc += (m[reflectIndex(i - r, n)] + m[reflectIndex(i + r, n)]) * wts[r];
  return acc;
}

/**
 * Median-then-Gaussian smoothing of a pose sequence `[T, K, C]` along time, as mmpose 0.x: front
 * edge padding to `windowSize` frames (M1), a median over `windowSize` frames that **zero-pads**
 * both ends (so the first and last `windowSize//2` frames are pulled towards 0 — a reference bug
 * reproduced; M2), then a Gaussian of σ frames (radius `int(4σ + 0.5)`, mode 'reflect'); the last T
 * rows are returned (the reference returns all padded rows for T < windowSize; mmpose's
 * `Smoother` keeps the last T). `mode: 'online'` (M3): output t is the last row of the filter over
 * `x[max(0, t−w+1) .. t]`, where the zero padding always hits the returned frame (5–15 px low on
 * pixel trajectories). Output: a fresh ndarray of the input's shape and dtype (float32: computed
 * in double, rounded once, within one float32 ulp of scipy). Cost O(T·K·C·(w log w + σ)),
 * O(T·K·C·w·(w log w)) online.
 * @throws TypeError / RangeError naming `sequence` or the option.
 */
export function smoothGaussian(sequence: NdArray, options: GaussianSmoothOptions = {}): NdArray<Float32Array | Float64Array> {
  const o = optionsBag('options', options);
  const w = intOption('options.windowSize', o.windowSize, 1, 100_001, 11);
  if (w % 2 !== 1) throw new RangeError(`options.windowSize must be odd, got ${w}`);
  // σ < 1.5e-154: σ² underflows and scipy's exp(−0.5/σ²·x²) is exp(−∞·0) = NaN at x = 0 (_filters.py:186).
  const sigma = checkSigmaValue('options.sigma', o.sigma, 4);
  const radius = Math.trunc(4.0 * sigma + 0.5);
  if (radius > 100_000) throw new RangeError(`options.sigma gives a kernel radius of ${radius}, over 100000 (sigma ${sigma})`);
  const mode = modeOption(o.mode);
  const s = readSequence(sequence);
  const wts = gaussianWeights(sigma, radius);
  const buf = new Float64Array(w);
  let med = new Float64Array(0);
  const filter = (x: Float64Array, y: Float64Array) => {
    if (med.length !== x.length) med = new Float64Array(x.length);
    medianZeroPadded(x, w, med, buf);
    for (let i = 0; i < x.length; i++) y[i] = gaussianAt(med, i, wts);
  };
  const last = (x: Float64Array) => {
    if (med.length !== x.length) med = new Float64Array(x.length);
    medianZeroPadded(x, w, med, buf);
    return gaussianAt(med, x.length - 1, wts);
  };
  return writeSequence(s, runWindowSmoother(s, w, mode, filter, last));
}
