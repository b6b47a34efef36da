/**
 * Every export of the package has a fuzz entry (test/fuzz/entries) or is
 * listed as a constant/class with a reason; every method of the objects the
 * factories return has an entry; every exported constant is deeply frozen.
 * A function added later without a fuzz entry fails here.
 */
import { describe, expect, it } from 'vitest';
import * as api from '../../src/index.js';
import * as gpu from '../../src/gpu/index.js';
import * as testing from '../../src/testing/index.js';
import { CLASSES, CONSTANTS, ENTRIES, INSTANCES } from './entries/index.js';

const names = new Set(ENTRIES.map((e) => e.fn));
const hasEntry = (fn: string) => names.has(fn) || [...names].some((n) => n.startsWith(`${fn}(`) || n.startsWith(`${fn}.`));

/** Every `[qualified name, value]` of the three entry points (testing namespaces expanded). */
function allExports(): [string, unknown][] {
  const out: [string, unknown][] = Object.entries(api);
  for (const [k, v] of Object.entries(gpu)) out.push([`gpu.${k}`, v]);
  for (const [k, v] of Object.entries(testing)) {
    out.push([`testing.${k}`, v]);
    if (k === 'laws' || k === 'arbitraries') for (const [m, f] of Object.entries(v as object)) out.push([`testing.${k}.${m}`, f]);
  }
  return out;
}

/** Path of the first object/array under `v` that is not frozen (typed arrays cannot be frozen and count as mutable). */
function unfrozen(v: unknown, path: string, seen = new Set<object>()): string | undefined {
  if (v === null || (typeof v !== 'object' && typeof v !== 'function')) return undefined;
  if (seen.has(v as object)) return undefined;
  seen.add(v as object);
  if (ArrayBuffer.isView(v)) return (v as unknown as ArrayLike<number>).length > 0 ? `${path} (a typed array: its elements can be written)` : undefined;
  if (typeof v !== 'function' && !Object.isFrozen(v)) return path;
  if (typeof v === 'function') return undefined;
  for (const k of Reflect.ownKeys(v as object)) {
    const r = unfrozen((v as Record<string | symbol, unknown>)[k], `${path}.${String(k)}`, seen);
    if (r) return r;
  }
  return undefined;
}

describe('export coverage of the fuzz campaign', () => {
  it('every exported function has a fuzz entry; every other export is a listed constant or class', () => {
    const missing: string[] = [];
    for (const [name, v] of allExports()) {
      if (name in CONSTANTS || name in CLASSES) continue;
      if (typeof v === 'function' ? !hasEntry(name) : true) missing.push(`${name} (${typeof v})`);
    }
    expect(missing, 'exports without a fuzz entry (add one in test/fuzz/entries, or list a constant with a reason)').toEqual([]);
  });

  it('every createCodec type has an entry, and every method of every factory instance has one', () => {
    const missing: string[] = [];
    for (const t of api.CODEC_TYPES) if (!names.has(`createCodec(${t})`)) missing.push(`createCodec(${t})`);
    for (const [label, make] of Object.entries(INSTANCES)) {
      const o = make({ api }) as Record<string, unknown>;
      for (const k of Object.keys(o)) if (typeof o[k] === 'function' && !names.has(`${label}.${k}`)) missing.push(`${label}.${k}`);
    }
    expect(missing).toEqual([]);
  });

  it('every listed constant and class is still exported (the lists do not go stale)', () => {
    const exported = new Set(allExports().map(([n]) => n));
    expect([...Object.keys(CONSTANTS), ...Object.keys(CLASSES)].filter((n) => !exported.has(n))).toEqual([]);
  });

  it('every exported constant is deeply frozen (arrays and objects at every depth)', () => {
    const bad: string[] = [];
    for (const [name, v] of allExports()) {
      if (!(name in CONSTANTS) || name === 'testing.laws' || name === 'testing.arbitraries') continue;
      const u = unfrozen(v, name);
      if (u) bad.push(u);
    }
    expect(bad).toEqual([]);
  });
});
