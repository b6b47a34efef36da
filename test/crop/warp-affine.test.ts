import { describe, expect, it } from 'vitest';
import ndarray from 'ndarray';
import fc from 'fast-check';
import { warpAffine, getWarpMatrix } from '../../src/crop/index.js';
import { expectBadInputs, testImage, values } from './fixtures.js';

const KINDS = ['u8', 'f32', 'f64'] as const;

describe('warpAffine', () => {
  it('law: the identity matrix returns the image (every dtype, 1/3/4 channels and [H, W])', () => {
    for (const kind of KINDS)
      for (const C of [0, 1, 3, 4]) {
        const img = testImage(7, 9, C, kind);
        const out = warpAffine(img, [1, 0, 0, 0, 1, 0], [9, 7]);
        expect(out.shape).toEqual(img.shape);
        expect(out.data.constructor).toBe(img.data.constructor);
        expect(values(out)).toEqual(values(img));
      }
  });

  it('law: translation equivariance — an integer shift moves the pixels exactly, zeros where the source is outside', () => {
    fc.assert(
      fc.property(fc.integer({ min: -6, max: 6 }), fc.integer({ min: -6, max: 6 }), fc.constantFrom(...KINDS), fc.constantFrom(1, 3, 4), (tx, ty, kind, C) => {
        const img = testImage(8, 10, C, kind, 7);
        const out = warpAffine(img, [[1, 0, tx], [0, 1, ty]], [10, 8]);
        for (let y = 0; y < 8; y++)
          for (let x = 0; x < 10; x++)
            for (let c = 0; c < C; c++) {
              const sx = x - tx;
              const sy = y - ty;
              const want = sx >= 0 && sx < 10 && sy >= 0 && sy < 8 ? img.get(sy, sx, c) : 0;
              expect(out.get(y, x, c)).toBe(want);
            }
      }),
      { numRuns: 60 },
    );
  });

  it('law: channels are independent — a 3- or 4-channel warp equals the warps of its single channels', () => {
    const m = getWarpMatrix([20, 15], [30, 25], 17, [24, 32]);
    for (const C of [3, 4]) {
      const img = testImage(30, 40, C, 'u8', 3);
      const out = warpAffine(img, m, [24, 32]);
      for (let c = 0; c < C; c++) {
        const one = warpAffine(img.pick(null, null, c), m, [24, 32]);
        expect(values(out.pick(null, null, c))).toEqual(values(one));
      }
    }
  });

  it('reads any strides: a planar [C, H, W] buffer viewed as [H, W, C] warps like the interleaved image (generic path = fast path)', () => {
    const img = testImage(30, 40, 3, 'u8', 5);
    const planar = new Uint8Array(30 * 40 * 3);
    for (let y = 0; y < 30; y++) for (let x = 0; x < 40; x++) for (let c = 0; c < 3; c++) planar[c * 1200 + y * 40 + x] = img.get(y, x, c);
    const view = ndarray(planar, [3, 30, 40]).transpose(1, 2, 0);
    const m = getWarpMatrix([25, 10], [50, 35], -30, [20, 28], { udp: true });
    expect(values(warpAffine(view, m, [20, 28]))).toEqual(values(warpAffine(img, m, [20, 28])));
  });

  it('fades to the border value over one pixel outside the image; Uint8ClampedArray in, Uint8ClampedArray out', () => {
    const img = ndarray(new Uint8ClampedArray(4 * 4 * 4).fill(200), [4, 4, 4]);
    const out = warpAffine(img, [1, 0, 0.5, 0, 1, 0], [6, 4], { borderValue: 127.5 });
    expect(out.data).toBeInstanceOf(Uint8ClampedArray);
    expect(out.get(0, 0, 0)).toBe((200 * 512 + 128 * 512 + 512) >> 10); // half-way between the border (128: half to even) and the image
    expect(out.get(0, 5, 3)).toBe(128); // all four taps outside
    expect(out.get(0, 2, 1)).toBe(200);
  });

  it('writes into out without allocating a new image, and never mutates the input', () => {
    const img = testImage(20, 20, 3, 'u8', 9);
    const before = values(img);
    const out = ndarray(new Uint8Array(10 * 12 * 3), [12, 10, 3]);
    const r = warpAffine(img, getWarpMatrix([10, 10], [12, 16], 45, [10, 12]), [10, 12], { out });
    expect(r).toBe(out);
    expect(values(img)).toEqual(before);
    const strided = ndarray(new Uint8Array(2 * 10 * 12 * 3), [12, 10, 3], [60, 6, 2]); // every other byte
    warpAffine(img, getWarpMatrix([10, 10], [12, 16], 45, [10, 12]), [10, 12], { out: strided });
    expect(values(strided)).toEqual(values(out));
  });

  it('rejects bad input, naming the argument', () => {
    const img = testImage(4, 4, 3);
    const id = [1, 0, 0, 0, 1, 0];
    expectBadInputs([
      ['image a plain array', () => warpAffine([[1]] as never, id, [4, 4]), TypeError, /image/],
      ['image Int16Array', () => warpAffine(ndarray(new Int16Array(16), [4, 4]) as never, id, [4, 4]), TypeError, /image/],
      ['image rank 4', () => warpAffine(ndarray(new Uint8Array(16), [1, 4, 4, 1]) as never, id, [4, 4]), TypeError, /image/],
      ['2 channels', () => warpAffine(ndarray(new Uint8Array(32), [4, 4, 2]), id, [4, 4]), RangeError, /image/],
      ['empty image', () => warpAffine(ndarray(new Uint8Array(0), [0, 4, 3]), id, [4, 4]), RangeError, /image/],
      ['side over 32767', () => warpAffine(ndarray(new Uint8Array(1), [1, 40000, 1], [0, 0, 0]), id, [4, 4]), RangeError, /image/],
      ['singular matrix', () => warpAffine(img, [1, 2, 0, 2, 4, 0], [4, 4]), RangeError, /matrix/],
      ['zero matrix', () => warpAffine(img, [0, 0, 0, 0, 0, 0], [4, 4]), RangeError, /matrix/],
      ['underflowing determinant', () => warpAffine(img, [1e-200, 0, 0, 0, 1e-200, 0], [4, 4]), RangeError, /matrix/],
      ['NaN entry', () => warpAffine(img, [1, 0, NaN, 0, 1, 0], [4, 4]), RangeError, /matrix/],
      ['5 entries', () => warpAffine(img, [1, 0, 0, 1, 0], [4, 4]), TypeError, /matrix/],
      ['matrix a string', () => warpAffine(img, 'eye' as never, [4, 4]), TypeError, /matrix/],
      ['matrix ndarray [3, 3]', () => warpAffine(img, ndarray(new Float64Array(9), [3, 3]), [4, 4]), TypeError, /matrix/],
      ['outputSize 0', () => warpAffine(img, id, [0, 4]), RangeError, /outputSize/],
      ['outputSize fractional', () => warpAffine(img, id, [1.5, 4]), TypeError, /outputSize/],
      ['outputSize over the cap', () => warpAffine(img, id, [100000, 100000]), RangeError, /outputSize/],
      ['outputSize one value', () => warpAffine(img, id, [4] as never), TypeError, /outputSize/],
      ['out wrong shape', () => warpAffine(img, id, [4, 4], { out: ndarray(new Uint8Array(48), [4, 3, 4]) }), RangeError, /out/],
      ['out wrong dtype', () => warpAffine(img, id, [4, 4], { out: ndarray(new Float32Array(48), [4, 4, 3]) }), TypeError, /out/],
      ['borderValue 2 values for 3 channels', () => warpAffine(img, id, [4, 4], { borderValue: [1, 2] }), RangeError, /borderValue/],
      ['borderValue NaN', () => warpAffine(img, id, [4, 4], { borderValue: NaN }), RangeError, /borderValue/],
      ['options not an object', () => warpAffine(img, id, [4, 4], 1 as never), TypeError, /options/],
    ]);
  });
});
