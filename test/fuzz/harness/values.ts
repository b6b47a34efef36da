/**
 * Builders of valid inputs and the generated bad-value families of each kind of
 * parameter (ndarray, number, size, options, list, function, string, indices).
 * Every bad value here is certainly invalid for a parameter of that kind; the
 * `survive` variants are valid but extreme.
 */
import ndarray from 'ndarray';
import type { NdArray } from 'ndarray';
import type { ParamSpec, Variant } from './types.js';

export const HUGE = 2 ** 50;

/** An ndarray over `data` (any typed array). */
export function nd(data: ArrayLike<number> & object, shape: number[], stride?: number[], offset?: number): NdArray<Float64Array> {
  return ndarray(data as Float64Array, shape, stride, offset);
}

/** `[K, H, W]` (or `[B, K, H, W]` with `B`) float32 maps with one peak per channel at (2 + k % (W-3), 2 + k % (H-3)). */
export function hm(K: number, H: number, W: number, B?: number, Ctor: Float32ArrayConstructor | Float64ArrayConstructor = Float32Array): NdArray<Float64Array> {
  const n = (B ?? 1) * K;
  const d = new Ctor(n * H * W);
  for (let m = 0; m < n; m++) {
    const k = m % K;
    const cx = Math.min(W - 1, 2 + (k % Math.max(1, W - 3)));
    const cy = Math.min(H - 1, 2 + (k % Math.max(1, H - 3)));
    for (let y = 0; y < H; y++) for (let x = 0; x < W; x++) d[(m * H + y) * W + x] = Math.exp(-((x - cx - 0.3) ** 2 + (y - cy + 0.2) ** 2) / 4);
  }
  return nd(d, B === undefined ? [K, H, W] : [B, K, H, W]);
}

/** A constant map of `shape`. */
export function filled(shape: number[], v: number, Ctor: Float32ArrayConstructor | Float64ArrayConstructor = Float32Array): NdArray<Float64Array> {
  return nd(new Ctor(shape.reduce((a, b) => a * b, 1)).fill(v), shape);
}

/** `[N, K, D]` float64 keypoints inside [1, 6]. */
export function kp(N: number, K: number, D = 2): NdArray<Float64Array> {
  const d = new Float64Array(N * K * D);
  for (let i = 0; i < d.length; i++) d[i] = 1 + ((i * 7) % 11) / 2;
  return nd(d, [N, K, D]);
}

/** `[N, K]` float32 ones. */
export function vis(N: number, K: number, v = 1): NdArray {
  return nd(new Float32Array(N * K).fill(v), [N, K]);
}

/** A zero-element view with a 2^50 leading dimension: `[2^50, 0, 1, …]` of `rank`, all strides 0. */
export function zeroHuge(rank: number, where: 'lead' | 'tail' = 'lead'): NdArray {
  const shape = Array.from({ length: rank }, () => 1);
  if (where === 'lead') {
    shape[0] = HUGE;
    if (rank > 1) shape[1] = 0;
    else shape[0] = 0;
  } else {
    shape[0] = 0;
    for (let d = 1; d < rank; d++) shape[d] = 2 ** 25;
  }
  return nd(new Float32Array(0), shape, shape.map(() => 0));
}

/** A broadcast view (stride 0) of `rank` describing 2^40 elements over one value. */
export function broadcast(rank: number, value = 0.5): NdArray {
  const shape = Array.from({ length: rank }, () => 1);
  const per = 40 / rank;
  let left = 40;
  for (let d = 0; d < rank; d++) {
    const e = d === rank - 1 ? left : Math.round(per);
    shape[d] = 2 ** e;
    left -= e;
  }
  return nd(new Float32Array(1).fill(value), shape, shape.map(() => 0));
}

const esc = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
/** A RegExp matching `name` as a word (a dotted path matches as written or by its last part). */
export function nameRx(name: string): RegExp {
  const last = name.split('.').pop()!;
  return new RegExp(`(^|[^A-Za-z0-9_])(${esc(name)}|${esc(last)})([^A-Za-z0-9_]|$)`);
}

const r = (family: string, label: string, value: () => unknown, names?: RegExp): Variant => ({ family, label, value, expect: 'reject', names });
const s = (family: string, label: string, value: () => unknown, allowNonFinite = false): Variant => ({ family, label, value, expect: 'survive', allowNonFinite });

/** Wrong-type values for any object-like parameter. */
function wrongTypes(optional: boolean, nullable: boolean): Variant[] {
  const v: Variant[] = [r('wrong type', '42', () => 42), r('wrong type', '"typo"', () => 'typo'), r('wrong type', 'true', () => true), r('wrong type', 'a function', () => () => 0)];
  if (!optional) v.push(r('wrong type', 'undefined', () => undefined));
  if (!nullable) v.push(r('wrong type', 'null', () => null));
  return v;
}

export interface NdSpec {
  ranks: number[];
  /** Shape of a valid value per rank (defaults to 2s). */
  shape?: (rank: number) => number[];
  optional?: boolean;
  nullable?: boolean;
  /** Integer data accepted. */
  integer?: boolean;
  /** Plain nested arrays / bare typed arrays accepted. */
  arrays?: boolean;
  /** Valid-but-extreme values (survive). */
  extremes?: Variant[];
  names?: RegExp;
  /** Leave out the stride-0 huge-view families (the parameter is not read as a view, e.g. uint8 image). */
  noHugeViews?: boolean;
}

/** An ndarray parameter. */
export function pNd(name: string, spec: NdSpec): ParamSpec {
  const names = spec.names ?? nameRx(name);
  const v = wrongTypes(spec.optional ?? false, spec.nullable ?? false);
  const shapeOf = spec.shape ?? ((rank: number) => Array.from({ length: rank }, () => 2));
  if (!spec.arrays) {
    v.push(r('wrong type', 'plain object {}', () => ({})));
    v.push(r('wrong type', 'ndarray-like over a plain Array', () => ({ shape: [2, 2], stride: [2, 1], offset: 0, data: [1, 2, 3, 4] })));
  }
  const lo = Math.min(...spec.ranks);
  const hi = Math.max(...spec.ranks);
  for (const rank of [lo - 1, hi + 1]) {
    if (rank < 1 || spec.ranks.includes(rank)) continue;
    v.push(r('wrong rank', `rank ${rank}`, () => nd(new Float32Array(2 ** rank).fill(0.5), Array.from({ length: rank }, () => 2))));
  }
  const rank0 = spec.ranks.find((x) => x >= 2) ?? lo;
  if (!spec.integer) v.push(s('integer data', 'Int32Array data (rejected or read as numbers)', () => nd(new Int32Array(shapeOf(rank0).reduce((a, b) => a * b, 1)), shapeOf(rank0))));
  v.push(r('bad view', 'shape [NaN, …]', () => ({ shape: [NaN, ...shapeOf(rank0).slice(1)], stride: shapeOf(rank0).map(() => 1), offset: 0, data: new Float32Array(64) })));
  v.push(r('bad view', 'shape [-1, …]', () => ({ shape: [-1, ...shapeOf(rank0).slice(1)], stride: shapeOf(rank0).map(() => 1), offset: 0, data: new Float32Array(64) })));
  v.push(r('bad view', 'offset past the data', () => nd(new Float32Array(shapeOf(rank0).reduce((a, b) => a * b, 1)), shapeOf(rank0), undefined, 10_000)));
  if (!spec.noHugeViews) {
    for (const rank of spec.ranks) {
      if (rank >= 2) v.push(r('zero-element huge view', `[2^50, 0, 1…] rank ${rank}`, () => zeroHuge(rank)));
      if (rank >= 2) v.push(r('zero-element huge view', `[0, 2^25…] rank ${rank}`, () => zeroHuge(rank, 'tail')));
      v.push(r('broadcast huge view', `stride-0 rank ${rank}, 2^40 elements`, () => broadcast(rank)));
    }
  }
  if (spec.extremes) v.push(...spec.extremes);
  return { name, names, variants: v };
}

/** `cap`: an integer upper bound (maxDets, maxInstances): any size is harmless, 0 allowed. */
export type NumKind = 'cap' | 'pos' | 'posInt' | 'nonnegInt' | 'finite' | 'nonneg' | 'prob' | 'odd' | 'any';
export interface NumSpec {
  optional?: boolean;
  /** One number per instance is accepted too (then [3] is valid). */
  arrayOk?: boolean;
  nullable?: boolean;
  /** Numbers that are certainly invalid beyond the kind's families (absurd values). */
  absurd?: number[];
  extremes?: Variant[];
  names?: RegExp;
}

/** Bad values of a number of `kind` (without undefined/null). */
export function badNumbers(kind: NumKind): [string, unknown][] {
  const out: [string, unknown][] = [['"typo"', 'typo'], ['"3"', '3'], ['{}', {}], ['[3]', [3]]];
  if (kind === 'any') return out;
  out.push(['NaN', NaN], ['Infinity', Infinity], ['-Infinity', -Infinity]);
  if (kind === 'pos') out.push(['0', 0], ['-1', -1], ['-1e308', -1e308]);
  if (kind === 'cap') out.push(['-1', -1], ['1.5', 1.5]);
  if (kind === 'posInt') out.push(['0', 0], ['-1', -1], ['1.5', 1.5], ['1e308', 1e308], ['2^53', 2 ** 53]);
  if (kind === 'nonnegInt') out.push(['-1', -1], ['1.5', 1.5], ['1e308', 1e308]);
  if (kind === 'nonneg') out.push(['-1', -1], ['-1e-300', -1e-300]);
  if (kind === 'prob') out.push(['-0.5', -0.5], ['1.5', 1.5]);
  if (kind === 'odd') out.push(['0', 0], ['2', 2], ['-3', -3], ['1.5', 1.5], ['1e308', 1e308]);
  return out;
}

/** A number parameter. */
export function pNum(name: string, kind: NumKind, spec: NumSpec = {}): ParamSpec {
  const names = spec.names ?? nameRx(name);
  const v: Variant[] = badNumbers(kind).filter(([l]) => !(spec.arrayOk && l === '[3]')).map(([l, x]) => r('bad number', l, () => x));
  if (!spec.optional) v.push(r('wrong type', 'undefined', () => undefined));
  if (!spec.nullable) v.push(r('wrong type', 'null', () => null));
  for (const a of spec.absurd ?? []) v.push(r('absurd value', String(a), () => a));
  if (spec.extremes) v.push(...spec.extremes);
  return { name, names, variants: v };
}

/** A `[W, H]` size of positive integers. */
export function pSize(name: string, spec: { optional?: boolean; nullable?: boolean; extremes?: Variant[] } = {}): ParamSpec {
  const v = wrongTypes(spec.optional ?? false, spec.nullable ?? false);
  const bad: [string, unknown][] = [
    ['{}', {}],
    ['[0, 0]', [0, 0]],
    ['[-1, 8]', [-1, 8]],
    ['[8.5, 8]', [8.5, 8]],
    ['[NaN, 8]', [NaN, 8]],
    ['[Infinity, 8]', [Infinity, 8]],
    ['[8]', [8]],
    ['[8, 8, 8]', [8, 8, 8]],
    ['["8", "8"]', ['8', '8']],
    ['[2^31, 2^31]', [2 ** 31, 2 ** 31]],
    ['[1e308, 1]', [1e308, 1]],
  ];
  for (const [l, x] of bad) v.push(r(l.startsWith('[2^') || l.startsWith('[1e') ? 'absurd size' : 'bad size', l, () => x));
  if (spec.extremes) v.push(...spec.extremes);
  return { name, names: nameRx(name), variants: v };
}

export type FieldKind = NumKind | 'bool' | 'size' | readonly string[] | { bad: [string, unknown][] };
export interface OptsSpec {
  name?: string;
  optional?: boolean;
  /** Fields and their kinds. */
  fields?: Record<string, FieldKind>;
  /** Base object the field variants are merged into (for required fields). */
  base?: () => Record<string, unknown>;
  /** Absurd values per field, beyond the kind's. */
  absurd?: Record<string, unknown[]>;
  extremes?: Variant[];
  /** Unknown keys and pollution keys are rejected rather than ignored. */
  strictKeys?: boolean;
  /** The bag may be an array (never for options). */
  nullable?: boolean;
}

/** An options bag. Field variants name `<name>.<field>` (or the field). */
export function pOpts(spec: OptsSpec = {}): ParamSpec {
  const name = spec.name ?? 'options';
  const names = nameRx(name);
  const base = spec.base ?? (() => ({}));
  const v: Variant[] = [r('bad options', '"typo"', () => 'typo'), r('bad options', '42', () => 42), r('bad options', '[] (an array)', () => []), r('bad options', '[1, 2]', () => [1, 2]), r('bad options', 'true', () => true)];
  if (!spec.nullable) v.push(r('bad options', 'null', () => null));
  if (spec.optional === false) v.push(r('bad options', 'undefined', () => undefined));
  for (const [f, kind] of Object.entries(spec.fields ?? {})) {
    const fx = new RegExp(`(^|[^A-Za-z0-9_])(${esc(name)}\\.)?${esc(f)}([^A-Za-z0-9_]|$)`);
    let bad: [string, unknown][];
    if (Array.isArray(kind)) bad = [['"typo"', 'typo'], ['42', 42], [`"${(kind as string[])[0].toUpperCase()}x"`, `${(kind as string[])[0].toUpperCase()}x`]];
    else if (kind === 'bool') bad = [['"yes"', 'yes'], ['1', 1]];
    else if (kind === 'size') bad = [['"typo"', 'typo'], ['[0, 0]', [0, 0]], ['[8.5, 8]', [8.5, 8]], ['[NaN, 8]', [NaN, 8]], ['[8]', [8]], ['[2^31, 2^31]', [2 ** 31, 2 ** 31]]];
    else if (typeof kind === 'object') bad = (kind as { bad: [string, unknown][] }).bad;
    else bad = badNumbers(kind as NumKind);
    for (const a of spec.absurd?.[f] ?? []) bad.push([String(a), a]);
    for (const [l, x] of bad) v.push(r(Array.isArray(kind) ? 'typo option' : 'bad option value', `${name}.${f} = ${l}`, () => ({ ...base(), [f]: x }), fx));
    v.push(s('null option', `${name}.${f} = null (left out, as JSON writes it, or rejected)`, () => ({ ...base(), [f]: null })));
  }
  v.push(s('pollution keys', '{"__proto__": {"polluted": 1}} (JSON)', () => Object.assign(JSON.parse('{"__proto__": {"polluted": 1}}'), base())));
  v.push(s('pollution keys', '{ constructor: { prototype: { polluted: 1 } } }', () => ({ ...base(), constructor: { prototype: { polluted: 1 } } })));
  v.push(s('frozen options', 'Object.freeze(base)', () => Object.freeze(base())));
  if (spec.extremes) v.push(...spec.extremes);
  return { name, names, variants: v };
}

/** An array-of-records parameter (instances, annotations, results, poses). */
export function pList(name: string, spec: { optional?: boolean; extremes?: Variant[]; names?: RegExp; elements?: boolean } = {}): ParamSpec {
  const v = wrongTypes(spec.optional ?? false, false);
  v.push(r('wrong type', '{}', () => ({})));
  if (spec.elements !== false) {
    v.push(r('bad element', '[null]', () => [null]));
    v.push(r('bad element', '[42]', () => [42]));
    v.push(r('bad element', '["typo"]', () => ['typo']));
  }
  if (spec.extremes) v.push(...spec.extremes);
  return { name, names: spec.names ?? nameRx(name), variants: v };
}

/** A function parameter (decoders given to laws). */
export function pFn(name: string): ParamSpec {
  return { name, names: nameRx(name), variants: [...wrongTypes(false, false).filter((v) => v.label !== 'a function'), r('wrong type', '{}', () => ({}))] };
}

/** A string parameter (paths, names). */
export function pStr(name: string, spec: { optional?: boolean; choices?: boolean; extremes?: Variant[] } = {}): ParamSpec {
  const v: Variant[] = [r('wrong type', '42', () => 42), r('wrong type', '{}', () => ({})), r('wrong type', 'null', () => null), r('wrong type', '["a"]', () => ['a'])];
  if (!spec.optional) v.push(r('wrong type', 'undefined', () => undefined));
  if (spec.choices) v.push(r('typo option', '"typo"', () => 'typo'), r('typo option', '""', () => ''));
  if (spec.extremes) v.push(...spec.extremes);
  return { name, names: nameRx(name), variants: v };
}

/** Flip indices of length K. */
export function pIndices(name: string, K: number): ParamSpec {
  const ok = () => Array.from({ length: K }, (_, i) => i);
  const v: Variant[] = [
    ...wrongTypes(false, false),
    r('wrong type', '{}', () => ({})),
    r('bad indices', 'wrong length', () => ok().slice(1)),
    r('bad indices', 'an index = K', () => Object.assign(ok(), { 0: K })),
    r('bad indices', 'an index -1', () => Object.assign(ok(), { 0: -1 })),
    r('bad indices', 'an index NaN', () => Object.assign(ok(), { 0: NaN })),
    r('bad indices', 'an index 0.5', () => Object.assign(ok(), { 0: 0.5 })),
    r('bad indices', 'an index "0"', () => Object.assign(ok(), { 0: '0' })),
  ];
  return { name, names: nameRx(name), variants: v };
}

/** A parameter that is not fuzzed by generated families (only by the entry's own cases). */
export function pAny(name: string, variants: Variant[] = []): ParamSpec {
  return { name, names: nameRx(name), variants };
}

export { r as rejectVariant, s as surviveVariant };

/** Extreme-but-valid heatmaps `[K, H, W]` (rank 3 unless `rank` = 4). */
export function heatmapExtremes(rank: 3 | 4 = 3, K = 2): Variant[] {
  const lead = rank === 4 ? [1] : [];
  return [
    s('extreme values', 'all zeros', () => filled([...lead, K, 8, 8], 0)),
    s('extreme values', 'all 1e30', () => filled([...lead, K, 8, 8], 1e30)),
    s('extreme values', 'all -1e30', () => filled([...lead, K, 8, 8], -1e30)),
    s('extreme values', 'peak 1e-38 (subnormal range)', () => {
      const a = hm(K, 8, 8, rank === 4 ? 1 : undefined);
      for (let i = 0; i < a.data.length; i++) a.data[i] *= 1e-38;
      return a;
    }),
    s('extreme sizes', '1x1 maps', () => filled([...lead, K, 1, 1], 0.5)),
    s('extreme sizes', '1x9 maps', () => hm(K, 1, 9, rank === 4 ? 1 : undefined)),
    s('extreme sizes', 'K = 0', () => filled([...lead, 0, 8, 8], 0)),
    s('layout', 'float64, transposed H/W view', () => {
      const a = hm(K, 8, 8, rank === 4 ? 1 : undefined, Float64Array);
      return rank === 4 ? a.transpose(0, 1, 3, 2) : a.transpose(0, 2, 1);
    }),
    s('layout', 'negative stride (flipped x)', () => hm(K, 8, 8, rank === 4 ? 1 : undefined).step(...(rank === 4 ? [1, 1, 1, -1] : [1, 1, -1]))),
  ];
}

/** Extreme-but-valid keypoints `[N, K, 2]`. */
export function keypointExtremes(N: number, K: number): Variant[] {
  return [
    s('extreme values', 'coordinates 1e30', () => filled([N, K, 2], 1e30, Float64Array)),
    s('extreme values', 'coordinates -1e6 (far outside)', () => filled([N, K, 2], -1e6, Float64Array)),
    s('extreme values', 'coordinates 5e-324', () => filled([N, K, 2], 5e-324, Float64Array)),
    s('layout', 'float32, transposed strides', () => {
      const d = new Float32Array(N * K * 2);
      for (let i = 0; i < d.length; i++) d[i] = 1 + (i % 5);
      return nd(d, [2, K, N]).transpose(2, 1, 0);
    }),
  ];
}
