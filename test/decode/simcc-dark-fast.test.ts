import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import ndarray from 'ndarray';
import { decodeSimcc } from '../../src/decode/index.js';
import { darkRefineRowFull, simccDarkKernelSize } from '../../src/decode/simcc-dark.js';
import { darkRefineRowFast, darkScratch } from '../../src/decode/simcc-dark-fast.js';
import { simccBlurKernel } from '../../src/decode/gaussian-blur-1d.js';
import { simccView, rowBase, rowArgmaxAt } from '../../src/decode/simcc-view.js';

const rowArb = fc.record({
  W: fc.integer({ min: 1, max: 200 }),
  mu: fc.double({ min: -5, max: 205, noNaN: true }),
  s: fc.double({ min: 0.6, max: 9, noNaN: true }),
  amp: fc.constantFrom(1e-4, 0.01, 1, 60, 1000),
  noise: fc.constantFrom(0, 0.05, 0.5),
  offset: fc.constantFrom(0, -0.5, 0.3, -2000),
  sigma: fc.constantFrom(1, 2, 4.9, 5.66, 6),
  strided: fc.boolean(),
  f64: fc.boolean(),
  sentinel: fc.boolean(),
  ties: fc.boolean(),
  seed: fc.integer({ min: 1, max: 1e6 }),
});

type RowParams = typeof rowArb extends fc.Arbitrary<infer T> ? T : never;

/** Three rows of one instance, C order or a transposed [1, W, 3] buffer. */
function makeRows(p: RowParams) {
  let s = p.seed;
  const rnd = () => ((s = (Math.imul(s, 48271) + 11) >>> 0) / 2 ** 32);
  const vals = Array.from({ length: 3 * p.W }, (_, j) => {
    const i = j % p.W;
    const v = p.amp * (Math.exp(-((i - p.mu) ** 2) / (2 * p.s * p.s)) + p.noise * rnd()) + p.offset;
    return p.ties ? Math.round(v * 4) / 4 : v;
  });
  const data = p.f64 ? new Float64Array(3 * p.W) : new Float32Array(3 * p.W);
  if (!p.strided) {
    data.set(vals);
    return ndarray(data, [1, 3, p.W]);
  }
  for (let r = 0; r < 3; r++) for (let i = 0; i < p.W; i++) data[i * 3 + r] = vals[r * p.W + i];
  return ndarray(data, [1, p.W, 3]).transpose(0, 2, 1);
}

describe('SimCC DARK fast path (bounded blur, four bins at a time)', () => {
  it('law: the refined coordinate equals the full-row blur bit for bit (peaked, flat, negative, tied, −1 sentinel rows)', () => {
    fc.assert(
      fc.property(rowArb, (p) => {
        const v = simccView('x', makeRows(p));
        const kernel = simccBlurKernel(simccDarkKernelSize(p.sigma));
        const sc = darkScratch(kernel);
        for (let k = 0; k < 3; k++) {
          const base = rowBase(v, 0, k);
          const tmp = new Float64Array(1);
          const idx = rowArgmaxAt(v, base, tmp);
          const c = p.sentinel ? -1 : idx;
          let want: number | string;
          let got: number | string;
          try { want = darkRefineRowFull(v, base, kernel, c, new Float64Array(v.W)); } catch (e) { want = String(e); }
          try { got = darkRefineRowFast(v, base, sc, c, idx, tmp[0]); } catch (e) { got = String(e); }
          expect(Object.is(got, want) || got === want).toBe(true);
        }
      }),
      { numRuns: 400 },
    );
  });

  it('a NaN anywhere in a row is reported with its position, as without DARK', () => {
    for (const at of [0, 5, 31, 32, 33, 63, 99]) {
      const x = ndarray(Float32Array.from({ length: 100 }, (_, i) => (i === at ? NaN : Math.exp(-((i - 50) ** 2) / 20))), [1, 1, 100]);
      const y = ndarray(Float32Array.from({ length: 40 }, (_, i) => Math.exp(-((i - 20) ** 2) / 20)), [1, 1, 40]);
      expect(() => decodeSimcc(x, y, { dark: true, sigma: 2 })).toThrow(new RangeError(`x must not contain NaN, got NaN at [0, 0, ${at}]`));
    }
  });

  it('decodeSimcc with dark equals the visibility path (full-row blur) on every keypoint of a batch', () => {
    let s = 3;
    const rnd = () => ((s = (Math.imul(s, 48271) + 11) >>> 0) / 2 ** 32);
    const mk = (N: number, K: number, W: number, sg: number) => {
      const d = new Float32Array(N * K * W);
      for (let r = 0; r < N * K; r++) {
        const mu = rnd() * W;
        for (let i = 0; i < W; i++) d[r * W + i] = Math.exp(-((i - mu) ** 2) / (2 * sg * sg)) + 0.05 * rnd() - (r % 5 === 0 ? 0.5 : 0);
      }
      return ndarray(d, [N, K, W]);
    };
    const x = mk(4, 17, 96, 4.9);
    const y = mk(4, 17, 130, 5.66);
    const a = decodeSimcc(x, y, { dark: true, sigma: [4.9, 5.66] });
    const b = decodeSimcc(x, y, { dark: true, sigma: [4.9, 5.66], visibility: true });
    expect(a.keypoints.data.length).toBe(4 * 17 * 2);
    expect(Array.from(a.keypoints.data)).toEqual(Array.from(b.keypoints.data));
    expect(Array.from(a.scores.data)).toEqual(Array.from(b.scores.data));
  });
});
