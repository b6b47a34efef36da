/**
 * Golden parity with casiez/OneEuroFilter, tfjs-models pose-detection 2.1.3 filters and trackers,
 * and mmpose 0.x smoothers for every case in ../shared/oracle/temporal (walked, never copied).
 * Tolerances from its FORMAT.md: casiez and tfjs ≤ 1e-12·max(1, |ref|); trackers exact;
 * savgol/gaussian float64 ≤ 1e-9 px, float32 ≤ 2⁻²³·max(1, |ref|); mmpose 0.x One Euro float64
 * ≤ 1e-12·max(1, |ref|), float32 ≤ 1e-6·max(1, |ref|) (this port emulates float32 and is exact).
 */
// oracle-fns: temporal filter.oneEuro filter.savgol filter.gaussian filter.mmpose0.oneEuro filter.tfjs.oneEuro filter.tfjs.relativeVelocity filter.tfjs.lowPass filter.tfjs.keypointsOneEuro filter.tfjs.velocity filter.tfjs.keypointsSmoothing filter.tfjs.visibility track.tfjs.keypoint track.tfjs.boundingBox track.tfjs.movenetMultiPose
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { NdArray } from 'ndarray';
import { loadOracleCases, flat, GoldenTally, ORACLE, type OracleCase } from '../helpers/oracle.js';
import {
  createOneEuroFilter,
  createLowPassFilter,
  createRelativeVelocityFilter,
  createKeypointsFilter,
  createKeypointsSmoothingFilter,
  createLowPassVisibilityFilter,
  createPoseTracker,
  createPoseFilterBank,
  smoothSavgol,
  smoothGaussian,
  smoothOneEuro,
  type PoseTrackerOptions,
  type ScalarStreamFilter,
  type TfjsOneEuroConfig,
  type VelocityFilterConfig,
} from '../../src/temporal/index.js';

const FAMILY = 'temporal';
const HANDLED = new Set([
  'filter.oneEuro',
  'filter.savgol',
  'filter.gaussian',
  'filter.mmpose0.oneEuro',
  'filter.tfjs.oneEuro',
  'filter.tfjs.relativeVelocity',
  'filter.tfjs.lowPass',
  'filter.tfjs.keypointsOneEuro',
  'filter.tfjs.velocity',
  'filter.tfjs.keypointsSmoothing',
  'filter.tfjs.visibility',
  'track.tfjs.keypoint',
  'track.tfjs.boundingBox',
  'track.tfjs.movenetMultiPose',
]);

/** Manifests per fn, counted from the directory. */
const manifestCounts = new Map<string, number>();
for (const f of readdirSync(join(ORACLE, FAMILY)).filter((f) => f.endsWith('.json'))) {
  const fn = JSON.parse(readFileSync(join(ORACLE, FAMILY, f), 'utf8')).fn as string;
  manifestCounts.set(fn, (manifestCounts.get(fn) ?? 0) + 1);
}
const cases = loadOracleCases(FAMILY, () => true);
const tally = new GoldenTally();

/** Largest |a − b| / max(1, |b|) (NaN must match NaN; NaN vs a number is Infinity). */
function relErr(a: ArrayLike<number>, b: ArrayLike<number>): number {
  if (a.length !== b.length) return Infinity;
  let m = 0;
  for (let i = 0; i < a.length; i++) {
    if (Number.isNaN(a[i]) || Number.isNaN(b[i])) {
      if (Number.isNaN(a[i]) !== Number.isNaN(b[i])) return Infinity;
      continue;
    }
    const d = Math.abs(a[i] - b[i]) / Math.max(1, Math.abs(b[i]));
    if (!(d <= m)) m = d;
  }
  return m;
}
function absErr(a: ArrayLike<number>, b: ArrayLike<number>): number {
  if (a.length !== b.length) return Infinity;
  let m = 0;
  for (let i = 0; i < a.length; i++) {
    const d = Math.abs(a[i] - b[i]);
    if (!(d <= m)) m = d;
  }
  return m;
}

const arr = (c: OracleCase, k: string) => c.inputs[k] as NdArray;
const exp = (c: OracleCase, k: string) => c.expected[k] as NdArray;
const nanToNull = (v: number) => (Number.isNaN(v) ? null : v);

function checkRel(note: (e: number) => void, got: ArrayLike<number>, want: NdArray, tol: number): void {
  const w = flat(want);
  expect(got.length).toBe(w.length);
  expect(w.length).toBeGreaterThan(0);
  const e = relErr(got, w);
  note(e);
  expect(e).toBeLessThanOrEqual(tol);
}

function runCasiez(c: OracleCase): number[] {
  const p = c.params as { freq: number; mincutoff: number; beta: number; dcutoff: number; derivative: 'filtered' | 'raw' };
  const f = createOneEuroFilter({ frequency: p.freq, minCutoff: p.mincutoff, beta: p.beta, dCutoff: p.dcutoff, derivative: p.derivative });
  const x = arr(c, 'x');
  const ts = c.inputs.timestamps as NdArray | undefined;
  const out: number[] = [];
  for (let t = 0; t < x.shape[0]; t++) {
    const time = ts ? ts.get(t) : undefined;
    if (x.shape.length === 1) out.push(f.filter(x.get(t), time));
    else out.push(...f.filter(Float64Array.from(flat(x.pick(t, null))), time));
  }
  return out;
}

function runScalarTfjs(c: OracleCase): number[] {
  const cfg = (c.params as { config: Record<string, number> }).config;
  const f: ScalarStreamFilter =
    c.fn === 'filter.tfjs.oneEuro'
      ? createOneEuroFilter({ type: 'tfjs', ...(cfg as unknown as TfjsOneEuroConfig) })
      : createRelativeVelocityFilter(cfg as unknown as VelocityFilterConfig);
  const v = arr(c, 'values');
  const ts = arr(c, 'timestamps_us');
  const sc = arr(c, 'value_scale');
  const out: number[] = [];
  for (let t = 0; t < v.shape[0]; t++) {
    const r = f.apply(nanToNull(v.get(t)), ts.get(t), sc.get(t));
    out.push(r === null ? NaN : r);
  }
  return out;
}

function runLowPass(c: OracleCase): number[] {
  const f = createLowPassFilter((c.params as { config: { alpha: number } }).config);
  const v = arr(c, 'values');
  const th = c.inputs.threshold as NdArray | undefined;
  const rs = c.inputs.reset as NdArray | undefined;
  const out: number[] = [];
  for (let t = 0; t < v.shape[0]; t++) {
    if (rs && rs.get(t)) f.reset();
    out.push(f.apply(v.get(t), th ? th.get(t) : undefined) as number);
  }
  return out;
}

/** Run per-person keypoint filters; returns the flat [T, P, K, D−1] output with NaN where absent. */
function runKeypoints(c: OracleCase): number[] {
  const cfg = (c.params as { config: Record<string, unknown> }).config;
  const kp = arr(c, 'keypoints');
  const present = arr(c, 'present');
  const scale = arr(c, 'object_scale');
  const ts = arr(c, 'timestamps_us');
  const [T, P, K, D] = kp.shape;
  const type = c.fn === 'filter.tfjs.velocity' ? 'velocity' : 'oneEuro';
  const filters = Array.from({ length: P }, () => createKeypointsFilter({ type, ...cfg } as never));
  const out = new Array<number>(T * P * K * (D - 1)).fill(NaN);
  for (let t = 0; t < T; t++)
    for (let p = 0; p < P; p++) {
      const r = filters[p].apply(present.get(t, p) ? kp.pick(t, p, null, null) : null, ts.get(t), scale.get(t, p));
      if (r === null) continue;
      expect(r.shape).toEqual([K, D]);
      for (let k = 0; k < K; k++) for (let d = 0; d < D - 1; d++) out[((t * P + p) * K + k) * (D - 1) + d] = r.get(k, d);
      for (let k = 0; k < K; k++) expect(r.get(k, D - 1)).toBe(kp.get(t, p, k, D - 1)); // scores pass through
    }
  return out;
}

function runSmoothing(c: OracleCase): number[] {
  const pr = c.params as { config: Record<string, never>; image_size: [number, number]; normalized: boolean };
  const f = createKeypointsSmoothingFilter(pr.config);
  const kp = arr(c, 'keypoints');
  const present = arr(c, 'present');
  const ts = arr(c, 'timestamps_us');
  const roi = c.inputs.object_scale_roi as NdArray | undefined;
  const [T, K, D] = kp.shape;
  const out = new Array<number>(T * K * (D - 1)).fill(NaN);
  for (let t = 0; t < T; t++) {
    let rect;
    if (roi && !Number.isNaN(roi.get(t, 0))) rect = { xCenter: roi.get(t, 0), yCenter: roi.get(t, 1), width: roi.get(t, 2), height: roi.get(t, 3) };
    const r = f.apply(present.get(t) ? kp.pick(t, null, null) : null, ts.get(t), pr.image_size, pr.normalized, rect);
    if (r === null) continue;
    for (let k = 0; k < K; k++) for (let d = 0; d < D - 1; d++) out[(t * K + k) * (D - 1) + d] = r.get(k, d);
  }
  return out;
}

function runVisibility(c: OracleCase): number[] {
  const f = createLowPassVisibilityFilter((c.params as { config: { alpha: number } }).config);
  const s = arr(c, 'scores');
  const present = arr(c, 'present');
  const [T, K] = s.shape;
  const out: number[] = [];
  for (let t = 0; t < T; t++) {
    const r = f.apply(present.get(t) ? s.pick(t, null) : null);
    if (r === null) out.push(...new Array(K).fill(NaN));
    else out.push(...r);
  }
  return out;
}

interface TrackRun {
  ids: number[];
  tracks: number[];
  keypoints?: number[];
}

function runTracker(c: OracleCase): TrackRun {
  const pr = c.params as { tracker?: 'keypoint' | 'boundingBox'; config: PoseTrackerOptions; filter_config?: Record<string, unknown> };
  const type = c.fn === 'track.tfjs.boundingBox' ? 'boundingBox' : c.fn === 'track.tfjs.keypoint' ? 'keypoint' : pr.tracker!;
  const kp = arr(c, 'keypoints');
  const score = arr(c, 'pose_score');
  const count = arr(c, 'count');
  const ts = arr(c, 'timestamps_us');
  const boxes = c.inputs.boxes as NdArray | undefined;
  const [T, N, K] = kp.shape;
  const M = exp(c, 'tracks').shape[1];
  const trackerOptions = { ...pr.config, type };
  const bank = c.fn === 'track.tfjs.movenetMultiPose' ? createPoseFilterBank({ tracker: trackerOptions, filter: { type: 'oneEuro', ...pr.filter_config } as never }) : null;
  const tracker = bank ? null : createPoseTracker(trackerOptions);
  const run: TrackRun = { ids: new Array(T * N).fill(-1), tracks: new Array(T * M * 2).fill(-1), keypoints: bank ? new Array(T * N * K * 2).fill(NaN) : undefined };
  for (let t = 0; t < T; t++) {
    const poses = [];
    for (let i = 0; i < count.get(t); i++) {
      const b = boxes?.pick(t, i, null);
      poses.push({
        keypoints: kp.pick(t, i, null, null),
        score: score.get(t, i),
        box: b ? { xMin: b.get(0), yMin: b.get(1), xMax: b.get(2), yMax: b.get(3), width: b.get(4), height: b.get(5) } : undefined,
      });
    }
    let tracksNow;
    if (bank) {
      const out = bank.apply(poses, ts.get(t));
      expect(out.length).toBe(poses.length);
      out.forEach((p, i) => {
        run.ids[t * N + i] = p.id as number;
        for (let k = 0; k < K; k++) for (let d = 0; d < 2; d++) run.keypoints![((t * N + i) * K + k) * 2 + d] = p.keypoints.get(k, d);
      });
      tracksNow = bank.getTracks();
    } else {
      const out = tracker!.apply(poses, ts.get(t));
      expect(out.length).toBe(poses.length);
      out.forEach((p, i) => (run.ids[t * N + i] = p.id));
      tracksNow = tracker!.getTracks();
    }
    expect(tracksNow.length).toBeLessThanOrEqual(M);
    tracksNow.forEach((tr, j) => {
      run.tracks[(t * M + j) * 2] = tr.id as number;
      run.tracks[(t * M + j) * 2 + 1] = tr.lastTimestamp;
    });
  }
  return run;
}

describe('golden parity: temporal (casiez 1€, tfjs-models filters and trackers, mmpose 0.x smoothers)', () => {
  afterAll(() => tally.print('max error'));

  it('every manifest fn is handled, and every manifest is loaded', () => {
    for (const fn of manifestCounts.keys()) expect(HANDLED.has(fn), `unhandled fn ${fn}`).toBe(true);
    const loaded = new Map<string, number>();
    for (const c of cases) loaded.set(c.fn, (loaded.get(c.fn) ?? 0) + 1);
    expect(loaded).toEqual(manifestCounts);
    expect(cases.length).toBeGreaterThan(0);
  });

  for (const c of cases) {
    it(`${c.name} ${c.fn} ${JSON.stringify(c.params).slice(0, 160)}`, () => {
      const note = tally.start(c.fn);
      switch (c.fn) {
        case 'filter.oneEuro':
          checkRel(note, runCasiez(c), exp(c, 'y'), 1e-12);
          break;
        case 'filter.tfjs.oneEuro':
        case 'filter.tfjs.relativeVelocity':
          checkRel(note, runScalarTfjs(c), exp(c, 'values'), 1e-12);
          break;
        case 'filter.tfjs.lowPass':
          checkRel(note, runLowPass(c), exp(c, 'values'), 1e-12);
          break;
        case 'filter.tfjs.keypointsOneEuro':
        case 'filter.tfjs.velocity':
          checkRel(note, runKeypoints(c), exp(c, 'keypoints'), 1e-12);
          break;
        case 'filter.tfjs.keypointsSmoothing':
          checkRel(note, runSmoothing(c), exp(c, 'keypoints'), 1e-12);
          break;
        case 'filter.tfjs.visibility':
          checkRel(note, runVisibility(c), exp(c, 'scores'), 1e-12);
          break;
        case 'filter.savgol':
        case 'filter.gaussian':
        case 'filter.mmpose0.oneEuro': {
          const x = arr(c, 'x');
          const pr = c.params as Record<string, never>;
          const y =
            c.fn === 'filter.savgol'
              ? smoothSavgol(x, { windowSize: pr.window_size, polyorder: pr.polyorder, mode: pr.mode })
              : c.fn === 'filter.gaussian'
                ? smoothGaussian(x, { windowSize: pr.window_size, sigma: pr.sigma, mode: pr.mode })
                : smoothOneEuro(x, { minCutoff: pr.min_cutoff, beta: pr.beta });
          const want = exp(c, 'y');
          expect(y.shape).toEqual(want.shape);
          expect(y.data.constructor).toBe(want.data.constructor);
          const f32 = want.data instanceof Float32Array;
          if (c.fn === 'filter.mmpose0.oneEuro') checkRel(note, y.data, want, f32 ? 1e-6 : 1e-12);
          else if (f32) checkRel(note, y.data, want, 2 ** -23);
          else {
            const e = absErr(y.data, flat(want));
            note(e);
            expect(e).toBeLessThanOrEqual(1e-9);
          }
          break;
        }
        case 'track.tfjs.keypoint':
        case 'track.tfjs.boundingBox':
        case 'track.tfjs.movenetMultiPose': {
          const r = runTracker(c);
          expect(r.ids).toEqual(flat(exp(c, 'ids')));
          expect(r.tracks).toEqual(flat(exp(c, 'tracks')));
          if (r.keypoints) checkRel(note, r.keypoints, exp(c, 'keypoints'), 1e-12);
          else note(0);
          break;
        }
        default:
          throw new Error(`unhandled fn ${c.fn}`);
      }
      tally.pass(c.fn);
    });
  }
});
