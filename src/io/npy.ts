/**
 * NumPy `.npy` reading and writing (format versions 1.0, 2.0 and 3.0).
 *
 * Reads float32/float64 (and, with `allowInteger`, bool/int/uint) arrays in
 * little- or big-endian byte order and C or Fortran order into an `ndarray`
 * view over a native typed array (Fortran order becomes reversed strides, no
 * copy). Anything else is rejected with a `TypeError`/`RangeError` that says
 * what was found. Spec: numpy `lib/format.py`.
 */
import ndarray from 'ndarray';
import type { NdArray } from 'ndarray';
import { checkAllocation, checkOptions } from '../core/ndarray.js';
import { checkBoolean } from '../core/options.js';

const MAGIC = [0x93, 0x4e, 0x55, 0x4d, 0x50, 0x59]; // \x93NUMPY

/** Highest rank read or written: NumPy 2's `NPY_MAXDIMS` (ndarray compiles a class per rank, so a rank-3000 header must fail first). */
export const MAX_NPY_RANK = 64;
/**
 * Largest product of the dimensions, each counted as at least 1: a zero-size
 * array of shape `(2**40, 0, 1, 1)` is refused, since a loop over its leading
 * dimension would not end.
 */
export const MAX_NPY_EXTENT = 2 ** 30;

export type NpyData = Float32Array | Float64Array | Uint8Array | Int8Array | Int16Array | Uint16Array | Int32Array | Uint32Array | BigInt64Array | BigUint64Array;

export interface NpyHeader {
  version: [number, number];
  descr: string;
  fortranOrder: boolean;
  shape: number[];
  dataOffset: number;
}

function parseHeaderDict(text: string): { descr: string; fortran_order: boolean; shape: number[] } {
  // The header is a Python dict literal: {'descr': '<f4', 'fortran_order': False, 'shape': (3, 4), }
  const descr = /'descr'\s*:\s*'([^']*)'/.exec(text);
  const fortran = /'fortran_order'\s*:\s*(True|False)/.exec(text);
  const shape = /'shape'\s*:\s*\(([^)]*)\)/.exec(text);
  if (!descr || !fortran || !shape) throw new TypeError(`.npy header is not a valid dict: ${text.trim().slice(0, 120)}`);
  const parts = shape[1].split(',').map((s) => s.trim());
  if (parts.length > MAX_NPY_RANK + 1) throw new RangeError(`.npy shape has rank ${parts.filter((s) => s.length > 0).length}, over the limit of ${MAX_NPY_RANK}`);
  const dims = parts
    .filter((s) => s.length > 0)
    .map((s) => {
      const n = Number(s.replace(/L$/, ''));
      if (!/^\d+L?$/.test(s) || !Number.isSafeInteger(n)) throw new RangeError(`.npy shape has a bad dimension: ${s.slice(0, 40)}`);
      return n;
    });
  if (dims.length > MAX_NPY_RANK) throw new RangeError(`.npy shape has rank ${dims.length}, over the limit of ${MAX_NPY_RANK}`);
  checkExtent(dims);
  return { descr: descr[1], fortran_order: fortran[1] === 'True', shape: dims };
}

/** Refuse shapes whose dimensions (zeros counted as 1) multiply beyond {@link MAX_NPY_EXTENT}. */
function checkExtent(dims: readonly number[]): void {
  let extent = 1;
  for (const d of dims) extent *= Math.max(d, 1);
  if (extent > MAX_NPY_EXTENT) throw new RangeError(`.npy shape (${dims.join(', ')}) spans ${extent} elements (zeros counted as 1), over the limit of ${MAX_NPY_EXTENT}`);
}

/**
 * Parse the header of a `.npy` buffer. Rejects ranks over {@link MAX_NPY_RANK}
 * and shapes over {@link MAX_NPY_EXTENT} (RangeError), bad magic, versions or
 * dicts (TypeError). Cost O(header length).
 */
export function readNpyHeader(bytes: Uint8Array): NpyHeader {
  if (!(bytes instanceof Uint8Array)) throw new TypeError('npy input must be a Uint8Array/Buffer');
  if (bytes.length < 10 || MAGIC.some((m, i) => bytes[i] !== m)) throw new TypeError('not a .npy file (bad magic string)');
  const major = bytes[6];
  const minor = bytes[7];
  const dv = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let headerLen: number;
  let start: number;
  if (major === 1) {
    headerLen = dv.getUint16(8, true);
    start = 10;
  } else if (major === 2 || major === 3) {
    if (bytes.length < 12) throw new TypeError('truncated .npy header');
    headerLen = dv.getUint32(8, true);
    start = 12;
  } else {
    throw new TypeError(`unsupported .npy format version ${major}.${minor} (1.0, 2.0 and 3.0 are supported)`);
  }
  if (start + headerLen > bytes.length) throw new TypeError('truncated .npy header');
  const decoder = new TextDecoder(major === 3 ? 'utf-8' : 'latin1');
  const dict = parseHeaderDict(decoder.decode(bytes.subarray(start, start + headerLen)));
  return { version: [major, minor], descr: dict.descr, fortranOrder: dict.fortran_order, shape: dict.shape, dataOffset: start + headerLen };
}

interface DtypeInfo {
  size: number;
  make: (buf: ArrayBuffer, n: number) => NpyData;
  float: boolean;
  set: (dv: DataView, off: number, le: boolean) => number | bigint;
}

const DTYPES: Record<string, DtypeInfo> = {
  f4: { size: 4, float: true, make: (b, n) => new Float32Array(b, 0, n), set: (dv, o, le) => dv.getFloat32(o, le) },
  f8: { size: 8, float: true, make: (b, n) => new Float64Array(b, 0, n), set: (dv, o, le) => dv.getFloat64(o, le) },
  u1: { size: 1, float: false, make: (b, n) => new Uint8Array(b, 0, n), set: (dv, o) => dv.getUint8(o) },
  b1: { size: 1, float: false, make: (b, n) => new Uint8Array(b, 0, n), set: (dv, o) => dv.getUint8(o) },
  i1: { size: 1, float: false, make: (b, n) => new Int8Array(b, 0, n), set: (dv, o) => dv.getInt8(o) },
  i2: { size: 2, float: false, make: (b, n) => new Int16Array(b, 0, n), set: (dv, o, le) => dv.getInt16(o, le) },
  u2: { size: 2, float: false, make: (b, n) => new Uint16Array(b, 0, n), set: (dv, o, le) => dv.getUint16(o, le) },
  i4: { size: 4, float: false, make: (b, n) => new Int32Array(b, 0, n), set: (dv, o, le) => dv.getInt32(o, le) },
  u4: { size: 4, float: false, make: (b, n) => new Uint32Array(b, 0, n), set: (dv, o, le) => dv.getUint32(o, le) },
  i8: { size: 8, float: false, make: (b, n) => new BigInt64Array(b, 0, n), set: (dv, o, le) => dv.getBigInt64(o, le) },
  u8: { size: 8, float: false, make: (b, n) => new BigUint64Array(b, 0, n), set: (dv, o, le) => dv.getBigUint64(o, le) },
};

export interface ReadNpyOptions {
  /** Accept integer and bool dtypes (int64 becomes Float64Array). Default false: float32/float64 only. */
  allowInteger?: boolean;
}

/**
 * Read a `.npy` buffer into an ndarray view. Float32/float64 keep their type;
 * with `allowInteger`, int64/uint64 are converted to Float64Array (exact below 2^53).
 * @param options `{ allowInteger?: boolean }` (TypeError naming `options` / `options.allowInteger` otherwise)
 */
export function readNpy(bytes: Uint8Array, options?: ReadNpyOptions): NdArray<Float32Array | Float64Array | Uint8Array | Int8Array | Int16Array | Uint16Array | Int32Array | Uint32Array> {
  const o = checkOptions('options', options);
  const allowInteger = checkBoolean('options.allowInteger', o.allowInteger, false);
  const h = readNpyHeader(bytes);
  const m = /^([<>|=])([a-z])(\d+)$/.exec(h.descr);
  if (!m) throw new TypeError(`unsupported .npy dtype ${JSON.stringify(h.descr)} (float32 or float64 expected)`);
  const [, order, kind, width] = m;
  const key = `${kind}${width}`;
  const info = DTYPES[key];
  if (!info || (!info.float && !allowInteger)) {
    throw new TypeError(`unsupported .npy dtype ${JSON.stringify(h.descr)} (float32 '<f4'/'>f4' or float64 '<f8'/'>f8' expected)`);
  }
  const n = h.shape.reduce((p, s) => p * s, 1);
  checkAllocation('npy array', n, info.size);
  const nbytes = n * info.size;
  if (h.dataOffset + nbytes > bytes.length) throw new RangeError(`.npy data is truncated: shape [${h.shape.join(', ')}] needs ${nbytes} bytes, file has ${bytes.length - h.dataOffset}`);
  const buf = new ArrayBuffer(nbytes);
  const little = order !== '>';
  const nativeLittle = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1;
  if (little === nativeLittle || info.size === 1) {
    new Uint8Array(buf).set(bytes.subarray(h.dataOffset, h.dataOffset + nbytes));
  } else {
    const src = new DataView(bytes.buffer, bytes.byteOffset + h.dataOffset, nbytes);
    const dst = info.make(buf, n) as unknown as { [i: number]: number | bigint };
    for (let i = 0; i < n; i++) dst[i] = info.set(src, i * info.size, little);
  }
  let data: NpyData = info.make(buf, n);
  if (data instanceof BigInt64Array || data instanceof BigUint64Array) {
    const f = new Float64Array(n);
    for (let i = 0; i < n; i++) f[i] = Number(data[i]);
    data = f;
  }
  const shape = h.shape.length === 0 ? [1] : h.shape;
  if (!h.fortranOrder || shape.length <= 1) return ndarray(data as Float64Array, shape);
  const stride: number[] = [];
  let s = 1;
  for (let d = 0; d < shape.length; d++) {
    stride.push(s);
    s *= shape[d];
  }
  return ndarray(data as Float64Array, shape, stride, 0);
}

/** The typed arrays {@link writeNpy} accepts. */
export type NpyWritable = NpyData | Uint8ClampedArray;

/** `.npy` dtype (`descr`) of a typed array in the host's byte order, or undefined for an unsupported type. */
function descrOf(data: unknown): string | undefined {
  const e = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1 ? '<' : '>';
  if (data instanceof Float32Array) return `${e}f4`;
  if (data instanceof Float64Array) return `${e}f8`;
  if (data instanceof Uint8Array || data instanceof Uint8ClampedArray) return '|u1';
  if (data instanceof Int8Array) return '|i1';
  if (data instanceof Int16Array) return `${e}i2`;
  if (data instanceof Uint16Array) return `${e}u2`;
  if (data instanceof Int32Array) return `${e}i4`;
  if (data instanceof Uint32Array) return `${e}u4`;
  if (data instanceof BigInt64Array) return `${e}i8`;
  if (data instanceof BigUint64Array) return `${e}u8`;
  return undefined;
}

/**
 * Serialize a C-order typed array as `.npy` version 1.0, with the array's own dtype in the host's byte
 * order: Float32Array `<f4`, Float64Array `<f8`, Int32Array `<i4`, Uint8Array
 * `|u1`, BigInt64Array `<i8`, … (little-endian hosts). Does not mutate `data`.
 * @param shape non-negative integer dimensions whose product is `data.length`
 *   (rank ≤ {@link MAX_NPY_RANK}; `[]` for a scalar of one element)
 * @throws TypeError for another kind of `data` or a non-array `shape`; RangeError for a bad or mismatched shape
 */
export function writeNpy(data: NpyWritable, shape: readonly number[]): Uint8Array {
  const descr = descrOf(data);
  if (descr === undefined) throw new TypeError(`writeNpy: data must be a typed array (Float32Array, Float64Array, Int8/16/32Array, Uint8/16/32Array, BigInt64Array, BigUint64Array), got ${Object.prototype.toString.call(data)}`);
  if (!Array.isArray(shape)) throw new TypeError('writeNpy: shape must be an array of dimensions');
  if (shape.length > MAX_NPY_RANK) throw new RangeError(`writeNpy: shape has rank ${shape.length}, over the limit of ${MAX_NPY_RANK}`);
  let n = 1;
  for (const d of shape) {
    if (!Number.isSafeInteger(d) || d < 0) throw new RangeError(`writeNpy: shape must hold non-negative integers, got [${shape.join(', ')}]`);
    n *= d;
  }
  if (n !== data.length) throw new RangeError(`writeNpy: shape [${shape.join(', ')}] holds ${n} elements, data has ${data.length}`);
  const shapeStr = shape.length === 1 ? `(${shape[0]},)` : `(${shape.join(', ')})`;
  let header = `{'descr': '${descr}', 'fortran_order': False, 'shape': ${shapeStr}, }`;
  // Rank ≤ 64 keeps the header far below version 1.0's 65,535-byte limit.
  header += ' '.repeat((64 - ((10 + header.length + 1) % 64)) % 64) + '\n';
  const out = new Uint8Array(10 + header.length + data.byteLength);
  out.set(MAGIC, 0);
  out[6] = 1;
  out[7] = 0;
  new DataView(out.buffer).setUint16(8, header.length, true);
  for (let i = 0; i < header.length; i++) out[10 + i] = header.charCodeAt(i);
  out.set(new Uint8Array(data.buffer, data.byteOffset, data.byteLength), 10 + header.length);
  return out;
}
