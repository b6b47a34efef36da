/**
 * `posecodec bench [--quick] [--out DIR] [--seed N] [--coco FILE]`:
 * quantization-error and speed tables for every encoder/decoder pair, with
 * progress on stderr (a bar on a TTY, plain lines otherwise) and the tables on
 * stdout; `--out` also writes results.json, results.md and SVG plots.
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs, UsageError } from './usage.js';
import { runBenchmark } from '../bench/run.js';
import { createProgress } from '../bench/progress.js';
import { buildSections, sectionsText } from '../bench/report.js';
import { writeBenchOutput } from '../bench/write-output.js';
import { runGpuSpeed } from '../bench/gpu-speed.js';
import { loadRealHeatmaps } from '../bench/real-heatmaps.js';
import type { CocoGroundTruth } from '../bench/oracle-ap.js';

/** The package root: the folder holding package.json above this file (dist/cli/main.js or src/cli/bench.ts). */
export function packageRoot(from = fileURLToPath(import.meta.url)): string {
  let dir = path.dirname(from);
  for (let i = 0; i < 5; i++) {
    if (fs.existsSync(path.join(dir, 'package.json'))) return dir;
    dir = path.dirname(dir);
  }
  return path.resolve(path.dirname(from), '..', '..');
}

type Coco = CocoGroundTruth & { images: Record<string, unknown>[] };

/** Load the COCO annotations: `--coco FILE`, else `<package root>/../shared/data/coco/test_coco.json`. */
function loadCoco(explicit: string | undefined, root: string): { coco: Coco | null; missing?: string } {
  const file = explicit ?? path.resolve(root, '..', 'shared', 'data', 'coco', 'test_coco.json');
  if (!fs.existsSync(file)) {
    if (explicit) throw new UsageError(`--coco: no such file ${explicit}`);
    return { coco: null, missing: `COCO annotations not found at ${file}` };
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(fs.readFileSync(file, 'utf8'));
  } catch (e) {
    throw new UsageError(`--coco: ${file} is not valid JSON (${(e as Error).message})`);
  }
  const c = parsed as Coco;
  if (!Array.isArray(c?.annotations) || !Array.isArray(c?.images)) throw new UsageError(`${file} is not a COCO keypoint dataset (no images/annotations)`);
  return { coco: c };
}

function version(root: string): string {
  try {
    return (JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8')) as { version: string }).version;
  } catch {
    return 'unknown';
  }
}

/** `posecodec bench`: returns the exit code. */
export async function runBench(argv: string[]): Promise<number> {
  const { positional, flags } = parseArgs(argv, ['quick', 'no-gpu'], ['out', 'seed', 'coco']);
  if (positional.length) throw new UsageError(`bench takes no positional arguments, got ${JSON.stringify(positional[0])}`);
  const seedArg = flags.get('seed');
  const seed = seedArg === undefined ? undefined : Number(seedArg);
  if (seed !== undefined && !Number.isSafeInteger(seed)) throw new UsageError(`--seed must be an integer, got ${JSON.stringify(seedArg)}`);
  const out = flags.get('out') as string | undefined;
  const root = packageRoot();
  const { coco, missing } = loadCoco(flags.get('coco') as string | undefined, root);
  if (!coco) process.stderr.write(`posecodec bench: ${missing}; the oracle OKS-AP section is skipped\n`);
  const heatmapsDir = path.resolve(root, '..', 'shared', 'data', 'heatmaps');
  const real = loadRealHeatmaps(heatmapsDir);
  const realMissing = real ? undefined : `real network heatmaps not found at ${heatmapsDir}`;
  if (!real) process.stderr.write(`posecodec bench: ${realMissing}; the real-heatmaps section is skipped\n`);
  const quick = flags.has('quick');
  const results = await runBenchmark({
    quick,
    seed,
    coco,
    cocoMissing: missing,
    real,
    realMissing,
    gpu: flags.has('no-gpu') ? undefined : runGpuSpeed,
    progress: createProgress(process.stderr),
    version: version(root),
  });
  process.stdout.write(sectionsText(buildSections(results)));
  if (out) {
    const files = writeBenchOutput(path.resolve(out), results);
    process.stderr.write(`posecodec bench: wrote ${files.length} files to ${path.resolve(out)}\n`);
  }
  process.stderr.write(`posecodec bench: done in ${results.durationS.toFixed(1)} s\n`);
  return 0;
}
