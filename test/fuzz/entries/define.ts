/** Small helpers for writing entries: `entry(fn, params, valid, cases)` targets `ctx.api[fn]`. */
import type { FuzzCase, FuzzContext, FuzzEntry, ParamSpec } from '../harness/types.js';

/** An entry for the root export `fn`. */
export function entry(fn: string, params: ParamSpec[], valid: (ctx: FuzzContext) => unknown[], cases: FuzzCase[] = []): FuzzEntry {
  return { fn, target: (ctx) => ctx.api[fn], params, valid, cases };
}

/** A certainly-invalid case (must throw a TypeError/RangeError whose message matches `names`). */
export function bad(family: string, name: string, names: RegExp, args: (ctx: FuzzContext) => unknown[]): FuzzCase {
  return { family, name, names, args, expect: 'reject' };
}

/** A valid-but-extreme case (finite, well-shaped result or a typed error). */
export function extreme(family: string, name: string, args: (ctx: FuzzContext) => unknown[], more: Partial<FuzzCase> = {}): FuzzCase {
  return { family, name, args, expect: 'survive', ...more };
}
