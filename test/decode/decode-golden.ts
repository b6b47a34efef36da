/**
 * The golden runner shared by the two low-level decoder suites
 * (`golden.test.ts` for ../shared/oracle/codec, `golden-hard.test.ts` for
 * ../shared/oracle/codec-hard): same fns, same argument names, tolerances
 * per family from its FORMAT.md. Each case asserts the output shapes and
 * lengths (an empty result fails), NaN positions exactly and the tolerance
 * elsewhere; the suite asserts one case per manifest.
 */
import { afterAll, describe, expect, it } from 'vitest';
import type { NdArray } from 'ndarray';
import { loadOracleCases, maxAbsDiff, flat, GoldenTally, expectManifestCounts } from '../helpers/oracle.js';
import { heatmapArgmax, refineQuarter, refineDark, refineDarkUdp, gaussianBlur } from '../../src/decode/index.js';

/** The decode fns both families share. */
export const DECODE_FNS = ['decode.argmax', 'decode.quarter', 'decode.dark', 'decode.darkUdp', 'blur'] as const;
export type DecodeFn = (typeof DECODE_FNS)[number];

export interface DecodeGoldenSpec {
  family: string;
  /** Keypoint tolerance per fn (heatmap px; 0 = exact). */
  keypointTol: Record<Exclude<DecodeFn, 'blur'>, number>;
  /** Relative score tolerance of decode.argmax (0 = exact). */
  scoreTol: number;
  /** Blur tolerance relative to each map's max |value|. */
  blurTol: number;
  /** Manifest fns of the family that another suite reads. */
  elsewhere?: readonly string[];
  /** Cases left out of the green suite on purpose: name → measured error and why (report to the lead). */
  knownMismatch?: Readonly<Record<string, string>>;
}

function relDiff(a: number[], b: number[]): number {
  if (a.length !== b.length) return Infinity;
  let m = 0;
  for (let i = 0; i < a.length; i++) {
    if (Number.isNaN(a[i]) || Number.isNaN(b[i])) {
      if (Number.isNaN(a[i]) !== Number.isNaN(b[i])) return Infinity;
      continue;
    }
    if (a[i] === b[i]) continue;
    const d = Math.abs(a[i] - b[i]) / Math.max(Math.abs(b[i]), 1e-30);
    if (!(d <= m)) m = d;
  }
  return m;
}

/** Largest per-map |out − exp| / max |exp| over `[K, H, W]`; NaN positions must agree (else ∞). */
function blurError(out: NdArray, exp: NdArray): number {
  const [K, H, W] = exp.shape;
  const o = flat(out);
  const e = flat(exp);
  let worst = 0;
  for (let k = 0; k < K; k++) {
    let mx = 0;
    let d = 0;
    for (let i = k * H * W; i < (k + 1) * H * W; i++) {
      if (Number.isNaN(o[i]) || Number.isNaN(e[i])) {
        if (Number.isNaN(o[i]) !== Number.isNaN(e[i])) return Infinity;
        continue;
      }
      mx = Math.max(mx, Math.abs(e[i]));
      d = Math.max(d, Math.abs(o[i] - e[i]));
    }
    worst = Math.max(worst, mx > 0 ? d / mx : d === 0 ? 0 : Infinity);
  }
  return worst;
}

/** Register the suite for one family. */
export function decodeGoldenSuite(spec: DecodeGoldenSpec): void {
  const cases = loadOracleCases(spec.family, (fn) => (DECODE_FNS as readonly string[]).includes(fn));
  const tally = new GoldenTally();
  const skip = spec.knownMismatch ?? {};
  describe(`golden parity: ${spec.family} decode.* and blur (mmpose 1.x)`, () => {
    afterAll(() => tally.print());
    for (const c of cases) {
      const title = `${c.name} ${c.fn} ${JSON.stringify(c.params)}`;
      if (c.name in skip) {
        it.skip(`${title} — KNOWN_MISMATCH: ${skip[c.name]}`, () => undefined);
        tally.start(c.fn);
        continue;
      }
      it(title, () => {
        const note = tally.start(c.fn);
        const hm = c.inputs.heatmaps as NdArray;
        if (c.fn === 'blur') {
          const exp = c.expected.heatmaps as NdArray;
          const out = gaussianBlur(hm, c.params.kernel as number);
          expect(out.shape).toEqual(exp.shape);
          expect(out.data.length).toBeGreaterThan(0);
          const err = blurError(out, exp);
          note(err);
          expect(err).toBeLessThanOrEqual(spec.blurTol);
        } else if (c.fn === 'decode.argmax') {
          const r = heatmapArgmax(hm);
          const ek = c.expected.keypoints as NdArray;
          const es = c.expected.scores as NdArray;
          expect(r.keypoints.shape).toEqual(ek.shape);
          expect(r.scores.shape).toEqual(es.shape);
          expect(r.keypoints.data.length).toBeGreaterThan(0);
          const err = maxAbsDiff(flat(r.keypoints), flat(ek));
          note(err);
          expect(err).toBeLessThanOrEqual(spec.keypointTol['decode.argmax']);
          expect(relDiff(flat(r.scores), flat(es))).toBeLessThanOrEqual(spec.scoreTol);
        } else {
          const fn = c.fn as 'decode.quarter' | 'decode.dark' | 'decode.darkUdp';
          const kp = c.inputs.keypoints as NdArray;
          const k = c.params.blur_kernel_size as number | undefined;
          const out =
            fn === 'decode.quarter' ? refineQuarter(kp, hm) : fn === 'decode.dark' ? refineDark(kp, hm, { blurKernelSize: k }) : refineDarkUdp(kp, hm, { blurKernelSize: k });
          const ek = c.expected.keypoints as NdArray;
          expect(out.shape).toEqual(ek.shape);
          expect(out.data.length).toBeGreaterThan(0);
          const err = maxAbsDiff(flat(out), flat(ek));
          note(err);
          expect(err).toBeLessThanOrEqual(spec.keypointTol[fn]);
        }
        tally.pass(c.fn);
      });
    }
    it('ran one case per manifest of every decode fn, and the family has no fn nobody reads', () => {
      expect(cases.length).toBeGreaterThan(0);
      expectManifestCounts(spec.family, DECODE_FNS, tally.totals(), spec.elsewhere);
    });
  });
}
