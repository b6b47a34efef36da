/**
 * Wall-clock timing and extra-memory measurement for the speed benchmark.
 *
 * Timings use `process.hrtime.bigint()` (ns). A decoder and the summing-loop
 * baseline are run alternately, so drift (thermal, other processes) hits both
 * equally and their ratio is measured "in the same run".
 */
import v8 from 'node:v8';
import vm from 'node:vm';
import { median, iqr, quantile } from './stats.js';

/** Summary of repeated timings, milliseconds. */
export interface TimingSummary {
  runs: number;
  medianMs: number;
  /** Interquartile range (Q3 − Q1), ms. */
  iqrMs: number;
  minMs: number;
  p90Ms: number;
}

/** Summarise raw samples (ms). */
export function summarizeTimings(samples: ArrayLike<number>): TimingSummary {
  return {
    runs: samples.length,
    medianMs: median(samples),
    iqrMs: iqr(samples),
    minMs: quantile(samples, 0),
    p90Ms: quantile(samples, 0.9),
  };
}

/** Run `fn` once and return elapsed milliseconds (and keep its result alive until measured). */
export function timeOnce(fn: () => unknown): number {
  const t0 = process.hrtime.bigint();
  const r = fn();
  const t1 = process.hrtime.bigint();
  keep(r);
  return Number(t1 - t0) / 1e6;
}

let sink: unknown;
/** Defeat dead-code elimination of benchmarked results. */
function keep(v: unknown): void {
  sink = v;
}
/** The last value kept (exported so the sink is observable and not optimised away). */
export function lastKept(): unknown {
  return sink;
}

/** Calls per timed sample so that one sample lasts at least `minMs` (short calls are repeated; the sample is the mean per call). */
export function repetitionsFor(estimateMs: number, minMs: number): number {
  return estimateMs >= minMs ? 1 : Math.min(10_000, Math.ceil(minMs / Math.max(estimateMs, 1e-4)));
}

function timeReps(fn: () => unknown, reps: number): number {
  const t0 = process.hrtime.bigint();
  let r: unknown;
  for (let i = 0; i < reps; i++) r = fn();
  const t1 = process.hrtime.bigint();
  keep(r);
  return Number(t1 - t0) / 1e6 / reps;
}

/**
 * Time `fn` and `baseline` alternately: warm both up (at least `warmup` calls
 * and 20 ms each, so the JIT has compiled them), then `runs` timed pairs.
 * Calls shorter than 1 ms are repeated within a sample (mean per call), so
 * timer resolution and a stray GC pause do not dominate the latency numbers.
 * @returns per-call samples in ms for both
 */
export function timeInterleaved(fn: () => unknown, baseline: () => unknown, runs: number, warmup = 3): { samples: number[]; baseline: number[] } {
  const warm = (f: () => unknown): number => {
    let spent = 0;
    let n = 0;
    let last = Infinity;
    while (n < warmup || spent < 20) {
      last = timeOnce(f);
      spent += last;
      n++;
      if (n > 10_000) break;
    }
    return last;
  };
  const repsF = repetitionsFor(warm(fn), 1);
  const repsB = repetitionsFor(warm(baseline), 1);
  const samples: number[] = [];
  const base: number[] = [];
  for (let i = 0; i < runs; i++) {
    base.push(timeReps(baseline, repsB));
    samples.push(timeReps(fn, repsF));
  }
  return { samples, baseline: base };
}

let gcFn: (() => void) | null | undefined;
/**
 * `global.gc` without starting node with `--expose-gc`: set the V8 flag at
 * run time and fetch `gc` from a fresh context (the flag is read when a
 * context is created). Returns null where that is not possible.
 */
export function getGc(): (() => void) | null {
  if (gcFn !== undefined) return gcFn;
  try {
    const g = (globalThis as { gc?: () => void }).gc;
    if (typeof g === 'function') gcFn = g;
    else {
      v8.setFlagsFromString('--expose-gc');
      const f = vm.runInNewContext('gc') as unknown;
      gcFn = typeof f === 'function' ? (f as () => void) : null;
    }
  } catch {
    gcFn = null;
  }
  return gcFn;
}

/**
 * Bytes allocated by one call of `fn` that are still held when it returns
 * (typed-array backing stores + JS heap), after a full GC before the call.
 * No GC runs between the call and the reading unless V8 forces one, so
 * temporaries are counted too: this is an upper bound on the peak extra
 * memory of the call, up to a mid-call GC (which V8 triggers only under
 * pressure — a batch-sized temporary still shows up in `arrayBuffers`
 * because it is live while the call runs). NaN when GC is unavailable.
 */
export function measureExtraBytes(fn: () => unknown): ExtraMemory {
  const gc = getGc();
  if (!gc) return { arrayBuffers: NaN, heap: NaN };
  gc();
  gc();
  const before = process.memoryUsage();
  const r = fn();
  const after = process.memoryUsage();
  keep(r);
  return { arrayBuffers: Math.max(0, after.arrayBuffers - before.arrayBuffers), heap: Math.max(0, after.heapUsed - before.heapUsed) };
}

/** Extra memory of one call, bytes: typed-array backing stores (where a batch-sized temporary would show) and JS heap. */
export interface ExtraMemory {
  arrayBuffers: number;
  heap: number;
}
