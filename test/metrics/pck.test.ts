/** Laws of PCK, PCKh, AUC, EPE and NME (mmpose keypoint_eval semantics) and their argument checks. */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import ndarray from 'ndarray';
import { pckAccuracy, pckhAccuracy, auc, epe, nme } from '../../src/metrics/index.js';

const sample = fc.record({
  N: fc.integer({ min: 1, max: 6 }),
  K: fc.integer({ min: 1, max: 8 }),
  seed: fc.array(fc.double({ min: -50, max: 50, noNaN: true }), { minLength: 200, maxLength: 200 }),
  maskBits: fc.array(fc.boolean(), { minLength: 50, maxLength: 50 }),
});

function arrays(s: { N: number; K: number; seed: number[]; maskBits: boolean[] }) {
  const { N, K } = s;
  const pred = ndarray(new Float32Array(N * K * 2).map((_, i) => s.seed[i % 200]), [N, K, 2]);
  const gt = ndarray(new Float32Array(N * K * 2).map((_, i) => s.seed[(i * 7 + 3) % 200]), [N, K, 2]);
  const mask = ndarray(new Uint8Array(N * K).map((_, i) => (s.maskBits[i % 50] ? 1 : 0)), [N, K]);
  const norm = ndarray(new Float32Array(N * 2).fill(40), [N, 2]);
  return { pred, gt, mask, norm };
}

describe('pckAccuracy / auc / epe / nme', () => {
  it('PCK is monotone non-decreasing in the threshold', () => {
    fc.assert(
      fc.property(sample, fc.double({ min: 0, max: 2, noNaN: true }), fc.double({ min: 0, max: 2, noNaN: true }), (s, a, b) => {
        const { pred, gt, mask, norm } = arrays(s);
        const [lo, hi] = a < b ? [a, b] : [b, a];
        const rl = pckAccuracy(pred, gt, mask, lo, norm);
        const rh = pckAccuracy(pred, gt, mask, hi, norm);
        expect(rh.average).toBeGreaterThanOrEqual(rl.average);
        for (let k = 0; k < s.K; k++) expect(rh.perKeypoint.get(k)).toBeGreaterThanOrEqual(rl.perKeypoint.get(k));
      }),
    );
  });
  it('AUC ∈ [0, 1]', () => {
    fc.assert(
      fc.property(sample, fc.double({ min: 1, max: 100, noNaN: true }), (s, f) => {
        const { pred, gt, mask } = arrays(s);
        const v = auc(pred, gt, mask, f);
        expect(v).toBeGreaterThanOrEqual(0);
        expect(v).toBeLessThanOrEqual(1 + 1e-12);
      }),
    );
  });
  it('−1 marks keypoints with no valid sample; zero norm rows are skipped', () => {
    const pred = ndarray(new Float32Array([0, 0, 1, 1, 5, 5, 1, 1]), [2, 2, 2]);
    const gt = ndarray(new Float32Array([0, 0, 1, 1, 0, 0, 1, 1]), [2, 2, 2]);
    const mask = ndarray(new Uint8Array([1, 0, 1, 0]), [2, 2]);
    const norm = ndarray(new Float32Array([10, 10, 0, 10]), [2, 2]);
    const r = pckAccuracy(pred, gt, mask, 0.5, norm);
    expect(Array.from(r.perKeypoint.data)).toEqual([1, -1]);
    expect(r.count).toBe(1);
    expect(nme(pred, gt, mask, norm)).toBe(0);
    expect(epe(pred, gt, mask)).toBeCloseTo(Math.SQRT2 * 5 / 2, 5);
  });
  it('EPE of identical keypoints is 0 and inputs are not mutated', () => {
    fc.assert(
      fc.property(sample, (s) => {
        const { pred, mask, norm } = arrays(s);
        const before = Array.from(pred.data);
        expect(epe(pred, pred, mask)).toBe(0);
        nme(pred, pred, mask, ndarray(new Float32Array(s.N * 2).fill(-1), [s.N, 2]));
        expect(Array.from(pred.data)).toEqual(before);
        void norm;
      }),
    );
  });
  it('rejects bad arguments with the argument named', () => {
    const p = ndarray(new Float32Array(12), [2, 3, 2]);
    const m = ndarray(new Uint8Array(6), [2, 3]);
    const n = ndarray(new Float32Array(4), [2, 2]);
    expect(() => pckAccuracy(p, ndarray(new Float32Array(8), [2, 2, 2]), m, 0.5, n)).toThrow(/gt/);
    expect(() => pckAccuracy(p, p, ndarray(new Uint8Array(4), [2, 2]), 0.5, n)).toThrow(/mask/);
    expect(() => pckAccuracy(p, p, m, Number.NaN, n)).toThrow(/thr/);
    expect(() => nme(p, p, m, ndarray(new Float32Array(2), [1, 2]))).toThrow(/normFactor/);
    expect(() => auc(p, p, m, 10, 0)).toThrow(/numThresholds/);
    expect(() => epe([[1, 2]] as never, p, m)).toThrow(TypeError);
  });
});

describe('pckhAccuracy', () => {
  it('perfect predictions (1-based GT) score 100 on every part', () => {
    const N = 3;
    const gt = ndarray(new Float32Array(N * 16 * 2).map((_, i) => 10 + i), [N, 16, 2]);
    const pred = ndarray(gt.data.map((v) => v - 1), [N, 16, 2]);
    const mask = ndarray(new Uint8Array(N * 16).fill(1), [N, 16]);
    const head = ndarray(new Float32Array(N).fill(20 * 0.6), [N]);
    const r = pckhAccuracy(pred, gt, mask, head);
    for (const v of Object.values(r)) expect(v).toBeCloseTo(100, 4);
    expect(pckhAccuracy(gt, gt, mask, head, { oneBasedGt: false }).pck).toBeCloseTo(100, 4);
    expect(() => pckhAccuracy(pred, gt, ndarray(new Uint8Array(N * 15), [N, 15]), head)).toThrow(/16/);
    expect(() => pckhAccuracy(pred, gt, mask, ndarray(new Float32Array(2), [2]))).toThrow(/headSize/);
  });
});
