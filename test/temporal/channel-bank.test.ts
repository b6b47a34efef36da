/**
 * The flat-state banks (tfjs One Euro, relative velocity, Casiez) against straight transcriptions
 * of the reference state machines (one object per scalar filter, the reference's operation order,
 * no hoisting): bit-identical on random streams with repeated, backward, zero and fractional
 * timestamps, NaN gaps, changing value scales, shared and diverging channel histories.
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { TfjsOneEuroBank, type OneEuroParams } from '../../src/temporal/tfjs-one-euro.js';
import { RelativeVelocityBank } from '../../src/temporal/relative-velocity.js';
import { CasiezBank, type CasiezParams } from '../../src/temporal/casiez-bank.js';

/** low_pass_filter.ts:36-79. */
class RefLowPass {
  initialized = false;
  rawValue = 0;
  storedValue = 0;
  apply(value: number, alpha: number, threshold?: number): number {
    let result: number;
    if (this.initialized) {
      result = threshold === undefined ? this.storedValue + alpha * (value - this.storedValue) : this.storedValue + alpha * threshold * Math.asinh((value - this.storedValue) / threshold);
    } else {
      result = value;
      this.initialized = true;
    }
    this.rawValue = value;
    this.storedValue = result;
    return result;
  }
}

/** one_euro_filter.ts:61-100. */
class RefOneEuro {
  frequency: number;
  lastTimestamp = 0;
  x = new RefLowPass();
  dx = new RefLowPass();
  constructor(private p: OneEuroParams) {
    this.frequency = p.frequency;
  }
  alpha(cutoff: number): number {
    return 1.0 / (1.0 + this.frequency / (2 * Math.PI * cutoff));
  }
  apply(value: number, microSeconds: number, valueScale: number): number {
    const us = Math.trunc(microSeconds);
    if (this.lastTimestamp >= us) return value;
    if (this.lastTimestamp !== 0 && us !== 0) this.frequency = 1 / ((us - this.lastTimestamp) * 1e-6);
    this.lastTimestamp = us;
    const dValue = this.x.initialized ? (value - this.x.rawValue) * valueScale * this.frequency : 0;
    const edValue = this.dx.apply(dValue, this.alpha(this.p.derivateCutOff));
    const cutOff = this.p.minCutOff + this.p.beta * Math.abs(edValue);
    const threshold = this.p.thresholdCutOff !== null ? this.p.thresholdCutOff + this.p.thresholdBeta * Math.abs(edValue) : undefined;
    return this.x.apply(value, this.alpha(cutOff), threshold);
  }
}

/** relative_velocity_filter.ts:58-114. */
class RefVelocity {
  window: { distance: number; duration: number }[] = [];
  lowPass = new RefLowPass();
  lastValue = 0;
  lastValueScale = 1;
  lastTimestamp = -1;
  constructor(private p: { windowSize: number; velocityScale: number }) {}
  apply(value: number, microSeconds: number, valueScale: number): number {
    const us = Math.trunc(microSeconds);
    if (this.lastTimestamp >= us) return value;
    let alpha: number;
    if (this.lastTimestamp === -1) alpha = 1;
    else {
      const distance = value * valueScale - this.lastValue * this.lastValueScale;
      const duration = us - this.lastTimestamp;
      let cumulativeDistance = distance;
      let cumulativeDuration = duration;
      const maxCumulativeDuration = (1 + this.window.length) * (1e6 / 30);
      for (const el of this.window) {
        if (cumulativeDuration + el.duration > maxCumulativeDuration) break;
        cumulativeDistance += el.distance;
        cumulativeDuration += el.duration;
      }
      const velocity = cumulativeDistance / (cumulativeDuration * 1e-6);
      alpha = 1 - 1 / (1 + this.p.velocityScale * Math.abs(velocity));
      this.window.unshift({ distance, duration });
      if (this.window.length > this.p.windowSize) this.window.pop();
    }
    this.lastValue = value;
    this.lastValueScale = valueScale;
    this.lastTimestamp = us;
    return this.lowPass.apply(value, alpha);
  }
}

/** casiez OneEuroFilter.py (b992684) :50-59, :111-113, :127-137; None as undefined. */
class RefCasiez {
  freq: number | undefined;
  lastTime: number | undefined;
  x = { y: undefined as number | undefined, s: undefined as number | undefined };
  dx = { y: undefined as number | undefined, s: undefined as number | undefined };
  constructor(private p: CasiezParams) {
    this.freq = p.frequency;
  }
  alpha(cutoff: number): number {
    const te = 1.0 / (this.freq as number);
    const tau = 1.0 / (2 * Math.PI * cutoff);
    return 1.0 / (1.0 + tau / te);
  }
  lp(f: { y: number | undefined; s: number | undefined }, v: number, a: () => number): number {
    const s = f.y === undefined ? v : a() * v + (1.0 - a()) * (f.s as number);
    f.y = v;
    f.s = s;
    return s;
  }
  apply(x: number, t: number | undefined): number {
    if (this.lastTime && t && t > this.lastTime) this.freq = 1.0 / (t - this.lastTime);
    this.lastTime = t;
    const prev = this.p.raw ? this.x.y : this.x.s;
    const dx = prev === undefined ? 0.0 : (x - prev) * (this.freq as number);
    const edx = this.lp(this.dx, dx, () => this.alpha(this.p.dCutoff));
    const cutoff = this.p.minCutoff + this.p.beta * Math.abs(edx);
    return this.lp(this.x, x, () => this.alpha(cutoff));
  }
  reset(): void {
    this.x.y = undefined;
    this.dx.y = undefined;
    this.lastTime = undefined;
  }
}

/** A frame: per channel a value (NaN sometimes), one timestamp and value scale for all. */
const frames = (C: number) =>
  fc.array(
    fc.record({
      dt: fc.oneof(fc.constantFrom(0, -20_000, 33_333.25), fc.double({ min: 1, max: 700_000, noNaN: true })),
      scale: fc.constantFrom(1, 1 / 200, 1 / 37),
      vals: fc.array(fc.oneof({ weight: 9, arbitrary: fc.double({ min: -800, max: 800, noNaN: true }) }, { weight: 1, arbitrary: fc.constant(NaN) }), { minLength: C, maxLength: C }),
      reset: fc.boolean(),
    }),
    { minLength: 1, maxLength: 40 },
  );

const tfjsSets: OneEuroParams[] = [
  { frequency: 30, minCutOff: 2.5, beta: 300, derivateCutOff: 2.5, thresholdCutOff: 0.5, thresholdBeta: 5 },
  { frequency: 30, minCutOff: 0.05, beta: 80, derivateCutOff: 1, thresholdCutOff: null, thresholdBeta: 0 },
  { frequency: 60, minCutOff: 1, beta: 0.007, derivateCutOff: 1, thresholdCutOff: null, thresholdBeta: 0 },
];

function runBank(bank: { applyRows: TfjsOneEuroBank['applyRows'] }, refs: { apply(v: number, us: number, s: number): number }[], C: number, fs: { dt: number; scale: number; vals: number[] }[], t0: number): void {
  let t = t0;
  for (const f of fs) {
    t += f.dt;
    const data = Float64Array.from(f.vals);
    // rows of D = 3 (x, y, score) with 2 coordinates, channels k·3 + c, as the keypoints filter uses them
    const K = C / 2;
    const rows = new Float64Array(K * 3);
    for (let k = 0; k < K; k++) {
      rows[k * 3] = data[k * 2];
      rows[k * 3 + 1] = data[k * 2 + 1];
      rows[k * 3 + 2] = 0.5;
    }
    bank.applyRows(rows, 0, K, 3, 2, 0, 3, t, f.scale);
    for (let k = 0; k < K; k++) {
      for (let c = 0; c < 2; c++) {
        const v = data[k * 2 + c];
        const want = Number.isNaN(v) ? NaN : refs[k * 3 + c].apply(v, t, f.scale);
        expect(Object.is(rows[k * 3 + c], want)).toBe(true);
      }
      expect(rows[k * 3 + 2]).toBe(0.5);
    }
  }
}

describe('flat-state banks are bit-identical to the reference state machines', () => {
  it('TfjsOneEuroBank ≡ one tfjs OneEuroFilter per channel (asinh cap and plain, any timestamps)', () => {
    fc.assert(
      fc.property(fc.constantFrom(...tfjsSets), frames(6), fc.constantFrom(0, 1234567890.25, 5), (p, fs, t0) => {
        const refs = Array.from({ length: 9 }, () => new RefOneEuro(p));
        runBank(new TfjsOneEuroBank(p, 9), refs, 6, fs, t0);
      }),
      { numRuns: 150 },
    );
  });
  it('RelativeVelocityBank ≡ one tfjs RelativeVelocityFilter per channel (window 1, 3, 10)', () => {
    fc.assert(
      fc.property(fc.constantFrom(1, 3, 10), fc.constantFrom(0.5, 10, 20), frames(6), fc.constantFrom(0, 1234567890.25), (windowSize, velocityScale, fs, t0) => {
        const p = { windowSize, velocityScale };
        const refs = Array.from({ length: 9 }, () => new RefVelocity(p));
        runBank(new RelativeVelocityBank(p, 9), refs, 6, fs, t0);
      }),
      { numRuns: 150 },
    );
  });
  it('CasiezBank ≡ one casiez OneEuroFilter per channel (both derivatives, None/0/repeated timestamps, reset)', () => {
    fc.assert(
      fc.property(
        fc.constantFrom({ minCutoff: 1, beta: 0, dCutoff: 1 }, { minCutoff: 1, beta: 0.007, dCutoff: 1 }, { minCutoff: 2.5, beta: 300, dCutoff: 2.5 }),
        fc.boolean(),
        fc.constantFrom(30, 120),
        frames(5),
        fc.constantFrom('none', 'zero', 'seconds'),
        (set, raw, frequency, fs, kind) => {
          const p: CasiezParams = { ...set, frequency, raw };
          const bank = new CasiezBank(p, 5);
          const refs = Array.from({ length: 5 }, () => new RefCasiez(p));
          const out = new Float64Array(5);
          let t = kind === 'zero' ? 0 : 1;
          for (const f of fs) {
            if (f.reset) {
              bank.reset();
              for (const r of refs) r.reset();
            }
            t += f.dt * 1e-6;
            const ts = kind === 'none' ? undefined : t;
            bank.filter(f.vals, ts ?? 0, out);
            for (let j = 0; j < 5; j++) expect(Object.is(out[j], Number.isNaN(f.vals[j]) ? NaN : refs[j].apply(f.vals[j], ts))).toBe(true);
          }
        },
      ),
      { numRuns: 150 },
    );
  });
  it('CasiezBank without a frequency throws before changing any state when a channel needs one', () => {
    const bank = new CasiezBank({ minCutoff: 1, beta: 0, dCutoff: 1, frequency: undefined, raw: false }, 2);
    const out = new Float64Array(2);
    bank.filter([1, NaN], 0, out);
    expect(() => bank.filter([2, 3], 0, out)).toThrow(/options\.frequency/);
    bank.filter([NaN, 3], 5, out); // channel 1 untouched by the throw: still its first sample
    expect(out[1]).toBe(3);
    expect(() => bank.filter([NaN, 4], 6, out)).not.toThrow(); // channel 1: 1/(6 − 5)
    expect(() => bank.filter([2, NaN], 6, out)).toThrow(/options\.frequency/); // channel 0: lastTime 0 is falsy
  });
});
