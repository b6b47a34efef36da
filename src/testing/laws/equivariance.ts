/** Invariance and equivariance laws: scaling, translation and horizontal flip. */
import * as fc from 'fast-check';
import ndarray from 'ndarray';
import type { NdArray } from 'ndarray';
import { flipHeatmaps } from '../../decode/index.js';
import { checkHeatmapOptions, checkedHeatmapSamples, type HeatmapOptions } from '../arbitraries.js';
import { checkNdArray } from '../../core/ndarray.js';
import { checkBoolean, checkChoice, checkFunction, checkInt, checkNonNeg, checkNumberOption, checkOptionsBag, checkRealRange, checkTolerance, MAX_SIDE } from '../check-args.js';
import { readOutput, expectPairs, expectValues, fmt, type Decoder } from '../compare.js';
import { nameLaw } from '../report.js';
import { tag, type Law } from './common.js';

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

/** `c·h` in the same layout (same shape, strides and offset over scaled data). `h` a Float32/Float64 ndarray of any rank ≤ 8, `c` finite (both checked). */
export function scaleHeatmaps(h: NdArray, c: number): NdArray {
  checkNdArray('h', h, { ranks: [1, 2, 3, 4, 5, 6, 7, 8] });
  checkNumberOption('c', c);
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
 * Checked at creation: `decode` a function, tolerance finite ≥ 0, factors
 * 'powersOfTwo' or `[lo, hi]` with 0 < lo ≤ hi ≤ 1e300, scores boolean,
 * heatmaps as {@link heatmapSamples} (errors name `options.heatmaps.<field>`).
 */
export function scaleInvariant(decode: Decoder, options: ScaleOptions = {}): Law {
  checkFunction('decode', decode);
  const o = checkOptionsBag('options', options);
  const tol = checkTolerance('options.tolerance', o.tolerance, 1e-9);
  const f = o.factors === undefined || o.factors === 'powersOfTwo' ? 'powersOfTwo' : checkRealRange('options.factors', o.factors, [1, 1], { min: 0, max: 1e300, positive: true });
  const scores = checkBoolean('options.scores', o.scores, false);
  const hmOpts = checkOptionsBag('options.heatmaps', o.heatmaps);
  const cArb = f === 'powersOfTwo' ? fc.integer({ min: -10, max: 10 }).map((e) => 2 ** e) : fc.double({ min: f[0], max: f[1], noNaN: true }).filter((c) => c > 0);
  const hm = checkedHeatmapSamples(checkHeatmapOptions('options.heatmaps', { kinds: ['clean', 'noisy', 'twoPeaks', 'expected', 'quantized', 'zero'], ...hmOpts }));
  return nameLaw(
    fc.property(fc.tuple(hm, cArb).map(([s, c]) => tag({ s, c }, `${fc.stringify(s)}, c = ${fmt(c)}`)), ({ s, c }) => {
      const a = readOutput(decode(s.heatmaps));
      const b = readOutput(decode(scaleHeatmaps(s.heatmaps, c)));
      expectPairs(b.xy, a.xy, tol, `decode(c·h) vs decode(h), c = ${fmt(c)}`, true);
      if (scores && a.scores && b.scores) expectValues(b.scores, a.scores.map((v) => v * c), tol, `scores of c·h vs c·scores`, true);
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
 * least `margin` px from the edges in both maps. Checked at creation:
 * `decode` a function, maxShift an integer in [0, 4096], margin and tolerance
 * finite ≥ 0, heatmaps as {@link heatmapSamples}.
 */
export function translationEquivariant(decode: Decoder, options: TranslationOptions = {}): Law {
  checkFunction('decode', decode);
  const o = checkOptionsBag('options', options);
  const T = o.maxShift === undefined ? 3 : checkInt('options.maxShift', o.maxShift, 0, MAX_SIDE);
  const tol = checkTolerance('options.tolerance', o.tolerance, 1e-9);
  const margin = checkNonNeg('options.margin', o.margin, 8, MAX_SIDE);
  const hmOpts = checkOptionsBag('options.heatmaps', o.heatmaps);
  const hm = checkedHeatmapSamples(checkHeatmapOptions('options.heatmaps', { sizes: { W: [24, 32], H: [24, 32] }, kinds: ['clean', 'noisy', 'twoPeaks', 'negative', 'expected', 'quantized'], ...hmOpts, margin: margin + T }));
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
 * Checked at creation: `decode` a function; `options` required with
 * `geometry` 'msra' or 'udp'; flipIndices a permutation of 0…K−1 (K ≤ 256);
 * flip a function; shift boolean; margin, tolerance finite ≥ 0; heatmaps as
 * {@link heatmapSamples}.
 */
export function flipEquivariant(decode: Decoder, options: FlipOptions): Law {
  checkFunction('decode', decode);
  const o = checkOptionsBag('options', options, true);
  if (o.geometry === undefined) throw new TypeError(`options.geometry is required ('msra' or 'udp')`);
  const geometry = checkChoice('options.geometry', o.geometry, ['msra', 'udp'] as const);
  const shift = checkBoolean('options.shift', o.shift, geometry === 'msra');
  const flip: FlipFn = o.flip === undefined ? (h, idx, fo) => flipHeatmaps(h, idx, fo) : checkFunction<FlipFn>('options.flip', o.flip);
  const tol = checkTolerance('options.tolerance', o.tolerance, 1e-4);
  const fixed = o.flipIndices === undefined ? undefined : checkPermutation('options.flipIndices', o.flipIndices);
  const hmUser = checkOptionsBag('options.heatmaps', o.heatmaps);
  const hmOpts: HeatmapOptions = {
    sizes: { W: [20, 28], H: [20, 28] },
    kinds: ['clean', 'noisy', 'twoPeaks', 'negative', 'expected'],
    K: fixed ? fixed.length : [2, 4],
    dtype: 'float32',
    ...hmUser,
    margin: checkNonNeg('options.margin', o.margin, 8, MAX_SIDE),
    avoidTies: true,
  };
  const checked = checkHeatmapOptions('options.heatmaps', hmOpts);
  if (fixed && (checked.K[0] !== fixed.length || checked.K[1] !== fixed.length)) throw new RangeError(`options.heatmaps.K must be options.flipIndices.length = ${fixed.length}`);
  const arb = checkedHeatmapSamples(checked).chain((s) =>
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

function checkPermutation(name: string, v: unknown): number[] {
  if (!Array.isArray(v)) throw new TypeError(`${name} must be an array of channel indices, got ${v === null ? 'null' : typeof v}`);
  if (v.length < 1 || v.length > 256) throw new RangeError(`${name} must hold 1 to 256 indices, got ${v.length}`);
  const seen = new Set<number>();
  return v.map((x, i) => {
    const k = checkInt(`${name}[${i}]`, x, 0, v.length - 1);
    if (seen.has(k)) throw new RangeError(`${name} must be a permutation of 0…${v.length - 1}, got ${k} twice`);
    seen.add(k);
    return k;
  });
}
