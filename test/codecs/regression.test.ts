import { describe, expect, it } from 'vitest';
import ndarray from 'ndarray';
import { createCodec } from '../../src/codecs/index.js';

describe("createCodec({ type: 'regression' })", () => {
  const c = createCodec({ type: 'regression', inputSize: [192, 256] });

  it('labels f32(kp/[w, h]); weight 1 iff inside [0, w−1]×[0, h−1] (inclusive) and visible > 0.5 (strict)', () => {
    const kp = ndarray(Float32Array.from([0, -0, 191, 255, 191.5, 10, 10, 10, 10, 10]), [1, 5, 2]);
    const vis = ndarray(Float32Array.from([1, 1, 1, 0.5, 0.51]), [1, 5]);
    const r = c.encode(kp, vis);
    expect(Array.from(r.weights.data)).toEqual([1, 1, 0, 0, 1]);
    expect(r.labels.data[2]).toBe(Math.fround(191 / 192));
    expect(Array.from(c.encode(kp).weights.data)).toEqual([1, 1, 0, 1, 1]);
  });

  it('decode: kp = label·[w, h] in float64; D = 4 scores = mean(1 − σ) (not clamped); D = 2 scores 1', () => {
    const e2 = ndarray(Float32Array.from([0.5, 0.25]), [1, 1, 2]);
    const r2 = c.decode(e2);
    expect(Array.from(r2.keypoints.data)).toEqual([96, 64]);
    expect(r2.scores.data[0]).toBe(1);
    const e4 = ndarray(Float32Array.from([0.5, 0.25, 1.5, 0.1]), [1, 1, 4]);
    expect(c.decode(e4).scores.data[0]).toBe(Math.fround(Math.fround(Math.fround(1 - 1.5) + Math.fround(1 - Math.fround(0.1))) / 2));
  });

  it('decode(encode(p)) = p to float32 label precision, and the codec is frozen', () => {
    const p = [96.3, 120.7];
    const r = c.decode(c.encode(ndarray(Float64Array.from(p), [1, 1, 2])).labels);
    expect(Math.abs(r.keypoints.data[0] - p[0])).toBeLessThan(1e-4);
    expect(Object.isFrozen(c) && Object.isFrozen(c.inputSize)).toBe(true);
  });

  it('rejects bad input with typed errors naming the argument', () => {
    expect(() => c.decode(ndarray(new Float32Array(3), [1, 1, 3]))).toThrow(/^encoded last axis must be 2/);
    expect(() => c.decode(ndarray(new Float32Array(2), [1, 2]))).toThrow(/^encoded must have rank 3/);
    expect(() => c.encode(ndarray(new Float32Array(2), [2]))).toThrow(/^keypoints/);
    expect(() => c.encode(ndarray(new Float32Array(2), [1, 1, 2]), ndarray(Float32Array.from([NaN]), [1, 1]))).toThrow(/^visible\[0\]\[0\]/);
    expect(() => createCodec({ type: 'regression', inputSize: [0, 1] })).toThrow(/options\.inputSize/);
  });
});
