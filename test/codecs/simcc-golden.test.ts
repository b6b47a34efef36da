/**
 * Golden parity with mmpose's SimCC code (SimCCLabel, get_simcc_maximum,
 * gaussian_blur1d, refine_simcc_dark, get_simcc_normalized, flip_vectors)
 * for every case in ../shared/oracle/simcc (walked, never copied), with the
 * tolerances of its FORMAT.md. NaN positions must match exactly.
 */
// oracle-fns: simcc simcc.encode simcc.maximum simcc.blur1d simcc.refineDark simcc.decode simcc.normalized simcc.flip
import { afterAll, describe, expect, it } from 'vitest';
import type { NdArray } from 'ndarray';
import { loadOracleCases, flat, GoldenTally, expectManifestCounts } from '../helpers/oracle.js';
import { simccLabels } from '../../src/encode/index.js';
import { simccArgmax, gaussianBlur1d, refineSimccDark, decodeSimcc, normalizeSimcc, flipSimcc, createCodec } from '../../src/decode/index.js';

const FAMILY = 'simcc';
const FNS = ['simcc.encode', 'simcc.maximum', 'simcc.blur1d', 'simcc.refineDark', 'simcc.decode', 'simcc.normalized', 'simcc.flip'] as const;
const cases = loadOracleCases(FAMILY, () => true);

/**
 * Cases left out of the green suite on purpose, with the measured error.
 * Empty: every public case matches.
 */
const KNOWN_MISMATCH: Readonly<Record<string, string>> = {};

/** Largest |a − b| / max(|b|, floor); NaN must sit where the expected NaN is (else ∞). */
function relErr(a: ArrayLike<number>, b: ArrayLike<number>, floor = 1e-30): number {
  if (a.length !== b.length) return Infinity;
  let m = 0;
  for (let i = 0; i < a.length; i++) {
    if (Number.isNaN(a[i]) || Number.isNaN(b[i])) {
      if (Number.isNaN(a[i]) !== Number.isNaN(b[i])) return Infinity;
      continue;
    }
    if (a[i] === b[i]) continue;
    const d = Math.abs(a[i] - b[i]) / Math.max(Math.abs(b[i]), floor);
    if (!(d <= m)) m = d;
  }
  return m;
}

/** Largest |a − b|, NaN-aware as {@link relErr}. */
function absErr(a: ArrayLike<number>, b: ArrayLike<number>): number {
  if (a.length !== b.length) return Infinity;
  let m = 0;
  for (let i = 0; i < a.length; i++) {
    if (Number.isNaN(a[i]) || Number.isNaN(b[i])) {
      if (Number.isNaN(a[i]) !== Number.isNaN(b[i])) return Infinity;
      continue;
    }
    const d = Math.abs(a[i] - b[i]);
    if (!(d <= m)) m = d;
  }
  return m;
}

/** Per-row error relative to the row's max |value| (blur1d tolerance), NaN-aware. */
function rowRelErr(got: NdArray, exp: NdArray): number {
  const [N, K, W] = exp.shape;
  let worst = 0;
  for (let n = 0; n < N; n++)
    for (let k = 0; k < K; k++) {
      let mx = 0;
      let d = 0;
      for (let i = 0; i < W; i++) {
        const e = exp.get(n, k, i) as number;
        const g = got.get(n, k, i) as number;
        if (Number.isNaN(e) || Number.isNaN(g)) {
          if (Number.isNaN(e) !== Number.isNaN(g)) return Infinity;
          continue;
        }
        mx = Math.max(mx, Math.abs(e));
        d = Math.max(d, Math.abs(g - e));
      }
      worst = Math.max(worst, mx > 0 ? d / mx : d === 0 ? 0 : Infinity);
    }
  return worst;
}

const arr = (v: unknown) => v as NdArray;
const tally = new GoldenTally();

describe('golden parity: simcc (mmpose SimCCLabel and utilities)', () => {
  afterAll(() => {
    tally.print();
    expectManifestCounts(FAMILY, FNS, tally.totals());
  });

  it('finds the golden cases, every fn handled', () => {
    expect(cases.length).toBeGreaterThan(50);
    for (const c of cases) expect(FNS as readonly string[], `unknown fn ${c.fn} in ${c.name}`).toContain(c.fn);
  });

  for (const c of cases) {
    const title = `${c.name} ${c.fn} ${JSON.stringify(c.params)}`;
    const run = KNOWN_MISMATCH[c.name] ? it.skip : it;
    run(title, () => {
      const note = tally.start(c.fn);
      const p = c.params as Record<string, unknown>;
      const ex = c.expected;
      if (c.fn === 'simcc.encode') {
        const r = simccLabels(p.input_size as [number, number], arr(c.inputs.keypoints), c.inputs.keypoints_visible as NdArray | undefined, {
          sigma: p.sigma as number | [number, number],
          splitRatio: p.simcc_split_ratio as number,
          smoothing: p.smoothing_type as 'gaussian' | 'standard',
          labelSmoothWeight: p.label_smooth_weight as number,
          normalize: p.normalize as boolean,
        });
        expect(r.x.shape).toEqual(arr(ex.keypoint_x_labels).shape);
        expect(r.y.shape).toEqual(arr(ex.keypoint_y_labels).shape);
        expect(r.weights.shape).toEqual(arr(ex.keypoint_weights).shape);
        const err = Math.max(absErr(r.x.data, flat(arr(ex.keypoint_x_labels))), absErr(r.y.data, flat(arr(ex.keypoint_y_labels))));
        note(err);
        expect(err).toBeLessThanOrEqual(1e-6);
        expect(Array.from(r.weights.data)).toEqual(flat(arr(ex.keypoint_weights)));
      } else if (c.fn === 'simcc.maximum') {
        const r = simccArgmax(arr(c.inputs.simcc_x), arr(c.inputs.simcc_y), { softmax: p.apply_softmax as boolean });
        expect(r.keypoints.shape).toEqual(arr(ex.locs).shape);
        expect(r.scores.shape).toEqual(arr(ex.vals).shape);
        expect(Array.from(r.keypoints.data)).toEqual(flat(arr(ex.locs)));
        const err = relErr(r.scores.data, flat(arr(ex.vals)));
        note(err);
        expect(err).toBeLessThanOrEqual(1e-6);
      } else if (c.fn === 'simcc.blur1d') {
        const r = gaussianBlur1d(arr(c.inputs.simcc), p.kernel as number);
        expect(r.shape).toEqual(arr(ex.simcc).shape);
        const err = rowRelErr(r, arr(ex.simcc));
        note(err);
        expect(err).toBeLessThanOrEqual(1e-5);
      } else if (c.fn === 'simcc.refineDark') {
        const r = refineSimccDark(arr(c.inputs.keypoints), arr(c.inputs.simcc), p.blur_kernel_size as number);
        expect(r.shape).toEqual(arr(ex.keypoints).shape);
        const err = absErr(r.data, flat(arr(ex.keypoints)));
        note(err);
        expect(err).toBeLessThanOrEqual(5e-4);
      } else if (c.fn === 'simcc.decode') {
        const dark = p.use_dark as boolean;
        const visibility = p.decode_visibility as boolean;
        const opts = {
          splitRatio: p.simcc_split_ratio as number,
          sigma: p.sigma as number | [number, number],
          dark,
          visibility,
          beta: p.decode_beta as number,
          inputSize: p.input_size as [number, number],
        };
        const r = decodeSimcc(arr(c.inputs.simcc_x), arr(c.inputs.simcc_y), opts);
        expect(r.keypoints.shape).toEqual(arr(ex.keypoints).shape);
        expect(r.scores.shape).toEqual(arr(ex.scores).shape);
        const kErr = absErr(r.keypoints.data, flat(arr(ex.keypoints)));
        const sErr = relErr(r.scores.data, flat(arr(ex.scores)));
        let vErr = 0;
        if (visibility) {
          expect(r.visibility!.shape).toEqual(arr(ex.visibility).shape);
          vErr = relErr(r.visibility!.data, flat(arr(ex.visibility)));
        } else expect(r.visibility).toBeUndefined();
        note(Math.max(kErr, sErr, vErr));
        expect(kErr).toBeLessThanOrEqual(dark ? 1e-3 : 0);
        expect(sErr).toBeLessThanOrEqual(1e-6);
        expect(vErr).toBeLessThanOrEqual(dark ? 1e-3 : 1e-5);
        // The codec object decodes identically (it calls the same decoder with its snapshot options).
        const codec = createCodec({ type: 'simcc', inputSize: opts.inputSize, sigma: opts.sigma, splitRatio: opts.splitRatio, dark, visibility, beta: opts.beta });
        const rc = codec.decode(arr(c.inputs.simcc_x), arr(c.inputs.simcc_y));
        expect(absErr(rc.keypoints.data, r.keypoints.data)).toBe(0);
      } else if (c.fn === 'simcc.normalized') {
        const r = normalizeSimcc(arr(c.inputs.simcc), p.sigma === null ? {} : { sigma: p.sigma as number });
        expect(r.shape).toEqual(arr(ex.simcc).shape);
        const err = relErr(r.data, flat(arr(ex.simcc)));
        note(err);
        expect(err).toBeLessThanOrEqual(1e-6);
      } else if (c.fn === 'simcc.flip') {
        const r = flipSimcc(arr(c.inputs.x_labels), arr(c.inputs.y_labels), p.flip_indices as number[]);
        expect(r.x.shape).toEqual(arr(ex.x_labels).shape);
        expect(r.y.shape).toEqual(arr(ex.y_labels).shape);
        const err = Math.max(absErr(r.x.data, flat(arr(ex.x_labels))), absErr(r.y.data, flat(arr(ex.y_labels))));
        note(err);
        expect(err).toBe(0);
      } else {
        throw new Error(`unhandled fn ${c.fn}`);
      }
      tally.pass(c.fn);
    });
  }
});
