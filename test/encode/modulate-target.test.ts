import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import ndarray from 'ndarray';
import { modulateTarget, unbiasedHeatmaps } from '../../src/encode/index.js';
import { snapshot, nhwcView } from '../helpers/maps.js';
import { kps, vis } from './fixtures.js';

const maps = (vals: number[], shape = [1, 1, vals.length]) => ndarray(Float32Array.from(vals), shape);
const gtArb = fc.array(fc.double({ min: 0, max: 1, noNaN: true }), { minLength: 1, maxLength: 30 });

describe('modulateTarget', () => {
  it('s = 0 is the identity for both orders', () => {
    fc.assert(
      fc.property(gtArb, (g) => {
        const t = maps(g);
        const z = maps(g.map(() => 0));
        expect(Array.from(modulateTarget(t, z, { order: 'exact' }).data)).toEqual(Array.from(t.data));
        expect(Array.from(modulateTarget(t, z).data)).toEqual(Array.from(t.data));
      }),
      { numRuns: 50 },
    );
  });

  it("order 2 ≈ exact for small s: |Taylor − gt^(1+s)| ≤ gt·|u|³/6·e^|u| (u = s·ln gt) + float32 rounding", () => {
    fc.assert(
      fc.property(fc.double({ min: 1e-3, max: 1, noNaN: true }), fc.double({ min: -0.02, max: 0.02, noNaN: true }), (g, s) => {
        const gt = Math.fround(g);
        const sf = Math.fround(s);
        const a = modulateTarget(maps([gt]), maps([sf])).data[0];
        const b = modulateTarget(maps([gt]), maps([sf]), { order: 'exact' }).data[0];
        const u = Math.abs(sf * Math.log(gt));
        expect(Math.abs(a - b)).toBeLessThanOrEqual((gt * u ** 3 * Math.exp(u)) / 6 + 2 ** -23);
      }),
      { numRuns: 200 },
    );
  });

  it('exact: a Gaussian target of σ with constant s becomes the Gaussian of σ/√(1+s) (SAHR)', () => {
    const k = kps([[[9.3, 11.6]]]);
    const g = unbiasedHeatmaps([20, 24], k, vis([[1]]), 2).heatmaps;
    const s = 0.44;
    const want = unbiasedHeatmaps([20, 24], k, vis([[1]]), 2 / Math.sqrt(1 + s)).heatmaps;
    const out = modulateTarget(g, ndarray(new Float32Array(g.size).fill(s), g.shape), { order: 'exact' });
    let d = 0;
    for (let i = 0; i < g.size; i++) d = Math.max(d, Math.abs(out.data[i] - want.data[i]));
    expect(d).toBeLessThanOrEqual(2e-6);
  });

  it('SWAHR Taylor form gt + gt·L·s + ½·gt·L²·s² by hand; gt ≤ 0 passes through (s masked)', () => {
    const gt = 0.5;
    const s = 0.3;
    const L = Math.log(gt);
    const out = modulateTarget(maps([gt, 0, -0.25]), maps([s, 5, 5]));
    expect(out.data[0]).toBeCloseTo(gt + gt * L * s + 0.5 * gt * L * L * s * s, 7);
    expect(out.data[1]).toBe(0);
    expect(out.data[2]).toBe(-0.25);
  });

  it('batched [B, K, H, W] and NHWC views give the C-order result; inputs are not mutated', () => {
    fc.assert(
      fc.property(fc.array(fc.double({ min: 0, max: 1, noNaN: true }), { minLength: 24, maxLength: 24 }), fc.array(fc.double({ min: -0.5, max: 0.5, noNaN: true }), { minLength: 24, maxLength: 24 }), (g, s) => {
        const t = maps(g, [2, 3, 2, 2]);
        const sc = maps(s, [2, 3, 2, 2]);
        const before = [snapshot(t), snapshot(sc)];
        const a = modulateTarget(t, sc);
        expect(a.shape).toEqual([2, 3, 2, 2]);
        const b = modulateTarget(nhwcView(t), nhwcView(sc));
        expect(Array.from(b.data)).toEqual(Array.from(a.data));
        expect([snapshot(t), snapshot(sc)]).toEqual(before);
        expect(a.data.every((v) => Number.isFinite(v))).toBe(true);
      }),
      { numRuns: 30 },
    );
  });

  it('rejects bad input', () => {
    const t = maps([0.5, 1]);
    expect(() => modulateTarget(t, maps([0.1, 0.1, 0.1]))).toThrow(/scaleMap/);
    expect(() => modulateTarget(t, maps([0.1, 0.1]), { order: 3 as never })).toThrow(/order/);
    expect(() => modulateTarget(t, maps([NaN, 0]))).toThrow(/scaleMap/);
    expect(() => modulateTarget(maps([Infinity, 0]), maps([0, 0]))).toThrow(/target/);
    expect(() => modulateTarget([0.5] as never, t)).toThrow(TypeError);
    expect(() => modulateTarget(ndarray(new Float32Array(2), [2]), t)).toThrow(/target/);
  });
});
