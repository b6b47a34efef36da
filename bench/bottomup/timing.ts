/**
 * Timing helper of the bottom-up benchmark: medians of repeated calls (calls
 * under 1 ms are repeated within a sample) with the process CPU time per
 * call, and best-of-rounds summaries for a shared, loaded machine.
 */
import { summarizeTimings, type TimingSummary } from '../util/timing.js';
import { fmt } from '../report/table.js';

/** Median-of-runs timing of `fn` (calls under 1 ms are repeated within a sample). */
export function time(fn: () => unknown, runs: number): Timing {
  let sink: unknown;
  const once = (): number => {
    const t0 = process.hrtime.bigint();
    sink = fn();
    return Number(process.hrtime.bigint() - t0) / 1e6;
  };
  let spent = 0;
  let est = Infinity;
  for (let i = 0; i < 3 || spent < 30; i++) {
    est = once();
    spent += est;
    if (i > 5000) break;
  }
  const reps = est >= 1 ? 1 : Math.min(1000, Math.ceil(1 / Math.max(est, 1e-4)));
  const samples: number[] = [];
  const cpu: number[] = [];
  for (let r = 0; r < runs; r++) {
    const c0 = process.cpuUsage();
    const t0 = process.hrtime.bigint();
    for (let i = 0; i < reps; i++) sink = fn();
    samples.push(Number(process.hrtime.bigint() - t0) / 1e6 / reps);
    const c1 = process.cpuUsage(c0);
    cpu.push((c1.user + c1.system) / 1e3 / reps);
  }
  void sink;
  return { ...summarizeTimings(samples), cpuMs: summarizeTimings(cpu).medianMs };
}

/** A wall-clock summary plus the median process CPU time per call (ms): on a loaded machine the CPU time is the better estimate of idle wall time. */
export interface Timing extends TimingSummary {
  cpuMs: number;
}

/** `rounds` independent {@link time} measurements of `fn`: the best median (wall and CPU) and the spread of the medians. */
export function timeRounds(fn: () => unknown, runs: number, rounds: number): Timing & { spreadMs: [number, number]; rounds: number } {
  const all = Array.from({ length: rounds }, () => time(fn, runs));
  const best = all.reduce((a, b) => (b.medianMs < a.medianMs ? b : a));
  const meds = all.map((t) => t.medianMs);
  return { ...best, cpuMs: Math.min(...all.map((t) => t.cpuMs)), spreadMs: [Math.min(...meds), Math.max(...meds)], rounds };
}

/** `median ± IQR/2` in ms. */
export const ms = (t: TimingSummary): string => `${fmt(t.medianMs)} ± ${fmt(t.iqrMs / 2, 2)}`;
