/**
 * Run the whole benchmark: quantization error, flip bias, oracle AP, CPU
 * speed, GPU.js speed where available, COCO-eval timing (bench/coco-eval.ts), decoders on real
 * network heatmaps. Pure of I/O except progress: the caller loads the COCO annotations and the
 * heatmaps and writes the outputs.
 */
import { benchSettings } from './settings.js';
import { runQuantization } from './quantization.js';
import { runFlipBias } from './flip-bias.js';
import { runOracleAp, type CocoGroundTruth } from './oracle-ap.js';
import { runSpeed } from './speed.js';
import { runRealHeatmaps, type RealHeatmapSet } from './real-heatmaps.js';
import { benchCocoEval } from '../../bench/coco-eval.js';
import { machineInfo } from './machine.js';
import { missedTargets } from './report.js';
import type { BenchResults } from './results.js';
import type { Progress } from './progress.js';

export interface RunOptions {
  quick: boolean;
  seed?: number;
  /** Parsed COCO person-keypoint annotations, or null to skip the oracle-AP section. */
  coco: (CocoGroundTruth & { images: Record<string, unknown>[] }) | null;
  /** Why `coco` is null (printed in place of the section). */
  cocoMissing?: string;
  /** Optional GPU.js benchmark (see gpu-speed.ts); returns rows or the reason it was skipped. */
  /** Real network heatmaps (real-heatmaps.ts `loadRealHeatmaps`), or undefined to skip that section. */
  real?: RealHeatmapSet[];
  /** Why `real` is undefined (printed in place of the section). */
  realMissing?: string;
  gpu?: (settings: ReturnType<typeof benchSettings>, progress: Progress) => Promise<{ rows: BenchResults['gpu']; skipped?: string }>;
  progress: Progress;
  version: string;
}

/** Run every experiment and return the results (seeded: the error tables are identical between runs). */
export async function runBenchmark(opts: RunOptions): Promise<BenchResults> {
  const t0 = Date.now();
  const settings = benchSettings(opts.quick, opts.seed);
  const quantization = runQuantization(settings, opts.progress);
  const flip = runFlipBias(settings, opts.progress);
  const oracleAp = opts.coco ? runOracleAp(opts.coco, opts.progress) : null;
  const realHeatmaps = opts.real ? runRealHeatmaps(opts.real, opts.progress) : null;
  const speed = runSpeed(settings, opts.progress);
  const gpu = opts.gpu ? await opts.gpu(settings, opts.progress) : { rows: null, skipped: 'GPU.js benchmark not requested' };
  // The metrics helper's COCO-val-sized synthetic workload (bench/coco-eval.ts); a tenth of it with --quick.
  opts.progress.phase('COCO eval timing', 1);
  const scale = opts.quick ? { images: 500, persons: 1100, detections: 10000 } : { images: 5000, persons: 11004, detections: 100000 };
  const ce = benchCocoEval({ ...scale, seed: settings.seed }, opts.quick ? 1 : 3);
  const cocoEval = { description: `${ce.images} images, ${ce.persons} GT persons, ${ce.detections} results (synthetic, COCO val 2017 sized${opts.quick ? ' ÷ 10' : ''})`, medianMs: ce.evalMs, parseMs: ce.parseMs, peakRssMB: ce.peakRssMB, runs: opts.quick ? 1 : 3 };
  opts.progress.step('cocoKeypointEval');
  opts.progress.done();
  const partial = { speed };
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
    ...(oracleAp ? {} : { oracleApSkipped: `Oracle OKS-AP skipped: ${opts.cocoMissing ?? 'no COCO annotations'}` }),
    speed,
    gpu: gpu.rows,
    ...(gpu.skipped ? { gpuSkipped: gpu.skipped } : {}),
    cocoEval,
    realHeatmaps,
    ...(realHeatmaps ? {} : { realHeatmapsSkipped: `Real network heatmaps skipped: ${opts.realMissing ?? 'no heatmaps'}` }),
    targetsMissed: [...missedTargets(partial), ...missedTargets({ speed: gpu.rows ?? [] })],
  };
}
