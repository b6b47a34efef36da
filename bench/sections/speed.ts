/**
 * Decoder speed: median and spread of repeated runs on network-sized batches,
 * the ratio to a plain summing loop over the same Float32Array measured in the
 * same run (the memory-bandwidth floor), and the extra memory of one call.
 */
import type { NdArray } from 'ndarray';
import { createPrng } from '../../src/core/prng.js';
import { BENCH_DECODERS, type BenchDecoder } from '../workload/decoders.js';
import { gaussianBatch, combinedBatch } from '../workload/synthetic-batch.js';
import { sumLoop } from '../util/sum-baseline.js';
import { timeInterleaved, summarizeTimings, measureExtraBytes, type TimingSummary } from '../util/timing.js';
import type { BenchSettings, BatchShape } from '../settings.js';
import type { Progress } from '../../src/cli/progress.js';

/** Speed targets from the issue: decoder time / summing-loop time. */
export const SPEED_TARGETS: Readonly<Record<string, number>> = { argmax: 1.3, quarter: 1.5, 'dark-k11': 2, 'dark-k3': 2 };

export interface SpeedRow {
  batch: string;
  /** `[B, C, H, W]` of the maps read (C = 3K for the combined decoder). */
  shape: number[];
  decoder: string;
  /** Backend: `cpu` for the TypeScript decoders, the gpu.js kernel name otherwise. */
  backend: string;
  timing: TimingSummary;
  /** Summing loop over the same data, same run. */
  baseline: TimingSummary;
  /** `timing.medianMs / baseline.medianMs`. */
  ratio: number;
  /** Target ratio, where the issue sets one. */
  target?: number;
  /** Typed-array bytes still held after one call (upper bound on peak extra buffer memory), NaN if unmeasurable. */
  extraBytes: number;
  /** JS-heap bytes still held after one call (small objects, typed arrays under V8's on-heap limit). */
  extraHeapBytes: number;
  /** Bytes of the input batch, for scale. */
  batchBytes: number;
  /** Throughput, maps per millisecond. */
  mapsPerMs: number;
}

/** Whole-body combined batches would be 3·256·133·64·48·4 B = 1.25 GB, over the library's 1 GiB cap: skipped. */
function decodersFor(b: BatchShape): BenchDecoder[] {
  const combinedElements = 3 * b.shape.reduce((p, s) => p * s, 1);
  return BENCH_DECODERS.filter((d) => d.kind === 'gaussian' || combinedElements * 4 <= 2 ** 30);
}

/** Number of progress steps {@link runSpeed} reports. */
export function speedSteps(settings: BenchSettings): number {
  return settings.batches.reduce((s, b) => s + decodersFor(b).length, 0);
}

/** Time one decoder on one batch against the summing loop. */
export function timeDecoder(batchId: string, maps: NdArray<Float32Array>, decode: () => unknown, decoderId: string, backend: string, runs: number): SpeedRow {
  const data = maps.data;
  const { samples, baseline } = timeInterleaved(decode, () => sumLoop(data), runs);
  const timing = summarizeTimings(samples);
  const base = summarizeTimings(baseline);
  const [B, C] = maps.shape;
  const mem = measureExtraBytes(decode);
  return {
    batch: batchId,
    shape: maps.shape.slice(),
    decoder: decoderId,
    backend,
    timing,
    baseline: base,
    ratio: timing.medianMs / base.medianMs,
    target: SPEED_TARGETS[decoderId],
    extraBytes: mem.arrayBuffers,
    extraHeapBytes: mem.heap,
    batchBytes: data.byteLength,
    mapsPerMs: (B * C) / timing.medianMs,
  };
}

/** Run every CPU decoder on every batch shape of the settings. */
export function runSpeed(settings: BenchSettings, progress: Progress): SpeedRow[] {
  const rows: SpeedRow[] = [];
  progress.phase('decoder speed', speedSteps(settings));
  settings.batches.forEach((b, bi) => {
    const rng = createPrng(settings.seed + 99 + bi);
    let gauss: NdArray<Float32Array> | null = gaussianBatch(rng, b.shape);
    let combined: NdArray<Float32Array> | null = null;
    for (const dec of decodersFor(b)) {
      let maps: NdArray<Float32Array>;
      if (dec.kind === 'combined') {
        gauss = null; // combined runs last: free the Gaussian batch first
        combined ??= combinedBatch(rng, b.shape);
        maps = combined;
      } else maps = gauss!;
      rows.push(timeDecoder(b.id, maps, () => dec.decode(maps), dec.id, 'cpu', settings.speedRuns));
      progress.step(`${b.label} ${dec.label}`);
    }
  });
  return rows;
}
