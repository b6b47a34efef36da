/** createKeypointsFilterBatch: N persons per call ≡ N createKeypointsFilter streams; bad arguments. */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import ndarray from 'ndarray';
import { createKeypointsFilter, createKeypointsFilterBatch, MOVENET_KEYPOINT_FILTER_CONFIG, type KeypointsFilterOptions } from '../../src/temporal/index.js';

const configs: KeypointsFilterOptions[] = [
  MOVENET_KEYPOINT_FILTER_CONFIG as KeypointsFilterOptions,
  { type: 'oneEuro', frequency: 30, minCutOff: 0.05, beta: 80, derivateCutOff: 1, minAllowedObjectScale: 50 },
  { type: 'velocity', windowSize: 5, velocityScale: 10, minAllowedObjectScale: 50 },
  { type: 'velocity', windowSize: 3, velocityScale: 20, disableValueScaling: true },
];

describe('createKeypointsFilterBatch', () => {
  it('law: filtering [N, K, D] frames in one call equals N independent keypoints filters (values bit for bit, scores copied)', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...configs),
        fc.integer({ min: 1, max: 4 }),
        fc.constantFrom(3, 4),
        fc.array(fc.record({ dt: fc.constantFrom(33_333, 0, -1000, 50_000.5), seed: fc.integer({ min: 0, max: 1e6 }) }), { minLength: 2, maxLength: 12 }),
        fc.boolean(),
        (cfg, N, D, steps, f32) => {
          const K = 5;
          const batch = createKeypointsFilterBatch(cfg);
          const single = Array.from({ length: N }, () => createKeypointsFilter(cfg));
          let t = 1_000_000;
          for (const s of steps) {
            t += s.dt;
            // a transposed (non-C-order) view: data laid out [D, K, N]
            const data = f32 ? new Float32Array(N * K * D) : new Float64Array(N * K * D);
            for (let i = 0; i < data.length; i++) data[i] = ((s.seed * (i + 7)) % 997) * (i % 11 === 5 ? NaN : 0.64);
            const frame = ndarray(data, [D, K, N]).transpose(2, 1, 0);
            const scales = Array.from({ length: N }, (_, n) => (n === 1 ? 30 : 100 + n * 50 + (s.seed % 7)));
            const out = batch.apply(frame, t, scales);
            expect(out.shape).toEqual([N, K, D]);
            for (let n = 0; n < N; n++) {
              const want = single[n].apply(frame.pick(n, null, null), t, scales[n])!;
              for (let k = 0; k < K; k++) for (let d = 0; d < D; d++) expect(Object.is(out.get(n, k, d), want.get(k, d))).toBe(true);
            }
          }
        },
      ),
      { numRuns: 60 },
    );
  });

  it('one object scale for all persons; a change of N restarts every filter; reset() too', () => {
    const b = createKeypointsFilterBatch({ type: 'oneEuro', frequency: 30, minCutOff: 1, beta: 0.5, derivateCutOff: 1 });
    const f = (v: number, N: number) => ndarray(Float64Array.from({ length: N * 2 * 3 }, (_, i) => (i % 3 === 2 ? 0.9 : v)), [N, 2, 3]);
    b.apply(f(10, 2), 1000, 200);
    expect(b.apply(f(20, 2), 34_000, 200).get(0, 0, 0)).not.toBe(20);
    expect(b.apply(f(30, 3), 67_000, 200).get(0, 0, 0)).toBe(30); // fresh: first sample passes through
    b.reset();
    expect(b.apply(f(40, 3), 100_000, 200).get(2, 1, 1)).toBe(40);
  });

  it('writes into `out` when given (same values as a fresh output) and returns it', () => {
    const cfg = MOVENET_KEYPOINT_FILTER_CONFIG as KeypointsFilterOptions;
    const a = createKeypointsFilterBatch(cfg);
    const b = createKeypointsFilterBatch(cfg);
    const out = ndarray(new Float64Array(3 * 17 * 3), [3, 17, 3]);
    for (let i = 0; i < 6; i++) {
      const fr = ndarray(Float32Array.from({ length: 3 * 17 * 3 }, (_, j) => ((j * 31 + i * 7) % 50) * 0.01), [3, 17, 3]);
      const want = a.apply(fr, 1000 + i * 33_333, 1);
      expect(b.apply(fr, 1000 + i * 33_333, 1, out)).toBe(out);
      expect(Array.from(out.data)).toEqual(Array.from(want.data));
    }
  });

  it('leaves its input untouched', () => {
    const b = createKeypointsFilterBatch(MOVENET_KEYPOINT_FILTER_CONFIG as KeypointsFilterOptions);
    const d = Float32Array.from({ length: 2 * 17 * 3 }, (_, i) => i * 0.25);
    const copy = Float32Array.from(d);
    b.apply(ndarray(d, [2, 17, 3]), 1, 1);
    b.apply(ndarray(d, [2, 17, 3]), 40_000, 1);
    expect(d).toEqual(copy);
  });

  const euro = { type: 'oneEuro' as const, frequency: 30, minCutOff: 1, beta: 0, derivateCutOff: 1 };
  const frame = ndarray(new Float64Array(2 * 17 * 3), [2, 17, 3]);
  const bad: [string, () => unknown, ErrorConstructor, RegExp][] = [
    ['missing options', () => createKeypointsFilterBatch(undefined as never), TypeError, /options/],
    ['bad type', () => createKeypointsFilterBatch({ ...euro, type: 'kalman' } as never), RangeError, /options\.type/],
    ['negative minCutOff', () => createKeypointsFilterBatch({ ...euro, minCutOff: -1 }), RangeError, /options\.minCutOff/],
    ['frame not an ndarray', () => createKeypointsFilterBatch(euro).apply([[[1, 2, 3]]] as never, 1, 1), TypeError, /frame/],
    ['frame rank 2', () => createKeypointsFilterBatch(euro).apply(ndarray(new Float64Array(51), [17, 3]), 1, 1), TypeError, /frame/],
    ['frame D = 2', () => createKeypointsFilterBatch(euro).apply(ndarray(new Float64Array(34), [1, 17, 2]), 1, 1), RangeError, /frame/],
    ['frame Int32Array', () => createKeypointsFilterBatch(euro).apply(ndarray(new Int32Array(51), [1, 17, 3]), 1, 1), TypeError, /frame/],
    ['NaN timestamp', () => createKeypointsFilterBatch(euro).apply(frame, NaN, 1), RangeError, /microSeconds/],
    ['string timestamp', () => createKeypointsFilterBatch(euro).apply(frame, '1' as never, 1), TypeError, /microSeconds/],
    ['missing objectScale', () => createKeypointsFilterBatch(euro).apply(frame, 1), TypeError, /objectScale/],
    ['zero objectScale', () => createKeypointsFilterBatch(euro).apply(frame, 1, 0), RangeError, /objectScale/],
    ['objectScale of the wrong length', () => createKeypointsFilterBatch(euro).apply(frame, 1, [100]), RangeError, /objectScale/],
    ['objectScale with a NaN', () => createKeypointsFilterBatch(euro).apply(frame, 1, [100, NaN]), RangeError, /objectScale\[1\]/],
    ['out not an ndarray', () => createKeypointsFilterBatch(euro).apply(frame, 1, 1, new Float64Array(102) as never), TypeError, /out/],
    ['out Float32Array', () => createKeypointsFilterBatch(euro).apply(frame, 1, 1, ndarray(new Float32Array(102), [2, 17, 3]) as never), TypeError, /out/],
    ['out of another shape', () => createKeypointsFilterBatch(euro).apply(frame, 1, 1, ndarray(new Float64Array(51), [1, 17, 3])), RangeError, /out/],
    ['out not C-order', () => createKeypointsFilterBatch(euro).apply(frame, 1, 1, ndarray(new Float64Array(102), [3, 17, 2]).transpose(2, 1, 0)), RangeError, /out/],
    ['out aliasing the frame', () => createKeypointsFilterBatch(euro).apply(frame, 1, 1, frame), RangeError, /out/],
    ['objectScale a string', () => createKeypointsFilterBatch(euro).apply(frame, 1, '100' as never), TypeError, /objectScale/],
  ];
  it.each(bad)('bad input: %s', (_, fn, Err, msg) => {
    expect(fn).toThrow(Err);
    expect(fn).toThrow(msg);
  });

  it('a rejected objectScale changes no state', () => {
    const b = createKeypointsFilterBatch(euro);
    const f = (v: number) => ndarray(Float64Array.from({ length: 2 * 17 * 3 }, () => v), [2, 17, 3]);
    b.apply(f(10), 1000, [100, 100]);
    expect(() => b.apply(f(20), 34_000, [100, -1])).toThrow(RangeError);
    const a = b.apply(f(20), 34_000, [100, 100]);
    const ref = createKeypointsFilter(euro);
    ref.apply(f(10).pick(0, null, null), 1000, 100);
    expect(a.get(1, 3, 0)).toBe(ref.apply(f(20).pick(0, null, null), 34_000, 100)!.get(3, 0));
  });
});
