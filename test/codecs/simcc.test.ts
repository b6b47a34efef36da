import { describe, expect, it } from 'vitest';
import ndarray from 'ndarray';
import { createCodec } from '../../src/codecs/index.js';

const inputSize: [number, number] = [192, 256];

describe("createCodec({ type: 'simcc' })", () => {
  it('snapshots and freezes its options; simccSize = round([w, h]·split)', () => {
    const opts = { type: 'simcc' as const, inputSize: [33, 47] as [number, number], sigma: [4.9, 5.66] as [number, number], splitRatio: 1.5 };
    const c = createCodec(opts);
    opts.splitRatio = 3;
    opts.inputSize[0] = 1000;
    expect(c.splitRatio).toBe(1.5);
    expect(c.simccSize).toEqual([50, 70]);
    expect(c.inputSize).toEqual([33, 47]);
    expect(Object.isFrozen(c) && Object.isFrozen(c.inputSize) && Object.isFrozen(c.sigma) && Object.isFrozen(c.simccSize)).toBe(true);
  });

  it('decode(encode(p)) = p within 1/(2·split) px; with dark and visibility on its own labels too', () => {
    for (const splitRatio of [1, 2, 3]) {
      const c = createCodec({ type: 'simcc', inputSize, splitRatio, sigma: 2 * splitRatio, dark: true, visibility: true });
      const p = [96.3, 120.7, 10.1, 250.6];
      const enc = c.encode(ndarray(Float64Array.from(p), [1, 2, 2]));
      expect(enc.x.shape).toEqual([1, 2, c.simccSize[0]]);
      const r = c.decode(enc.x, enc.y);
      for (let i = 0; i < 4; i++) expect(Math.abs(r.keypoints.data[i] - p[i])).toBeLessThanOrEqual(1 / (2 * splitRatio) + 1e-6);
      expect(r.visibility!.shape).toEqual([1, 2]);
    }
  });

  it('decode rejects vectors whose length does not match inputSize·splitRatio, naming x or y', () => {
    const c = createCodec({ type: 'simcc', inputSize, splitRatio: 2 });
    const ok = (W: number) => ndarray(new Float32Array(17 * W).fill(1), [1, 17, W]);
    expect(() => c.decode(ok(384), ok(512))).not.toThrow();
    expect(() => c.decode(ok(576), ok(512))).toThrow(/^x must have 384 bins/);
    expect(() => c.decode(ok(384), ok(768))).toThrow(/^y must have 512 bins/);
  });

  it('rejects bad options with typed errors naming the option', () => {
    const t: [unknown, ErrorConstructor, RegExp][] = [
      [{ inputSize: [192] }, TypeError, /options\.inputSize/],
      [{ inputSize, sigma: 0 }, RangeError, /options\.sigma must be > 0/],
      [{ inputSize, sigma: [1, NaN] }, RangeError, /options\.sigma\[1\]/],
      [{ inputSize, splitRatio: 0 }, RangeError, /options\.splitRatio/],
      [{ inputSize, splitRatio: 1e-3 }, RangeError, /options\.splitRatio gives empty/],
      [{ inputSize, splitRatio: 1e308 }, RangeError, /^options\.splitRatio must be in \[2\^-20, 2\^20\]/],
      [{ inputSize, sigma: 1e-300 }, RangeError, /^options\.sigma must be in \[2\^-63, 2\^63\]/],
      [{ inputSize, sigma: 1e308 }, RangeError, /^options\.sigma must be in/],
      [{ inputSize, smoothing: 'x' }, RangeError, /options\.smoothing/],
      [{ inputSize, labelSmoothWeight: 0.1 }, RangeError, /options\.labelSmoothWeight/],
      [{ inputSize, dark: 'yes' }, TypeError, /options\.dark/],
      [{ inputSize, dark: true, sigma: 0.1 }, RangeError, /options\.sigma\[0\]/],
      [{ inputSize, beta: -1 }, RangeError, /options\.beta/],
      [{ inputSize, score: 'avg' }, RangeError, /options\.score/],
      [{ inputSize, compat: 'x' }, RangeError, /options\.compat/],
    ];
    for (const [o, Err, re] of t) {
      let err: unknown;
      try {
        createCodec({ type: 'simcc', ...(o as object) } as never);
      } catch (e) {
        err = e;
      }
      expect(err, String(re)).toBeInstanceOf(Err);
      expect((err as Error).message).toMatch(re);
    }
    const c = createCodec({ type: 'simcc', inputSize });
    expect(() => c.encode(ndarray(new Float32Array(2), [1, 2]))).toThrow(/^keypoints must have rank 3/);
    expect(() => c.encode(ndarray(new Float32Array(2), [1, 1, 2]), ndarray(new Float32Array(2), [2, 1]))).toThrow(/^visible/);
  });
});
