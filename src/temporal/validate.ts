/**
 * Option checks shared by the temporal filters and trackers. Every factory
 * validates (and snapshots) its options once, at creation, through these.
 */
import { checkFinite, checkOptions } from '../core/ndarray.js';

/** Describe a value for an error message. */
export function describeValue(v: unknown): string {
  if (v === null) return 'null';
  if (v === undefined) return 'undefined';
  if (typeof v === 'number') return String(v);
  if (typeof v === 'string') return JSON.stringify(v);
  if (Array.isArray(v)) return 'a plain Array';
  if (ArrayBuffer.isView(v)) return `a ${v.constructor.name}`;
  return typeof v === 'object' ? (v.constructor?.name ?? 'object') : typeof v;
}

/** An options object (a plain object; `undefined` → `{}`); anything else is a `TypeError` naming `name`. */
export function optionsBag<T extends object>(name: string, v: T | undefined): Partial<T> {
  return checkOptions<T>(name, v);
}

/** A finite number ≥ `min` (default no bound); `undefined` gives `fallback` when one is passed. */
export function finiteOption(name: string, v: unknown, opts: { fallback?: number; min?: number; positive?: boolean; max?: number } = {}): number {
  if (v === undefined && opts.fallback !== undefined) return opts.fallback;
  const x = checkFinite(name, v, { positive: opts.positive, min: opts.min });
  if (opts.max !== undefined && x > opts.max) throw new RangeError(`${name} must be <= ${opts.max}, got ${x}`);
  return x;
}

/**
 * Bounds of a sampling rate or cutoff in Hz (or per frame) where the filters need one bounded:
 * 2^-60 … 2^60 (≈ 8.7e-19 … 1.2e18). Inside, `1/rate` and `2π·rate·(1/rate')` are finite, normal
 * float32 values, and `Δx·rate` overflows only for |Δx| > 1e290; outside, the reference
 * formulas give ∞/∞ or 0·∞ — NaN — (a 5e-324 Hz frequency has a period of +∞ s; 1e308 Hz makes
 * `Δx·freq` overflow, and with beta 0 the cutoff becomes 0·∞).
 */
export const MIN_RATE = 2 ** -60;
export const MAX_RATE = 2 ** 60;

/** A rate (Hz or per frame) in [{@link MIN_RATE}, {@link MAX_RATE}]; `undefined` gives `fallback` when one is passed. */
export function rateOption(name: string, v: unknown, fallback?: number): number {
  if (v === undefined && fallback !== undefined) return fallback;
  const x = checkFinite(name, v, { positive: true });
  if (x < MIN_RATE || x > MAX_RATE) throw new RangeError(`${name} must be in [2^-60, 2^60] (≈ 8.7e-19 … 1.2e18), got ${x}`);
  return x;
}

/** An integer in `[min, max]`; `undefined` gives `fallback` when one is passed. */
export function intOption(name: string, v: unknown, min: number, max: number, fallback?: number): number {
  if (v === undefined && fallback !== undefined) return fallback;
  if (typeof v !== 'number' || !Number.isInteger(v)) throw new TypeError(`${name} must be an integer, got ${describeValue(v)}`);
  if (v < min || v > max) throw new RangeError(`${name} must be in [${min}, ${max}], got ${v}`);
  return v;
}

/** A boolean; `undefined` gives `fallback`. */
export function boolOption(name: string, v: unknown, fallback: boolean): boolean {
  if (v === undefined) return fallback;
  if (typeof v !== 'boolean') throw new TypeError(`${name} must be a boolean, got ${describeValue(v)}`);
  return v;
}

/** One of `allowed` (strings); `undefined` gives `fallback`. */
export function enumOption<T extends string>(name: string, v: unknown, allowed: readonly T[], fallback?: T): T {
  if (v === undefined && fallback !== undefined) return fallback;
  if (typeof v !== 'string' || !allowed.includes(v as T)) {
    throw new (typeof v === 'string' ? RangeError : TypeError)(`${name} must be one of ${allowed.map((a) => `'${a}'`).join(', ')}, got ${describeValue(v)}`);
  }
  return v as T;
}

/** A finite timestamp (seconds or microseconds, per caller); NaN and ±Infinity are a `RangeError`. */
export function checkTimestamp(name: string, v: unknown): number {
  if (typeof v !== 'number') throw new TypeError(`${name} must be a number, got ${describeValue(v)}`);
  if (!Number.isFinite(v)) throw new RangeError(`${name} must be finite, got ${v}`);
  return v;
}

/** Deep-freeze a plain constant (objects and arrays). */
export function deepFreeze<T>(x: T): T {
  if (x !== null && typeof x === 'object' && !Object.isFrozen(x)) {
    for (const v of Object.values(x as object)) deepFreeze(v);
    Object.freeze(x);
  }
  return x;
}
