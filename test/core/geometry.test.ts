import { describe, expect, it } from 'vitest';
import ndarray from 'ndarray';
import fc from 'fast-check';
import { getWarpMatrix, transformKeypoints, invertAffine } from '../../src/core/geometry.js';

const apply = (m: number[], x: number, y: number) => [m[0] * x + m[1] * y + m[2], m[3] * x + m[4] * y + m[5]];

describe('getWarpMatrix', () => {
  it('MSRA: the bbox centre maps to (w/2, h/2) and the left edge to x = 0 (mmpose get_warp_matrix)', () => {
    const m = getWarpMatrix([100, 80], [96, 128], 0, [192, 256]);
    expect(apply(m, 100, 80)).toEqual([96, 128]);
    expect(apply(m, 52, 80)[0]).toBeCloseTo(0, 12);
    expect(apply(m, 148, 80)[0]).toBeCloseTo(192, 12);
  });

  it('UDP: the centre maps to ((w−1)/2, (h−1)/2) and the box edges to 0 and w−1 (mmpose get_udp_warp_matrix; float32 entries, so within 1e-4 px)', () => {
    const m = getWarpMatrix([100, 80], [96, 128], 0, [192, 256], { udp: true });
    m.forEach((v) => expect(Math.fround(v)).toBe(v));
    const c = apply(m, 100, 80);
    expect(c[0]).toBeCloseTo(95.5, 4);
    expect(c[1]).toBeCloseTo(127.5, 4);
    expect(apply(m, 52, 16)[0]).toBeCloseTo(0, 4);
    expect(apply(m, 148, 144)[0]).toBeCloseTo(191, 4);
    expect(apply(m, 148, 144)[1]).toBeCloseTo(255, 4);
  });

  it('uses one rotation sign for both geometries: with rot = +30 a point above the centre moves left (mmpose MSRA sign)', () => {
    for (const udp of [false, true]) {
      const m = getWarpMatrix([100, 100], [100, 100], 30, [192, 192], { udp });
      const c = apply(m, 100, 100);
      expect(apply(m, 100, 60)[0]).toBeLessThan(c[0]);
    }
  });

  it('inverse is the exact inverse, with and without rotation', () => {
    fc.assert(
      fc.property(fc.double({ min: -180, max: 180, noNaN: true }), fc.boolean(), fc.double({ min: -500, max: 500, noNaN: true }), (rot, udp, px) => {
        const fwd = getWarpMatrix([320, 240], [150, 200], rot, [192, 256], { udp });
        const inv = getWarpMatrix([320, 240], [150, 200], rot, [192, 256], { udp, inverse: true });
        const [x, y] = apply(fwd, px, 100);
        const back = apply(inv, x, y);
        expect(Math.abs(back[0] - px) + Math.abs(back[1] - 100)).toBeLessThan(1e-9);
        const inv2 = invertAffine(fwd);
        inv2.forEach((v, i) => expect(v).toBeCloseTo(inv[i], 9));
      }),
    );
  });

  it('rejects bad arguments', () => {
    expect(() => getWarpMatrix([0, 0], [0, 10], 0, [192, 256])).toThrow(/scale/);
    expect(() => getWarpMatrix([NaN, 0], [10, 10], 0, [192, 256])).toThrow(/center/);
    expect(() => getWarpMatrix([0, 0], [10, 10], Infinity, [192, 256])).toThrow(/rot/);
    expect(() => getWarpMatrix([0, 0], [10, 10], 0, [1, 256], { udp: true })).toThrow(/outputSize/);
    expect(() => invertAffine([0, 0, 0, 0, 0, 0])).toThrow(RangeError);
  });
});

describe('transformKeypoints', () => {
  it('applies a 2×3 affine to [N, K, 2] (any strides) and keeps extra columns', () => {
    const kp = ndarray(Float64Array.from([1, 2, 0.5, 3, 4, 1]), [1, 2, 3]);
    const out = transformKeypoints(kp, [[2, 0, 1], [0, 3, -1]]);
    expect(Array.from(out.data)).toEqual([3, 5, 0.5, 7, 11, 1]);
    const t = ndarray(Float64Array.from([1, 3, 2, 4]), [2, 2]).transpose(1, 0); // rows (1,2), (3,4)
    expect(Array.from(transformKeypoints(t, [1, 0, 0, 0, 1, 10]).data)).toEqual([1, 12, 3, 14]);
    expect(() => transformKeypoints(kp, [1, 2, 3] as never)).toThrow(/6 values/);
  });
});
