/**
 * mmpose 0.x `SavizkyGolayFilter` (temporal_filters/savizky_golay_filter.py, 3b81734) over
 * scipy 1.10 `savgol_filter(x, window, polyorder, axis=0)` (deriv 0, mode 'interp').
 */
import type { NdArray } from 'ndarray';
import { modeOption, readSequence, runWindowSmoother, writeSequence } from './sequence.js';
import { intOption, optionsBag } from './validate.js';

/** Options of {@link smoothSavgol} (mmpose names camelCased). */
export interface SavgolOptions {
  /** Odd window length in frames (> polyorder). Default 11. */
  windowSize?: number;
  /** Polynomial degree, 1 ≤ polyorder < windowSize. Default 2. */
  polyorder?: number;
  /** `'offline'` (whole sequence, default) or `'online'` (mmpose `Smoother` frame by frame: causal). */
  mode?: 'offline' | 'online';
}

/**
 * The least-squares "hat" matrix `H = Q·Qᵀ` (w × w, row-major) of degree-`p` polynomials on `w`
 * equally spaced samples: row i gives the fitted polynomial's value at sample i as weights on the
 * window. Built by twice-orthogonalised Gram–Schmidt on the centred powers (well conditioned for
 * the window sizes used). Cost O(w²·p).
 */
export function polyHatMatrix(w: number, p: number): Float64Array {
  const half = (w - 1) / 2;
  const q: Float64Array[] = [];
  for (let d = 0; d <= p; d++) {
    const v = new Float64Array(w);
    for (let i = 0; i < w; i++) v[i] = ((i - half) / Math.max(half, 1)) ** d;
    for (let pass = 0; pass < 2; pass++) {
      for (const u of q) {
        let dot = 0;
        for (let i = 0; i < w; i++) dot += u[i] * v[i];
        for (let i = 0; i < w; i++) v[i] -= dot * u[i];
      }
    }
    let nrm = 0;
    for (let i = 0; i < w; i++) nrm += v[i] * v[i];
    nrm = Math.sqrt(nrm);
    for (let i = 0; i < w; i++) v[i] /= nrm;
    q.push(v);
  }
  const H = new Float64Array(w * w);
  for (let i = 0; i < w; i++)
    for (let j = 0; j < w; j++) {
      let s = 0;
      for (const u of q) s += u[i] * u[j];
      H[i * w + j] = s;
    }
  return H;
}

/**
 * Savitzky–Golay smoothing of a pose sequence `[T, K, C]` (px, any units) along time, as mmpose
 * 0.x: inputs shorter than the window are front-padded with their first frame (M1); interior
 * samples are the least-squares degree-`polyorder` polynomial's value at the window centre; the
 * first and last `windowSize//2` samples come from one polynomial fitted to the first / last
 * window (scipy's `_fit_edges_polyfit`); the last T rows are returned. `mode: 'online'` is the
 * mmpose `Smoother` frame by frame (M3): output t is the last row of the filter over
 * `x[max(0, t−w+1) .. t]`, causal. Output: a fresh ndarray of the input's shape and dtype
 * (float32 input: computed in double and rounded once, as scipy — within one float32 ulp).
 * Cost O(T·K·C·w).
 * @throws TypeError / RangeError naming `sequence` or the option (window odd, 1 ≤ polyorder < window).
 */
export function smoothSavgol(sequence: NdArray, options: SavgolOptions = {}): NdArray<Float32Array | Float64Array> {
  const o = optionsBag('options', options);
  const w = intOption('options.windowSize', o.windowSize, 1, 100_001, 11);
  if (w % 2 !== 1) throw new RangeError(`options.windowSize must be odd, got ${w}`);
  const p = intOption('options.polyorder', o.polyorder, 1, 100_000, 2);
  if (p >= w) throw new RangeError(`options.windowSize must be > options.polyorder, got ${w} (polyorder ${p})`);
  const mode = modeOption(o.mode);
  const s = readSequence(sequence);
  const H = polyHatMatrix(w, p);
  const half = (w - 1) / 2;
  // ndimage's symmetric correlate1d (ni_filters.c): c₀·x[i] + Σ_{r = half..1} (x[i−r] + x[i+r])·c_r.
  const c = new Float64Array(half + 1);
  for (let r = 0; r <= half; r++) c[r] = H[half * w + half - r];
  const row = (x: Float64Array, start: number, i: number): number => {
    let acc = 0;
    for (let j = 0; j < w; j++) acc += H[i * w + j] * x[start + j];
    return acc;
  };
  const filter = (x: Float64Array, y: Float64Array) => {
    const n = x.length;
    for (let i = half; i < n - half; i++) {
      let acc = x[i] * c[0];
      for (let r = half; r >= 1; r--) acc += (x[i - r] + x[i + r]) * c[r];
      y[i] = acc;
    }
    for (let i = 0; i < half; i++) {
      y[i] = row(x, 0, i);
      y[n - half + i] = row(x, n - w, half + 1 + i);
    }
  };
  const out = runWindowSmoother(s, w, mode, filter, (x) => row(x, 0, w - 1));
  return writeSequence(s, out);
}
