import { describe, expect, it } from 'vitest';
import { analyzeCocoKeypoints, synthesizeErrors } from '../../../src/metrics/index.js';
import { perfectResults, syntheticGt } from './fixtures.js';

const gt = syntheticGt(60, 3);
const RATES = { jitter: 0.12, inversion: 0.06, swap: 0.05, miss: 0.08 };
const NAMES = ['good', 'jitter', 'inversion', 'swap', 'miss'] as const;

describe('synthesizeErrors', () => {
  it('law: a perfect result set diagnoses as all good', () => {
    const r = analyzeCocoKeypoints(gt, perfectResults(gt)).keypointErrors.all;
    expect(r.dtIds.length).toBe(gt.annotations.length);
    expect(r.counts).toEqual([gt.annotations.length * 17, 0, 0, 0, 0]);
  });

  it('law: zero rates synthesize a set that diagnoses as all good', () => {
    const dt = synthesizeErrors(gt, { seed: 3 });
    expect(dt.length).toBe(gt.annotations.length);
    expect(analyzeCocoKeypoints(gt, dt).keypointErrors.all.counts).toEqual([gt.annotations.length * 17, 0, 0, 0, 0]);
  });

  it('law: diagnosing a synthesized set recovers the injected classes exactly and the rates within sampling error', () => {
    const dt = synthesizeErrors(gt, { ...RATES, seed: 7 });
    const r = analyzeCocoKeypoints(gt, dt).keypointErrors.all;
    // Every result is matched to its own GT and each keypoint gets the class it was synthesized as.
    expect(r.dtIds.length).toBe(dt.length);
    const got = Array.from(r.classes.data);
    const want = dt.flatMap((d) => d.synthetic_classes as number[]);
    expect(got).toEqual(want);
    const n = got.length;
    // Inversion is impossible for the nose (1 of 17 keypoints): its expected rate is scaled by 16/17.
    const expected = { jitter: RATES.jitter, inversion: (RATES.inversion * 16) / 17, swap: RATES.swap, miss: RATES.miss };
    for (const [i, name] of NAMES.entries()) {
      if (name === 'good') continue;
      const rate = r.counts[i] / n;
      const p = expected[name];
      const sd = Math.sqrt((p * (1 - p)) / n);
      expect(Math.abs(rate - p), `${name}: ${rate} vs ${p}`).toBeLessThanOrEqual(4 * sd + 0.01);
    }
  });

  it('is deterministic for a seed and differs across seeds', () => {
    expect(synthesizeErrors(gt, { ...RATES, seed: 5 })).toEqual(synthesizeErrors(gt, { ...RATES, seed: 5 }));
    expect(synthesizeErrors(gt, { ...RATES, seed: 5 })).not.toEqual(synthesizeErrors(gt, { ...RATES, seed: 6 }));
  });

  it('rejects bad rates naming the option', () => {
    const table: [unknown, typeof RangeError | typeof TypeError, RegExp][] = [
      [{ jitter: -0.1 }, RangeError, /options\.jitter/],
      [{ miss: 2 }, RangeError, /options\.miss/],
      [{ swap: 'x' }, TypeError, /options\.swap/],
      [{ jitter: 0.6, miss: 0.6 }, RangeError, /must be <= 1/],
      [{ seed: 1.5 }, TypeError, /options\.seed/],
      [{ flipPairs: [[0, 17]] }, RangeError, /options\.flipPairs\[0\]\[1\]/],
    ];
    for (const [opts, E, re] of table) expect(() => synthesizeErrors(gt, opts as never)).toThrow(E);
    for (const [opts, , re] of table) expect(() => synthesizeErrors(gt, opts as never)).toThrow(re);
  });
});
