/**
 * Validation and snapshot of {@link AnalyzeOptions} (coco-analyze
 * `cocoanalyze.py` `Params.setKpParams`), done once per call: every error
 * names the option.
 */
import { checkOptions } from '../../core/ndarray.js';
import type { AnalyzeMode, AnalyzeOptions, KeypointErrorType } from './types.js';

/** coco-analyze's default area ranges ('all' starts at 32²: small persons are ignored). */
export const ANALYZE_AREA_RANGES: readonly (readonly [number, number])[] = Object.freeze([
  Object.freeze([32 ** 2, 1e5 ** 2] as const),
  Object.freeze([32 ** 2, 96 ** 2] as const),
  Object.freeze([96 ** 2, 1e5 ** 2] as const),
]);
/** Labels of {@link ANALYZE_AREA_RANGES}. */
export const ANALYZE_AREA_LABELS: readonly string[] = Object.freeze(['all', 'medium', 'large']);
/** coco-analyze's OKS thresholds as decimal literals (0.9, not linspace's 0.8999999999999999). */
export const ANALYZE_OKS_THRESHOLDS: readonly number[] = Object.freeze([0.5, 0.55, 0.6, 0.65, 0.7, 0.75, 0.8, 0.85, 0.9, 0.95]);
/** The error types, in coco-analyze's default correction order. */
export const KEYPOINT_ERROR_TYPES: readonly KeypointErrorType[] = Object.freeze(['miss', 'swap', 'inversion', 'jitter'] as const);
/** COCO's left/right keypoint pairs (coco-analyze `inv_idx`). */
export const COCO_FLIP_PAIRS: readonly (readonly [number, number])[] = Object.freeze(
  ([[1, 2], [3, 4], [5, 6], [7, 8], [9, 10], [11, 12], [13, 14], [15, 16]] as const).map((p) => Object.freeze(p)),
);

/** Validated, immutable analysis parameters (one `ca.params` state). */
export interface AnalyzeParams {
  areaRanges: readonly (readonly [number, number])[];
  labels: readonly string[];
  /** Ascending, unique. */
  oksThrs: readonly number[];
  locThr: number;
  jitter: readonly [number, number];
  /** Ascending. */
  maxDets: readonly number[];
  errTypes: readonly KeypointErrorType[];
  corrected: boolean;
  /** coco-analyze `useGtIgnore`: GT records ignored on top of the usual (occlusion report). */
  gtIgnore?: Uint8Array;
}

/** Flags of one `analyze()` call. */
export interface AnalyzeFlags {
  kpts: boolean;
  scores: boolean;
  bckgd: boolean;
}

export interface Settings {
  params: AnalyzeParams;
  flags: AnalyzeFlags;
  verbose: boolean;
  mode: AnalyzeMode;
  sigmas?: ArrayLike<number>;
  flipPairs?: unknown;
  onProgress?: (stage: string, done: number, total: number) => void;
}

function bool(name: string, v: unknown, dflt: boolean): boolean {
  if (v === undefined) return dflt;
  if (typeof v !== 'boolean') throw new TypeError(`${name} must be a boolean, got ${typeof v}`);
  return v;
}

function numberIn(name: string, v: unknown, lo: number, hi: number, openLo: boolean): number {
  if (typeof v !== 'number') throw new TypeError(`${name} must be a number, got ${typeof v}`);
  if (!Number.isFinite(v) || (openLo ? v <= lo : v < lo) || v > hi) throw new RangeError(`${name} must be in ${openLo ? '(' : '['}${lo}, ${hi}], got ${v}`);
  return v;
}

function list(name: string, v: unknown, max = 1e4): unknown[] {
  if (!Array.isArray(v)) throw new TypeError(`${name} must be an array, got ${typeof v}`);
  if (v.length === 0) throw new RangeError(`${name} must not be empty`);
  if (v.length > max) throw new RangeError(`${name} has ${v.length} entries, more than ${max}`);
  return v;
}

function areaRangesOf(v: unknown): (readonly [number, number])[] {
  return list('options.areaRanges', v, 1000).map((r, i) => {
    const name = `options.areaRanges[${i}]`;
    if (!Array.isArray(r) || r.length !== 2) throw new TypeError(`${name} must be a pair [lo, hi]`);
    const lo = numberIn(`${name}[0]`, r[0], -Infinity, Infinity, false);
    const hi = numberIn(`${name}[1]`, r[1], -Infinity, Infinity, false);
    if (lo > hi) throw new RangeError(`${name} must have lo <= hi, got [${lo}, ${hi}]`);
    return Object.freeze([lo, hi] as const);
  });
}

function labelsOf(v: unknown, n: number, given: boolean): string[] {
  if (v === undefined) {
    if (given && n !== ANALYZE_AREA_LABELS.length) throw new RangeError(`options.areaLabels is required with ${n} area ranges`);
    return [...ANALYZE_AREA_LABELS];
  }
  const l = list('options.areaLabels', v, 1000);
  if (l.length !== n) throw new RangeError(`options.areaLabels must have one label per area range (${n}), got ${l.length}`);
  l.forEach((s, i) => {
    if (typeof s !== 'string' || s.length === 0) throw new TypeError(`options.areaLabels[${i}] must be a non-empty string`);
  });
  if (new Set(l).size !== l.length) throw new RangeError('options.areaLabels must be unique');
  return l as string[];
}

function thresholdsOf(v: unknown): number[] {
  if (v === undefined) return [...ANALYZE_OKS_THRESHOLDS];
  const t = list('options.oksThresholds', v, 1000).map((x, i) => numberIn(`options.oksThresholds[${i}]`, x, 0, 1, true));
  if (new Set(t).size !== t.length) throw new RangeError('options.oksThresholds must be unique');
  return t.sort((a, b) => a - b);
}

function jitterOf(v: unknown): readonly [number, number] {
  if (v === undefined) return [0.5, 0.85];
  if (!Array.isArray(v) || v.length !== 2) throw new TypeError('options.jitterThresholds must be a pair [lo, hi]');
  const lo = numberIn('options.jitterThresholds[0]', v[0], 0, 1, true);
  const hi = numberIn('options.jitterThresholds[1]', v[1], 0, 1, true);
  if (lo > hi) throw new RangeError(`options.jitterThresholds must have lo <= hi, got [${lo}, ${hi}]`);
  return [lo, hi];
}

function maxDetsOf(v: unknown): number[] {
  if (v === undefined) return [20];
  const l = typeof v === 'number' ? [v] : list('options.maxDets', v, 100);
  return l
    .map((x, i) => {
      if (typeof x !== 'number' || !Number.isInteger(x)) throw new TypeError(`options.maxDets${typeof v === 'number' ? '' : `[${i}]`} must be an integer`);
      if (x < 1 || x > 1e6) throw new RangeError(`options.maxDets must be in [1, 1e6], got ${x}`);
      return x;
    })
    .sort((a, b) => a - b);
}

function errTypesOf(v: unknown): KeypointErrorType[] {
  if (v === undefined) return [...KEYPOINT_ERROR_TYPES];
  if (!Array.isArray(v)) throw new TypeError('options.errorTypes must be an array');
  v.forEach((e, i) => {
    if (!KEYPOINT_ERROR_TYPES.includes(e)) throw new RangeError(`options.errorTypes[${i}] must be one of ${KEYPOINT_ERROR_TYPES.join(', ')}, got ${String(e)}`);
  });
  if (new Set(v).size !== v.length) throw new RangeError('options.errorTypes must not repeat a type');
  return [...v];
}

/** Validate and snapshot the options. */
export function settingsOf(options: AnalyzeOptions | undefined): Settings {
  const o = checkOptions('options', options);
  const areaRanges = o.areaRanges === undefined ? ANALYZE_AREA_RANGES : areaRangesOf(o.areaRanges);
  const labels = labelsOf(o.areaLabels, areaRanges.length, o.areaRanges !== undefined);
  const mode = o.mode ?? 'reference';
  if (mode !== 'reference' && mode !== 'corrected') throw new RangeError(`options.mode must be 'reference' or 'corrected', got ${String(mode)}`);
  if (o.onProgress !== undefined && typeof o.onProgress !== 'function') throw new TypeError('options.onProgress must be a function');
  const params: AnalyzeParams = Object.freeze({
    areaRanges: Object.freeze([...areaRanges]),
    labels: Object.freeze(labels),
    oksThrs: Object.freeze(thresholdsOf(o.oksThresholds)),
    locThr: o.oksLocalizationThreshold === undefined ? 0.1 : numberIn('options.oksLocalizationThreshold', o.oksLocalizationThreshold, 0, 1, true),
    jitter: Object.freeze(jitterOf(o.jitterThresholds)) as readonly [number, number],
    maxDets: Object.freeze(maxDetsOf(o.maxDets)),
    errTypes: Object.freeze(errTypesOf(o.errorTypes)),
    corrected: mode === 'corrected',
  });
  const flags = {
    kpts: bool('options.checkKeypoints', o.checkKeypoints, true),
    scores: bool('options.checkScores', o.checkScores, true),
    bckgd: bool('options.checkBackground', o.checkBackground, true),
  };
  return { params, flags, verbose: bool('options.verbose', o.verbose, false), mode, sigmas: o.sigmas, flipPairs: o.flipPairs, onProgress: o.onProgress };
}

/** `inv_idx` from left/right pairs: keypoint k of an inverted annotation is keypoint `inv[k]`. */
export function flipIndex(pairs: unknown, K: number, name = 'options.flipPairs'): Int32Array {
  const inv = Int32Array.from({ length: K }, (_, k) => k);
  const p = pairs ?? (K === 17 ? COCO_FLIP_PAIRS : []);
  if (!Array.isArray(p)) throw new TypeError(`${name} must be an array of [i, j] pairs`);
  if (p.length > K) throw new RangeError(`${name} has ${p.length} pairs, more than K = ${K}`);
  const seen = new Set<number>();
  p.forEach((pair, i) => {
    if (!Array.isArray(pair) || pair.length !== 2) throw new TypeError(`${name}[${i}] must be a pair [i, j]`);
    for (let s = 0; s < 2; s++) {
      const v = pair[s];
      if (typeof v !== 'number' || !Number.isInteger(v)) throw new TypeError(`${name}[${i}][${s}] must be an integer`);
      if (v < 0 || v >= K) throw new RangeError(`${name}[${i}][${s}] must be in [0, ${K}), got ${v}`);
      if (seen.has(v)) throw new RangeError(`${name}[${i}][${s}]: keypoint ${v} is in more than one pair`);
      seen.add(v);
    }
    if (pair[0] === pair[1]) throw new RangeError(`${name}[${i}] pairs keypoint ${pair[0]} with itself`);
    inv[pair[0]] = pair[1];
    inv[pair[1]] = pair[0];
  });
  return inv;
}
