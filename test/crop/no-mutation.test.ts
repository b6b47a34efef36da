import { describe, expect, it } from 'vitest';
import ndarray from 'ndarray';
import { bboxXyxyToCs, bboxXywhToXyxy, bboxXyxyToXywh, fixAspectRatio, getWarpMatrix, normalizeImage, topdownAffine, warpAffine, warpAffineToTensor } from '../../src/crop/index.js';
import { testImage } from './fixtures.js';

describe('law: no crop function mutates its inputs', () => {
  it('images, boxes, centres, scales, matrices, keypoints and options are left as they were', () => {
    const img = testImage(40, 50, 3);
    const kp = ndarray(Float32Array.from([10, 12, 1, 30, 25, 0.5]), [1, 2, 3]);
    const center = Float32Array.from([25, 20]);
    const scale = [20, 30];
    const box = ndarray(Float32Array.from([5, 6, 30, 40, 0.9]), [1, 5]);
    const matrix = [[1.2, 0.1, -3], [-0.1, 1.1, 2]];
    const norm = { mean: [1, 2, 3], std: [4, 5, 6], bgrToRgb: true };
    const snapshot = () => JSON.stringify([Array.from(img.data), Array.from(kp.data), Array.from(center), scale, Array.from(box.data), matrix, norm]);
    const before = snapshot();
    bboxXyxyToCs(box.hi(1, 4));
    bboxXywhToXyxy(box);
    bboxXyxyToXywh(box);
    fixAspectRatio(ndarray(center, [1, 2]), 0.75);
    getWarpMatrix(center as never, scale as never, 30, [24, 32], { udp: true, inverse: true });
    warpAffine(img, matrix, [24, 32]);
    warpAffineToTensor(img, matrix, [24, 32], norm);
    normalizeImage(img, norm);
    topdownAffine(img, { center, scale, rotation: 15 }, [24, 32], { keypoints: kp, normalize: norm });
    expect(snapshot()).toBe(before);
  });
});
