import { describe, expect, it } from 'vitest';
import ndarray from 'ndarray';
import { getWarpMatrix, topdownAffine, warpAffine, warpAffineToTensor } from '../../src/crop/index.js';
import { expectBadInputs, testImage, values } from './fixtures.js';

const apply = (m: number[], x: number, y: number) => [m[0] * x + m[1] * y + m[2], m[3] * x + m[4] * y + m[5]];

describe('topdownAffine', () => {
  it('fixes the aspect ratio in float32, maps the box centre to the crop centre and returns the mmpose outputs', () => {
    const img = testImage(120, 160, 3);
    const r = topdownAffine(img, { center: [80, 60], scale: [40, 100] }, [48, 64]);
    expect(r.scale).toEqual([75, 100]);
    expect(r.center).toEqual([80, 60]);
    expect(r.inputSize).toEqual([48, 64]);
    expect(r.image.shape).toEqual([64, 48, 3]);
    expect(r.keypoints).toBeUndefined();
    const c = apply(r.matrix, 80, 60);
    expect(c[0]).toBeCloseTo(24, 9);
    expect(c[1]).toBeCloseTo(32, 9);
    expect(values(r.image)).toEqual(values(warpAffine(img, r.matrix, [48, 64])));
  });

  it('moves keypoints [N, K, 3] into the crop (scores kept) within 1e-4 px of the double transform', () => {
    const img = testImage(50, 50, 1);
    const kp = ndarray(Float32Array.from([10, 20, 0.5, 30, 40, 1]), [1, 2, 3]);
    for (const udp of [false, true]) {
      const r = topdownAffine(img, { center: [25, 25], scale: [30, 40], rotation: 20 }, [24, 32], { udp, keypoints: kp });
      expect(r.keypoints!.shape).toEqual([1, 2, 3]);
      for (let k = 0; k < 2; k++) {
        const [x, y] = apply(r.matrix, kp.get(0, k, 0), kp.get(0, k, 1));
        expect(Math.abs(r.keypoints!.get(0, k, 0) - x)).toBeLessThan(1e-4);
        expect(Math.abs(r.keypoints!.get(0, k, 1) - y)).toBeLessThan(1e-4);
        expect(r.keypoints!.get(0, k, 2)).toBe(kp.get(0, k, 2));
      }
    }
  });

  it('treats rotation as float32 and UDP rotation with posecodec’s sign unless compat: mmpose', () => {
    const img = testImage(40, 40, 3);
    const box = { center: [20, 20], scale: [20, 20], rotation: 30 };
    const ours = topdownAffine(img, box, [16, 16], { udp: true }).matrix;
    const mm = topdownAffine(img, box, [16, 16], { udp: true, compat: 'mmpose' }).matrix;
    expect(ours).toEqual(getWarpMatrix([20, 20], [20, 20], 30, [16, 16], { udp: true, rotDtype: 'float32' }));
    expect(mm).toEqual(getWarpMatrix([20, 20], [20, 20], -30, [16, 16], { udp: true, rotDtype: 'float32' }));
    expect(topdownAffine(img, { ...box, rotation: ndarray(Float32Array.from([30]), [1]) }, [16, 16]).matrix).toEqual(topdownAffine(img, box, [16, 16]).matrix);
  });

  it('normalises in the same pass (normalize option), into out', () => {
    const img = testImage(60, 80, 3);
    const norm = { mean: [1, 2, 3], std: [4, 5, 6], bgrToRgb: true };
    const out = ndarray(new Float32Array(3 * 32 * 24), [3, 32, 24]);
    const r = topdownAffine(img, { center: [40, 30], scale: [30, 40], rotation: -10 }, [24, 32], { normalize: norm, out });
    expect(r.image).toBe(out);
    expect(values(out)).toEqual(values(warpAffineToTensor(img, r.matrix, [24, 32], norm)));
  });

  it('rejects bad input, naming the argument', () => {
    const img = testImage(10, 10, 3);
    const box = { center: [5, 5], scale: [4, 4] };
    expectBadInputs([
      ['box missing', () => topdownAffine(img, undefined as never, [8, 8]), TypeError, /box/],
      ['rotation 1e308', () => topdownAffine(img, { center: [5, 5], scale: [4, 4], rotation: 1e308 }, [8, 8]), RangeError, /box\.rotation/],
      ['scale 0', () => topdownAffine(img, { center: [5, 5], scale: [0, 4] }, [8, 8]), RangeError, /scale/],
      ['scale NaN', () => topdownAffine(img, { center: [5, 5], scale: [NaN, 4] }, [8, 8]), RangeError, /scale/],
      ['centre 3 values', () => topdownAffine(img, { center: [5, 5, 5], scale: [4, 4] }, [8, 8]), TypeError, /center/],
      ['rotation NaN', () => topdownAffine(img, { ...box, rotation: NaN }, [8, 8]), RangeError, /rotation/],
      ['rotation 2 values', () => topdownAffine(img, { ...box, rotation: [1, 2] }, [8, 8]), TypeError, /rotation/],
      ['inputSize 0', () => topdownAffine(img, box, [0, 8]), RangeError, /inputSize/],
      ['inputSize over the cap', () => topdownAffine(img, box, [1e5, 1e5]), RangeError, /inputSize/],
      ['UDP 1-pixel input', () => topdownAffine(img, box, [1, 8], { udp: true }), RangeError, /inputSize/],
      ['udp not boolean', () => topdownAffine(img, box, [8, 8], { udp: 'yes' as never }), TypeError, /udp/],
      ['compat', () => topdownAffine(img, box, [8, 8], { compat: 'opencv' as never }), RangeError, /compat/],
      ['keypoints rank 1 of 1', () => topdownAffine(img, box, [8, 8], { keypoints: ndarray(new Float32Array(1), [1]) }), RangeError, /keypoints/],
      ['keypoints a plain array', () => topdownAffine(img, box, [8, 8], { keypoints: [[1, 2]] as never }), TypeError, /keypoints/],
      ['image 2 channels', () => topdownAffine(ndarray(new Uint8Array(200), [10, 10, 2]), box, [8, 8]), RangeError, /image/],
    ]);
  });
});
