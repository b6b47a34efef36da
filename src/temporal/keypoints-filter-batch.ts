/**
 * A frame of N pose streams filtered in one call: N tfjs-models `KeypointsOneEuroFilter` /
 * `KeypointsVelocityFilter` (shared/filters/keypoints_*_filter.ts, pose-detection 2.1.3) whose
 * state lives in one flat bank, fed an `[N, K, 3|4]` array per frame. Time in µs.
 */
import ndarray from 'ndarray';
import type { NdArray } from 'ndarray';
import { checkNdArray } from '../core/ndarray.js';
import type { ChannelBank } from './channel-bank.js';
import { CHANNELS_PER_KEYPOINT, keypointsFilterParams, poseValueScale, type KeypointsFilterOptions } from './keypoints-filter.js';
import { checkTimestamp, describeValue } from './validate.js';

/** N independent keypoints filters fed one frame `[N, K, D]` per call. */
export interface KeypointsFilterBatch {
  /**
   * Filter one frame: `frame` `[N, K, 3]` (x, y, score) or `[N, K, 4]` (x, y, z, score), any
   * strides, Float32Array or Float64Array data, at `microSeconds`, with each person's object scale
   * (px; one number for all, or `[N]` numbers; ignored with `disableValueScaling`). Person n is
   * filtered exactly as `createKeypointsFilter(options).apply(frame[n], microSeconds,
   * objectScale[n])` on its own stream would; a change of N or K restarts every person's filter.
   * Returns a fresh `[N, K, D]` Float64Array ndarray (x, y (z) filtered, scores copied); NaN
   * coordinates pass through and leave their filter untouched. Arguments are all checked before
   * any state changes. Cost O(N·K) (O(N·K·windowSize) for velocity), one allocation (the output).
   *
   * `out` (optional, the allocation-free path): a C-order `[N, K, D]` Float64Array ndarray that
   * shares no memory with `frame`; the result is written into it and it is returned. (A fresh
   * Float64Array of more than 8 values costs V8 about as much as filtering 20–30 coordinates.)
   */
  apply(frame: NdArray, microSeconds: number, objectScale?: number | ArrayLike<number>, out?: NdArray<Float64Array>): NdArray<Float64Array>;
  /** Drop every person's filter (the next frame starts fresh). */
  reset(): void;
}

/** Copy `[N, K, D]` with any strides into `out` (C order, from `o0`). */
function readFrame(a: NdArray, N: number, K: number, D: number, out: Float64Array, o0: number): void {
  const [s0, s1, s2] = a.stride;
  const src = a.data as Float32Array | Float64Array;
  if (s2 === 1 && s1 === D && s0 === K * D) {
    out.set(src.subarray(a.offset, a.offset + N * K * D), o0);
    return;
  }
  let o = o0;
  for (let n = 0; n < N; n++) for (let k = 0; k < K; k++) for (let d = 0; d < D; d++) out[o++] = src[a.offset + n * s0 + k * s1 + d * s2];
}

/** Check the optional output array: C-order `[N, K, D]` Float64Array, no memory shared with the input. */
function checkOut(out: unknown, frame: NdArray, N: number, K: number, D: number): NdArray<Float64Array> {
  const o = checkNdArray<Float64Array>('out', out, { ranks: [3] });
  if (!(o.data instanceof Float64Array)) throw new TypeError(`out data must be a Float64Array, got ${describeValue(o.data)}`);
  if (o.shape[0] !== N || o.shape[1] !== K || o.shape[2] !== D) throw new RangeError(`out must have the frame's shape [${N}, ${K}, ${D}], got [${o.shape.join(', ')}]`);
  if (o.stride[2] !== 1 || o.stride[1] !== D || o.stride[0] !== K * D) throw new RangeError(`out must be C-order (strides [${K * D}, ${D}, 1]), got [${o.stride.join(', ')}]`);
  if (o.data.buffer === (frame.data as Float64Array).buffer) throw new RangeError('out must not share memory with frame (inputs are never modified)');
  return o;
}

/**
 * tfjs-models `KeypointsOneEuroFilter` (`type: 'oneEuro'`) or `KeypointsVelocityFilter`
 * (`type: 'velocity'`), one per person slot of `[N, K, D]` frames, float64-exact: the same options
 * and results as N {@link createKeypointsFilter} filters, with the per-call checks, the input read
 * and the arithmetic done once per frame over flat state (the fast path for many persons).
 * @throws TypeError / RangeError naming the option (as `createKeypointsFilter`).
 */
export function createKeypointsFilterBatch(options: KeypointsFilterOptions): KeypointsFilterBatch {
  const p = keypointsFilterParams('options', options);
  let bank: ChannelBank | null = null;
  let bankN = 0;
  let bankK = 0;
  let scales = new Float64Array(0);
  return {
    apply(frame, microSeconds, objectScale, out) {
      const a = checkNdArray('frame', frame, { ranks: [3] });
      const [N, K, D] = a.shape;
      if (D !== 3 && D !== 4) throw new RangeError(`frame (shape [${a.shape.join(', ')}]) must have 3 or 4 values per keypoint, got ${D}`);
      checkTimestamp('microSeconds', microSeconds);
      const target = out === undefined ? ndarray(new Float64Array(N * K * D), [N, K, D]) : checkOut(out, a, N, K, D);
      const perPerson = typeof objectScale !== 'number' && objectScale !== undefined && !p.disableValueScaling;
      if (perPerson) {
        if (!Array.isArray(objectScale) && !(ArrayBuffer.isView(objectScale) && !(objectScale instanceof DataView))) {
          throw new TypeError(`objectScale must be a number or an array of N numbers, got ${describeValue(objectScale)}`);
        }
        if ((objectScale as ArrayLike<number>).length !== N) throw new RangeError(`objectScale must have N = ${N} values (one per person), got ${(objectScale as ArrayLike<number>).length}`);
      }
      if (scales.length !== N) scales = new Float64Array(N);
      for (let n = 0; n < N; n++) {
        const s = perPerson ? poseValueScale(p, `objectScale[${n}]`, (objectScale as ArrayLike<number>)[n]) : poseValueScale(p, 'objectScale', objectScale);
        scales[n] = s === null ? NaN : s; // NaN: below minAllowedObjectScale, passed through
      }
      const data = target.data;
      const o0 = target.offset;
      readFrame(a, N, K, D, data, o0);
      if (bank === null || bankN !== N || bankK !== K) {
        bank = p.makeBank(N * K * CHANNELS_PER_KEYPOINT);
        bankN = N;
        bankK = K;
      }
      for (let n = 0; n < N; n++) {
        const s = scales[n];
        if (s === s) bank.applyRows(data, o0 + n * K * D, K, D, D - 1, n * K * CHANNELS_PER_KEYPOINT, CHANNELS_PER_KEYPOINT, microSeconds, s);
      }
      return target;
    },
    reset() {
      bank = null;
    },
  };
}
