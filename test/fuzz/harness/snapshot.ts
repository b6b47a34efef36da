/**
 * Deep snapshots of arguments (typed arrays by content, plain objects and arrays
 * by structure) to detect input mutation, and of the built-in prototypes to
 * detect prototype pollution.
 */
type Snap = unknown;

/** A deep copy of `v` good for {@link sameSnapshot}: typed arrays copied, objects walked (cycles and depth bounded). */
export function snapshot(v: unknown, depth = 0, seen = new Set<object>()): Snap {
  if (v === null || typeof v !== 'object') return typeof v === 'function' ? '[fn]' : v;
  if (seen.has(v) || depth > 8) return '[seen]';
  seen.add(v);
  if (ArrayBuffer.isView(v)) {
    const b = v as unknown as ArrayLike<number>;
    return { $typed: v.constructor.name, len: b.length, data: b.length <= 1 << 22 ? Array.prototype.slice.call(b) : '[big]' };
  }
  const keys = Object.keys(v);
  const out: Record<string, Snap> = { $frozen: Object.isFrozen(v), $keys: keys.join(',') };
  for (const k of keys.slice(0, 2000)) {
    let x: unknown;
    try {
      x = (v as Record<string, unknown>)[k];
    } catch {
      x = '[getter threw]';
    }
    out[k] = snapshot(x, depth + 1, seen);
  }
  return out;
}

/** First difference between two snapshots, or undefined. */
export function diffSnapshot(a: Snap, b: Snap, path = 'args'): string | undefined {
  if (Object.is(a, b)) return undefined;
  if (a === null || b === null || typeof a !== 'object' || typeof b !== 'object') return `${path}: ${String(a)} -> ${String(b)}`;
  const A = a as Record<string, unknown>;
  const B = b as Record<string, unknown>;
  if (Array.isArray(A) && Array.isArray(B)) {
    if (A.length !== B.length) return `${path}: length ${A.length} -> ${B.length}`;
    for (let i = 0; i < A.length; i++) if (!Object.is(A[i], B[i])) return `${path}[${i}]: ${A[i]} -> ${B[i]}`;
    return undefined;
  }
  for (const k of new Set([...Object.keys(A), ...Object.keys(B)])) {
    const d = diffSnapshot(A[k], B[k], k.startsWith('$') ? `${path} ${k}` : `${path}.${k}`);
    if (d) return d;
  }
  return undefined;
}

const PROTOS: [string, object][] = [
  ['Object.prototype', Object.prototype],
  ['Array.prototype', Array.prototype],
  ['Function.prototype', Function.prototype],
  ['String.prototype', String.prototype],
  ['Number.prototype', Number.prototype],
];

/** Own property names of the built-in prototypes. */
export function prototypeState(): string {
  return PROTOS.map(([n, p]) => `${n}:${Reflect.ownKeys(p).map(String).sort().join(',')}`).join('|');
}
