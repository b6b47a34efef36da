/** Laws of OKS (pycocotools computeOks rules) and its argument checks. */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import ndarray from 'ndarray';
import { oks, COCO_SIGMAS } from '../../src/metrics/index.js';

const K = 17;
const person = fc.array(fc.tuple(fc.double({ min: 0, max: 500, noNaN: true }), fc.double({ min: 0, max: 500, noNaN: true }), fc.constantFrom(0, 1, 2)), { minLength: K, maxLength: K });
const flatOf = (p: [number, number, number][]) => p.flatMap((t) => t);

describe('oks', () => {
  it('OKS ∈ [0, 1] and = 1 for identical keypoints', () => {
    fc.assert(
      fc.property(person, person, fc.double({ min: 1, max: 1e5, noNaN: true }), (g, d, area) => {
        const gf = flatOf(g);
        const v = oks(gf, flatOf(d), area, undefined, [0, 0, 100, 100]);
        expect(v).toBeGreaterThanOrEqual(0);
        expect(v).toBeLessThanOrEqual(1);
        if (g.some((t) => t[2] > 0)) expect(oks(gf, gf, area)).toBe(1);
      }),
    );
  });
  it('OKS is non-increasing as one visible keypoint moves away, and drops below 1 at the first step', () => {
    fc.assert(
      fc.property(person, fc.integer({ min: 0, max: K - 1 }), fc.double({ min: 0.5, max: 5, noNaN: true }), (g, k, step) => {
        g[k][2] = 2;
        const gf = flatOf(g);
        let prev = 2;
        for (let i = 0; i < 4; i++) {
          const d = gf.slice();
          d[3 * k] += i * step;
          const v = oks(gf, d, 2000);
          expect(v).toBeLessThanOrEqual(prev);
          if (i === 1) expect(v).toBeLessThan(prev);
          prev = v;
        }
      }),
    );
  });
  it('matches the closed form for one visible keypoint', () => {
    const g = new Array(3 * K).fill(0);
    g[0] = 10;
    g[1] = 20;
    g[2] = 2;
    const d = g.slice();
    d[0] = 13;
    d[1] = 24;
    const vars = (COCO_SIGMAS[0] * 2) ** 2;
    expect(oks(g, d, 400)).toBeCloseTo(Math.exp(-25 / vars / (400 + 2.220446049250313e-16) / 2), 15);
  });
  it('accepts ndarray [K, 3] ground truth and [K, 2] detections', () => {
    const g = ndarray(new Float64Array(3 * K).map((_, i) => (i % 3 === 2 ? 1 : i)), [K, 3]);
    const d = ndarray(new Float32Array(2 * K).map((_, i) => Math.floor(i / 2) * 3 + (i % 2)), [K, 2]);
    expect(oks(g, d, 100)).toBe(1);
  });
  it('uses the enlarged bbox when the GT has no visible keypoint', () => {
    const g = new Array(3 * K).fill(0);
    const inside = new Array(3 * K).fill(0).map((_, i) => (i % 3 === 2 ? 0 : 50));
    expect(oks(g, inside, 100, undefined, [40, 40, 20, 20])).toBe(1);
    expect(() => oks(g, inside, 100)).toThrow(/bbox/);
  });
  it('rejects bad arguments with the argument named', () => {
    const g = new Array(3 * K).fill(1);
    expect(() => oks(g, g.slice(0, 30), 10)).toThrow(/dt/);
    expect(() => oks(g, g, Number.NaN)).toThrow(/area/);
    expect(() => oks(g, g, 10, [0.1, 0.2])).toThrow(/sigmas/);
    expect(() => oks('x', g, 10)).toThrow(TypeError);
    expect(() => oks(g.map(String), g, 10)).toThrow(/gt\[0\]/);
  });
});
