import { describe, expect, it } from 'vitest';
import { cvRound, columnDeltas, rowStartX } from '../../src/crop/fixed-point.js';

describe('cvRound (OpenCV saturate_cast<int>(double) on x86)', () => {
  it('rounds half to even, not half up', () => {
    expect([0.5, 1.5, 2.5, -0.5, -1.5, -2.5, 2.4999, 2.5001].map(cvRound)).toEqual([0, 2, 2, 0, -2, -2, 2, 3]);
  });
  it('gives INT_MIN for NaN and values outside int32 (_mm_cvtsd_si32 "integer indefinite")', () => {
    expect([NaN, 2 ** 31, -(2 ** 31) - 1, Infinity].map(cvRound)).toEqual([-2147483648, -2147483648, -2147483648, -2147483648]);
    expect(cvRound(2 ** 31 - 1)).toBe(2147483647);
  });
});

describe('fixed-point coordinates', () => {
  it('the identity puts every pixel on its own 1/32-px grid point: X = 32·x', () => {
    const ad = new Int32Array(5);
    const bd = new Int32Array(5);
    const id = [1, 0, 0, 0, 1, 0] as [number, number, number, number, number, number];
    columnDeltas(id, 5, ad, bd);
    const X0 = rowStartX(id, 3);
    for (let x = 0; x < 5; x++) expect((X0 + ad[x]) >> 5).toBe(32 * x);
  });
});
