/**
 * Argument checks of the test kit (posecodec/testing), shared by every law
 * factory, arbitrary and runner: each factory validates its arguments once,
 * when it is CREATED, and throws a `TypeError` (wrong type) or `RangeError`
 * (bad value) whose message names the argument (`options.sizes.W`,
 * `decode`, …) — never later, where the error would read as a law violation.
 * Built on the library-wide checks of `src/core/options.ts` / `src/core/ndarray.ts`.
 * Every bound here keeps the generated cases small enough to run (no loop or
 * allocation driven by an unchecked number).
 */
import * as fc from 'fast-check';
import { checkAllocation, checkFinite, checkSize } from '../core/ndarray.js';
import { checkBoolean, checkChoice, checkCount, checkNumberOption, checkOddKernel, optionRecord } from '../core/options.js';
import type { IntRange, RealRange } from './arbitraries/common.js';

export { checkBoolean, checkChoice, checkCount, checkNumberOption, checkOddKernel, checkSize, checkAllocation };

/** Largest heatmap side (heatmap px) the kit generates. */
export const MAX_SIDE = 4096;
/** Largest keypoint / channel / instance / image count per generated case. */
export const MAX_COUNT = 4096;

function describe(v: unknown): string {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'an array';
  if (typeof v === 'string') return JSON.stringify(v);
  if (typeof v === 'number') return String(v);
  return typeof v;
}

/** `v` must be a function (the implementation under test). */
export function checkFunction<F>(name: string, v: unknown): F {
  if (typeof v !== 'function') throw new TypeError(`${name} must be a function, got ${describe(v)}`);
  return v as F;
}

/** `v` must be a plain options object (undefined → `{}`); returns a shallow snapshot without `__proto__`/`constructor` keys. */
export function checkOptionsBag(name: string, v: unknown, required = false): Record<string, unknown> {
  if (v === undefined && required) throw new TypeError(`${name} is required (an options object)`);
  let o: Record<string, unknown>;
  try {
    o = optionRecord(v);
  } catch {
    throw new TypeError(`${name} must be an options object, got ${describe(v)}`);
  }
  const copy: Record<string, unknown> = {};
  for (const k of Object.keys(o)) if (k !== '__proto__' && k !== 'constructor' && k !== 'prototype') copy[k] = o[k];
  return copy;
}

/** A finite tolerance ≥ 0 (`fallback` when undefined). */
export function checkTolerance(name: string, v: unknown, fallback: number): number {
  return checkNumberOption(name, v, { fallback, min: 0 });
}

/** A finite number ≥ 0 (`fallback` when undefined), at most `max`. */
export function checkNonNeg(name: string, v: unknown, fallback: number, max = 1e6): number {
  return checkNumberOption(name, v, { fallback, min: 0, max });
}

/** A finite number > 0 (`fallback` when undefined), at most `max`. */
export function checkPositive(name: string, v: unknown, fallback: number, max = 1e6): number {
  return checkNumberOption(name, v, { fallback, positive: true, max });
}

/** An integer in `[min, max]`. */
export function checkInt(name: string, v: unknown, min: number, max: number): number {
  if (typeof v !== 'number') throw new TypeError(`${name} must be an integer, got ${describe(v)}`);
  if (!Number.isInteger(v)) throw new RangeError(`${name} must be an integer, got ${v}`);
  if (v < min || v > max) throw new RangeError(`${name} must be in [${min}, ${max}], got ${v}`);
  return v;
}

/** An {@link IntRange} (one integer or `[lo, hi]`, lo ≤ hi) inside `[min, max]`; `fallback` when undefined. Returns `[lo, hi]`. */
export function checkIntRange(name: string, v: unknown, fallback: IntRange, min: number, max: number): [number, number] {
  const r = v === undefined ? fallback : v;
  if (typeof r === 'number') {
    const n = checkInt(name, r, min, max);
    return [n, n];
  }
  if (!Array.isArray(r) || r.length !== 2) throw new TypeError(`${name} must be an integer or [min, max], got ${describe(r)}`);
  const lo = checkInt(`${name}[0]`, r[0], min, max);
  const hi = checkInt(`${name}[1]`, r[1], min, max);
  if (lo > hi) throw new RangeError(`${name} must have min <= max, got [${lo}, ${hi}]`);
  return [lo, hi];
}

/** A {@link RealRange} (one number or `[lo, hi]`, lo ≤ hi) inside `[min, max]` (> 0 with `positive`); `fallback` when undefined. */
export function checkRealRange(name: string, v: unknown, fallback: RealRange, bounds: { min: number; max: number; positive?: boolean }): [number, number] {
  const r = v === undefined ? fallback : v;
  const one = (n: string, x: unknown) => {
    const y = checkFinite(n, x, { positive: bounds.positive });
    if (y < bounds.min || y > bounds.max) throw new RangeError(`${n} must be in [${bounds.min}, ${bounds.max}], got ${y}`);
    return y;
  };
  if (typeof r === 'number') {
    const x = one(name, r);
    return [x, x];
  }
  if (!Array.isArray(r) || r.length !== 2) throw new TypeError(`${name} must be a number or [min, max], got ${describe(r)}`);
  const lo = one(`${name}[0]`, r[0]);
  const hi = one(`${name}[1]`, r[1]);
  if (lo > hi) throw new RangeError(`${name} must have min <= max, got [${lo}, ${hi}]`);
  return [lo, hi];
}

/** A non-empty array of choices from `allowed` (or, with `single`, one choice); `fallback` when undefined. */
export function checkChoices<T extends string>(name: string, v: unknown, allowed: readonly T[], fallback: readonly T[], single = true): T[] {
  if (v === undefined) return [...fallback];
  if (typeof v === 'string' && single) return [checkChoice(name, v, allowed)];
  if (!Array.isArray(v)) throw new TypeError(`${name} must be one of ${allowed.join(', ')} or a list of them, got ${describe(v)}`);
  if (v.length === 0) throw new RangeError(`${name} must not be empty`);
  if (v.length > 64) throw new RangeError(`${name} must list at most 64 entries, got ${v.length}`);
  return v.map((x, i) => checkChoice(`${name}[${i}]`, x, allowed));
}

/** A heatmap-size spec: `{ W?, H? }` integer ranges in [1, {@link MAX_SIDE}] (no other keys) or a non-empty list of `[W, H]`. Returns the normalised spec and the largest W·H. */
export function checkSizeSpec(name: string, v: unknown, fallback: { W: IntRange; H: IntRange }): { spec: { W: [number, number]; H: [number, number] } | [number, number][]; maxArea: number } {
  if (v === undefined) v = fallback;
  if (Array.isArray(v)) {
    if (v.length === 0) throw new RangeError(`${name} must list at least one [W, H]`);
    if (v.length > 1024) throw new RangeError(`${name} must list at most 1024 sizes, got ${v.length}`);
    const list = v.map((s, i) => {
      if (!Array.isArray(s)) throw new TypeError(`${name}[${i}] must be [W, H], got ${describe(s)}`);
      const [W, H] = checkSize(`${name}[${i}]`, s);
      if (W > MAX_SIDE || H > MAX_SIDE) throw new RangeError(`${name}[${i}] must have W, H <= ${MAX_SIDE}, got [${W}, ${H}]`);
      return [W, H] as [number, number];
    });
    return { spec: list, maxArea: Math.max(...list.map(([W, H]) => W * H)) };
  }
  if (v === null || typeof v !== 'object') throw new TypeError(`${name} must be { W, H } ranges or a list of [W, H], got ${describe(v)}`);
  const o = v as Record<string, unknown>;
  for (const k of Object.keys(o)) if (k !== 'W' && k !== 'H') throw new RangeError(`${name} has an unknown key ${JSON.stringify(k)} (only W and H)`);
  const W = checkIntRange(`${name}.W`, o.W, fallback.W, 1, MAX_SIDE);
  const H = checkIntRange(`${name}.H`, o.H, fallback.H, 1, MAX_SIDE);
  return { spec: { W, H }, maxArea: W[1] * H[1] };
}

/** `v` must be a fast-check Arbitrary. */
export function checkArbitrary<T>(name: string, v: unknown): fc.Arbitrary<T> {
  if (!(v instanceof fc.Arbitrary)) throw new TypeError(`${name} must be a fast-check Arbitrary, got ${describe(v)}`);
  return v as fc.Arbitrary<T>;
}

/** A finite-number array of length `length` (if given), each > 0 with `positive`. */
export function checkNumberList(name: string, v: unknown, opts: { length?: number; positive?: boolean; minLength?: number; maxLength?: number } = {}): number[] {
  if (!Array.isArray(v)) throw new TypeError(`${name} must be an array of numbers, got ${describe(v)}`);
  if (opts.length !== undefined && v.length !== opts.length) throw new RangeError(`${name} must have ${opts.length} entries, got ${v.length}`);
  if (opts.minLength !== undefined && v.length < opts.minLength) throw new RangeError(`${name} must have at least ${opts.minLength} entries, got ${v.length}`);
  if (v.length > (opts.maxLength ?? MAX_COUNT)) throw new RangeError(`${name} must have at most ${opts.maxLength ?? MAX_COUNT} entries, got ${v.length}`);
  return v.map((x, i) => checkFinite(`${name}[${i}]`, x, { positive: opts.positive }));
}

/** `v` must look like a fast-check property (`generate` and `run` methods). */
export function checkProperty(name: string, v: unknown): void {
  const p = v as { generate?: unknown; run?: unknown } | null;
  if (p === null || typeof p !== 'object' || typeof p.generate !== 'function' || typeof p.run !== 'function') {
    throw new TypeError(`${name} must be a fast-check property (fc.property / a law), got ${describe(v)}`);
  }
}

/** Largest `numRuns` a runner accepts. */
export const MAX_NUM_RUNS = 1e6;

/**
 * fast-check run parameters, validated before they reach `fc.check`
 * (`numRuns: Infinity` or `2^53` would never return): numRuns an integer in
 * [1, 1e6], seed an integer, path a string, timeouts finite ≥ 0,
 * maxSkipsPerRun a finite number ≥ 0; other keys pass through unchanged.
 */
export function checkRunParameters(name: string, v: unknown): Record<string, unknown> {
  const p = checkOptionsBag(name, v);
  if (p.numRuns !== undefined) p.numRuns = checkCount(`${name}.numRuns`, p.numRuns, MAX_NUM_RUNS);
  if (p.seed !== undefined) {
    if (typeof p.seed !== 'number') throw new TypeError(`${name}.seed must be an integer, got ${describe(p.seed)}`);
    if (!Number.isSafeInteger(p.seed)) throw new RangeError(`${name}.seed must be a safe integer, got ${p.seed}`);
  }
  if (p.path !== undefined && typeof p.path !== 'string') throw new TypeError(`${name}.path must be a string, got ${describe(p.path)}`);
  for (const k of ['timeout', 'interruptAfterTimeLimit', 'skipAllAfterTimeLimit', 'maxSkipsPerRun']) {
    if (p[k] !== undefined) p[k] = checkNumberOption(`${name}.${k}`, p[k], { min: 0 });
  }
  for (const k of ['endOnFailure', 'markInterruptAsFailure', 'ignoreEqualValues']) {
    if (p[k] !== undefined) p[k] = checkBoolean(`${name}.${k}`, p[k], false);
  }
  return p;
}
