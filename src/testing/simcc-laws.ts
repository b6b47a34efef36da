/**
 * Property laws for SimCC decoders (RTMPose / RTMW heads), so that users can
 * check their own decoders, posecodec's `decodeSimcc` or a SimCC codec:
 *
 * ```ts
 * import fc from 'fast-check';
 * import { simccRoundTrip, simccSamples } from 'posecodec/testing';
 * fc.assert(simccRoundTrip((kp) => codec.encode(kp), (x, y) => codec.decode(x, y), { inputSize: [192, 256], splitRatio: 2 }));
 * ```
 *
 * A SimCC decoder takes `x [N, K, Wx]` and `y [N, K, Wy]` (or `[K, ·]`) and
 * returns keypoints in input px (bin i ↔ input px i/splitRatio), an ndarray
 * `[..., K, 2]` or `{ keypoints, scores? }`.
 *
 * Long file: the seven SimCC laws share one sample generator, one readout of
 * decoder results and one comparison; each law is a short function below.
 */
import * as fc from 'fast-check';
import { roundHalfEven } from '../core/round-half-even.js';
import ndarray from 'ndarray';
import type { NdArray } from 'ndarray';
import { readOutput, expectPairs, expectValues, LawViolation, type DecodeOutput } from './compare.js';
import { nameLaw } from './report.js';
import { tag, type Law } from './laws/common.js';
import { noMutation } from './laws/structural.js';
import { checkAllocation, checkBoolean, checkFunction, checkIntRange, checkNonNeg, checkNumberList, checkOptionsBag, checkPositive, checkSize, checkTolerance } from './check-args.js';

/** {@link SimccSampleOptions} checked and defaulted. */
interface CheckedSimcc {
  inputSize: [number, number];
  split: number;
  sigma: number;
  N: [number, number];
  K: [number, number];
  margin: number;
  noise: number;
  layouts: boolean;
}

/**
 * Check {@link SimccSampleOptions}: inputSize `[w, h]` positive integers ≤ 8192,
 * splitRatio finite in (0, 64], sigma finite in (0, 1e4] bins, N ⊂ [0, 64],
 * K ⊂ [1, 256] (an integer or `[min, max]`), margin finite ≥ 0 and ≤ (min(w, h) − 1)/2, noise finite in [0, 1e3], layouts boolean; the largest sample
 * must fit the 1 GiB cap. Errors name `name.<field>`.
 */
function checkSimccOptions(name: string, options: unknown, defaults: { N?: [number, number] } = {}): CheckedSimcc {
  const o = checkOptionsBag(name, options);
  const [w, h] = o.inputSize === undefined ? [48, 64] : checkSize(`${name}.inputSize`, o.inputSize, 0);
  if (w > 8192 || h > 8192) throw new RangeError(`${name}.inputSize must have w, h <= 8192, got [${w}, ${h}]`);
  const split = checkPositive(`${name}.splitRatio`, o.splitRatio, 2, 64);
  const N = checkIntRange(`${name}.N`, o.N, defaults.N ?? [1, 3], 0, 64);
  const K = checkIntRange(`${name}.K`, o.K, [1, 4], 1, 256);
  const margin = checkNonNeg(`${name}.margin`, o.margin, 4, 8192);
  if (!(margin <= (Math.min(w, h) - 1) / 2)) throw new RangeError(`${name}.margin must be <= (min(w, h) − 1)/2 = ${(Math.min(w, h) - 1) / 2} for inputSize [${w}, ${h}], got ${margin}`);
  checkAllocation(`${name} (largest SimCC sample)`, Math.max(N[1], 1) * K[1] * Math.round((w + h) * split), 8);
  return {
    inputSize: [w, h],
    split,
    sigma: checkPositive(`${name}.sigma`, o.sigma, 4, 1e4),
    N,
    K,
    margin,
    noise: checkNonNeg(`${name}.noise`, o.noise, 0, 1e3),
    layouts: checkBoolean(`${name}.layouts`, o.layouts, true),
  };
}

/** A SimCC decoder under test. */
export type SimccDecoder = (x: NdArray, y: NdArray) => DecodeOutput;
/** A SimCC encoder under test: keypoints `[N, K, 2]` input px → `{ x, y }` label vectors. */
export type SimccEncoder = (keypoints: NdArray) => { x: NdArray; y: NdArray };

/** Geometry of the generated SimCC outputs. */
export interface SimccSampleOptions {
  /** Network input `[w, h]` (input px). Default [48, 64]. */
  inputSize?: [number, number];
  /** Bins per input px. Default 2. */
  splitRatio?: number;
  /** Logit Gaussian σ in bins. Default 4. */
  sigma?: number;
  /** Instances: `[min, max]`, 0 meaning a 2-D `[K, W]` sample. Default [1, 3]. */
  N?: [number, number];
  /** Keypoints per instance. Default [1, 4]. */
  K?: [number, number];
  /** Distance of the keypoints from the input border (input px). Default 4. */
  margin?: number;
  /** Add uniform noise of this amplitude (relative to the peak). Default 0 (clean). */
  noise?: number;
  /** Also generate Float64Array data and strided (transposed-storage) views. Default true. */
  layouts?: boolean;
}

/** One generated SimCC output pair and the keypoints it was drawn around. */
export interface SimccSample {
  x: NdArray;
  y: NdArray;
  /** `[N, K, 2]` input px (`[1, K, 2]` for 2-D samples), the exact peak centres. */
  keypoints: NdArray<Float64Array>;
  inputSize: [number, number];
  splitRatio: number;
}

/**
 * Store logical `[N, K, W]` values (C order) as the requested layout: C order,
 * or an `[N, W, K]` buffer viewed through `.transpose(0, 2, 1)` (strided), in
 * Float32Array or Float64Array; 2-D samples are the `[K, W]` view of instance 0.
 */
function store(values: Float64Array, N: number, K: number, W: number, f64: boolean, strided: boolean, twoD: boolean): NdArray {
  const data = f64 ? new Float64Array(N * K * W) : new Float32Array(N * K * W);
  let a: NdArray;
  if (strided) {
    for (let n = 0; n < N; n++) for (let k = 0; k < K; k++) for (let i = 0; i < W; i++) data[(n * W + i) * K + k] = values[(n * K + k) * W + i];
    a = ndarray(data, [N, W, K]).transpose(0, 2, 1);
  } else {
    data.set(values);
    a = ndarray(data, [N, K, W]);
  }
  return twoD ? a.pick(0, null, null) : a;
}

/**
 * Network-like SimCC outputs: for random keypoints (input px, `margin` from
 * the border), rows `exp(−(i − μ)²/(2σ²))` with the **exact** centre
 * μ = x·splitRatio (sub-bin), plus optional uniform noise; any dtype and
 * layout. The keypoints are returned with the sample. Options are checked at
 * creation (TypeError / RangeError naming `options.<field>`; see the fields).
 */
export function simccSamples(options: SimccSampleOptions = {}): fc.Arbitrary<SimccSample> {
  return checkedSimccSamples(checkSimccOptions('options', options));
}

function checkedSimccSamples(c: CheckedSimcc): fc.Arbitrary<SimccSample> {
  const { inputSize, split, sigma, margin, noise, layouts } = c;
  const [nLo, nHi] = c.N;
  const [kLo, kHi] = c.K;
  const Wx = roundHalfEven(inputSize[0] * split);
  const Wy = roundHalfEven(inputSize[1] * split);
  const coord = (side: number) => fc.double({ min: margin, max: side - 1 - margin, noNaN: true });
  return fc
    .record({
      N: fc.integer({ min: nLo, max: nHi }),
      K: fc.integer({ min: kLo, max: kHi }),
      f64: layouts ? fc.boolean() : fc.constant(false),
      strided: layouts ? fc.boolean() : fc.constant(false),
      seed: fc.integer({ min: 1, max: 2 ** 30 }),
    })
    .chain((h) =>
      fc.record({
        h: fc.constant(h),
        pts: fc.array(fc.tuple(coord(inputSize[0]), coord(inputSize[1])), { minLength: Math.max(1, h.N) * h.K, maxLength: Math.max(1, h.N) * h.K }),
      }),
    )
    .map(({ h, pts }) => {
      const twoD = h.N === 0;
      const N = Math.max(1, h.N);
      const K = h.K;
      let s = h.seed;
      const rand = () => ((s = (Math.imul(s, 1103515245) + 12345) >>> 0) / 2 ** 32);
      const vx = new Float64Array(N * K * Wx);
      const vy = new Float64Array(N * K * Wy);
      const kp = new Float64Array(N * K * 2);
      for (let m = 0; m < N * K; m++) {
        const [px, py] = pts[m];
        kp[2 * m] = px;
        kp[2 * m + 1] = py;
        for (let i = 0; i < Wx; i++) vx[m * Wx + i] = Math.exp(-((i - px * split) ** 2) / (2 * sigma * sigma)) + noise * rand();
        for (let i = 0; i < Wy; i++) vy[m * Wy + i] = Math.exp(-((i - py * split) ** 2) / (2 * sigma * sigma)) + noise * rand();
      }
      const sample: SimccSample = {
        x: store(vx, N, K, Wx, h.f64, h.strided, twoD),
        y: store(vy, N, K, Wy, h.f64, h.strided, twoD),
        keypoints: ndarray(kp, [N, K, 2]),
        inputSize,
        splitRatio: split,
      };
      return tag(sample, `simcc sample N=${twoD ? '2-D' : N} K=${K} ${h.f64 ? 'f64' : 'f32'}${h.strided ? ' strided' : ''} keypoints=${JSON.stringify(Array.from(kp).map((v) => +v.toFixed(4)))}`);
    });
}

/** Options of {@link simccRoundTrip}. */
export interface SimccRoundTripOptions {
  /** Network input `[w, h]` (input px). Default [48, 64], as {@link simccSamples}. */
  inputSize?: [number, number];
  /** Bins per input px. Default 2. */
  splitRatio?: number;
  /** Largest |error| per axis (input px). Default 1/(2·splitRatio) + 1e-6 (argmax quantisation). */
  tolerance?: number;
  /** Keypoints at least this far from the border (input px). Default 4. */
  margin?: number;
  /** Keypoints per instance. Default [1, 4]. */
  K?: [number, number];
}

/**
 * Encode → decode round trip in input px: for interior keypoints μ,
 * `|decode(encode(μ)) − μ| ≤ tolerance` on each axis. With SimCCLabel's
 * encoder (rounded bins) and an argmax decoder the bound is the bin
 * quantisation 1/(2·splitRatio); to check a sub-bin decoder (DARK), pass an
 * encoder that draws the exact centre (e.g. the logits of {@link simccSamples})
 * and a much smaller tolerance. Checked at creation: `encode`, `decode`
 * functions; `options` a required object (inputSize, splitRatio, margin, K as
 * {@link simccSamples}; tolerance finite ≥ 0).
 */
export function simccRoundTrip(encode: SimccEncoder, decode: SimccDecoder, options: SimccRoundTripOptions): Law {
  checkFunction('encode', encode);
  checkFunction('decode', decode);
  checkOptionsBag('options', options, true);
  const c = checkSimccOptions('options', options);
  const split = c.split;
  const tol = checkTolerance('options.tolerance', checkOptionsBag('options', options).tolerance, 1 / (2 * split) + 1e-6);
  const margin = c.margin;
  const [w, h] = c.inputSize;
  const [kLo, kHi] = c.K;
  const arb = fc
    .integer({ min: kLo, max: kHi })
    .chain((K) => fc.array(fc.tuple(fc.double({ min: margin, max: w - 1 - margin, noNaN: true }), fc.double({ min: margin, max: h - 1 - margin, noNaN: true })), { minLength: K, maxLength: K }))
    .map((pts) => tag(ndarray(Float64Array.from(pts.flat()), [1, pts.length, 2]), `keypoints ${JSON.stringify(pts)}`));
  return nameLaw(
    fc.property(arb, (kp: NdArray) => {
      const enc = encode(kp);
      if (enc === null || typeof enc !== 'object') throw new LawViolation(`encode returned ${enc === null ? 'null' : typeof enc}, not { x, y }`);
      const got = readOutput(decode(enc.x, enc.y), 'SimCC decoder').xy;
      expectPairs(got, kp.data as Float64Array, tol, 'decode(encode(keypoints)) vs keypoints (input px)');
    }),
    'simccRoundTrip',
  );
}

/** Options of {@link simccFlipEquivariant}. */
export interface SimccFlipOptions extends SimccSampleOptions {
  /** Largest deviation (input px). Default 0: exact for the argmax. DARK: ~1e-3 (float32 blur order). */
  tolerance?: number;
}

/** Mirror a sample: x rows reversed (bin i ↔ Wx−1−i), joints swapped by `swap`; y rows swapped only. */
function mirror(a: NdArray, swap: (k: number) => number, reverse: boolean): NdArray {
  const twoD = a.shape.length === 2;
  const [N, K, W] = twoD ? [1, ...a.shape] : a.shape;
  const out = new Float64Array(N * K * W);
  for (let n = 0; n < N; n++)
    for (let k = 0; k < K; k++)
      for (let i = 0; i < W; i++) out[(n * K + k) * W + i] = (twoD ? a.get(swap(k), reverse ? W - 1 - i : i) : a.get(n, swap(k), reverse ? W - 1 - i : i)) as number;
  const f = a.data instanceof Float64Array ? out : Float32Array.from(out);
  return ndarray(f, twoD ? [K, W] : [N, K, W]);
}

/**
 * Flip equivariance: decoding the horizontally mirrored outputs (x rows
 * reversed, joints k ↔ K−1−k) gives the mirrored keypoints,
 * `x' = (Wx − 1)/splitRatio − x` for joint K−1−k, y unchanged, scores
 * permuted alike. SimCC needs no one-bin shift (unlike MSRA heatmaps).
 * Checked at creation: `decode` a function, tolerance finite ≥ 0, sample options as {@link simccSamples}.
 */
export function simccFlipEquivariant(decode: SimccDecoder, options: SimccFlipOptions = {}): Law {
  checkFunction('decode', decode);
  const samples = checkedSimccSamples(checkSimccOptions('options', options));
  const tol = checkTolerance('options.tolerance', checkOptionsBag('options', options).tolerance, 0);
  return nameLaw(
    fc.property(samples, (s: SimccSample) => {
      const K = s.x.shape[s.x.shape.length - 2];
      const Wx = s.x.shape[s.x.shape.length - 1];
      const swap = (k: number) => K - 1 - k;
      const a = readOutput(decode(s.x, s.y), 'SimCC decoder');
      const b = readOutput(decode(tag(mirror(s.x, swap, true), 'mirrored x'), tag(mirror(s.y, swap, false), 'mirrored y')), 'SimCC decoder');
      const want = new Float64Array(a.xy.length);
      for (let i = 0; i < a.xy.length / 2; i++) {
        const n = Math.floor(i / K);
        const j = n * K + swap(i % K);
        want[2 * i] = (Wx - 1) / s.splitRatio - a.xy[2 * j];
        want[2 * i + 1] = a.xy[2 * j + 1];
      }
      expectPairs(b.xy, want, tol + 1e-9, 'decode(mirrored outputs) vs mirrored keypoints');
      if (a.scores && b.scores) {
        const ws = Float64Array.from(b.scores, (_, i) => a.scores![Math.floor(i / K) * K + swap(i % K)]);
        expectValues(b.scores, ws, 1e-6, 'scores of the mirrored outputs vs permuted scores', true);
      }
    }),
    'simccFlipEquivariant',
  );
}

/** Options of {@link simccScaleInvariant}. */
export interface SimccScaleOptions extends SimccSampleOptions {
  /** Largest keypoint deviation (input px). Default 0: the argmax is exact. */
  tolerance?: number;
  /** Scale factors c > 0. Default powers of two 2⁻³ … 2³ (exact in float, so no rounding ties). */
  factors?: number[];
}

function scaled(a: NdArray, c: number): NdArray {
  const d = a.data as Float32Array | Float64Array;
  const copy = d instanceof Float64Array ? Float64Array.from(d, (v) => v * c) : Float32Array.from(d, (v) => v * c);
  return ndarray(copy, a.shape.slice(), a.stride.slice(), a.offset);
}

/**
 * Scale invariance of the **argmax** decode: multiplying all logits by c > 0
 * leaves the keypoints unchanged (and multiplies the raw-maximum scores by c).
 * This law does **not** hold for RTMW's softmax visibility (softmax(c·z) ≠
 * softmax(z): c acts as an inverse temperature) nor for SimCC DARK (the
 * clip to [1e-3, 50] before the log is not scale-free); check those decoders
 * with the other laws. Checked at creation: `decode` a function, factors a
 * non-empty list (≤ 64) of finite numbers > 0, tolerance finite ≥ 0, sample options as {@link simccSamples}.
 */
export function simccScaleInvariant(decode: SimccDecoder, options: SimccScaleOptions = {}): Law {
  checkFunction('decode', decode);
  const samples = checkedSimccSamples(checkSimccOptions('options', options));
  const f = checkOptionsBag('options', options).factors;
  const factors = f === undefined ? [0.125, 0.25, 0.5, 2, 4, 8] : checkNumberList('options.factors', f, { positive: true, minLength: 1, maxLength: 64 });
  const tol = checkTolerance('options.tolerance', checkOptionsBag('options', options).tolerance, 0);
  return nameLaw(
    fc.property(samples, fc.constantFrom(...factors), (s: SimccSample, c: number) => {
      const a = readOutput(decode(s.x, s.y), 'SimCC decoder');
      const b = readOutput(decode(scaled(s.x, c), scaled(s.y, c)), 'SimCC decoder');
      expectPairs(b.xy, a.xy, tol, `keypoints after scaling the logits by ${c}`);
      if (a.scores && b.scores) expectValues(b.scores, Float64Array.from(a.scores, (v) => v * c), 1e-9, `scores after scaling by ${c} vs c·scores`, true);
    }) as unknown as Law,
    'simccScaleInvariant',
  );
}

/**
 * Batch ≡ per instance: decoding `[N, K, W]` gives, instance by instance,
 * what decoding each `[K, W]` slice (`.pick(n)`, a strided view) gives.
 * Checked at creation: `decode` a function, options as {@link simccSamples} (default N = [2, 3]).
 */
export function simccBatchConsistent(decode: SimccDecoder, options: SimccSampleOptions = {}): Law {
  checkFunction('decode', decode);
  const samples = checkedSimccSamples(checkSimccOptions('options', options, { N: [2, 3] }));
  return nameLaw(
    fc.property(samples, (s: SimccSample) => {
      if (s.x.shape.length !== 3) return;
      const all = readOutput(decode(s.x, s.y), 'SimCC decoder');
      const parts = Array.from({ length: s.x.shape[0] }, (_, n) => readOutput(decode(s.x.pick(n, null, null), s.y.pick(n, null, null)), 'SimCC decoder'));
      const xy = Float64Array.from(parts.flatMap((p) => Array.from(p.xy)));
      expectPairs(all.xy, xy, 0, 'decode([N,K,W]) vs per-instance decode([K,W])');
      if (all.scores && parts.every((p) => p.scores)) expectValues(all.scores, Float64Array.from(parts.flatMap((p) => Array.from(p.scores!))), 0, 'scores');
    }),
    'simccBatchConsistent',
  );
}

/**
 * Layout independence: the same logical outputs stored C-order or strided
 * (an `[N, W, K]` buffer seen through `.transpose(0, 2, 1)`), in float32,
 * decode identically. Checked at creation: `decode` a function, options as {@link simccSamples}.
 */
export function simccLayoutInvariant(decode: SimccDecoder, options: SimccSampleOptions = {}): Law {
  checkFunction('decode', decode);
  const samples = checkedSimccSamples({ ...checkSimccOptions('options', options), layouts: false });
  return nameLaw(
    fc.property(samples, (s: SimccSample) => {
      const restride = (a: NdArray) => {
        const twoD = a.shape.length === 2;
        const [N, K, W] = twoD ? [1, ...a.shape] : a.shape;
        const v = new Float64Array(N * K * W);
        for (let i = 0; i < v.length; i++) v[i] = (a.data as Float32Array)[i];
        return tag(store(v, N, K, W, false, true, twoD), 'the same outputs, strided');
      };
      const a = readOutput(decode(s.x, s.y), 'SimCC decoder');
      const b = readOutput(decode(restride(s.x), restride(s.y)), 'SimCC decoder');
      expectPairs(b.xy, a.xy, 0, 'decode(strided view) vs decode(C order)');
    }),
    'simccLayoutInvariant',
  );
}

/** No input mutation: `decode(x, y)` leaves both tensors (data, shape, strides) bit-for-bit as they were. Checked at creation as {@link simccBatchConsistent}. */
export function simccNoMutation(decode: SimccDecoder, options: SimccSampleOptions = {}): Law {
  checkFunction('decode', decode);
  const samples = checkedSimccSamples(checkSimccOptions('options', options));
  return noMutation(((x: NdArray, y: NdArray) => decode(x, y)) as (...a: never[]) => unknown, {
    inputs: samples.map((s) => tag([s.x, s.y], fc.stringify(s))),
  });
}

/** Throws a {@link LawViolation} unless every value of `out` is finite (used by the decoders' own tests). */
export function expectFiniteKeypoints(out: DecodeOutput): void {
  const { xy } = readOutput(out);
  for (let i = 0; i < xy.length; i++) if (!Number.isFinite(xy[i])) throw new LawViolation(`keypoint value ${i} is ${xy[i]}`);
}
