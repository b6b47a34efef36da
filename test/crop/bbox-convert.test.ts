import { describe, expect, it } from 'vitest';
import ndarray from 'ndarray';
import fc from 'fast-check';
import { bboxXyxyToCs, bboxXywhToXyxy, bboxXyxyToXywh } from '../../src/crop/index.js';
import { expectBadInputs } from './fixtures.js';

describe('bboxXyxyToCs', () => {
  it('gives the centre and the padded size (mmpose bbox_xyxy2cs), float32 in float32 out', () => {
    const r = bboxXyxyToCs(ndarray(Float32Array.from([10, 20, 110, 220]), [1, 4]), { padding: 1.25 });
    expect(r.center.shape).toEqual([1, 2]);
    expect(Array.from(r.center.data)).toEqual([60, 120]);
    expect(Array.from(r.scale.data)).toEqual([125, 250]);
    expect(r.scale.data).toBeInstanceOf(Float32Array);
  });

  it('a [4] box gives [2] outputs; plain arrays compute in double; reversed boxes give negative scales unchanged', () => {
    const r = bboxXyxyToCs([5, 5, 1, 9]);
    expect(r.center.shape).toEqual([2]);
    expect(Array.from(r.scale.data)).toEqual([-4, 4]);
    expect(r.scale.data).toBeInstanceOf(Float64Array);
  });

  it('rounds padding to float32 for float32 boxes (W1): 1.1 · 100 is f32(100 · f32(1.1))', () => {
    const r = bboxXyxyToCs(ndarray(Float32Array.from([0, 0, 100, 100]), [4]), { padding: 1.1 });
    expect(r.scale.data[0]).toBe(Math.fround(100 * Math.fround(1.1)));
  });

  it('rejects bad input, naming the argument', () => {
    expectBadInputs([
      ['no boxes', () => bboxXyxyToCs(undefined as never), TypeError, /boxes/],
      ['3 columns', () => bboxXyxyToCs(ndarray(new Float32Array(6), [2, 3])), RangeError, /boxes/],
      ['rank 3', () => bboxXyxyToCs(ndarray(new Float32Array(8), [1, 2, 4])), TypeError, /boxes/],
      ['ragged', () => bboxXyxyToCs([[1, 2, 3, 4], [1, 2]] as never), TypeError, /boxes/],
      ['NaN in a plain array', () => bboxXyxyToCs([0, 0, NaN, 1]), RangeError, /boxes/],
      ['padding 0', () => bboxXyxyToCs([0, 0, 1, 1], { padding: 0 }), RangeError, /padding/],
      ['padding NaN', () => bboxXyxyToCs([0, 0, 1, 1], { padding: NaN }), RangeError, /padding/],
      ['options not an object', () => bboxXyxyToCs([0, 0, 1, 1], 3 as never), TypeError, /options/],
    ]);
  });
});

describe('bboxXywhToXyxy / bboxXyxyToXywh', () => {
  it('change only columns 2 and 3 and keep a score column and the dtype (W2)', () => {
    const b = ndarray(Float32Array.from([1, 2, 3, 4, 0.9]), [1, 5]);
    const x = bboxXywhToXyxy(b);
    expect(Array.from(x.data)).toEqual([1, 2, 4, 6, Math.fround(0.9)]);
    expect(x.data).toBeInstanceOf(Float32Array);
    expect(Array.from(bboxXyxyToXywh(x).data)).toEqual(Array.from(b.data));
    expect(Array.from(b.data)).toEqual([1, 2, 3, 4, Math.fround(0.9)]); // input untouched
  });

  it('round trip: xyxy → xywh → xyxy returns the boxes (float64, within 1e-12 of the coordinates)', () => {
    const box = fc.tuple(fc.double({ min: -1e3, max: 1e3, noNaN: true }), fc.double({ min: -1e3, max: 1e3, noNaN: true }), fc.double({ min: 0, max: 1e3, noNaN: true }), fc.double({ min: 0, max: 1e3, noNaN: true }));
    fc.assert(
      fc.property(fc.array(box, { minLength: 1, maxLength: 8 }), (bs) => {
        const xyxy = ndarray(Float64Array.from(bs.flatMap(([x, y, w, h]) => [x, y, x + w, y + h])), [bs.length, 4]);
        const back = bboxXywhToXyxy(bboxXyxyToXywh(xyxy));
        for (let i = 0; i < xyxy.data.length; i++) expect(Math.abs(back.data[i] - xyxy.data[i])).toBeLessThanOrEqual(1e-12 * (1 + Math.abs(xyxy.data[i])));
      }),
      { numRuns: 100 },
    );
  });

  it('rejects bad input, naming the argument', () => {
    expectBadInputs([
      ['not an array', () => bboxXywhToXyxy('x' as never), TypeError, /boxes/],
      ['6 columns', () => bboxXywhToXyxy(ndarray(new Float64Array(6), [1, 6])), RangeError, /boxes/],
      ['2 columns', () => bboxXyxyToXywh(ndarray(new Float64Array(2), [1, 2])), RangeError, /boxes/],
      ['padding 1e308', () => bboxXyxyToCs([0, 0, 10, 20], { padding: 1e308 }), RangeError, /options\.padding/],
      ['sum overflows', () => bboxXyxyToCs([1e308, 0, 1.7e308, 20]), RangeError, /boxes/],
    ]);
  });
});
