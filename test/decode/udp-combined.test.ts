import { describe, expect, it } from 'vitest';
import ndarray from 'ndarray';
import { decodeUdpCombined } from '../../src/decode/index.js';

/** Combined target built from the definition: cls = disk of radius R, offsets (μ − p)/R everywhere. */
function combined(W: number, H: number, mus: [number, number][], R: number): ndarray.NdArray<Float32Array> {
  const K = mus.length;
  const d = new Float32Array(3 * K * H * W);
  mus.forEach(([mx, my], k) => {
    for (let y = 0; y < H; y++)
      for (let x = 0; x < W; x++) {
        const ox = (mx - x) / R;
        const oy = (my - y) / R;
        const i = y * W + x;
        d[(3 * k) * H * W + i] = ox * ox + oy * oy <= 1 ? 1 : 0;
        d[(3 * k + 1) * H * W + i] = ox;
        d[(3 * k + 2) * H * W + i] = oy;
      }
  });
  return ndarray(d, [3 * K, H, W]);
}

describe('decodeUdpCombined', () => {
  it('recovers the exact keypoint from the offsets at the blurred-cls argmax', () => {
    const mus: [number, number][] = [
      [20.37, 30.81],
      [5.2, 50.5],
    ];
    const R = 0.0546875 * 64;
    const r = decodeUdpCombined(combined(48, 64, mus, R));
    expect(r.keypoints.shape).toEqual([2, 2]);
    mus.forEach(([x, y], k) => {
      expect(r.keypoints.get(k, 0)).toBeCloseTo(x, 5);
      expect(r.keypoints.get(k, 1)).toBeCloseTo(y, 5);
      expect(r.scores.get(k)).toBeGreaterThan(0);
    });
  });

  it('gives −1 with no offset for an empty cls map and rejects channel counts not divisible by 3', () => {
    const d = ndarray(new Float32Array(3 * 16).fill(0.5), [3, 4, 4]);
    for (let i = 0; i < 16; i++) d.data[i] = 0;
    expect(Array.from(decodeUdpCombined(d).keypoints.data)).toEqual([-1, -1]);
    expect(() => decodeUdpCombined(ndarray(new Float32Array(32), [2, 4, 4]))).toThrow(/3K/);
    expect(() => decodeUdpCombined(d, { radiusFactor: -1 })).toThrow(/radiusFactor/);
  });
});
