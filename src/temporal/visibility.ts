/**
 * tfjs-models' `LowPassVisibilityFilter` (shared/filters/visibility_smoothing.ts, pose-detection
 * 2.1.3): one low-pass per landmark score (BlazePose's visibility smoothing).
 */
import { checkNdArray, isNdArray } from '../core/ndarray.js';
import { LowPassState } from './low-pass.js';
import { describeValue, finiteOption, optionsBag } from './validate.js';

/** A stateful per-landmark score smoother. */
export interface LowPassVisibilityFilter {
  /**
   * Smooth the scores `[K]` (ndarray, typed array or number[]) of one frame; returns a fresh
   * Float64Array `[K]`. `null` drops the filters (the next frame passes through) and returns
   * `null`; a change of K recreates them (T8). A NaN score passes through untouched. O(K).
   */
  apply(scores: ArrayLike<number> | import('ndarray').NdArray | null | undefined): Float64Array | null;
  reset(): void;
}

function readScores(v: unknown): Float64Array {
  if (isNdArray(v)) {
    const a = checkNdArray('scores', v, { ranks: [1] });
    const out = new Float64Array(a.shape[0]);
    for (let i = 0; i < out.length; i++) out[i] = a.data[a.offset + i * a.stride[0]];
    return out;
  }
  if (!Array.isArray(v) && !(ArrayBuffer.isView(v) && !(v instanceof DataView))) throw new TypeError(`scores must be an array of K numbers, got ${describeValue(v)}`);
  const a = v as ArrayLike<unknown>;
  const out = new Float64Array(a.length);
  for (let i = 0; i < a.length; i++) {
    if (typeof a[i] !== 'number') throw new TypeError(`scores[${i}] must be a number, got ${describeValue(a[i])}`);
    out[i] = a[i] as number;
  }
  return out;
}

/**
 * tfjs-models `new LowPassVisibilityFilter({ alpha })`, float64-exact: per landmark
 * `s₀ = v₀`, `sₜ = sₜ₋₁ + alpha·(vₜ − sₜ₋₁)`. BlazePose uses alpha 0.1.
 * @throws TypeError / RangeError naming `options.alpha` unless it is a number in [0, 1].
 */
export function createLowPassVisibilityFilter(options: { alpha: number }): LowPassVisibilityFilter {
  const o = optionsBag('options', options);
  const alpha = finiteOption('options.alpha', o.alpha, { min: 0, max: 1 });
  let filters: LowPassState[] | null = null;
  return {
    apply(scores) {
      if (scores === null || scores === undefined) {
        filters = null;
        return null;
      }
      const s = readScores(scores);
      if (filters === null || filters.length !== s.length) filters = Array.from({ length: s.length }, () => new LowPassState(alpha));
      for (let i = 0; i < s.length; i++) if (!Number.isNaN(s[i])) s[i] = filters[i].apply(s[i]);
      return s;
    },
    reset() {
      filters = null;
    },
  };
}
