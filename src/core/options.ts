/**
 * Option checks shared by every area: booleans, string choices and odd kernel
 * sizes, each throwing a `TypeError`/`RangeError` that names the option.
 */
import { checkFinite, checkOptions, checkPositiveInt } from './ndarray.js';

/** Validate an odd positive kernel size option (`name`), default `fallback`. */
export function checkOddKernel(name: string, v: unknown, fallback: number): number {
  if (v === undefined) return fallback;
  const k = checkPositiveInt(name, v);
  if (k % 2 === 0) throw new RangeError(`${name} must be odd, got ${k}`);
  if (k > 4097) throw new RangeError(`${name} must be <= 4097, got ${k}`);
  return k;
}

/** Validate a boolean option, default `fallback`. */
export function checkBoolean(name: string, v: unknown, fallback: boolean): boolean {
  if (v === undefined) return fallback;
  if (typeof v !== 'boolean') throw new TypeError(`${name} must be a boolean, got ${typeof v}`);
  return v;
}

/** Validate a string option against `allowed`, default `allowed[0]`. */
export function checkChoice<T extends string>(name: string, v: unknown, allowed: readonly T[]): T {
  if (v === undefined) return allowed[0];
  if (typeof v !== 'string' || !(allowed as readonly string[]).includes(v)) {
    throw new RangeError(`${name} must be ${allowed.map((a) => `'${a}'`).join(' or ')}, got ${JSON.stringify(v)}`);
  }
  return v as T;
}

/** The options object as a plain record (TypeError for non-objects). */
export function optionRecord(options: unknown): Record<string, unknown> {
  return checkOptions('options', options as object | undefined) as Record<string, unknown>;
}


/**
 * Smallest and largest Gaussian σ (pixels) the encoders and codecs accept:
 * σ² must be a normal, finite float64 (≈ 1.5e-154 ≤ σ ≤ 1.3e154). Below,
 * 2σ² underflows to 0 and every map is empty while its weight stays 1;
 * above, 2σ² overflows and every map is flat.
 */
export const MIN_SIGMA = Math.sqrt(2.2250738585072014e-308);
export const MAX_SIGMA = Math.sqrt(Number.MAX_VALUE) / 2;

/** Validate a Gaussian σ in pixels (finite, in [{@link MIN_SIGMA}, {@link MAX_SIGMA}]); `fallback` when undefined (if given). */
export function checkSigmaValue(name: string, v: unknown, fallback?: number): number {
  if (v === undefined && fallback !== undefined) return fallback;
  const s = checkFinite(name, v, { positive: true });
  if (s < MIN_SIGMA || s > MAX_SIGMA) throw new RangeError(`${name} must be in [${MIN_SIGMA.toPrecision(3)}, ${MAX_SIGMA.toPrecision(3)}] (σ² a normal float64), got ${s}`);
  return s;
}

/**
 * Bounds of a σ used in **float32** arithmetic (SimCC labels, `get_simcc_normalized`):
 * 2^-63 ≤ σ ≤ 2^63, so `f32(2σ²)` is a normal float32 (2^-125 … 2^127) and
 * `f32(σ·√(2π))` is finite and non-zero. Outside, labels turn NaN (0/0) or flat.
 */
export const MIN_SIGMA_F32 = 2 ** -63;
export const MAX_SIGMA_F32 = 2 ** 63;

/**
 * Bounds of a SimCC `splitRatio` (bins per input px; RTMPose uses 2): 2^-20 … 2^20, so a
 * keypoint `bin / splitRatio` stays finite and exact-ish, and a vector of
 * `round(side·splitRatio)` bins is not absurd for any sane input side.
 */
export const MIN_SPLIT_RATIO = 2 ** -20;
export const MAX_SPLIT_RATIO = 2 ** 20;

/** Validate a SimCC `splitRatio` (finite, in [{@link MIN_SPLIT_RATIO}, {@link MAX_SPLIT_RATIO}]); `fallback` (2) when undefined. Shared by the SimCC labels and decoding. */
export function checkSimccSplitRatio(name: string, v: unknown, fallback = 2): number {
  if (v === undefined) return fallback;
  const s = checkFinite(name, v, { positive: true });
  if (s < MIN_SPLIT_RATIO || s > MAX_SPLIT_RATIO) throw new RangeError(`${name} must be in [2^-20, 2^20] bins per input px, got ${s}`);
  return s;
}

/** Validate a σ used in float32 arithmetic (finite, in [{@link MIN_SIGMA_F32}, {@link MAX_SIGMA_F32}]); `fallback` when undefined (if given). */
export function checkSigmaF32(name: string, v: unknown, fallback?: number): number {
  if (v === undefined && fallback !== undefined) return fallback;
  const s = checkFinite(name, v, { positive: true });
  if (s < MIN_SIGMA_F32 || s > MAX_SIGMA_F32) throw new RangeError(`${name} must be in [2^-63, 2^63] (2σ² a normal float32), got ${s}`);
  return s;
}

/** Validate a positive integer count that drives a loop or an allocation: 1 ≤ v ≤ `max`. */
export function checkCount(name: string, v: unknown, max: number): number {
  const n = checkPositiveInt(name, v);
  if (n > max) throw new RangeError(`${name} must be <= ${max}, got ${v}`);
  return n;
}

/** Validate a finite number option with optional bounds; `fallback` when undefined (if given). */
export function checkNumberOption(name: string, v: unknown, opts: { fallback?: number; min?: number; max?: number; positive?: boolean; exclusiveMin?: number; exclusiveMax?: number } = {}): number {
  if (v === undefined && opts.fallback !== undefined) return opts.fallback;
  const x = checkFinite(name, v, { positive: opts.positive, min: opts.min });
  if (opts.max !== undefined && x > opts.max) throw new RangeError(`${name} must be <= ${opts.max}, got ${x}`);
  if (opts.exclusiveMin !== undefined && !(x > opts.exclusiveMin)) throw new RangeError(`${name} must be > ${opts.exclusiveMin}, got ${x}`);
  if (opts.exclusiveMax !== undefined && !(x < opts.exclusiveMax)) throw new RangeError(`${name} must be < ${opts.exclusiveMax}, got ${x}`);
  return x;
}
