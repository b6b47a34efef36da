/**
 * Argument checks and flat-index access for scijs `ndarray` views.
 *
 * Every public function validates its arguments here, once, at the boundary;
 * inner loops then index `data` directly with the strides these helpers return
 * (never `ndarray.get()` per pixel). Any strides and offsets work, so an NHWC
 * tensor viewed through `.transpose(0, 3, 1, 2)` is read without a copy.
 *
 * Long file: these are the one boundary every public function shares (type,
 * rank, view bounds, allocation cap); split, they would be imported in pairs.
 */
import ndarray from 'ndarray';
import type { NdArray } from 'ndarray';

/** Float data accepted for heatmaps and keypoints. */
export type FloatData = Float32Array | Float64Array;
/** Any numeric typed array (masks and visibility may be integer). */
export type NumericData =
  | Float32Array
  | Float64Array
  | Int8Array
  | Uint8Array
  | Uint8ClampedArray
  | Int16Array
  | Uint16Array
  | Int32Array
  | Uint32Array;

/** Largest allocation a function may make for its output: 1 GiB. */
export const MAX_ALLOCATION_BYTES = 2 ** 30;

/**
 * Largest number of logical elements an input view may have (2^30). A broadcast
 * view (stride 0) can describe far more elements than its data holds; reading
 * such a view would take minutes, so it is rejected up front with a `RangeError`.
 */
export const MAX_VIEW_ELEMENTS = 2 ** 30;

const NUMERIC_CTORS = [
  Float32Array,
  Float64Array,
  Int8Array,
  Uint8Array,
  Uint8ClampedArray,
  Int16Array,
  Uint16Array,
  Int32Array,
  Uint32Array,
];

/** True when `x` looks like a scijs ndarray (shape, stride, offset, data). */
export function isNdArray(x: unknown): x is NdArray {
  if (x === null || typeof x !== 'object') return false;
  const a = x as Record<string, unknown>;
  return Array.isArray(a.shape) && Array.isArray(a.stride) && typeof a.offset === 'number' && a.data != null;
}

function describe(x: unknown): string {
  if (x === null) return 'null';
  if (Array.isArray(x)) return 'a plain Array';
  if (ArrayBuffer.isView(x)) return `a bare ${x.constructor.name}`;
  return typeof x === 'object' ? (x.constructor?.name ?? 'object') : typeof x;
}

export interface CheckOptions {
  /** Allowed ranks. */
  ranks: readonly number[];
  /** Accept integer typed arrays too (masks, visibility). Default: float only. */
  integer?: boolean;
}

/**
 * Check that `x` is an ndarray of an allowed rank over a numeric typed array,
 * with integer non-negative shape and strides/offset that stay inside `data`.
 * Throws a `TypeError` naming `name` otherwise.
 */
export function checkNdArray<T extends NumericData = FloatData>(name: string, x: unknown, opts: CheckOptions): NdArray<T> {
  if (!isNdArray(x)) {
    throw new TypeError(`${name} must be an ndarray (scijs ndarray view), got ${describe(x)}`);
  }
  const data = x.data as unknown;
  const okFloat = data instanceof Float32Array || data instanceof Float64Array;
  const okAny = NUMERIC_CTORS.some((C) => data instanceof C);
  if (!(opts.integer ? okAny : okFloat)) {
    const want = opts.integer ? 'a numeric typed array' : 'Float32Array or Float64Array';
    throw new TypeError(`${name} data must be ${want}, got ${describe(data)}`);
  }
  const { shape, stride, offset } = x;
  if (!opts.ranks.includes(shape.length)) {
    throw new TypeError(`${name} must have rank ${opts.ranks.join(' or ')}, got rank ${shape.length} (shape [${shape.join(', ')}])`);
  }
  if (stride.length !== shape.length) throw new TypeError(`${name} has ${stride.length} strides for ${shape.length} dimensions`);
  for (let d = 0; d < shape.length; d++) {
    if (!Number.isSafeInteger(shape[d]) || shape[d] < 0) throw new RangeError(`${name} shape[${d}] must be a non-negative integer, got ${shape[d]}`);
    if (!Number.isSafeInteger(stride[d])) throw new TypeError(`${name} stride[${d}] must be an integer, got ${stride[d]}`);
  }
  if (!Number.isSafeInteger(offset)) throw new TypeError(`${name} offset must be an integer, got ${offset}`);
  const elements = shape.reduce((a, n) => a * n, 1);
  if (elements > MAX_VIEW_ELEMENTS) {
    throw new RangeError(`${name} view (shape [${shape.join(', ')}]) has ${elements} elements, over the limit of ${MAX_VIEW_ELEMENTS}`);
  }
  // A zero-length axis makes the view empty, but loops over the other axes
  // still run: [2**50, 0, 1, 1] would spin 2^50 times. Bound every loop too.
  const iterations = shape.reduce((a, n) => a * Math.max(1, n), 1);
  if (iterations > MAX_VIEW_ELEMENTS) {
    throw new RangeError(`${name} view (shape [${shape.join(', ')}]) spans ${iterations} index combinations (counting empty axes as 1), over the limit of ${MAX_VIEW_ELEMENTS}`);
  }
  if (shape.every((n) => n > 0)) {
    let lo = offset;
    let hi = offset;
    for (let d = 0; d < shape.length; d++) {
      const span = (shape[d] - 1) * stride[d];
      if (span < 0) lo += span;
      else hi += span;
    }
    const len = (data as NumericData).length;
    if (lo < 0 || hi >= len) {
      throw new RangeError(`${name} view (shape [${shape.join(', ')}], strides [${stride.join(', ')}], offset ${offset}) reaches outside its data of length ${len}`);
    }
  }
  return x as unknown as NdArray<T>;
}

/**
 * Check that an output of `elements` items of `bytesPer` bytes stays under
 * {@link MAX_ALLOCATION_BYTES}; throws a `RangeError` naming `name` otherwise.
 */
export function checkAllocation(name: string, elements: number, bytesPer = 4): void {
  if (!Number.isFinite(elements) || elements * bytesPer > MAX_ALLOCATION_BYTES) {
    throw new RangeError(`${name} asks for an allocation of ${elements} elements (${((elements * bytesPer) / 2 ** 20).toFixed(0)} MiB), over the 1 GiB limit`);
  }
}

/** Check a positive safe integer. */
export function checkPositiveInt(name: string, v: unknown): number {
  if (typeof v !== 'number' || !Number.isInteger(v)) throw new TypeError(`${name} must be an integer, got ${describe2(v)}`);
  if (v < 1) throw new RangeError(`${name} must be >= 1, got ${v}`);
  return v;
}

/** Check a finite number (optionally > 0). */
export function checkFinite(name: string, v: unknown, opts: { positive?: boolean; min?: number } = {}): number {
  if (typeof v !== 'number') throw new TypeError(`${name} must be a number, got ${describe2(v)}`);
  if (!Number.isFinite(v)) throw new RangeError(`${name} must be finite, got ${v}`);
  if (opts.positive && !(v > 0)) throw new RangeError(`${name} must be > 0, got ${v}`);
  if (opts.min !== undefined && v < opts.min) throw new RangeError(`${name} must be >= ${opts.min}, got ${v}`);
  return v;
}

function describe2(v: unknown): string {
  return typeof v === 'number' ? String(v) : typeof v === 'string' ? JSON.stringify(v) : describe(v);
}

/** Check an options bag: undefined → `{}`, anything but a plain object → TypeError. */
export function checkOptions<T extends object>(name: string, v: T | undefined): Partial<T> {
  if (v === undefined) return {};
  if (v === null || typeof v !== 'object' || Array.isArray(v)) throw new TypeError(`${name} must be an options object, got ${describe(v)}`);
  return v;
}

/** Check a size `[W, H]` (width first, as mmpose) of positive integers whose W·H·count float32 allocation fits. */
export function checkSize(name: string, v: unknown, planes = 1): [number, number] {
  if (!Array.isArray(v) && !ArrayBuffer.isView(v)) throw new TypeError(`${name} must be [W, H], got ${describe(v)}`);
  const a = v as ArrayLike<unknown>;
  if (a.length !== 2) throw new TypeError(`${name} must be [W, H] (2 numbers), got ${a.length} values`);
  const W = checkPositiveInt(`${name}[0] (W)`, a[0]);
  const H = checkPositiveInt(`${name}[1] (H)`, a[1]);
  checkAllocation(name, W * H * planes);
  return [W, H];
}

/** Heatmap batch as flat-index access: element (b, k, y, x) is `data[offset + b*sB + k*sK + y*sH + x*sW]`. */
export interface HeatmapView {
  /** True for `[B, K, H, W]` input, false for `[K, H, W]` (then B = 1, sB = 0). */
  batched: boolean;
  B: number;
  K: number;
  H: number;
  W: number;
  data: FloatData;
  offset: number;
  sB: number;
  sK: number;
  sH: number;
  sW: number;
}

/** Validate `[K, H, W]` or `[B, K, H, W]` heatmaps with H, W ≥ 1 and return their flat view. */
export function heatmapView(name: string, x: unknown, ranks: readonly number[] = [3, 4]): HeatmapView {
  const a = checkNdArray<FloatData>(name, x, { ranks });
  const batched = a.shape.length === 4;
  const [B, K, H, W] = batched ? a.shape : [1, ...a.shape];
  const [sB, sK, sH, sW] = batched ? a.stride : [0, ...a.stride];
  if (H < 1 || W < 1) throw new RangeError(`${name} must have H >= 1 and W >= 1, got shape [${a.shape.join(', ')}]`);
  return { batched, B, K, H, W, data: a.data, offset: a.offset, sB, sK, sH, sW };
}

/** Keypoints `[N, K, D]` (D ≥ 2, last axis x, y[, …]) as flat-index access. */
export interface KeypointView {
  N: number;
  K: number;
  D: number;
  data: FloatData;
  offset: number;
  sN: number;
  sK: number;
  sD: number;
}

/** Validate keypoints `[N, K, ≥2]` (or `[K, ≥2]` when `allowRank2`, then N = 1). */
export function keypointView(name: string, x: unknown, opts: { allowRank2?: boolean; minD?: number } = {}): KeypointView {
  const a = checkNdArray<FloatData>(name, x, { ranks: opts.allowRank2 ? [2, 3] : [3] });
  const r3 = a.shape.length === 3;
  const [N, K, D] = r3 ? a.shape : [1, ...a.shape];
  const [sN, sK, sD] = r3 ? a.stride : [0, ...a.stride];
  const minD = opts.minD ?? 2;
  if (D < minD) throw new RangeError(`${name} last axis must have length >= ${minD} (x, y), got shape [${a.shape.join(', ')}]`);
  return { N, K, D, data: a.data, offset: a.offset, sN, sK, sD };
}

/** `[N, K]` numeric array (visibility, masks) as flat-index access. */
export interface MatrixView {
  N: number;
  K: number;
  data: NumericData;
  offset: number;
  sN: number;
  sK: number;
}

/** Validate an `[N, K]` numeric array; `expect` fixes N and K. */
export function matrixView(name: string, x: unknown, expect?: { N: number; K: number }): MatrixView {
  const a = checkNdArray<NumericData>(name, x, { ranks: [2], integer: true });
  const [N, K] = a.shape;
  if (expect && (N !== expect.N || K !== expect.K)) {
    throw new RangeError(`${name} must have shape [${expect.N}, ${expect.K}], got [${N}, ${K}]`);
  }
  return { N, K, data: a.data, offset: a.offset, sN: a.stride[0], sK: a.stride[1] };
}

/** A fresh C-order ndarray over Float32Array (zero-filled). */
export function zerosF32(shape: number[], name = 'output'): NdArray<Float32Array> {
  const n = shape.reduce((p, s) => p * s, 1);
  checkAllocation(name, n, 4);
  return ndarray(new Float32Array(n), shape);
}

/** A fresh C-order ndarray over Float64Array (zero-filled). */
export function zerosF64(shape: number[], name = 'output'): NdArray<Float64Array> {
  const n = shape.reduce((p, s) => p * s, 1);
  checkAllocation(name, n, 8);
  return ndarray(new Float64Array(n), shape);
}

/** Copy any-strided keypoints `[N, K, ≥2]` into a fresh C-order `[N, K, 2]` Float64Array ndarray. */
export function copyKeypoints(kv: KeypointView): NdArray<Float64Array> {
  const out = zerosF64([kv.N, kv.K, 2], 'keypoints');
  const o = out.data;
  let i = 0;
  for (let n = 0; n < kv.N; n++) {
    for (let k = 0; k < kv.K; k++) {
      const p = kv.offset + n * kv.sN + k * kv.sK;
      o[i++] = kv.data[p];
      o[i++] = kv.data[p + kv.sD];
    }
  }
  return out;
}

export type { NdArray };
