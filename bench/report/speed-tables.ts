/** Speed tables of a benchmark run and the list of missed speed and memory targets. */
import { fmt, fmtBytes, type Table } from './table.js';
import { decLabel } from './labels.js';
import type { BenchResults } from '../results.js';
import type { SpeedRow } from '../sections/speed.js';

function targetCell(r: SpeedRow): string {
  if (r.target === undefined) return '';
  return r.ratio <= r.target ? `≤ ${r.target} met` : `≤ ${r.target} MISSED`;
}

/** Speed rows of one batch shape. */
export function speedTable(rows: SpeedRow[], batch: string, title: string): Table {
  const sel = rows.filter((r) => r.batch === batch);
  const b = sel[0];
  return {
    title: `${title} ${b ? `[${b.shape.join('×')}] float32` : ''}`,
    header: ['decoder', 'backend', 'median ms', 'IQR ms', 'sum loop ms', 'ratio', 'target', 'extra buffers', 'extra heap', 'maps/ms'],
    align: ['left', 'left'],
    rows: sel.map((r) => [decLabel(r.decoder), r.backend, fmt(r.timing.medianMs), fmt(r.timing.iqrMs, 2), fmt(r.baseline.medianMs), fmt(r.ratio), targetCell(r), fmtBytes(r.extraBytes), fmtBytes(r.extraHeapBytes), fmt(r.mapsPerMs)]),
    notes: [`${b ? b.timing.runs : 0} timed runs each, interleaved with the summing loop over the same data (ratio = median / median). Extra buffers / heap: typed-array and JS-heap bytes still held right after one call, GC'd before it (upper bound on the peak; includes the O(B·K) outputs). Input ${b ? fmtBytes(b.batchBytes) : ''}.`],
  };
}

/** The targets the issue sets that this run missed, each with its number. */
export function missedTargets(results: Pick<BenchResults, 'speed'>): string[] {
  const out: string[] = [];
  for (const r of results.speed) {
    if (r.target !== undefined && r.ratio > r.target) out.push(`${decLabel(r.decoder)} on ${r.shape.join('×')}: ${fmt(r.ratio)}× the summing loop (target ≤ ${r.target}×)`);
    if (Number.isFinite(r.extraBytes) && r.extraBytes > 0.5 * r.batchBytes && r.decoder.startsWith('dark')) {
      out.push(`${decLabel(r.decoder)} on ${r.shape.join('×')}: holds ${fmtBytes(r.extraBytes)} extra (batch is ${fmtBytes(r.batchBytes)}; target O(B·K))`);
    }
  }
  return out;
}

