import { describe, expect, it } from 'vitest';
import ndarray from 'ndarray';
import fc from 'fast-check';
import { getWarpMatrix, transformKeypoints, invertAffine, invertAffineOpenCv, flattenAffine, checkPair } from '../../src/core/geometry.js';

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

describe('getWarpMatrix: mmpose options (0.2)', () => {
  const compose = (a: number[], b: number[]) => [a[0] * b[0] + a[1] * b[3], a[0] * b[1] + a[1] * b[4], a[0] * b[2] + a[1] * b[5] + a[2], a[3] * b[0] + a[4] * b[3], a[3] * b[1] + a[4] * b[4], a[3] * b[2] + a[4] * b[5] + a[5]];

  it('law: the inverse composes to the identity (MSRA with and without fixAspectRatio and shift, UDP; both rotation dtypes) within 1e-9', () => {
    const pos = fc.double({ min: 20, max: 600, noNaN: true });
    fc.assert(
      fc.property(
        fc.tuple(fc.double({ min: -100, max: 700, noNaN: true }), fc.double({ min: -100, max: 700, noNaN: true })),
        fc.tuple(pos, pos),
        fc.double({ min: -180, max: 180, noNaN: true }),
        fc.record({ udp: fc.boolean(), fixAspectRatio: fc.boolean(), rotDtype: fc.constantFrom<'float64' | 'float32'>('float64', 'float32'), shift: fc.constantFrom<[number, number]>([0, 0], [0.05, -0.1]) }),
        (c, s, rot, o) => {
          const fwd = getWarpMatrix(c, s, rot, [192, 256], o);
          const inv = getWarpMatrix(c, s, rot, [192, 256], { ...o, inverse: true });
          const id = compose(fwd, inv);
          [1, 0, 0, 0, 1, 0].forEach((v, i) => expect(Math.abs(id[i] - v)).toBeLessThan(i % 3 === 2 ? 1e-9 * 600 : 1e-9));
        },
      ),
      { numRuns: 150 },
    );
  });

  it('MSRA fixAspectRatio: false maps the box top edge to y = 0 (h/S_h on y); the default maps it isotropically', () => {
    const m = getWarpMatrix([100, 100], [50, 200], 0, [100, 100], { fixAspectRatio: false });
    expect(apply(m, 100, 0)[1]).toBeCloseTo(0, 9);
    expect(apply(m, 75, 100)[0]).toBeCloseTo(0, 9);
    const iso = getWarpMatrix([100, 100], [50, 200], 0, [100, 100]);
    expect(iso[0]).toBeCloseTo(iso[4], 12);
  });

  it('UDP: the default rotation sign is mmpose’s MSRA sign; compat: mmpose gives mmpose’s UDP matrix, i.e. ours for −rot', () => {
    const ours = getWarpMatrix([50, 60], [40, 80], 30, [48, 64], { udp: true });
    const mm = getWarpMatrix([50, 60], [40, 80], -30, [48, 64], { udp: true, compat: 'mmpose' });
    expect(mm).toEqual(ours);
    const msra = getWarpMatrix([50, 60], [40, 80], 30, [48, 64], { fixAspectRatio: false });
    expect(Math.sign(ours[1])).toBe(Math.sign(msra[1]));
  });

  it('rotDtype: float32 rounds the angle as np.float32 (90° gives cos = −4.37e-8, not 6e-17)', () => {
    const f64 = getWarpMatrix([0, 0], [100, 100], 90, [100, 100], { udp: true, compat: 'mmpose' });
    const f32 = getWarpMatrix([0, 0], [100, 100], 90, [100, 100], { udp: true, compat: 'mmpose', rotDtype: 'float32' });
    expect(f64[0]).toBe(Math.fround(Math.cos(Math.PI / 2) * 0.99));
    expect(f32[0]).toBe(Math.fround(Math.cos(Math.fround(Math.fround(90) * Math.fround(Math.PI / 180))) * 0.99));
    expect(f32[0]).toBeLessThan(0);
  });

  it('rejects bad arguments, naming them', () => {
    const bad: [() => unknown, typeof TypeError | typeof RangeError, RegExp][] = [
      [() => getWarpMatrix([0, 0], [NaN, 10], 0, [192, 256]), RangeError, /scale/],
      [() => getWarpMatrix([0, 0], [-1, 10], 0, [192, 256]), RangeError, /scale/],
      [() => getWarpMatrix([0, 0], [1e-300, 1e-300], 0, [192, 256]), RangeError, /scale/],
      [() => getWarpMatrix([0] as never, [10, 10], 0, [192, 256]), TypeError, /center/],
      [() => getWarpMatrix('c' as never, [10, 10], 0, [192, 256]), TypeError, /center/],
      [() => getWarpMatrix([0, 0], [10, 10], NaN, [192, 256]), RangeError, /rot/],
      [() => getWarpMatrix([0, 0], [10, 10], '0' as never, [192, 256]), TypeError, /rot/],
      [() => getWarpMatrix([0, 0], [10, 10], 0, [0, 256]), RangeError, /outputSize/],
      [() => getWarpMatrix([0, 0], [10, 10], 0, [192, 256], { udp: 1 as never }), TypeError, /udp/],
      [() => getWarpMatrix([0, 0], [10, 10], 0, [192, 256], { inverse: 'y' as never }), TypeError, /inverse/],
      [() => getWarpMatrix([0, 0], [10, 10], 0, [192, 256], { fixAspectRatio: 0 as never }), TypeError, /fixAspectRatio/],
      [() => getWarpMatrix([0, 0], [10, 10], 0, [192, 256], { rotDtype: 'float16' as never }), RangeError, /rotDtype/],
      [() => getWarpMatrix([0, 0], [10, 10], 0, [192, 256], { compat: 'cv2' as never }), RangeError, /compat/],
      [() => getWarpMatrix([0, 0], [10, 10], 0, [192, 256], { shift: [NaN, 0] }), RangeError, /shift/],
      [() => getWarpMatrix([0, 0], [10, 10], 0, [192, 256], 5 as never), TypeError, /options/],
      [() => getWarpMatrix([0, 0], [10, 10], 1e308, [192, 256]), RangeError, /^rot/],
      [() => getWarpMatrix([0, 0], [10, 10], -1e308, [192, 256], { rotDtype: 'float32' }), RangeError, /^rot/],
      [() => getWarpMatrix([0, 0], [10, 10], 0, [5e-324, 5e-324]), RangeError, /^outputSize/],
      [() => getWarpMatrix([0, 0], [10, 10], 0, [1e308, 1e308], { udp: true }), RangeError, /^outputSize/],
      [() => getWarpMatrix([1e308, 1e308], [64, 64], 0, [48, 64]), RangeError, /^center/],
    ];
    for (const [call, cls, re] of bad) {
      expect(call).toThrow(cls);
      expect(call).toThrow(re);
    }
  });
});

describe('affine helpers', () => {
  it('invertAffineOpenCv equals invertAffine to rounding and rejects a singular matrix by name', () => {
    const m = getWarpMatrix([30, 40], [50, 60], 33, [48, 64]);
    invertAffineOpenCv(m).forEach((v, i) => expect(v).toBeCloseTo(invertAffine(m)[i], 10));
    expect(() => invertAffineOpenCv([1, 2, 3, 2, 4, 6], 'M')).toThrow(/^M is not invertible/);
  });

  it('flattenAffine and checkPair read ndarrays (mmpose [2, 3] matrices, [1, 2] centres)', () => {
    expect(flattenAffine(ndarray(Float32Array.from([1, 2, 3, 4, 5, 6]), [2, 3]).transpose(0, 1))).toEqual([1, 2, 3, 4, 5, 6]);
    expect(checkPair('c', ndarray(Float32Array.from([7, 8]), [1, 2]))).toEqual([7, 8]);
    expect(() => checkPair('c', ndarray(new Float32Array(3), [3]))).toThrow(/^c must have 2 values/);
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
    for (const m of [[0, 0, 0, 0, 0, 0], [1e308, 0, 0, 0, 1e308, 0], [5e-324, 0, 0, 0, 5e-324, 0]]) {
      expect(() => transformKeypoints(kp, m as never)).toThrow(RangeError);
      expect(() => transformKeypoints(kp, m as never)).toThrow(/^matrix must be an invertible affine/);
    }
    expect(() => transformKeypoints(ndarray(new Float32Array(0), [0, 2 ** 25]), [1, 0, 0, 0, 1, 0])).toThrow(/^keypoints last axis/);
  });
});
