/**
 * Option parsing of SimCC decoding (mmpose `SimCCLabel` decode arguments),
 * once per operation: used by {@link decodeSimcc}, the SimCC codec and the
 * GPU decoder's SimCC plan (`src/gpu/simcc-plan.ts`), so all of them accept
 * and reject exactly the same options with the same messages.
 */
import { checkFinite, checkOptions, checkSize } from '../core/ndarray.js';
import { checkBoolean, checkChoice, checkSigmaF32, checkSimccSplitRatio } from '../core/options.js';
import type { DecodeSimccOptions, SimccScoreRule } from './simcc-types.js';
import { simccBlurKernel } from './gaussian-blur-1d.js';
import { simccDarkKernelSize } from './simcc-dark.js';

/** Validated, frozen {@link DecodeSimccOptions}. */
export interface SimccDecodeSettings {
  /** Bins per input pixel (> 0). */
  readonly splitRatio: number;
  /** `[σx, σy]` in bins (> 0). */
  readonly sigma: readonly [number, number];
  readonly dark: boolean;
  readonly visibility: boolean;
  /** Visibility softmax temperature (> 0). */
  readonly beta: number;
  readonly score: SimccScoreRule;
  /** `[w, h]` input px, or undefined (lengths not checked). */
  readonly inputSize: readonly [number, number] | undefined;
  /** DARK blur kernels for x and y (OpenCV float32 weights as float64; undefined without `dark`). */
  readonly kernels: readonly [Float64Array, Float64Array] | undefined;
}

/** Validate `splitRatio` (finite, in [2^-20, 2^20], core `checkSimccSplitRatio`, shared with the labels); default 2. */
export function checkSplitRatio(v: unknown, name = 'options.splitRatio'): number {
  return checkSimccSplitRatio(name, v);
}

/** Validate a SimCC σ: a number or `[σx, σy]`, each finite in [2^-63, 2^63] bins (core `checkSigmaF32`); default 6 (mmpose). */
export function checkSimccSigma(v: unknown, name = 'options.sigma'): readonly [number, number] {
  if (v === undefined) return Object.freeze([6, 6] as const);
  if (typeof v === 'number') {
    const s = checkSigmaF32(name, v); // σ in [2^-63, 2^63] bins, as the labels (core/options)
    return Object.freeze([s, s] as const);
  }
  if (!Array.isArray(v) && !ArrayBuffer.isView(v)) throw new TypeError(`${name} must be a number or [σx, σy], got ${v === null ? 'null' : typeof v}`);
  const a = v as ArrayLike<unknown>;
  if (a.length !== 2) throw new RangeError(`${name} must be a number or [σx, σy] (2 numbers), got ${a.length} values`);
  return Object.freeze([checkSigmaF32(`${name}[0]`, a[0]), checkSigmaF32(`${name}[1]`, a[1])] as const);
}

/**
 * Parse {@link DecodeSimccOptions} once (snapshot: the caller's object is not
 * read again). With `dark`, the per-axis blur kernels `k = ⌊(20σ − 7)/3⌋`
 * made odd are built here, so a σ < 0.5 fails at parse time.
 * Cost O(k) with `dark`, else O(1).
 * @throws TypeError / RangeError naming the option (`options.splitRatio`, `options.sigma[0]`, …)
 */
export function parseSimccOptions(options: DecodeSimccOptions | undefined): SimccDecodeSettings {
  const o = checkOptions('options', options);
  const splitRatio = checkSplitRatio(o.splitRatio);
  const sigma = checkSimccSigma(o.sigma);
  const dark = checkBoolean('options.dark', o.dark, false);
  const visibility = checkBoolean('options.visibility', o.visibility, false);
  const beta = o.beta === undefined ? 150 : checkFinite('options.beta', o.beta, { positive: true });
  const score = checkChoice('options.score', o.score, ['min', 'mean'] as const);
  const inputSize = o.inputSize === undefined ? undefined : (Object.freeze(checkSize('options.inputSize', o.inputSize)) as readonly [number, number]);
  const kernels = dark
    ? (Object.freeze([
        simccBlurKernel(simccDarkKernelSize(sigma[0], 'options.sigma[0] (σx)'), 'options.sigma'),
        simccBlurKernel(simccDarkKernelSize(sigma[1], 'options.sigma[1] (σy)'), 'options.sigma'),
      ]) as readonly [Float64Array, Float64Array])
    : undefined;
  return Object.freeze({ splitRatio, sigma, dark, visibility, beta, score, inputSize, kernels });
}
