/**
 * Law checkers for heatmap encoders and decoders. Each takes the
 * implementation under test and returns a fast-check property; run it with
 * `fc.assert(law)` in any test runner, or with {@link checkLaw} /
 * {@link assertLaw} for a readable report. Units: heatmap pixels (pixel i
 * centred at i) unless stated.
 */
import * as fc from 'fast-check';
import ndarray from 'ndarray';
import type { NdArray } from 'ndarray';
import { flipHeatmaps } from '../decode/index.js';
import { real as realArb, heatmapSamples, heatmapSize, keypoints as keypointArb, type HeatmapOptions, type SizeSpec, type RealRange, type IntRange, type HeatmapSample } from './arbitraries.js';
import { toLayout } from './render.js';
import { readOutput, expectPairs, expectValues, LawViolation, fmt, type Decoder } from './compare.js';
import { referenceDecoder, type ReferenceName, type ReferenceOptions } from './reference.js';
import { nameLaw } from './report.js';

/** A fast-check property over one generated case. */
export type Law<T = unknown> = fc.IPropertyWithHooks<[T]>;

/** An encoder with the signature of posecodec's (`msraHeatmaps`, `unbiasedHeatmaps`, `udpHeatmaps`, …). */
export type Encoder = (heatmapSize: [number, number], keypoints: NdArray, visible: NdArray, sigma: number) => NdArray | { heatmaps: NdArray };

function tag<T extends object>(v: T, text: string): T {
  Object.defineProperty(v, fc.toStringMethod, { value: () => text, enumerable: false, configurable: true });
  return v;
}
function heatmapsOf(out: NdArray | { heatmaps: NdArray }): NdArray {
  return 'heatmaps' in out && out.heatmaps ? out.heatmaps : (out as NdArray);
}

// ---------------------------------------------------------------- round trip

export interface RoundTripOptions {
  /** Largest accepted error per axis, heatmap px. Default 1e-3. */
  tolerance?: number;
  /** Heatmap sizes (default W, H ∈ [16, 32]). */
  sizes?: SizeSpec;
  /** σ of the encoded Gaussians, heatmap px (default [1.5, 3]). */
  sigma?: RealRange;
  /** Keypoints per map (default 1–3). */
  K?: IntRange;
  /** Keypoints keep this distance from every edge (heatmap px, default 6). */
  margin?: number;
}

/**
 * Sub-pixel round trip: for keypoints μ (one instance, all visible) at least
 * `margin` px inside a `[W, H]` map, `decode(encode([W, H], μ, 1, σ))` is
 * within `tolerance` of μ on each axis (heatmap px).
 * @param encode encoder `(heatmapSize, keypoints [1, K, 2], visible [1, K], σ) → heatmaps [K, H, W]` (or `{ heatmaps }`)
 * @param decode decoder `heatmaps [K, H, W] → keypoints [K, 2] | [1, K, 2]` (or `{ keypoints }`)
 */
export function roundTrip(encode: Encoder, decode: Decoder, options: RoundTripOptions = {}): Law {
  const tol = options.tolerance ?? 1e-3;
  const margin = options.margin ?? 6;
  const arb = fc
    .tuple(heatmapSize(options.sizes ?? { W: [16, 32], H: [16, 32] }), realArb(options.sigma ?? [1.5, 3]))
    .chain(([size, sigma]) =>
      keypointArb({ heatmapSize: size, margin, K: options.K ?? [1, 3] }).map((kp) =>
        tag({ size, sigma, kp }, `heatmapSize [${size.join(', ')}], σ = ${fmt(sigma)}, ${fc.stringify(kp)}`),
      ),
    );
  return nameLaw(
    fc.property(arb, ({ size, sigma, kp }) => {
      const K = kp.shape[1];
      const visible = ndarray(new Float32Array(K).fill(1), [1, K]);
      const hm = heatmapsOf(encode(size, kp, visible, sigma));
      const got = readOutput(decode(hm)).xy;
      expectPairs(got, kp.data as Float64Array, tol, `decode(encode(μ)) vs μ`);
    }),
    'roundTrip',
  );
}

/** The parts of a codec object (posecodec `createCodec`) the codec round trip needs. */
export interface CodecLike {
  inputSize: readonly [number, number];
  heatmapSize: readonly [number, number];
  encode(keypoints: NdArray, visible?: NdArray): NdArray | { heatmaps: NdArray };
  decode(heatmaps: NdArray): ReturnType<Decoder>;
}

/**
 * Codec round trip in **input pixels**: `codec.decode(codec.encode(μ))` is
 * within `tolerance` input px of μ for keypoints at least `margin` heatmap px
 * (converted to input px) inside the crop. Checks that decode applies the
 * exact inverse of encode's geometry.
 */
export function codecRoundTrip(codec: CodecLike, options: { tolerance?: number; margin?: number; K?: IntRange } = {}): Law {
  const [w, h] = codec.inputSize;
  const [W, H] = codec.heatmapSize;
  const m = (options.margin ?? 6) * Math.max(w / W, h / H);
  const tol = options.tolerance ?? 1e-2;
  return nameLaw(
    fc.property(keypointArb({ heatmapSize: [w, h], margin: m, K: options.K ?? [1, 3] }), (kp) => {
      const hm = heatmapsOf(codec.encode(kp));
      const got = readOutput(codec.decode(hm)).xy;
      expectPairs(got, kp.data as Float64Array, tol, 'codec.decode(codec.encode(μ)) vs μ (input px)');
    }),
    'codecRoundTrip',
  );
}

// ---------------------------------------------------------------- invariance and equivariance

export interface ScaleOptions {
  /** `'powersOfTwo'` (default: c = 2^e, e ∈ [−10, 10], exact in floating point) or a range for c > 0. */
  factors?: 'powersOfTwo' | readonly [number, number];
  /** Keypoint tolerance, relative to max(1, |x|) (default 1e-9). */
  tolerance?: number;
  /** Also require scores to scale by c (default false). */
  scores?: boolean;
  /** Heatmaps (default kinds: every kind except 'negative'; see {@link heatmapSamples}). */
  heatmaps?: HeatmapOptions;
}

/** `c·h` in the same layout (same shape, strides and offset over scaled data). */
export function scaleHeatmaps(h: NdArray, c: number): NdArray {
  const d = h.data as Float32Array | Float64Array;
  const out = d instanceof Float32Array ? new Float32Array(d.length) : new Float64Array(d.length);
  for (let i = 0; i < d.length; i++) out[i] = d[i] * c;
  return ndarray(out, h.shape.slice(), h.stride.slice(), h.offset);
}

/**
 * Invariance to scaling heatmap values: `decode(c·h)` has the same keypoints
 * as `decode(h)` for every c > 0 (and, with `scores`, c times the scores).
 * Holds for argmax and for DARK on maps positive around the peak; DARK is not
 * invariant where its log floor (1e-10) or DARK-UDP's clip [1e-3, 50] is hit,
 * hence 'negative' maps are left out by default.
 */
export function scaleInvariant(decode: Decoder, options: ScaleOptions = {}): Law {
  const tol = options.tolerance ?? 1e-9;
  const f = options.factors ?? 'powersOfTwo';
  const cArb = f === 'powersOfTwo' ? fc.integer({ min: -10, max: 10 }).map((e) => 2 ** e) : fc.double({ min: f[0], max: f[1], noNaN: true }).filter((c) => c > 0);
  const hm = heatmapSamples({ kinds: ['clean', 'noisy', 'twoPeaks', 'expected', 'quantized', 'zero'], ...options.heatmaps });
  return nameLaw(
    fc.property(fc.tuple(hm, cArb).map(([s, c]) => tag({ s, c }, `${fc.stringify(s)}, c = ${fmt(c)}`)), ({ s, c }) => {
      const a = readOutput(decode(s.heatmaps));
      const b = readOutput(decode(scaleHeatmaps(s.heatmaps, c)));
      expectPairs(b.xy, a.xy, tol, `decode(c·h) vs decode(h), c = ${fmt(c)}`, true);
      if (options.scores && a.scores && b.scores) expectValues(b.scores, a.scores.map((v) => v * c), tol, `scores of c·h vs c·scores`, true);
    }),
    'scaleInvariant',
  );
}

export interface TranslationOptions {
  /** Largest shift per axis, heatmap px (default 3). */
  maxShift?: number;
  /** Peaks stay this far from every edge before and after the shift (default 8: DARK's ±2 stencil + the k=11 blur radius + 1). */
  margin?: number;
  /** Tolerance (default 1e-9, relative to max(1, |x|)). */
  tolerance?: number;
  /** Heatmaps (default W, H ∈ [24, 32], every kind except 'zero'). */
  heatmaps?: HeatmapOptions;
}

/**
 * Translation equivariance: moving the map content by an integer `(dx, dy)`
 * moves every decoded keypoint by `(dx, dy)`. The shifted map is the same
 * content re-rendered at the new place (not a zero-filled copy), with peaks at
 * least `margin` px from the edges in both maps.
 */
export function translationEquivariant(decode: Decoder, options: TranslationOptions = {}): Law {
  const T = options.maxShift ?? 3;
  const tol = options.tolerance ?? 1e-9;
  const margin = options.margin ?? 8;
  const hm = heatmapSamples({ sizes: { W: [24, 32], H: [24, 32] }, kinds: ['clean', 'noisy', 'twoPeaks', 'negative', 'expected', 'quantized'], ...options.heatmaps, margin: margin + T });
  const shift = fc.tuple(fc.integer({ min: -T, max: T }), fc.integer({ min: -T, max: T }));
  return nameLaw(
    fc.property(fc.tuple(hm, shift).map(([s, d]) => tag({ s, d }, `${fc.stringify(s)}, shift (${d[0]}, ${d[1]})`)), ({ s, d: [dx, dy] }) => {
      const a = readOutput(decode(s.heatmaps)).xy;
      const b = readOutput(decode(s.translated(dx, dy))).xy;
      const want = a.map((v, i) => v + (i % 2 === 0 ? dx : dy));
      expectPairs(b, want, tol, `decode(shift(h, ${dx}, ${dy})) vs decode(h) + (${dx}, ${dy})`, true);
    }),
    'translationEquivariant',
  );
}

/** A heatmap flip: posecodec's `flipHeatmaps` signature. */
export type FlipFn = (heatmaps: NdArray, flipIndices: ArrayLike<number>, options: { mode: 'heatmap'; shift: boolean }) => NdArray;

export interface FlipOptions {
  /**
   * `'udp'`: corner-aligned geometry; the flip back is the reflection
   * x ↦ W−1−x (input x ↦ w−1−x, exact). `'msra'`: the flipped maps are shifted
   * one column right (HRNet `SHIFT_HEATMAP`) and the flip back is x ↦ W−x,
   * i.e. input x ↦ w−x: one input px right of the image flip w−1−x
   * (codecs.md §4.2; without the shift it would be w−s−x).
   */
  geometry: 'msra' | 'udp';
  /** Channel permutation of the left/right swap (default: a random involution per K). */
  flipIndices?: readonly number[];
  /** The flip under test (default posecodec `flipHeatmaps`). */
  flip?: FlipFn;
  /** Override the shift the geometry implies. */
  shift?: boolean;
  /** Peaks stay this far from every edge (default 8). */
  margin?: number;
  /** Tolerance (default 1e-4, relative to max(1, |x|): a mirrored map is blurred/summed in the other order, and float32 roundoff then moves DARK by up to ~1e-5 px). */
  tolerance?: number;
  /**
   * Heatmaps (default W, H ∈ [20, 28], tie-free kinds, float32: posecodec's
   * `flipHeatmaps` returns Float32Array maps, so float64 input would be
   * compared with its own float32 rounding).
   */
  heatmaps?: HeatmapOptions;
}

function involution(K: number): fc.Arbitrary<number[]> {
  return fc.shuffledSubarray(Array.from({ length: K }, (_, i) => i), { minLength: K, maxLength: K }).map((order) => {
    const idx = Array.from({ length: K }, (_, i) => i);
    for (let i = 0; i + 1 < order.length; i += 2) {
      idx[order[i]] = order[i + 1];
      idx[order[i + 1]] = order[i];
    }
    return idx;
  });
}

/**
 * Horizontal-flip equivariance for a geometry: with `f = flip(h, π, { shift })`,
 * `decode(f)[k] = (R(x), y)` where `(x, y) = decode(h)[π[k]]` and
 * `R(x) = W−1−x` (UDP, no shift) or `W−x` (MSRA, one-column shift). Maps are
 * tie-free (an argmax's first-maximum rule is not mirror-symmetric at exact ties).
 */
export function flipEquivariant(decode: Decoder, options: FlipOptions): Law {
  const shift = options.shift ?? options.geometry === 'msra';
  const flip: FlipFn = options.flip ?? ((h, idx, o) => flipHeatmaps(h, idx, o));
  const tol = options.tolerance ?? 1e-4;
  const fixed = options.flipIndices;
  const hmOpts: HeatmapOptions = {
    sizes: { W: [20, 28], H: [20, 28] },
    kinds: ['clean', 'noisy', 'twoPeaks', 'negative', 'expected'],
    K: fixed ? fixed.length : [2, 4],
    dtype: 'float32',
    ...options.heatmaps,
    margin: options.margin ?? 8,
    avoidTies: true,
  };
  const arb = heatmapSamples(hmOpts).chain((s) =>
    (fixed ? fc.constant([...fixed]) : involution(s.shape.K)).map((idx) => tag({ s, idx }, `${fc.stringify(s)}, flipIndices [${idx.join(', ')}]`)),
  );
  return nameLaw(
    fc.property(arb, ({ s, idx }) => {
      const W = s.shape.W;
      const a = readOutput(decode(s.heatmaps)).xy;
      const b = readOutput(decode(flip(s.heatmaps, idx, { mode: 'heatmap', shift }))).xy;
      const want = new Float64Array(a.length);
      const K = s.shape.K;
      for (let i = 0; i < a.length / 2; i++) {
        const src = Math.floor(i / K) * K + idx[i % K];
        want[2 * i] = (shift ? W : W - 1) - a[2 * src];
        want[2 * i + 1] = a[2 * src + 1];
      }
      expectPairs(b, want, tol, `decode(flip(h)) vs mirrored decode(h) [x ↦ ${shift ? 'W−x' : 'W−1−x'}, channels by flipIndices]`, true);
    }),
    'flipEquivariant',
  );
}

// ---------------------------------------------------------------- layouts, batches, purity

/** Exactness options shared by the structural laws. */
export interface StructuralOptions {
  /** Tolerance (default 0: identical, NaN equals NaN). */
  tolerance?: number;
  /** Heatmaps (see {@link heatmapSamples}). */
  heatmaps?: HeatmapOptions;
}

function compareOutputs(got: ReturnType<typeof readOutput>, want: ReturnType<typeof readOutput>, tol: number, what: string): void {
  expectPairs(got.xy, want.xy, tol, `${what} keypoints`);
  if (got.scores && want.scores) expectValues(got.scores, want.scores, tol, `${what} scores`);
}

/**
 * Batch ≡ per item: decoding `[B, K, H, W]` gives, item by item, what decoding
 * each `[K, H, W]` slice (`.pick(b)`, a strided view) gives — keypoints and scores.
 */
export function batchConsistent(decode: Decoder, options: StructuralOptions = {}): Law {
  const tol = options.tolerance ?? 0;
  return nameLaw(
    fc.property(heatmapSamples({ B: [2, 3], ...options.heatmaps }), (s: HeatmapSample) => {
      const all = readOutput(decode(s.heatmaps));
      const parts = Array.from({ length: s.shape.B }, (_, b) => readOutput(decode(s.heatmaps.pick(b, null, null, null))));
      const xy = Float64Array.from(parts.flatMap((p) => Array.from(p.xy)));
      const scores = parts.every((p) => p.scores) ? Float64Array.from(parts.flatMap((p) => Array.from(p.scores!))) : undefined;
      compareOutputs(all, { xy, scores }, tol, 'decode([B,K,H,W]) vs per-item decode([K,H,W])');
    }),
    'batchConsistent',
  );
}

/**
 * Layout independence: the same logical heatmaps stored NCHW (C order) and
 * NHWC (viewed as `[B, K, H, W]` through `.transpose(0, 3, 1, 2)`, or
 * `[K, H, W]` through `.transpose(2, 0, 1)`) decode identically.
 */
export function layoutInvariant(decode: Decoder, options: StructuralOptions = {}): Law {
  const tol = options.tolerance ?? 0;
  return nameLaw(
    fc.property(heatmapSamples({ B: [0, 2], ...options.heatmaps, layout: 'NCHW' }), (s: HeatmapSample) => {
      const nchw = s.heatmaps;
      const nhwc = tag(toLayout(nchw, 'NHWC'), 'the same maps stored NHWC');
      compareOutputs(readOutput(decode(nhwc)), readOutput(decode(nchw)), tol, 'decode(NHWC view) vs decode(NCHW)');
    }),
    'layoutInvariant',
  );
}

function snapshotAll(v: unknown, out: { path: string; ref: ArrayLike<unknown>; copy: unknown[] }[], path: string, depth: number): void {
  if (depth > 4 || v === null || typeof v !== 'object') return;
  if (ArrayBuffer.isView(v) && !(v instanceof DataView)) {
    const a = v as unknown as ArrayLike<unknown>;
    out.push({ path, ref: a, copy: Array.from(a) });
    return;
  }
  if (Array.isArray(v)) {
    out.push({ path, ref: v, copy: v.slice() });
    v.forEach((e, i) => snapshotAll(e, out, `${path}[${i}]`, depth + 1));
    return;
  }
  for (const key of Object.keys(v)) snapshotAll((v as Record<string, unknown>)[key], out, `${path}.${key}`, depth + 1);
}

/**
 * No input mutation: after `fn(...args)` every typed array and array
 * reachable from the arguments (ndarray data, shapes, strides, option
 * objects) holds exactly what it held before (bitwise, NaN-aware).
 * @param fn the function under test (its result and any throw are ignored)
 * @param options.inputs argument lists (default: `[heatmaps]` over every kind, layout and dtype, batched or not)
 */
export function noMutation(fn: (...args: never[]) => unknown, options: { inputs?: fc.Arbitrary<unknown[]> } = {}): Law {
  const inputs = options.inputs ?? heatmapSamples({ B: [0, 2] }).map((s) => tag([s.heatmaps], fc.stringify(s.heatmaps)));
  return nameLaw(
    fc.property(inputs, (args) => {
      const snaps: { path: string; ref: ArrayLike<unknown>; copy: unknown[] }[] = [];
      args.forEach((a, i) => snapshotAll(a, snaps, `argument ${i}`, 0));
      try {
        (fn as (...a: unknown[]) => unknown)(...args);
      } catch {
        // Throwing is allowed; writing into the caller's data is not.
      }
      for (const s of snaps) {
        const n = Math.max(s.ref.length, s.copy.length);
        for (let i = 0; i < n; i++) {
          if (!Object.is(s.ref[i], s.copy[i])) throw new LawViolation(`${s.path}[${i}] changed from ${String(s.copy[i])} to ${String(s.ref[i])}`);
        }
      }
    }),
    'noMutation',
  );
}

// ---------------------------------------------------------------- reference agreement

export interface ReferenceLawOptions extends ReferenceOptions {
  /** Tolerance on keypoints (and scores), relative to max(1, |x|). Default 1e-6. */
  tolerance?: number;
  /** Compare scores too when the decoder returns them (default true). */
  scores?: boolean;
  /** Heatmaps (default: every kind, layout and dtype, W, H ∈ [8, 24]). */
  heatmaps?: HeatmapOptions;
}

/**
 * Agreement with posecodec's reference decoder (mmpose parity; see
 * {@link referenceDecoder}) within a tolerance, on every generated map
 * (including plateaus with exact ties, negative and all-zero maps).
 * @param reference a reference name, or any decoder to compare against
 */
export function matchesReference(decode: Decoder, reference: ReferenceName | Decoder, options: ReferenceLawOptions = {}): Law {
  const ref = typeof reference === 'function' ? reference : referenceDecoder(reference, options);
  const tol = options.tolerance ?? 1e-6;
  const name = typeof reference === 'function' ? 'the given reference' : `posecodec '${reference}'`;
  return nameLaw(
    fc.property(heatmapSamples(options.heatmaps), (s: HeatmapSample) => {
      const got = readOutput(decode(s.heatmaps));
      const want = readOutput(ref(s.heatmaps), 'reference');
      expectPairs(got.xy, want.xy, tol, `decoder vs ${name}`, true);
      if ((options.scores ?? true) && got.scores && want.scores) expectValues(got.scores, want.scores, tol, `decoder vs ${name} scores`, true);
    }),
    'matchesReference',
  );
}

// ---------------------------------------------------------------- bad arguments

/**
 * Bad arguments are rejected only with `TypeError` or `RangeError` carrying a
 * message: for every argument list from `args` (e.g.
 * {@link badArguments}), `fn(...args)` returns or throws one of those — never
 * another error type (a `TypeError` from reading a property of `undefined`
 * deep inside still passes; pair this with tests of the messages).
 */
export function throwsOnlyTypedErrors(fn: (...args: never[]) => unknown, args: fc.Arbitrary<unknown[]>): Law {
  return nameLaw(
    fc.property(args, (a) => {
      try {
        (fn as (...x: unknown[]) => unknown)(...a);
      } catch (e) {
        if (!(e instanceof TypeError || e instanceof RangeError)) {
          throw new LawViolation(`threw ${e instanceof Error ? `${e.name}: ${e.message}` : `a non-Error value ${String(e)}`} (only TypeError or RangeError is allowed)`);
        }
        if (!e.message) throw new LawViolation(`threw ${e.name} with an empty message`);
      }
    }),
    'throwsOnlyTypedErrors',
  );
}
