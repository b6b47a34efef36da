/**
 * Option checks shared by every area: booleans, string choices and odd kernel
 * sizes, each throwing a `TypeError`/`RangeError` that names the option.
 */
import { checkOptions, checkPositiveInt } from './ndarray.js';

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

