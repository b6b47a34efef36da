/** Property laws of the temporal filters, trackers and smoothers (fast-check, globally pinned seed). */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import ndarray from 'ndarray';
import {
  createOneEuroFilter,
  createLowPassFilter,
  createRelativeVelocityFilter,
  createKeypointsFilter,
  createPoseTracker,
  createPoseFilterBank,
  smoothSavgol,
  smoothGaussian,
  smoothOneEuro,
  MOVENET_KEYPOINT_FILTER_CONFIG,
} from '../../src/temporal/index.js';

/** −0 and +0 are the same coordinate: compare values, not signs of zero (`v + 0` maps −0 to +0). */
const plusZero = (v: ArrayLike<number | null>) => Array.from(v, (x) => (x === null ? x : x + 0));

const signal = (min = 5, max = 60) => fc.array(fc.double({ min: -500, max: 500, noNaN: true }), { minLength: min, maxLength: max });
const steps = (n: number) => fc.array(fc.double({ min: 0.005, max: 0.2, noNaN: true }), { minLength: n, maxLength: n });
const casiezSets = [
  { minCutoff: 1, beta: 0, dCutoff: 1 },
  { minCutoff: 1, beta: 0.007, dCutoff: 1 },
  { minCutoff: 0.05, beta: 80, dCutoff: 1 },
  { minCutoff: 2.5, beta: 300, dCutoff: 2.5 },
];
const tfjsEuro = { type: 'tfjs' as const, frequency: 30, minCutOff: 2.5, beta: 300, derivateCutOff: 2.5, thresholdCutOff: 0.5, thresholdBeta: 5 };

function times(dts: number[], t0 = 1): number[] {
  const t = [t0];
  for (const d of dts.slice(1)) t.push(t[t.length - 1] + d);
  return t;
}

function casiezRun(opts: object, x: number[], ts: (number | undefined)[]): number[] {
  const f = createOneEuroFilter({ frequency: 30, ...opts });
  return x.map((v, i) => f.filter(v, ts[i]));
}

function tfjsRun(make: () => { apply(v: number | null, us: number, s?: number): number | null }, x: number[], us: number[]): number[] {
  const f = make();
  return x.map((v, i) => f.apply(v, us[i], 1) as number);
}

const seqOf = (vals: number[], T: number, K: number, f32 = false) => {
  const d = f32 ? new Float32Array(T * K * 2) : new Float64Array(T * K * 2);
  for (let i = 0; i < d.length; i++) d[i] = vals[i % vals.length];
  return ndarray(d, [T, K, 2]);
};

describe('law: a constant signal passes unchanged', () => {
  it('casiez One Euro (both derivatives, any timestamps) returns the constant (to 1e-12 relative)', () => {
    fc.assert(
      fc.property(fc.double({ min: -1000, max: 1000, noNaN: true }), steps(30), fc.constantFrom(...casiezSets), fc.constantFrom('filtered' as const, 'raw' as const), (c, dts, set, derivative) => {
        const y = casiezRun({ ...set, derivative }, new Array(30).fill(c), times(dts));
        for (const v of y) expect(Math.abs(v - c)).toBeLessThanOrEqual(1e-12 * Math.max(1, Math.abs(c)));
      }),
      { numRuns: 60 },
    );
  });
  it('tfjs One Euro, relative velocity and low-pass return the constant exactly', () => {
    fc.assert(
      fc.property(fc.double({ min: -1000, max: 1000, noNaN: true }), steps(30), (c, dts) => {
        const us = times(dts).map((t) => Math.round(t * 1e6));
        const x = new Array(30).fill(c);
        expect(plusZero(tfjsRun(() => createOneEuroFilter(tfjsEuro), x, us))).toEqual(plusZero(x));
        expect(plusZero(tfjsRun(() => createRelativeVelocityFilter({ windowSize: 5, velocityScale: 10 }), x, us))).toEqual(plusZero(x));
        const lp = createLowPassFilter({ alpha: 0.3 });
        expect(plusZero(x.map((v) => lp.apply(v)))).toEqual(plusZero(x));
      }),
      { numRuns: 60 },
    );
  });
  it('keypoints filter: constant keypoints come back unchanged (scores copied)', () => {
    const f = createKeypointsFilter(MOVENET_KEYPOINT_FILTER_CONFIG);
    const kp = ndarray(Float64Array.from({ length: 51 }, (_, i) => (i % 3 === 2 ? 0.8 : 0.1 + i / 100)), [17, 3]);
    for (let t = 1; t <= 20; t++) {
      const out = f.apply(kp, t * 33333, 1)!;
      expect(Array.from(out.data)).toEqual(Array.from(kp.data));
    }
  });
  it('savgol, gaussian (offline and online) and mmpose One Euro return a constant sequence (to 1e-12 relative)', () => {
    fc.assert(
      fc.property(fc.double({ min: -1000, max: 1000, noNaN: true }), fc.integer({ min: 1, max: 40 }), (c, T) => {
        const x = seqOf([c], T, 3);
        const outs = [
          smoothSavgol(x, { windowSize: 11, polyorder: 2 }),
          smoothSavgol(x, { windowSize: 5, polyorder: 3, mode: 'online' }),
          smoothGaussian(x, { windowSize: 11, sigma: 4 }),
          smoothGaussian(x, { windowSize: 5, sigma: 1.5, mode: 'online' }),
          smoothOneEuro(x),
        ];
        for (const y of outs) for (const v of y.data) expect(Math.abs(v - c)).toBeLessThanOrEqual(1e-12 * Math.max(1, Math.abs(c)));
      }),
      { numRuns: 40 },
    );
  });
});

describe('law: causality — the output at t depends only on samples ≤ t', () => {
  it('streaming filters (casiez, tfjs One Euro, relative velocity) ignore any change to later samples', () => {
    fc.assert(
      fc.property(signal(10, 40), signal(40, 40), fc.nat(), (x, other, cut0) => {
        const cut = cut0 % x.length;
        const x2 = x.map((v, i) => (i <= cut ? v : other[i]));
        const ts = times(new Array(x.length).fill(1 / 30));
        const us = ts.map((t) => Math.round(t * 1e6));
        const pairs = [
          [casiezRun({ minCutoff: 1, beta: 0.007 }, x, ts), casiezRun({ minCutoff: 1, beta: 0.007 }, x2, ts)],
          [casiezRun({ derivative: 'raw' }, x, ts), casiezRun({ derivative: 'raw' }, x2, ts)],
          [tfjsRun(() => createOneEuroFilter(tfjsEuro), x, us), tfjsRun(() => createOneEuroFilter(tfjsEuro), x2, us)],
          [tfjsRun(() => createRelativeVelocityFilter({ windowSize: 5, velocityScale: 10 }), x, us), tfjsRun(() => createRelativeVelocityFilter({ windowSize: 5, velocityScale: 10 }), x2, us)],
        ];
        for (const [a, b] of pairs) expect(a.slice(0, cut + 1)).toEqual(b.slice(0, cut + 1));
      }),
      { numRuns: 60 },
    );
  });
  it("online savgol and gaussian (mode 'online') and mmpose One Euro ignore later frames", () => {
    fc.assert(
      fc.property(signal(40, 40), signal(40, 40), fc.integer({ min: 0, max: 19 }), (x, other, cut) => {
        const T = 20;
        const a = seqOf(x, T, 1);
        const b = seqOf(x, T, 1);
        for (let t = cut + 1; t < T; t++) for (let c = 0; c < 2; c++) b.set(t, 0, c, other[t * 2 + c]);
        const runs = [
          (s: typeof a) => smoothSavgol(s, { windowSize: 7, polyorder: 2, mode: 'online' }),
          (s: typeof a) => smoothGaussian(s, { windowSize: 5, sigma: 2, mode: 'online' }),
          (s: typeof a) => smoothOneEuro(s, { minCutoff: 0.05, beta: 2 }),
        ];
        for (const run of runs) expect(Array.from(run(a).data.slice(0, (cut + 1) * 2))).toEqual(Array.from(run(b).data.slice(0, (cut + 1) * 2)));
      }),
      { numRuns: 30 },
    );
  });
});

describe('law: scaling time by k and every cutoff by 1/k leaves the output unchanged', () => {
  it('casiez One Euro: timestamps·k, frequency/k, minCutoff/k, dCutoff/k give the same output (bit-exact for k a power of 2)', () => {
    fc.assert(
      fc.property(signal(10, 40), steps(40), fc.constantFrom(0.25, 2, 8), fc.constantFrom(...casiezSets), fc.constantFrom('filtered' as const, 'raw' as const), (x, dts, k, set, derivative) => {
        const ts = times(dts.slice(0, x.length));
        const a = casiezRun({ ...set, derivative, frequency: 30 }, x, ts);
        const f = createOneEuroFilter({ minCutoff: set.minCutoff / k, beta: set.beta, dCutoff: set.dCutoff / k, frequency: 30 / k, derivative });
        const b = x.map((v, i) => f.filter(v, ts[i] * k));
        expect(b).toEqual(a);
      }),
      { numRuns: 60 },
    );
  });
  it('tfjs One Euro: integer µs timestamps·k, frequency and cutoffs /k give the same output (k a power of 2)', () => {
    fc.assert(
      fc.property(signal(10, 40), fc.array(fc.integer({ min: 5000, max: 100000 }), { minLength: 40, maxLength: 40 }), fc.constantFrom(2, 4), (x, d, k) => {
        const us: number[] = [];
        let t = 1000;
        for (let i = 0; i < x.length; i++) us.push((t += d[i]));
        const a = tfjsRun(() => createOneEuroFilter({ type: 'tfjs', frequency: 30, minCutOff: 1, beta: 0.5, derivateCutOff: 1 }), x, us);
        const b = tfjsRun(() => createOneEuroFilter({ type: 'tfjs', frequency: 30 / k, minCutOff: 1 / k, beta: 0.5, derivateCutOff: 1 / k }), x, us.map((u) => u * k));
        expect(b).toEqual(a);
      }),
      { numRuns: 40 },
    );
  });
  it('mmpose One Euro with fps: fps/k and cutoffs/k give the same output (k a power of 2, float64)', () => {
    fc.assert(
      fc.property(signal(40, 40), fc.constantFrom(0.5, 2, 4), (x, k) => {
        const s = seqOf(x, 20, 1);
        const a = smoothOneEuro(s, { fps: 32, minCutoff: 1, beta: 0.01, dCutoff: 1 });
        const b = smoothOneEuro(s, { fps: 32 / k, minCutoff: 1 / k, beta: 0.01, dCutoff: 1 / k });
        expect(Array.from(b.data)).toEqual(Array.from(a.data));
      }),
      { numRuns: 30 },
    );
  });
});

/** P well separated people (normalised coordinates), moving slowly; frame t, person p. */
function crowdPose(p: number, t: number) {
  const cx = 0.1 + 0.2 * p + 0.002 * t;
  const cy = 0.5 + 0.001 * t * (p % 2 ? 1 : -1);
  const data = new Float64Array(17 * 3);
  for (let k = 0; k < 17; k++) {
    data[k * 3] = cx + 0.03 * Math.cos(k);
    data[k * 3 + 1] = cy + 0.1 * Math.sin(k);
    data[k * 3 + 2] = 0.9;
  }
  const box = { xMin: cx - 0.03, yMin: cy - 0.1, xMax: cx + 0.03, yMax: cy + 0.1, width: 0.06, height: 0.2 };
  return { keypoints: ndarray(data, [17, 3]), score: 0.9, box, person: p };
}

describe('law: tracker ids are stable under permutation of the detections within a frame', () => {
  for (const type of ['keypoint', 'boundingBox'] as const) {
    it(`${type} tracker: permuting every frame after the first gives each person the same id`, () => {
      fc.assert(
        fc.property(fc.array(fc.array(fc.nat(), { minLength: 4, maxLength: 4 }), { minLength: 15, maxLength: 15 }), (perms) => {
          const a = createPoseTracker({ type });
          const b = createPoseTracker({ type });
          for (let t = 0; t < 15; t++) {
            const poses = [0, 1, 2, 3].map((p) => crowdPose(p, t));
            const order = t === 0 ? [0, 1, 2, 3] : [0, 1, 2, 3].sort((i, j) => perms[t][i] - perms[t][j] || i - j);
            const ia = new Map(a.apply(poses, t * 33333).map((r) => [r.person, r.id]));
            const ib = new Map(b.apply(order.map((i) => poses[i]), t * 33333).map((r) => [r.person, r.id]));
            expect(ib).toEqual(ia);
          }
        }),
        { numRuns: 30 },
      );
    });
  }
});

describe('law: no input is mutated', () => {
  it('filters, trackers, bank and smoothers leave their inputs (data and pose objects) unchanged', () => {
    const kp = ndarray(Float32Array.from({ length: 51 }, (_, i) => (i % 3 === 2 ? 0.9 : 0.3 + i / 200)), [17, 3]);
    const kpCopy = Float32Array.from(kp.data);
    const nested = Array.from({ length: 17 }, (_, k) => [0.2 + k / 50, 0.4, 0.9]);
    const nestedCopy = JSON.stringify(nested);
    const vec = [1, 2, 3];
    const f = createOneEuroFilter({ frequency: 30 });
    f.filter(vec, 0.1);
    f.filter(vec, 0.2);
    expect(vec).toEqual([1, 2, 3]);
    const kf = createKeypointsFilter({ type: 'velocity', windowSize: 5, velocityScale: 10, minAllowedObjectScale: 1e-6 });
    kf.apply(kp, 1, 100);
    kf.apply(nested, 2, 100);
    const poses = [{ keypoints: kp, score: 0.9, box: { xMin: 0, yMin: 0, xMax: 1, yMax: 1, width: 1, height: 1 } }];
    const posesCopy = JSON.stringify(poses);
    const tracked = createPoseTracker().apply(poses, 5);
    expect(tracked[0]).not.toBe(poses[0]);
    expect('id' in poses[0]).toBe(false);
    const bank = createPoseFilterBank({ tracker: { type: 'boundingBox' } });
    bank.apply(poses, 10);
    bank.apply(poses, 20);
    expect(JSON.stringify(poses)).toBe(posesCopy);
    expect(Array.from(kp.data)).toEqual(Array.from(kpCopy));
    expect(JSON.stringify(nested)).toBe(nestedCopy);
    const s = seqOf([1, 5, 2, 8, 3], 12, 2, true);
    const sCopy = Float32Array.from(s.data);
    smoothSavgol(s);
    smoothGaussian(s, { mode: 'online' });
    smoothOneEuro(s);
    expect(Array.from(s.data)).toEqual(Array.from(sCopy));
  });
});

describe('NaN samples (documented): NaN comes back NaN and leaves the state untouched', () => {
  it('casiez, tfjs One Euro and relative velocity: a NaN sample is as if it were not there', () => {
    fc.assert(
      fc.property(signal(10, 30), fc.nat(), (x, at0) => {
        const at = 1 + (at0 % (x.length - 1));
        const ts = times(new Array(x.length).fill(1 / 30));
        const withNaN = x.map((v, i) => (i === at ? NaN : v));
        const keep = (arr: number[]) => arr.filter((_, i) => i !== at);
        const a = casiezRun({ beta: 0.01 }, withNaN, ts);
        expect(a[at]).toBeNaN();
        expect(keep(a)).toEqual(casiezRun({ beta: 0.01 }, keep(x), keep(ts)));
        const us = ts.map((t) => Math.round(t * 1e6));
        const b = tfjsRun(() => createOneEuroFilter(tfjsEuro), withNaN, us);
        expect(b[at]).toBeNaN();
        expect(keep(b)).toEqual(tfjsRun(() => createOneEuroFilter(tfjsEuro), keep(x), keep(us)));
      }),
      { numRuns: 40 },
    );
  });
  it('null comes back null from the tfjs-semantics filters', () => {
    expect(createOneEuroFilter(tfjsEuro).apply(null, 1, 1)).toBeNull();
    expect(createRelativeVelocityFilter({ windowSize: 3, velocityScale: 1 }).apply(null, 1, 1)).toBeNull();
    expect(createLowPassFilter({ alpha: 0.5 }).apply(null)).toBeNull();
    expect(createKeypointsFilter(MOVENET_KEYPOINT_FILTER_CONFIG).apply(null, 1, 1)).toBeNull();
  });
});
