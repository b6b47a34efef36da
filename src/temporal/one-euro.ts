/**
 * The 1€ filter of Casiez, Roussel & Vogel (CHI 2012), as the reference implementation
 * casiez/OneEuroFilter `python/OneEuroFilter/OneEuroFilter.py` (b992684) computes it, and the
 * tfjs-models variant behind `type: 'tfjs'`. Time in seconds (Casiez) or microseconds (tfjs).
 */
import { TfjsOneEuroBank, oneEuroParams, type TfjsOneEuroConfig } from './tfjs-one-euro.js';
import { scalarStream, type ScalarStreamFilter } from './relative-velocity.js';
import { checkTimestamp, describeValue, enumOption, finiteOption, optionsBag } from './validate.js';

/** Options of the Casiez filter (`type: 'casiez'`, the default). Cutoffs in Hz. */
export interface OneEuroOptions {
  type?: 'casiez';
  /** Minimum cutoff frequency, Hz (> 0; default 1). Lower removes more jitter at low speed. */
  minCutoff?: number;
  /** Speed coefficient (≥ 0; default 0). Higher reduces lag at high speed. */
  beta?: number;
  /** Cutoff of the derivative's low-pass, Hz (> 0; default 1). */
  dCutoff?: number;
  /**
   * Sampling frequency, Hz (> 0): the explicit fallback used until (and whenever) the timestamps
   * cannot give one — no timestamps, a first timestamp of 0, a repeated or decreasing timestamp.
   * Without it such a sample throws a `RangeError`.
   */
  frequency?: number;
  /**
   * Derivative against the previous `'filtered'` value (the paper and the file today, default) or
   * the previous `'raw'` sample (the 2012-era code, MediaPipe and tfjs-models).
   */
  derivative?: 'filtered' | 'raw';
}

/** `createOneEuroFilter({ type: 'tfjs', ... })`: tfjs-models' config names. */
export interface TfjsOneEuroOptions extends TfjsOneEuroConfig {
  type: 'tfjs';
}

/** A Casiez 1€ filter: scalars, or a vector of independent channels sharing the timestamps. */
export interface OneEuroFilter {
  /**
   * Filter `value` at `timestampSeconds` (optional). A number gives a number; an array or typed
   * array of D values gives a fresh Float64Array of D values (D independent filters, one per
   * channel, as one reference filter per column). NaN channels come back NaN and leave that
   * channel's state untouched (the reference has no absent value; fed a NaN it would return NaN
   * for ever). Cost O(D).
   */
  filter(value: number, timestampSeconds?: number | null): number;
  filter(value: ArrayLike<number>, timestampSeconds?: number | null): Float64Array;
  /**
   * The reference's `reset()` (OneEuroFilter.py): forgets the last raw values and the last
   * timestamp, keeps the frequency and the last filtered value — so with `derivative: 'filtered'`
   * the first derivative after a reset is taken against the value before it, as in the
   * reference. Create a new filter for a clean start. A reset also allows a new channel count.
   */
  reset(): void;
}

interface LowPass {
  /** Last raw value (`__y`, undefined = None). */
  y: number | undefined;
  /** Last filtered value (`__s`), kept by `reset()`. */
  s: number | undefined;
}

interface Channel {
  freq: number | undefined;
  lastTime: number | undefined;
  x: LowPass;
  dx: LowPass;
}

interface CasiezParams {
  minCutoff: number;
  beta: number;
  dCutoff: number;
  frequency: number | undefined;
  raw: boolean;
}

function needFrequency(freq: number | undefined): number {
  if (freq === undefined) {
    throw new RangeError('options.frequency is required: the timestamps do not give a sampling frequency for this sample (none given, a first timestamp of 0, or one that does not advance)');
  }
  return freq;
}

/** `__alpha` (OneEuroFilter.py:111-113) in the reference's order: te = 1/freq; tau = 1/(2π·cutoff); 1/(1 + tau/te). */
function alpha(freq: number | undefined, cutoff: number): number {
  const te = 1.0 / needFrequency(freq);
  const tau = 1.0 / (2 * Math.PI * cutoff);
  return 1.0 / (1.0 + tau / te);
}

/** The low-pass (:50-59): first value passes through; then `a·x + (1 − a)·s`. Alpha is computed only when used. */
function lowPass(f: LowPass, value: number, a: () => number): number {
  let s = value;
  if (f.y !== undefined) {
    const al = a();
    s = al * value + (1.0 - al) * (f.s as number);
  }
  f.y = value;
  f.s = s;
  return s;
}

/** Python truthiness of an optional number (None and 0.0 are falsy). */
function truthy(t: number | undefined): t is number {
  return t !== undefined && t !== 0;
}

/** One call of the reference filter (:127-137) on one channel. */
function step(p: CasiezParams, c: Channel, x: number, timestamp: number | undefined): number {
  // C2, OneEuroFilter.py:127-129: 0.0 is falsy; a repeat or a step back keeps freq but still becomes lasttime.
  if (truthy(c.lastTime) && truthy(timestamp) && timestamp > c.lastTime) c.freq = 1.0 / (timestamp - c.lastTime);
  c.lastTime = timestamp;
  // C3, :131: lastFilteredValue() (as published) or lastValue() (the 2012 code).
  const prev = p.raw ? c.x.y : c.x.s;
  const dx = prev === undefined ? 0.0 : (x - prev) * needFrequency(c.freq);
  const edx = lowPass(c.dx, dx, () => alpha(c.freq, p.dCutoff));
  const cutoff = p.minCutoff + p.beta * Math.abs(edx);
  return lowPass(c.x, x, () => alpha(c.freq, cutoff));
}

function newChannel(p: CasiezParams): Channel {
  return { freq: p.frequency, lastTime: undefined, x: { y: undefined, s: undefined }, dx: { y: undefined, s: undefined } };
}

function casiezParams(o: Partial<OneEuroOptions>): CasiezParams {
  return {
    minCutoff: finiteOption('options.minCutoff', o.minCutoff, { fallback: 1, positive: true }),
    beta: finiteOption('options.beta', o.beta, { fallback: 0, min: 0 }),
    dCutoff: finiteOption('options.dCutoff', o.dCutoff, { fallback: 1, positive: true }),
    frequency: o.frequency === undefined ? undefined : finiteOption('options.frequency', o.frequency, { positive: true }),
    raw: enumOption('options.derivative', o.derivative, ['filtered', 'raw'] as const, 'filtered') === 'raw',
  };
}

function createCasiez(p: CasiezParams): OneEuroFilter {
  let channels: Channel[] | null = null;
  let vector = false;
  let wasReset = false;
  function filter(value: number, timestampSeconds?: number | null): number;
  function filter(value: ArrayLike<number>, timestampSeconds?: number | null): Float64Array;
  function filter(value: number | ArrayLike<number>, timestampSeconds?: number | null): number | Float64Array {
    const ts = timestampSeconds === undefined || timestampSeconds === null ? undefined : checkTimestamp('timestampSeconds', timestampSeconds);
    const isNum = typeof value === 'number';
    if (!isNum && !(Array.isArray(value) || ArrayBuffer.isView(value))) {
      throw new TypeError(`value must be a number or an array of numbers, got ${describeValue(value)}`);
    }
    const vals: ArrayLike<number> = isNum ? [value] : (value as ArrayLike<number>);
    if (!isNum) for (let i = 0; i < vals.length; i++) if (typeof vals[i] !== 'number') throw new TypeError(`value[${i}] must be a number, got ${describeValue(vals[i])}`);
    if (channels === null || (wasReset && (channels.length !== vals.length || vector !== !isNum))) {
      channels = Array.from({ length: vals.length }, () => newChannel(p));
      vector = !isNum;
    } else if (channels.length !== vals.length || vector !== !isNum) {
      throw new RangeError(`value must keep its shape (${vector ? `${channels.length} channels` : 'a number'}), got ${isNum ? 'a number' : `${vals.length} values`}; call reset() first`);
    }
    wasReset = false;
    const out = new Float64Array(vals.length);
    for (let i = 0; i < vals.length; i++) out[i] = Number.isNaN(vals[i]) ? NaN : step(p, channels[i], vals[i], ts);
    return isNum ? out[0] : out;
  }
  return {
    filter,
    reset() {
      // OneEuroFilter.py reset(): x.reset(), dx.reset() (clear __y only), lasttime = None.
      for (const c of channels ?? []) {
        c.x.y = undefined;
        c.dx.y = undefined;
        c.lastTime = undefined;
      }
      wasReset = true;
    },
  };
}

/**
 * Create a 1€ filter.
 *
 * Default (`type: 'casiez'`): casiez/OneEuroFilter `OneEuroFilter(freq, mincutoff, beta,
 * dcutoff)` called as `f(x, timestamp)`, float64-exact: `freq ← 1/(t − t_last)` only when both are
 * non-zero and `t > t_last` (quirk C2); `ẋ = (x − x̂_prev)·freq` (or the previous raw sample with
 * `derivative: 'raw'`), 0 on the first call; `ėx = LP(ẋ, α(dCutoff))`; `cutoff = minCutoff +
 * beta·|ėx|`; `x̂ = LP(x, α(cutoff))`, `α(c) = 1/(1 + (1/(2πc))/(1/freq))`; the first sample
 * passes through. Cost O(1) per channel.
 *
 * `type: 'tfjs'`: tfjs-models `new OneEuroFilter(config)` with its config names; `apply(value |
 * null, microSeconds, valueScale)` (see {@link TfjsOneEuroBank} for the rules), float64-exact.
 *
 * @throws TypeError / RangeError naming the option: cutoffs and frequency must be finite and > 0,
 *   beta finite and ≥ 0, `derivative` 'filtered' or 'raw'.
 */
export function createOneEuroFilter(options?: OneEuroOptions): OneEuroFilter;
export function createOneEuroFilter(options: TfjsOneEuroOptions): ScalarStreamFilter;
export function createOneEuroFilter(options: OneEuroOptions | TfjsOneEuroOptions = {}): OneEuroFilter | ScalarStreamFilter {
  const o = optionsBag('options', options) as Partial<OneEuroOptions | TfjsOneEuroOptions>;
  const type = enumOption('options.type', o.type, ['casiez', 'tfjs'] as const, 'casiez');
  if (type === 'tfjs') {
    const p = oneEuroParams('options', o);
    return scalarStream(() => new TfjsOneEuroBank(p, 1));
  }
  return createCasiez(casiezParams(o as Partial<OneEuroOptions>));
}
