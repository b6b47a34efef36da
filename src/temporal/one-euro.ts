/**
 * The 1€ filter of Casiez, Roussel & Vogel (CHI 2012), as the reference implementation
 * casiez/OneEuroFilter `python/OneEuroFilter/OneEuroFilter.py` (b992684) computes it, and the
 * tfjs-models variant behind `type: 'tfjs'`. Time in seconds (Casiez) or microseconds (tfjs).
 */
import { TfjsOneEuroBank, oneEuroParams, type TfjsOneEuroConfig } from './tfjs-one-euro.js';
import { scalarStream, type ScalarStreamFilter } from './relative-velocity.js';
import { CasiezBank, type CasiezParams } from './casiez-bank.js';
import { checkTimestamp, describeValue, enumOption, finiteOption, optionsBag, rateOption } from './validate.js';

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
   * Sampling frequency, Hz (in [2^-60, 2^60]): the explicit fallback used until (and whenever) the timestamps
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
   * for ever). Without `options.frequency`, a call in which a channel needs one it cannot get from
   * the timestamps throws a `RangeError` before any state changes. Cost O(D), flat state
   * ({@link CasiezBank}); one allocation per vector call (the output).
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

function casiezParams(o: Partial<OneEuroOptions>): CasiezParams {
  return {
    minCutoff: finiteOption('options.minCutoff', o.minCutoff, { fallback: 1, positive: true }),
    beta: finiteOption('options.beta', o.beta, { fallback: 0, min: 0 }),
    dCutoff: finiteOption('options.dCutoff', o.dCutoff, { fallback: 1, positive: true }),
    // 5e-324 Hz gives te = +∞ and 1e308 Hz a Δx·freq overflow (0·∞ = NaN with beta 0) in OneEuroFilter.py:111-113, :131-135.
    frequency: o.frequency === undefined ? undefined : rateOption('options.frequency', o.frequency),
    raw: enumOption('options.derivative', o.derivative, ['filtered', 'raw'] as const, 'filtered') === 'raw',
  };
}

/** Typed arrays whose elements are always numbers (no per-element type check needed). */
function isFloatArray(v: unknown): v is Float64Array | Float32Array {
  return v instanceof Float64Array || v instanceof Float32Array;
}

function createCasiez(p: CasiezParams): OneEuroFilter {
  let bank: CasiezBank | null = null;
  let vector = false;
  let wasReset = false;
  const cell = new Float64Array(1);
  function filter(value: number, timestampSeconds?: number | null): number;
  function filter(value: ArrayLike<number>, timestampSeconds?: number | null): Float64Array;
  function filter(value: number | ArrayLike<number>, timestampSeconds?: number | null): number | Float64Array {
    // None is stored as 0: the reference only tests its truthiness (C2).
    const ts = timestampSeconds === undefined || timestampSeconds === null ? 0 : checkTimestamp('timestampSeconds', timestampSeconds);
    const isNum = typeof value === 'number';
    if (!isNum && !isFloatArray(value)) {
      if (!(Array.isArray(value) || ArrayBuffer.isView(value))) throw new TypeError(`value must be a number or an array of numbers, got ${describeValue(value)}`);
      const vs = value as ArrayLike<unknown>;
      for (let i = 0; i < vs.length; i++) if (typeof vs[i] !== 'number') throw new TypeError(`value[${i}] must be a number, got ${describeValue(vs[i])}`);
    }
    const n = isNum ? 1 : (value as ArrayLike<number>).length;
    if (bank === null || (wasReset && (bank.size !== n || vector !== !isNum))) {
      bank = new CasiezBank(p, n);
      vector = !isNum;
    } else if (bank.size !== n || vector !== !isNum) {
      throw new RangeError(`value must keep its shape (${vector ? `${bank.size} channels` : 'a number'}), got ${isNum ? 'a number' : `${n} values`}; call reset() first`);
    }
    wasReset = false;
    if (isNum) {
      cell[0] = value as number;
      bank.filter(cell, ts, cell);
      return cell[0];
    }
    const out = new Float64Array(n);
    bank.filter(value as ArrayLike<number>, ts, out);
    return out;
  }
  return {
    filter,
    reset() {
      // OneEuroFilter.py reset(): x.reset(), dx.reset() (clear __y only), lasttime = None.
      bank?.reset();
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
 * @throws TypeError / RangeError naming the option: cutoffs must be finite and > 0 (a huge
 *   `minCutoff` is the reference's pass-through, α = 1), `frequency` in [2^-60, 2^60] Hz,
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
