/**
 * The shape of `results.json`: everything one `posecodec bench` run measured,
 * plus where and when.
 */
import type { ErrorRow } from './sections/quantization.js';
import type { FlipRow } from './sections/flip-bias.js';
import type { ApRow } from './sections/oracle-ap.js';
import type { SpeedRow } from './sections/speed.js';
import type { MachineInfo } from './util/machine.js';
import type { RealHeatmapRow } from './sections/real-heatmaps.js';
import type { ExtraResult } from './sections/extra-types.js';

/** Timing of `cocoKeypointEval` (the metrics benchmark, bench/coco-eval.ts). */
export interface CocoEvalTiming {
  /** The workload evaluated. */
  description: string;
  /** Evaluate + accumulate + summarize, median of `runs`, ms. */
  medianMs: number;
  /** JSON.parse of GT and results, ms. */
  parseMs: number;
  /** Peak resident set size during the run, MiB. */
  peakRssMB: number;
  runs: number;
}

export interface BenchResults {
  /** ISO date-time of the run. */
  date: string;
  machine: MachineInfo;
  quick: boolean;
  seed: number;
  posecodecVersion: string;
  settings: { interiorPoints: number; borderPoints: number; flipPoints: number; speedRuns: number; batches: string[] };
  durationS: number;
  quantization: ErrorRow[];
  flip: FlipRow[];
  /** null with `oracleApSkipped` when not run. */
  oracleAp: ApRow[] | null;
  oracleApSkipped?: string;
  /** The ground truth the oracle AP encoded: a COCO file (`--coco`, or ../shared in a checkout) or synthetic persons. */
  oracleApGroundTruth?: string;
  speed: SpeedRow[];
  /** GPU.js decoders (null with `gpuSkipped` when unavailable). */
  gpu: SpeedRow[] | null;
  gpuSkipped?: string;
  cocoEval: CocoEvalTiming | null;
  /** Decoders on real network heatmaps vs COCO GT (null with `realHeatmapsSkipped` when the data is absent). */
  realHeatmaps: RealHeatmapRow[] | null;
  realHeatmapsSkipped?: string;
  /** Per-area benchmarks (bench/sections/extra.ts); SVG text is written to files, not results.json. */
  extras: ExtraResult[];
  /** One line per missed target, with its measured number. */
  targetsMissed: string[];
}
