/**
 * Golden parity with mmpose for every `decode.*` and `blur` case in
 * ../shared/oracle/codec (walked, never copied). Tolerances from the oracle
 * README: keypoints ≤ 1e-4 heatmap px, scores ≤ 1e-6 relative, blur ≤ 1e-5 × map max.
 */
import { afterAll, describe, expect, it } from 'vitest';
import type { NdArray } from 'ndarray';
import { loadOracleCases, maxAbsDiff, flat, GoldenTally } from '../helpers/oracle.js';
import { heatmapArgmax, refineQuarter, refineDark, refineDarkUdp, gaussianBlur } from '../../src/decode/index.js';

const cases = loadOracleCases('codec', (fn) => fn.startsWith('decode.') || fn === 'blur');

function relDiff(a: number[], b: number[]): number {
  let m = 0;
  for (let i = 0; i < a.length; i++) {
    if (Number.isNaN(a[i]) && Number.isNaN(b[i])) continue;
    const d = Math.abs(a[i] - b[i]) / Math.max(Math.abs(b[i]), 1e-30);
    if (!(d <= m)) m = d;
  }
  return m;
}

/** Per function: cases passed / total and the largest error seen (px; blur: relative to the map max). */
const tally = new GoldenTally();

describe('golden parity: decode.* and blur (mmpose 1.x)', () => {
  afterAll(() => tally.print());
  it('finds the golden cases', () => {
    expect(cases.length).toBeGreaterThan(100);
  });
  for (const c of cases) {
    it(`${c.name} ${c.fn} ${JSON.stringify(c.params)}`, () => {
      const note = tally.start(c.fn);
      const hm = c.inputs.heatmaps as NdArray;
      if (c.fn === 'decode.argmax') {
        const r = heatmapArgmax(hm);
        expect(r.keypoints.shape).toEqual((c.expected.keypoints as NdArray).shape);
        const err = maxAbsDiff(flat(r.keypoints), flat(c.expected.keypoints as NdArray));
        note(err);
        expect(err).toBe(0);
        expect(relDiff(flat(r.scores), flat(c.expected.scores as NdArray))).toBeLessThanOrEqual(1e-6);
      } else if (c.fn === 'blur') {
        const out = gaussianBlur(hm, c.params.kernel as number);
        const exp = c.expected.heatmaps as NdArray;
        const [K, H, W] = exp.shape;
        let worst = 0;
        for (let k = 0; k < K; k++) {
          let mx = 0;
          let d = 0;
          for (let y = 0; y < H; y++)
            for (let x = 0; x < W; x++) {
              mx = Math.max(mx, Math.abs(exp.get(k, y, x)));
              d = Math.max(d, Math.abs(out.get(k, y, x) - exp.get(k, y, x)));
            }
          worst = Math.max(worst, mx > 0 ? d / mx : d === 0 ? 0 : Infinity); // an all-zero map must blur to exactly 0
        }
        note(worst);
        expect(worst).toBeLessThanOrEqual(1e-5);
      } else {
        const kp = c.inputs.keypoints as NdArray;
        const k = c.params.blur_kernel_size as number | undefined;
        const out =
          c.fn === 'decode.quarter'
            ? refineQuarter(kp, hm)
            : c.fn === 'decode.dark'
              ? refineDark(kp, hm, { blurKernelSize: k })
              : refineDarkUdp(kp, hm, { blurKernelSize: k });
        expect(out.shape).toEqual((c.expected.keypoints as NdArray).shape);
        const err = maxAbsDiff(flat(out), flat(c.expected.keypoints as NdArray));
        note(err);
        expect(err).toBeLessThanOrEqual(1e-4);
      }
      tally.pass(c.fn);
    });
  }
});
