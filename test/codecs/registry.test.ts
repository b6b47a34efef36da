import { describe, expect, it } from 'vitest';
import ndarray from 'ndarray';
import fc from 'fast-check';
import { createCodec, type CodecOptions, type HeatmapCodec } from '../../src/codecs/index.js';

const base = { inputSize: [192, 256] as [number, number], heatmapSize: [48, 64] as [number, number] };

/** Round-trip error (input px) of one keypoint at (x, y) through encode → decode, per axis. */
function roundTrip(opts: CodecOptions, x: number, y: number): [number, number] {
  const codec = createCodec(opts) as HeatmapCodec;
  const enc = codec.encode(ndarray(Float64Array.from([x, y]), [1, 1, 2]));
  const dec = codec.decode(enc.heatmaps);
  expect(dec.keypoints.shape).toEqual([1, 1, 2]);
  return [dec.keypoints.data[0] - x, dec.keypoints.data[1] - y];
}

const interior = fc.tuple(fc.double({ min: 40, max: 150, noNaN: true }), fc.double({ min: 40, max: 215, noNaN: true }));

describe('createCodec', () => {
  it('udp: decode(encode(p)) = p within 0.02 input px in the interior (DARK-UDP, k = 11); exact inverse geometry (w−1)/(W−1)', () => {
    fc.assert(
      fc.property(interior, ([x, y]) => {
        const [ex, ey] = roundTrip({ type: 'udp', ...base }, x, y);
        expect(Math.abs(ex)).toBeLessThan(0.02);
        expect(Math.abs(ey)).toBeLessThan(0.02);
      }),
      { numRuns: 40 },
    );
    expect(createCodec({ type: 'udp', ...base }).scale).toEqual([191 / 47, 255 / 63]);
  });

  it('msra unbiased: decode(encode(p)) = p within 0.1 input px in the interior (DARK, k = 11)', () => {
    fc.assert(
      fc.property(interior, ([x, y]) => {
        const [ex, ey] = roundTrip({ type: 'msra', unbiased: true, ...base }, x, y);
        expect(Math.hypot(ex, ey)).toBeLessThan(0.1);
      }),
      { numRuns: 40 },
    );
  });

  it('msra: integer-centred targets decode within half a heatmap pixel (s/2 = 2 input px) per axis', () => {
    fc.assert(
      fc.property(interior, ([x, y]) => {
        const [ex, ey] = roundTrip({ type: 'msra', ...base }, x, y);
        expect(Math.abs(ex)).toBeLessThanOrEqual(2 + 1e-9);
        expect(Math.abs(ey)).toBeLessThanOrEqual(2 + 1e-9);
      }),
      { numRuns: 40 },
    );
  });

  it('udp combined: the offsets make decode(encode(p)) = p up to float32 rounding', () => {
    fc.assert(
      fc.property(interior, ([x, y]) => {
        const [ex, ey] = roundTrip({ type: 'udp', heatmapType: 'combined', ...base }, x, y);
        expect(Math.abs(ex) + Math.abs(ey)).toBeLessThan(1e-3);
      }),
      { numRuns: 30 },
    );
  });

  it('megvii: blurred one-hot decodes within one heatmap pixel, score ≈ 1.5 at the peak (255/255 + 0.5)', () => {
    const codec = createCodec({ type: 'megvii', ...base, kernelSize: 11 });
    const enc = codec.encode(ndarray(Float64Array.from([101, 133]), [1, 1, 2]));
    const dec = codec.decode(enc.heatmaps);
    expect(Math.abs(dec.keypoints.data[0] - 101)).toBeLessThanOrEqual(4);
    expect(Math.abs(dec.keypoints.data[1] - 133)).toBeLessThanOrEqual(4);
    expect(dec.scores.data[0]).toBeCloseTo(1.5, 5);
  });

  it('integral: targets sum to 1, labels are f32(kp/[w, h]), decode reads the regression output, decodeHeatmaps (sum) recovers interior points to 0.05 px', () => {
    const codec = createCodec({ type: 'integral', ...base, unbiased: true });
    const enc = codec.encode(ndarray(Float64Array.from([96.3, 120.7]), [1, 1, 2]));
    const s = enc.heatmaps.data.reduce((a, b) => a + b, 0);
    expect(s).toBeCloseTo(1, 5);
    expect(Array.from(enc.labels.data)).toEqual([Math.fround(96.3 / 192), Math.fround(120.7 / 256)]);
    expect(enc.keypointLabels).toBe(enc.labels);
    expect(Array.from(codec.decode(enc.labels).keypoints.data)).toEqual([Math.fround(96.3 / 192) * 192, Math.fround(120.7 / 256) * 256]);
    const dec = codec.decodeHeatmaps(enc.heatmaps, { normalize: 'sum' });
    expect(Math.abs(dec.keypoints.data[0] - 96.3)).toBeLessThan(0.05);
  });

  it('decodes [B, K, H, W] as the per-item decodes', () => {
    const codec = createCodec({ type: 'msra', unbiased: true, ...base });
    const a = codec.encode(ndarray(Float64Array.from([50.2, 60.1, 120.8, 200.3]), [1, 2, 2])).heatmaps;
    const b = codec.encode(ndarray(Float64Array.from([70.4, 30.9, 10.2, 240.6]), [1, 2, 2])).heatmaps;
    const batch = ndarray(Float32Array.from([...a.data, ...b.data]), [2, 2, 64, 48]);
    const all = codec.decode(batch);
    expect(all.keypoints.shape).toEqual([2, 2, 2]);
    expect(Array.from(all.keypoints.data)).toEqual([...codec.decode(a).keypoints.data, ...codec.decode(b).keypoints.data]);
  });

  it('rejects bad options and inputs', () => {
    expect(() => createCodec({ type: 'x', ...base } as never)).toThrow(/type/);
    expect(() => createCodec({ type: 'msra', inputSize: [192, 0], heatmapSize: [48, 64] })).toThrow(/inputSize/);
    expect(() => createCodec({ type: 'msra', ...base, sigma: -1 })).toThrow(/sigma/);
    for (const type of ['msra', 'udp'] as const) {
      expect(() => createCodec({ type, ...base, sigma: 1e308 })).toThrow(RangeError);
      expect(() => createCodec({ type, ...base, sigma: 1e308 })).toThrow(/^options\.sigma must be in/);
    }
    expect(() => createCodec({ type: 'udp', ...base, heatmapType: 'combined', radiusFactor: 1e308 })).toThrow(RangeError);
    expect(() => createCodec({ type: 'udp', ...base, heatmapType: 'combined', radiusFactor: 1e308 })).toThrow(/^options\.radiusFactor .* gives a disk radius/);
    expect(() => createCodec({ type: 'udp', ...base, radiusFactor: 'x' as never })).toThrow(TypeError);
    expect(() => createCodec({ type: 'udp', inputSize: [192, 256], heatmapSize: [1, 64] })).toThrow(RangeError);
    const codec = createCodec({ type: 'msra', ...base });
    expect(() => codec.encode(ndarray(new Float64Array(4), [1, 2, 2]), ndarray(new Float32Array(3), [1, 3]))).toThrow(/visible/);
    expect(() => codec.decode(ndarray(new Float32Array(4), [2, 2]))).toThrow(/heatmaps/);
  });
});
