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

  it("an empty cls map gives −1 plus the offsets mmpose's flat index reads (keypoint k−1's at (W−1, H−2), k = 0 wraps), and channel counts not divisible by 3 are rejected", () => {
    const W = 4;
    const H = 4;
    const d = ndarray(new Float32Array(6 * 16), [6, H, W]);
    // keypoint 0: empty cls; keypoint 1: a peak at (1, 2)
    d.set(3, 2, 1, 1);
    for (let i = 0; i < 16; i++) {
      d.data[16 + i] = i / 100; // offX of keypoint 0
      d.data[32 + i] = -i / 100;
      d.data[4 * 16 + i] = 0.5; // offX of keypoint 1
      d.data[5 * 16 + i] = 0.25;
    }
    const R = Math.fround(0.0546875 * 4);
    const r = decodeUdpCombined(d).keypoints.data;
    // k = 0: index −1 − W wraps to the last keypoint's offsets at flat W·H − 1 − W = (W−1, H−2)
    expect(r[0]).toBe(Math.fround(-1 + Math.fround(0.5 * R)));
    expect(r[1]).toBe(Math.fround(-1 + Math.fround(0.25 * R)));
    expect(() => decodeUdpCombined(ndarray(new Float32Array(32), [2, 4, 4]))).toThrow(/3K/);
    expect(() => decodeUdpCombined(d, { radiusFactor: -1 })).toThrow(/radiusFactor/);
    // R = radiusFactor·max(W, H) must lie in [1e-9, 1e12] heatmap px, as udpCombinedTargets (1e308 gave ±∞ keypoints)
    expect(() => decodeUdpCombined(d, { radiusFactor: 1e308 })).toThrow(RangeError);
    expect(() => decodeUdpCombined(d, { radiusFactor: 1e308 })).toThrow(/^options\.radiusFactor 1e\+308 gives a disk radius/);
    expect(() => decodeUdpCombined(d, { radiusFactor: 1e-300 })).toThrow(/^options\.radiusFactor .* outside \[1e-9, 1e12\]/);
    expect(() => decodeUdpCombined(d, { radiusFactor: 'x' as never })).toThrow(TypeError);
  });

  it('keeps the location of a NaN maximum (as heatmapArgmax and mmpose), with a NaN score', () => {
    const d = ndarray(new Float32Array(3 * 64), [3, 8, 8]);
    d.set(0, 2, 5, 1);
    d.set(0, 6, 6, NaN);
    const r = decodeUdpCombined(d, { blurKernelSize: 1 });
    expect(r.scores.data[0]).toBeNaN();
    // the 3×3 blur spreads the NaN; the first NaN in C order is (5, 5)
    expect(Array.from(r.keypoints.data)).toEqual([5, 5]);
  });
});
