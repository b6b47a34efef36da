/**
 * Pose sequences `[T, K, C]` for the offline smoothers: read once into per-channel time series,
 * written back as a fresh ndarray of the input's dtype (mmpose 0.x computes in the input dtype).
 */
import ndarray from 'ndarray';
import type { NdArray } from 'ndarray';
import { checkAllocation, checkNdArray, type FloatData } from '../core/ndarray.js';
import { enumOption } from './validate.js';

/** `K·C` time series of length `T` (`series[(k·C + c)·T + t]`). */
export interface SequenceChannels {
  T: number;
  K: number;
  C: number;
  float32: boolean;
  series: Float64Array;
}

/**
 * Validate `sequence` `[T, K, C]` (T ≥ 1, any strides, Float32Array or Float64Array) and read it.
 * @throws TypeError for a wrong type or rank; RangeError for T = 0 or a non-finite value (the
 *   references propagate NaN through the window or, for the median, order it arbitrarily).
 */
export function readSequence(sequence: unknown): SequenceChannels {
  const a = checkNdArray<FloatData>('sequence', sequence, { ranks: [3] });
  const [T, K, C] = a.shape;
  if (T < 1) throw new RangeError(`sequence must have at least one frame, got shape [${a.shape.join(', ')}]`);
  checkAllocation('sequence', T * K * C * 2, 8);
  const series = new Float64Array(T * K * C);
  const [sT, sK, sC] = a.stride;
  for (let t = 0; t < T; t++)
    for (let k = 0; k < K; k++)
      for (let c = 0; c < C; c++) {
        const v = a.data[a.offset + t * sT + k * sK + c * sC];
        if (!Number.isFinite(v)) throw new RangeError(`sequence must be finite (fill or drop missing keypoints first), got ${v} at [${t}, ${k}, ${c}]`);
        series[(k * C + c) * T + t] = v;
      }
  return { T, K, C, float32: a.data instanceof Float32Array, series };
}

/** Write per-channel outputs (`out[ch·T + t]`, already rounded where float32) as a fresh `[T, K, C]` ndarray of the input dtype. */
export function writeSequence(s: SequenceChannels, out: Float64Array): NdArray<Float32Array | Float64Array> {
  const { T, K, C } = s;
  const data = s.float32 ? new Float32Array(T * K * C) : new Float64Array(T * K * C);
  for (let ch = 0; ch < K * C; ch++) for (let t = 0; t < T; t++) data[t * K * C + ch] = out[ch * T + t];
  return ndarray(data, [T, K, C]);
}

/** The `mode` option of the window smoothers. */
export function modeOption(v: unknown): 'offline' | 'online' {
  return enumOption('options.mode', v, ['offline', 'online'] as const, 'offline');
}

/**
 * Run a window smoother over every channel. `offline`: `filter(padded series)` once, keeping the
 * last T rows (M1); `online`: mmpose 0.x `Smoother` frame by frame (M3) — output t is the last row
 * of `filter(x[max(0, t−w+1) .. t])`. Short inputs are front-padded with their first value to `w`
 * (`np.pad(mode='edge')`). `filter(window, out)` fills `out` (same length) from `window`; `last`
 * computes only the final row when given (online fast path).
 */
export function runWindowSmoother(
  s: SequenceChannels,
  w: number,
  mode: 'offline' | 'online',
  filter: (x: Float64Array, out: Float64Array) => void,
  last?: (x: Float64Array) => number,
): Float64Array {
  const { T } = s;
  const n = s.K * s.C;
  const out = new Float64Array(n * T);
  const round = s.float32 ? Math.fround : (v: number) => v;
  const pad = (src: Float64Array, from: number, to: number, len: number): Float64Array => {
    const L = to - from;
    const buf = new Float64Array(Math.max(len, L));
    const front = buf.length - L;
    for (let i = 0; i < front; i++) buf[i] = src[from];
    for (let i = 0; i < L; i++) buf[front + i] = src[from + i];
    return buf;
  };
  for (let ch = 0; ch < n; ch++) {
    const x = s.series.subarray(ch * T, (ch + 1) * T);
    if (mode === 'offline') {
      const buf = pad(x, 0, T, w);
      const y = new Float64Array(buf.length);
      filter(buf, y);
      const off = buf.length - T;
      for (let t = 0; t < T; t++) out[ch * T + t] = round(y[off + t]);
    } else {
      const y = new Float64Array(w);
      for (let t = 0; t < T; t++) {
        const buf = pad(x, Math.max(0, t - w + 1), t + 1, w);
        if (last) out[ch * T + t] = round(last(buf));
        else {
          filter(buf, y);
          out[ch * T + t] = round(y[w - 1]);
        }
      }
    }
  }
  return out;
}
