import { describe, expect, it } from 'vitest';
import { readNpy, writeNpy } from '../../src/io/npy.js';

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

  it('reads integer dtypes only when asked', () => {
    const body = new Uint8Array([1, 0, 1]);
    const a = readNpy(concat(header('|u1', false, '(3,)'), body), { allowInteger: true });
    expect(Array.from(a.data)).toEqual([1, 0, 1]);
  });
});
