import { describe, expect, it } from 'vitest';
import ndarray from 'ndarray';
import { createCodec } from '../../src/codecs/index.js';

const base = { type: 'integral' as const, inputSize: [256, 256] as [number, number], heatmapSize: [64, 64] as [number, number] };

describe("createCodec({ type: 'integral' }) (IntegralRegressionLabel)", () => {
  it('encode returns heatmaps (normalised to sum 1 by default), labels, weights, and keypointLabels as a deprecated alias', () => {
    const c = createCodec(base);
    const r = c.encode(ndarray(Float32Array.from([100.5, 60.2, -3, 10]), [1, 2, 2]));
    expect(r.heatmaps.shape).toEqual([2, 64, 64]);
    expect(r.heatmaps.data.slice(0, 4096).reduce((a, b) => a + b, 0)).toBeCloseTo(1, 5);
    expect(Array.from(r.weights.data)).toEqual([1, 0]); // outside: weight 0 although its Gaussian is drawn
    expect(r.heatmaps.data.slice(4096).some((v) => v > 0)).toBe(true);
    expect(r.keypointLabels).toBe(r.labels);
    const raw = createCodec({ ...base, normalize: false }).encode(ndarray(Float32Array.from([100.5, 60.2]), [1, 1, 2]));
    expect(Math.max(...raw.heatmaps.data)).toBe(1);
  });

  it('decode takes the regression output; decodeHeatmaps is the soft-argmax, to input px', () => {
    const c = createCodec({ ...base, unbiased: true });
    const p = [100.3, 60.7];
    const enc = c.encode(ndarray(Float64Array.from(p), [1, 1, 2]));
    expect(Array.from(c.decode(enc.labels).keypoints.data)).toEqual([Math.fround(p[0] / 256) * 256, Math.fround(p[1] / 256) * 256]);
    const d = c.decodeHeatmaps(enc.heatmaps, { normalize: 'sum' });
    expect(d.keypoints.shape).toEqual([1, 1, 2]);
    expect(Math.abs(d.keypoints.data[0] - p[0])).toBeLessThan(0.05);
    expect(() => c.decodeHeatmaps(ndarray(new Float32Array(16), [1, 4, 4]))).toThrow(/^heatmaps must be 64×64/);
    expect(() => c.decodeHeatmaps(enc.heatmaps, { beta: -1 })).toThrow(/options\.beta/);
  });

  it("deprecated normalize: 'sum' | 'softmax' sets decodeHeatmaps' default and keeps the encode normalisation", () => {
    const c = createCodec({ ...base, normalize: 'sum' });
    const enc = c.encode(ndarray(Float64Array.from([120.2, 33.3]), [1, 1, 2]));
    expect(enc.heatmaps.data.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 5);
    expect(Math.abs(c.decodeHeatmaps(enc.heatmaps).keypoints.data[0] - 120.2)).toBeLessThanOrEqual(2); // integer-centred MSRA target: ≤ s/2
  });

  it('rejects bad options', () => {
    expect(() => createCodec({ ...base, normalize: 1 as never })).toThrow(/options\.normalize must be a boolean/);
    expect(() => createCodec({ ...base, blurKernelSize: 4 })).toThrow(/options\.blurKernelSize must be odd/);
    expect(() => createCodec({ ...base, sigma: 0 })).toThrow(/options\.sigma/);
    expect(() => createCodec({ ...base, sigma: 1e308 })).toThrow(RangeError);
    expect(() => createCodec({ ...base, sigma: 1e308 })).toThrow(/^options\.sigma must be in/); // 2σ² would overflow: flat maps
    expect(() => createCodec({ ...base, beta: 0 })).toThrow(/options\.beta/);
  });
});
