/** Runs one campaign case: snapshot, call (awaiting a Promise), classify the outcome. */
import { AbsurdAllocation, CAP_BYTES } from './guard.js';
import { diffSnapshot, prototypeState, snapshot } from './snapshot.js';
import type { CaseResult, FailureClass, FuzzCase, FuzzContext } from './types.js';

const ENGINE = /^Cannot (read|set) propert|is not a function|is not iterable|is not a constructor|Cannot convert|Cannot destructure|Invalid typed array length|Invalid array length|Array buffer allocation failed|Maximum call stack|Cannot mix BigInt|out of memory|Reduce of empty array|Unexpected token|Invalid string length/i;

/** Why a result of a `survive` case is not finite and well-shaped, or undefined. */
export function resultProblem(v: unknown, allowNonFinite: boolean, path = 'result', depth = 0, seen = new Set<object>()): string | undefined {
  if (typeof v === 'number') return !allowNonFinite && !Number.isFinite(v) ? `${path} = ${v}` : undefined;
  if (v === null || typeof v !== 'object' || depth > 7 || seen.has(v)) return undefined;
  seen.add(v);
  if (ArrayBuffer.isView(v)) {
    if (v.byteLength > CAP_BYTES) return `${path} holds ${v.byteLength} bytes, over the 1 GiB cap`;
    if (allowNonFinite || v instanceof DataView || v instanceof BigInt64Array || v instanceof BigUint64Array) return undefined;
    const a = v as unknown as ArrayLike<number>;
    for (let i = 0; i < a.length; i++) if (!Number.isFinite(a[i])) return `${path}[${i}] = ${a[i]}`;
    return undefined;
  }
  const o = v as Record<string, unknown>;
  if (Array.isArray(o.shape) && Array.isArray(o.stride) && o.data && ArrayBuffer.isView(o.data)) {
    const shape = o.shape as number[];
    const n = shape.reduce((a, b) => a * b, 1);
    if (!shape.every((d) => Number.isSafeInteger(d) && d >= 0)) return `${path}.shape [${shape.join(', ')}] is not a shape`;
    if (n > 0 && (o.data as unknown as ArrayLike<number>).length < n && (o.stride as number[]).every((x) => x !== 0)) return `${path}: shape [${shape.join(', ')}] over ${(o.data as unknown as ArrayLike<number>).length} values`;
    return resultProblem(o.data, allowNonFinite, `${path}.data`, depth + 1, seen);
  }
  const keys = Object.keys(o);
  for (const k of keys.slice(0, 5000)) {
    const p = resultProblem(o[k], allowNonFinite, Array.isArray(o) ? `${path}[${k}]` : `${path}.${k}`, depth + 1, seen);
    if (p) return p;
  }
  return undefined;
}

function fail(id: number, t0: number, failure: FailureClass, detail: string): CaseResult {
  return { id, ok: false, failure, detail: detail.slice(0, 300), ms: performance.now() - t0 };
}

/** Run case `c` (id `id`) with `fn`. */
export async function runCase(id: number, fn: (...a: unknown[]) => unknown, c: FuzzCase, ctx: FuzzContext, isBase = false): Promise<CaseResult> {
  const t0 = performance.now();
  const args = c.args(ctx);
  const before = snapshot(args);
  const protoBefore = prototypeState();
  let result: unknown;
  let error: unknown;
  let threw = false;
  try {
    result = fn(...args);
    if (result instanceof Promise) result = await result;
  } catch (e) {
    threw = true;
    error = e;
  }
  const mutated = diffSnapshot(before, snapshot(args));
  const polluted = prototypeState() !== protoBefore || ({} as Record<string, unknown>).polluted !== undefined;
  if (polluted) {
    for (const p of [Object.prototype, Array.prototype]) delete (p as Record<string, unknown>).polluted;
    return fail(id, t0, 'pollution', 'a built-in prototype changed');
  }
  if (mutated) return fail(id, t0, 'mutation', mutated);
  if (threw && error instanceof AbsurdAllocation) return fail(id, t0, 'oom', error.message);
  if (threw && error instanceof RangeError && /allocation failed|Invalid typed array length|Invalid array length/.test(error.message)) return fail(id, t0, 'oom', error.message);
  const msg = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
  if (isBase) {
    if (threw) return fail(id, t0, 'baseThrows', msg);
    const p = resultProblem(result, c.allowNonFinite ?? false);
    return p ? fail(id, t0, 'silent', `valid call: ${p}`) : { id, ok: true, ms: performance.now() - t0 };
  }
  if (c.expect === 'reject') {
    if (!threw) {
      const shown = resultProblem(result, false);
      return fail(id, t0, 'silent', `returned instead of throwing${shown ? ` (${shown})` : ''}`);
    }
    if (!(error instanceof TypeError || error instanceof RangeError)) return fail(id, t0, 'wrongClass', msg);
    if (ENGINE.test(error.message)) return fail(id, t0, 'wrongClass', `engine-raised ${msg}`);
    if (c.names && !c.names.test(error.message)) return fail(id, t0, 'notNamed', `${msg} (wanted ${String(c.names)})`);
    return { id, ok: true, ms: performance.now() - t0 };
  }
  if (threw) {
    if (c.mustReturn) return fail(id, t0, 'wrongClass', `must return: ${msg}`);
    if (!(error instanceof TypeError || error instanceof RangeError)) return fail(id, t0, 'wrongClass', msg);
    if (ENGINE.test(error.message)) return fail(id, t0, 'wrongClass', `engine-raised ${msg}`);
    return { id, ok: true, ms: performance.now() - t0 };
  }
  const p = resultProblem(result, c.allowNonFinite ?? false) ?? c.check?.(result, args);
  return p ? fail(id, t0, 'silent', p) : { id, ok: true, ms: performance.now() - t0 };
}
