import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { readNpy, readNpyHeader, writeNpy, MAX_NPY_RANK } from '../../src/io/npy.js';

function header(descr: string, fortran: boolean, shape: string, version = 1): Uint8Array {
  let h = `{'descr': '${descr}', 'fortran_order': ${fortran ? 'True' : 'False'}, 'shape': ${shape}, }`;
  const pre = version === 1 ? 10 : 12;
  h += ' '.repeat((64 - ((pre + h.length + 1) % 64)) % 64) + '\n';
  const out = new Uint8Array(pre + h.length);
  out.set([0x93, 0x4e, 0x55, 0x4d, 0x50, 0x59, version, 0]);
  const dv = new DataView(out.buffer);
  if (version === 1) dv.setUint16(8, h.length, true);
  else dv.setUint32(8, h.length, true);
  for (let i = 0; i < h.length; i++) out[pre + i] = h.charCodeAt(i);
  return out;
}

function concat(a: Uint8Array, b: Uint8Array): Uint8Array {
  const o = new Uint8Array(a.length + b.length);
  o.set(a);
  o.set(b, a.length);
  return o;
}

describe('npy', () => {
  it('round-trips float32 and float64 through writeNpy/readNpy', () => {
    const f32 = Float32Array.from([1, 2, 3, 4, 5, 6]);
    const a = readNpy(writeNpy(f32, [2, 3]));
    expect(a.shape).toEqual([2, 3]);
    expect(a.data).toBeInstanceOf(Float32Array);
    expect(a.get(1, 2)).toBe(6);
    const f64 = Float64Array.from([0.1, 0.2]);
    const b = readNpy(writeNpy(f64, [2]));
    expect(Array.from(b.data)).toEqual([0.1, 0.2]);
  });

  it('reads big-endian float64, Fortran order and versions 2 and 3', () => {
    const body = new Uint8Array(6 * 8);
    const dv = new DataView(body.buffer);
    // Fortran order [2, 3]: memory is column-major.
    [1, 4, 2, 5, 3, 6].forEach((v, i) => dv.setFloat64(i * 8, v, false));
    for (const version of [1, 2, 3]) {
      const a = readNpy(concat(header('>f8', true, '(2, 3)', version), body));
      expect(a.data).toBeInstanceOf(Float64Array);
      expect([a.get(0, 0), a.get(0, 1), a.get(0, 2), a.get(1, 0), a.get(1, 1), a.get(1, 2)]).toEqual([1, 2, 3, 4, 5, 6]);
    }
  });

  it('rejects other dtypes, bad magic, bad versions and truncated data with typed errors', () => {
    expect(() => readNpy(concat(header('<i4', false, '(2,)'), new Uint8Array(8)))).toThrow(TypeError);
    expect(() => readNpy(concat(header('<c16', false, '(2,)'), new Uint8Array(32)))).toThrow(/dtype/);
    expect(() => readNpy(new Uint8Array([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]))).toThrow(/magic/);
    const v9 = header('<f4', false, '(2,)');
    v9[6] = 9;
    expect(() => readNpy(v9)).toThrow(/version/);
    expect(() => readNpy(concat(header('<f4', false, '(4,)'), new Uint8Array(8)))).toThrow(RangeError);
    expect(() => readNpy(concat(header('<f4', false, '(100000, 100000, 100)'), new Uint8Array(8)))).toThrow(RangeError);
  });

  it('rejects bad options, naming them', () => {
    const ok = writeNpy(new Float32Array(4), [2, 2]);
    const bad: [unknown, typeof TypeError, RegExp][] = [
      ['typo', TypeError, /^options must be an options object/],
      [42, TypeError, /^options/],
      [[], TypeError, /^options/],
      [null, TypeError, /^options/],
      [{ allowInteger: 'yes' }, TypeError, /^options\.allowInteger/],
      [{ allowInteger: 1 }, TypeError, /^options\.allowInteger/],
    ];
    for (const [o, cls, re] of bad) {
      expect(() => readNpy(ok, o as never)).toThrow(cls);
      expect(() => readNpy(ok, o as never)).toThrow(re);
    }
  });

  it('reads integer dtypes only when asked', () => {
    const body = new Uint8Array([1, 0, 1]);
    const a = readNpy(concat(header('|u1', false, '(3,)'), body), { allowInteger: true });
    expect(Array.from(a.data)).toEqual([1, 0, 1]);
  });

  it('rejects a rank over MAX_NPY_RANK before building any ndarray (a rank-3000 header fails at once)', () => {
    const h = header('<f4', false, `(${Array(3000).fill(1).join(', ')})`);
    expect(() => readNpyHeader(h)).toThrow(RangeError);
    expect(() => readNpy(h)).toThrow(/rank 3000/);
    const ok = readNpy(concat(header('<f4', false, `(${Array(MAX_NPY_RANK).fill(1).join(', ')})`), new Uint8Array(4)));
    expect(ok.shape).toHaveLength(MAX_NPY_RANK);
  });

  it('rejects a zero-size shape whose other dimensions span over 2^30 ((2^40, 0, 1, 1) in 128 bytes), keeps small zero-size ones', () => {
    const h = header('<f4', false, '(1099511627776, 0, 1, 1)');
    expect(h.length).toBeLessThanOrEqual(128);
    expect(() => readNpy(h)).toThrow(RangeError);
    expect(() => readNpy(h)).toThrow(/1099511627776/);
    expect(readNpy(header('<f4', false, '(0, 17, 64, 48)')).shape).toEqual([0, 17, 64, 48]);
  });

  it.each([['(-1, 2)'], ['(1e3,)'], ['(2, x)'], ['(9007199254740993,)']])('rejects the bad dimension in shape %s with a RangeError', (shape) => {
    expect(() => readNpyHeader(header('<f4', false, shape))).toThrow(RangeError);
  });

  it.each([
    ['Float32Array', new Float32Array([1, 2]), '<f4'],
    ['Float64Array', new Float64Array([1, 2]), '<f8'],
    ['Int32Array', new Int32Array([1, -2]), '<i4'],
    ['Uint32Array', new Uint32Array([1, 2]), '<u4'],
    ['Int16Array', new Int16Array([1, -2]), '<i2'],
    ['Uint16Array', new Uint16Array([1, 2]), '<u2'],
    ['Int8Array', new Int8Array([1, -2]), '|i1'],
    ['Uint8Array', new Uint8Array([1, 2]), '|u1'],
    ['BigInt64Array', new BigInt64Array([1n, -2n]), '<i8'],
  ])('writeNpy(%s) writes dtype %s, and reads back the same values', (_n, data, descr) => {
    const bytes = writeNpy(data, [2]);
    expect(readNpyHeader(bytes).descr).toBe(descr);
    expect(Array.from(readNpy(bytes, { allowInteger: true }).data, Number)).toEqual(Array.from(data as ArrayLike<number | bigint>, Number));
  });

  it('law: writeNpy then readNpy is the identity on Int32Array data of any C-order shape', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 4 }), { minLength: 0, maxLength: 4 }), fc.integer(), (shape, seed) => {
        const n = shape.reduce((p, s) => p * s, 1);
        const data = Int32Array.from({ length: n }, (_, i) => (seed + i * 2654435761) | 0);
        const back = readNpy(writeNpy(data, shape), { allowInteger: true });
        expect(back.data).toBeInstanceOf(Int32Array);
        expect(back.shape).toEqual(shape.length ? shape : [1]);
        expect(Array.from(back.data)).toEqual(Array.from(data));
      }),
      { numRuns: 100 },
    );
  });

  it.each([
    ['a plain array as data', () => writeNpy([1, 2] as never, [2]), TypeError, /data/],
    ['a DataView as data', () => writeNpy(new DataView(new ArrayBuffer(8)) as never, [2]), TypeError, /data/],
    ['a non-array shape', () => writeNpy(new Float32Array(2), 2 as never), TypeError, /shape/],
    ['a shape that does not match the data', () => writeNpy(new Float32Array(6), [2, 2]), RangeError, /shape/],
    ['a negative dimension', () => writeNpy(new Float32Array(0), [-1, 0]), RangeError, /shape/],
    ['a fractional dimension', () => writeNpy(new Float32Array(3), [1.5, 2]), RangeError, /shape/],
    ['a rank over the limit', () => writeNpy(new Float32Array(1), Array(MAX_NPY_RANK + 1).fill(1)), RangeError, /shape/],
  ])('writeNpy rejects %s (typed error naming the argument)', (_n, fn, cls, msg) => {
    expect(fn).toThrow(cls);
    expect(fn).toThrow(msg);
  });

  it('writeNpy does not mutate its input', () => {
    const data = Float32Array.from([1, 2, 3]);
    const shape = Object.freeze([3]);
    writeNpy(data, shape);
    expect(Array.from(data)).toEqual([1, 2, 3]);
  });
});

