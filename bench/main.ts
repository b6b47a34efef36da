/**
 * The benchmark's entry, built to `dist/bench/main.js` and loaded at run time
 * by `posecodec bench` (src/cli/bench.ts parses the arguments and reads the
 * input files): picks the oracle-AP ground truth (the `--coco` file or
 * synthetic persons), loads the real heatmaps, runs everything, prints the
 * tables on stdout (progress on stderr) and writes `--out`.
 */
import path from 'node:path';
import { UsageError } from '../src/cli/usage.js';
import type { BenchRequest } from '../src/cli/bench-request.js';
import { runBenchmark } from './run.js';
import { createProgress } from '../src/cli/progress.js';
import { buildSections, sectionsText } from './report/sections.js';
import { writeBenchOutput } from './report/write-output.js';
import { runGpuSpeed } from './sections/gpu-speed.js';
import { loadRealHeatmaps, type RealHeatmapSet } from './sections/real-heatmaps-load.js';
import { checkOracleGroundTruth, limitGroundTruth, maxOraclePersons } from './sections/oracle-ap-input.js';
import { syntheticPersons } from './workload/synthetic-persons.js';
import type { CocoGroundTruth } from './sections/oracle-ap.js';

const firstLine = (e: unknown) => (e instanceof Error ? e.message : String(e)).split('\n')[0];

/** Synthetic persons for the oracle AP: 48 with --quick, 120 otherwise. */
const SYNTHETIC_PERSONS = { quick: 48, full: 120 };

/** The oracle-AP ground truth and its description: the request's COCO file (checked, cut) or synthetic persons. */
export function oracleGroundTruth(request: Pick<BenchRequest, 'coco' | 'quick' | 'seed'>): { data: CocoGroundTruth; description: string } {
  if (!request.coco) {
    const persons = request.quick ? SYNTHETIC_PERSONS.quick : SYNTHETIC_PERSONS.full;
    const data = syntheticPersons({ persons, seed: request.seed ?? 7 });
    return { data, description: `synthetic persons (${persons} in ${data.images.length} images of 640×480: a jittered COCO-17 standing-person template, 85 % of joints labelled); pass --coco <person_keypoints.json> to use real COCO annotations` };
  }
  const { file } = request.coco;
  let gt: CocoGroundTruth;
  try {
    gt = checkOracleGroundTruth(request.coco.data);
  } catch (e) {
    throw new UsageError(`--coco ${file}: ${firstLine(e)}`);
  }
  const cut = limitGroundTruth(gt, maxOraclePersons(request.quick));
  if (cut.persons === 0) throw new UsageError(`--coco ${file}: no labelled, non-crowd person in its first images`);
  const of = cut.images < gt.images.length ? `the first ${cut.images} of ${gt.images.length} images` : `${cut.images} images`;
  return { data: cut.gt, description: `COCO annotations ${path.basename(file)} (${of}, ${cut.persons} labelled persons)` };
}

/** Load `heatmapsDir`, with the areas of the request's COCO annotations (by id) when given. */
function realHeatmaps(request: BenchRequest): RealHeatmapSet[] | undefined {
  if (!request.heatmapsDir) return undefined;
  const anns = request.coco?.data.annotations as { id?: unknown; area?: unknown }[] | undefined;
  const areas = anns ? new Map(anns.filter((a) => typeof a?.id === 'number' && typeof a.area === 'number').map((a) => [a.id as number, a.area as number])) : undefined;
  try {
    return loadRealHeatmaps(request.heatmapsDir, areas);
  } catch (e) {
    throw new UsageError(`--heatmaps ${request.heatmapsDir}: ${firstLine(e)}`);
  }
}

/** Run the benchmark for a checked request; returns the exit code (1 when a per-area benchmark threw). */
export async function runBenchRequest(request: BenchRequest): Promise<number> {
  const coco = oracleGroundTruth(request);
  const real = realHeatmaps(request);
  const results = await runBenchmark({
    quick: request.quick,
    seed: request.seed,
    coco,
    real,
    realMissing: request.heatmapsMissing,
    gpu: request.gpu ? runGpuSpeed : undefined,
    progress: createProgress(process.stderr),
    version: request.version,
  });
  process.stdout.write(sectionsText(buildSections(results)));
  if (request.out) {
    let files: string[];
    try {
      files = writeBenchOutput(request.out, results);
    } catch (e) {
      throw new UsageError(`--out ${request.out}: cannot write (${firstLine(e)})`);
    }
    process.stderr.write(`posecodec bench: wrote ${files.length} files to ${request.out}\n`);
  }
  process.stderr.write(`posecodec bench: done in ${results.durationS.toFixed(1)} s\n`);
  const failed = results.extras.filter((x) => x.error);
  for (const x of failed) process.stderr.write(`posecodec bench: internal error in the ${x.area} benchmark: ${x.error}\n`);
  return failed.length ? 1 : 0;
}
