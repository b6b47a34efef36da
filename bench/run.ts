/**
 * Run the whole benchmark: quantization error, flip bias, oracle AP, CPU
 * speed, GPU.js speed where available, COCO-eval timing (bench/coco-eval.ts), decoders on real
 * network heatmaps and the per-area benchmarks (sections/extra.ts). Pure of I/O except progress:
 * the caller loads the COCO annotations and the heatmaps and writes the outputs.
 */
import { benchSettings, type BenchSettings } from './settings.js';
import { runQuantization } from './sections/quantization.js';
import { runFlipBias } from './sections/flip-bias.js';
import { runOracleAp, type CocoGroundTruth } from './sections/oracle-ap.js';
import { runSpeed } from './sections/speed.js';
import { runRealHeatmaps } from './sections/real-heatmaps.js';
import { runExtraBenches } from './sections/extra.js';
import { benchCocoEval } from './coco-eval.js';
import { machineInfo } from './util/machine.js';
import { missedTargets } from './report/speed-tables.js';
import type { RealHeatmapSet } from './sections/real-heatmaps-load.js';
import type { ExtraBench } from './sections/extra-types.js';
import type { BenchResults, CocoEvalTiming } from './results.js';
import type { Progress } from '../src/cli/progress.js';

export interface RunOptions {
  quick: boolean;
  seed?: number;
  /** Ground truth of the oracle-AP section and what it is (a file name, or "synthetic persons …"). */
  coco: { data: CocoGroundTruth; description: string };
  /** Real network heatmaps (real-heatmaps-load.ts `loadRealHeatmaps`), or undefined to skip that section. */
  real?: RealHeatmapSet[];
  /** Why `real` is undefined (printed in place of the section). */
  realMissing?: string;
  /** Optional GPU.js benchmark (see gpu-speed.ts); returns rows or the reason it was skipped. */
  gpu?: (settings: BenchSettings, progress: Progress) => Promise<{ rows: BenchResults['gpu']; skipped?: string }>;
  /** Per-area benchmarks (default: the registry in sections/extra.ts). */
  extras?: readonly ExtraBench[];
  progress: Progress;
  version: string;
}

/** The metrics helper's COCO-val-sized synthetic workload (bench/coco-eval.ts); a tenth of it with --quick. */
function cocoEvalTiming(quick: boolean, seed: number, progress: Progress): CocoEvalTiming {
  progress.phase('COCO eval timing', 1);
  const scale = quick ? { images: 500, persons: 1100, detections: 10000 } : { images: 5000, persons: 11004, detections: 100000 };
  const runs = quick ? 1 : 3;
  const ce = benchCocoEval({ ...scale, seed }, runs);
  progress.step('cocoKeypointEval');
  progress.done();
  return { description: `${ce.images} images, ${ce.persons} GT persons, ${ce.detections} results (synthetic, COCO val 2017 sized${quick ? ' ÷ 10' : ''})`, medianMs: ce.evalMs, parseMs: ce.parseMs, peakRssMB: ce.peakRssMB, runs };
}

/** Run every experiment and return the results (seeded: the error tables are identical between runs). */
export async function runBenchmark(opts: RunOptions): Promise<BenchResults> {
  const t0 = Date.now();
  const settings = benchSettings(opts.quick, opts.seed);
  const quantization = runQuantization(settings, opts.progress);
  const flip = runFlipBias(settings, opts.progress);
  const oracleAp = runOracleAp(opts.coco.data, opts.progress);
  const realHeatmaps = opts.real ? runRealHeatmaps(opts.real, opts.progress) : null;
  const speed = runSpeed(settings, opts.progress);
  const gpu = opts.gpu ? await opts.gpu(settings, opts.progress) : { rows: null, skipped: 'GPU.js benchmark not requested (--no-gpu)' };
  const cocoEval = cocoEvalTiming(opts.quick, settings.seed, opts.progress);
  const extras = await runExtraBenches(opts.quick, opts.progress, opts.extras);
  return {
    date: new Date().toISOString(),
    machine: machineInfo(),
    quick: opts.quick,
    seed: settings.seed,
    posecodecVersion: opts.version,
    settings: { interiorPoints: settings.interiorPoints, borderPoints: settings.borderPoints, flipPoints: settings.flipPoints, speedRuns: settings.speedRuns, batches: settings.batches.map((b) => b.shape.join('×')) },
    durationS: (Date.now() - t0) / 1000,
    quantization,
    flip,
    oracleAp,
    oracleApGroundTruth: opts.coco.description,
    speed,
    gpu: gpu.rows,
    ...(gpu.skipped ? { gpuSkipped: gpu.skipped } : {}),
    cocoEval,
    realHeatmaps,
    ...(realHeatmaps ? {} : { realHeatmapsSkipped: `Real network heatmaps skipped: ${opts.realMissing ?? 'no heatmaps'}` }),
    extras,
    targetsMissed: [...missedTargets({ speed }), ...missedTargets({ speed: gpu.rows ?? [] })],
  };
}
