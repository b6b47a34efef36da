/**
 * Golden parity with mmpose `RegressionLabel` and `IntegralRegressionLabel`
 * for every case in ../shared/oracle/regression (walked, never copied), with
 * the tolerances of its FORMAT.md, through `createCodec`.
 */
// oracle-fns: regression regression.encode regression.decode integral.encode integral.decode
import { afterAll, describe, expect, it } from 'vitest';
import type { NdArray } from 'ndarray';
import { loadOracleCases, flat, GoldenTally, expectManifestCounts } from '../helpers/oracle.js';
import { createCodec } from '../../src/codecs/index.js';

const FAMILY = 'regression';
const FNS = ['regression.encode', 'regression.decode', 'integral.encode', 'integral.decode'] as const;
const cases = loadOracleCases(FAMILY, () => true);

/** Cases left out of the green suite on purpose, with the measured error. Empty: every public case matches. */
const KNOWN_MISMATCH: Readonly<Record<string, string>> = {};

/** Largest |a − b| / max(|b|, 1e-30); NaN must sit where the expected NaN is. */
function relErr(a: ArrayLike<number>, b: ArrayLike<number>): number {
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

/** Largest |a − b|, NaN-aware. */
function absErr(a: ArrayLike<number>, b: ArrayLike<number>): number {
  if (a.length !== b.length) return Infinity;
  let m = 0;
  for (let i = 0; i < a.length; i++) {
    if (Number.isNaN(a[i]) || Number.isNaN(b[i])) {
      if (Number.isNaN(a[i]) !== Number.isNaN(b[i])) return Infinity;
      continue;
    }
    m = Math.max(m, Math.abs(a[i] - b[i]));
  }
  return m;
}

/** Largest per-map |a − b| relative to the expected map's max (`[K, H, W]`); an all-zero map must be exactly 0. */
function mapRelErr(got: NdArray, exp: NdArray): number {
  const [K, H, W] = exp.shape;
  const n = H * W;
  const e = flat(exp);
  let worst = 0;
  for (let k = 0; k < K; k++) {
    let mx = 0;
    let d = 0;
    for (let i = 0; i < n; i++) {
      mx = Math.max(mx, Math.abs(e[k * n + i]));
      d = Math.max(d, Math.abs((got.data as Float32Array)[k * n + i] - e[k * n + i]));
    }
    worst = Math.max(worst, mx > 0 ? d / mx : d === 0 ? 0 : Infinity);
  }
  return worst;
}

const arr = (v: unknown) => v as NdArray;
const tally = new GoldenTally();

describe('golden parity: regression (mmpose RegressionLabel, IntegralRegressionLabel)', () => {
  afterAll(() => {
    tally.print();
    expectManifestCounts(FAMILY, FNS, tally.totals());
  });

  it('finds the golden cases, every fn handled', () => {
    expect(cases.length).toBeGreaterThan(20);
    for (const c of cases) expect(FNS as readonly string[], `unknown fn ${c.fn} in ${c.name}`).toContain(c.fn);
  });

  for (const c of cases) {
    const run = KNOWN_MISMATCH[c.name] ? it.skip : it;
    run(`${c.name} ${c.fn} ${JSON.stringify(c.params)}`, () => {
      const note = tally.start(c.fn);
      const p = c.params as Record<string, unknown>;
      const ex = c.expected;
      const inputSize = p.input_size as [number, number];
      if (c.fn === 'regression.encode' || c.fn === 'integral.encode') {
        const r =
          c.fn === 'regression.encode'
            ? createCodec({ type: 'regression', inputSize }).encode(arr(c.inputs.keypoints), c.inputs.keypoints_visible as NdArray | undefined)
            : createCodec({
                type: 'integral',
                inputSize,
                heatmapSize: p.heatmap_size as [number, number],
                sigma: p.sigma as number,
                unbiased: p.unbiased as boolean,
                blurKernelSize: p.blur_kernel_size as number,
                normalize: p.normalize as boolean,
              }).encode(arr(c.inputs.keypoints), c.inputs.keypoints_visible as NdArray | undefined);
        expect(r.labels.shape).toEqual(arr(ex.keypoint_labels).shape);
        expect(r.weights.shape).toEqual(arr(ex.keypoint_weights).shape);
        let err = absErr(r.labels.data, flat(arr(ex.keypoint_labels)));
        expect(err).toBeLessThanOrEqual(1e-7);
        expect(Array.from(r.weights.data)).toEqual(flat(arr(ex.keypoint_weights)));
        if (c.fn === 'integral.encode') {
          const hm = (r as unknown as { heatmaps: NdArray<Float32Array> }).heatmaps;
          expect(hm.shape).toEqual(arr(ex.heatmaps).shape);
          const e2 = mapRelErr(hm, arr(ex.heatmaps));
          expect(e2).toBeLessThanOrEqual(1e-6);
          err = Math.max(err, e2);
        }
        note(err);
      } else {
        const codec =
          c.fn === 'regression.decode'
            ? createCodec({ type: 'regression', inputSize })
            : createCodec({ type: 'integral', inputSize, heatmapSize: p.heatmap_size as [number, number], sigma: p.sigma as number });
        const r = codec.decode(arr(c.inputs.encoded));
        expect(r.keypoints.shape).toEqual(arr(ex.keypoints).shape);
        expect(r.scores.shape).toEqual(arr(ex.scores).shape);
        const kErr = relErr(r.keypoints.data, flat(arr(ex.keypoints)));
        const sErr = relErr(r.scores.data, flat(arr(ex.scores)));
        note(Math.max(kErr, sErr));
        expect(kErr).toBeLessThanOrEqual(1e-9);
        expect(sErr).toBeLessThanOrEqual(1e-6);
      }
      tally.pass(c.fn);
    });
  }
});
