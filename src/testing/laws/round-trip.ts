/** Round-trip laws: decode(encode(p)) ≈ p for encoder/decoder pairs and codec objects. */
import * as fc from 'fast-check';
import ndarray from 'ndarray';
import type { NdArray } from 'ndarray';
import { real as realArb, heatmapSize, keypoints as keypointArb, type SizeSpec, type RealRange, type IntRange } from '../arbitraries.js';
import { readOutput, expectPairs, fmt, type Decoder } from '../compare.js';
import { nameLaw } from '../report.js';
import { tag, heatmapsOf, type Law, type Encoder } from './common.js';
import { checkFunction, checkIntRange, checkNonNeg, checkOptionsBag, checkRealRange, checkSize, checkSizeSpec, checkTolerance, MAX_SIDE } from '../check-args.js';

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
 * Arguments are checked at creation: functions; tolerance, margin finite ≥ 0;
 * sizes as {@link heatmapSize}; σ in (0, 1e4]; K ∈ [1, 256].
 */
export function roundTrip(encode: Encoder, decode: Decoder, options: RoundTripOptions = {}): Law {
  checkFunction('encode', encode);
  checkFunction('decode', decode);
  const o = checkOptionsBag('options', options);
  const tol = checkTolerance('options.tolerance', o.tolerance, 1e-3);
  const margin = checkNonNeg('options.margin', o.margin, 6, MAX_SIDE);
  const sizes = checkSizeSpec('options.sizes', o.sizes, { W: [16, 32], H: [16, 32] }).spec;
  const sigmaRange = checkRealRange('options.sigma', o.sigma, [1.5, 3], { min: 0, max: 1e4, positive: true });
  const K = checkIntRange('options.K', o.K, [1, 3], 1, 256);
  const arb = fc
    .tuple(heatmapSize(sizes), realArb(sigmaRange))
    .chain(([size, sigma]) =>
      keypointArb({ heatmapSize: size, margin, K }).map((kp) =>
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
 * exact inverse of encode's geometry. Checked at creation: `codec` an object
 * with `encode` / `decode` methods and `[W, H]` `inputSize` / `heatmapSize`
 * (snapshotted); tolerance, margin finite ≥ 0; K ∈ [1, 256].
 */
export function codecRoundTrip(codec: CodecLike, options: { tolerance?: number; margin?: number; K?: IntRange } = {}): Law {
  if (codec === null || typeof codec !== 'object') throw new TypeError(`codec must be a codec object ({ inputSize, heatmapSize, encode, decode }), got ${codec === null ? 'null' : typeof codec}`);
  checkFunction('codec.encode', codec.encode);
  checkFunction('codec.decode', codec.decode);
  const [w, h] = checkSize('codec.inputSize', codec.inputSize ? Array.from(codec.inputSize) : codec.inputSize, 0);
  const [W, H] = checkSize('codec.heatmapSize', codec.heatmapSize ? Array.from(codec.heatmapSize) : codec.heatmapSize, 0);
  const o = checkOptionsBag('options', options);
  const m = checkNonNeg('options.margin', o.margin, 6, MAX_SIDE) * Math.max(w / W, h / H);
  const tol = checkTolerance('options.tolerance', o.tolerance, 1e-2);
  const K = checkIntRange('options.K', o.K, [1, 3], 1, 256);
  return nameLaw(
    fc.property(keypointArb({ heatmapSize: [w, h], margin: m, K }), (kp) => {
      const hm = heatmapsOf(codec.encode(kp));
      const got = readOutput(codec.decode(hm)).xy;
      expectPairs(got, kp.data as Float64Array, tol, 'codec.decode(codec.encode(μ)) vs μ (input px)');
    }),
    'codecRoundTrip',
  );
}
