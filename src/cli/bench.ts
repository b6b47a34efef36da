/**
 * `posecodec bench`: parses and checks the arguments and input files, then
 * loads the benchmark (bench/main.ts, built to `dist/bench/main.js`) at run
 * time. Nothing under src/ imports bench/: the library entries never bundle it.
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { parseArgs, wantsHelp, UsageError } from './usage.js';
import { readJsonFile } from './read-input.js';
import type { BenchEntry, BenchRequest } from './bench-request.js';

/** `posecodec bench --help`. */
export const BENCH_HELP = `usage: posecodec bench [--quick] [--no-gpu] [--out DIR] [--seed N]
                       [--coco person_keypoints.json] [--heatmaps DIR]

Round-trip error of every encoder/decoder pair (clean, noisy and negative
targets, interior and border keypoints), flip-test bias, oracle OKS-AP, CPU and
GPU.js decoder speed against a summing loop, COCO-eval timing and the per-area
benchmarks. Tables on stdout, progress on stderr.

  --quick            smaller samples and batches (a smoke run; the report prints its own time)
  --no-gpu           skip the GPU.js speed section
  --out DIR          also write results.json, results.md and SVG plots to DIR
  --seed N           sampling seed, an integer (default 20240607)
  --coco FILE        COCO person-keypoints ground truth for the oracle OKS-AP
                     section (at most 100 persons with --quick, 500 without).
                     Default: synthetic persons; in a posecodec checkout,
                     ../shared/data/coco/test_coco.json
  --heatmaps DIR     real network heatmaps for the "Real network heatmaps"
                     section: DIR/efficientpose/ and DIR/movenet/ as in the
                     repository's shared/data/heatmaps. Default: skipped; in a
                     checkout, ../shared/data/heatmaps
  -h, --help         this help

Exit status: 0 ok, 2 bad usage or bad input (one line on stderr), 1 internal error.`;

/** The package root: the folder holding package.json above `from` (dist/cli/main.js, a dist chunk or src/cli/bench.ts). */
export function packageRoot(from = fileURLToPath(import.meta.url)): string {
  let dir = path.dirname(from);
  for (let i = 0; i < 5; i++) {
    if (fs.existsSync(path.join(dir, 'package.json'))) return dir;
    dir = path.dirname(dir);
  }
  return path.resolve(path.dirname(from), '..', '..');
}

/**
 * `<root>/../shared/data`, the repository's read-only data, when `root` is a
 * checkout; null for an installed package (under `node_modules`), whose
 * `../shared` is some other package.
 */
export function checkoutDataDir(root: string): string | null {
  if (path.resolve(root).split(path.sep).includes('node_modules')) return null;
  const dir = path.resolve(root, '..', 'shared', 'data');
  return fs.existsSync(dir) ? dir : null;
}

function version(root: string): string {
  try {
    return (JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8')) as { version: string }).version;
  } catch {
    return 'unknown';
  }
}

/** `--coco FILE` (or the checkout's test_coco.json): parsed and checked to be a COCO keypoint dataset. */
function loadCoco(explicit: string | undefined, data: string | null): BenchRequest['coco'] {
  const file = explicit ?? (data ? path.join(data, 'coco', 'test_coco.json') : undefined);
  if (file === undefined || (explicit === undefined && !fs.existsSync(file))) return null;
  const c = readJsonFile(file, '--coco') as { images?: unknown; annotations?: unknown } | null;
  if (!c || typeof c !== 'object' || !Array.isArray(c.images) || !Array.isArray(c.annotations)) throw new UsageError(`--coco ${file}: not a COCO keypoint dataset (needs "images" and "annotations" arrays)`);
  return { data: c as NonNullable<BenchRequest['coco']>['data'], file };
}

/** `--heatmaps DIR` (or the checkout's): must hold `efficientpose/` and `movenet/`. */
function heatmapsDir(explicit: string | undefined, data: string | null): { dir: string | null; missing?: string } {
  const hint = 'pass --heatmaps DIR (DIR/efficientpose/ and DIR/movenet/, as in the repository\'s shared/data/heatmaps) to run it';
  const dir = explicit ?? (data ? path.join(data, 'heatmaps') : undefined);
  if (dir === undefined) return { dir: null, missing: `no real network heatmaps outside a posecodec checkout; ${hint}` };
  const ok = ['efficientpose', 'movenet'].every((d) => fs.statSync(path.join(dir, d), { throwIfNoEntry: false })?.isDirectory());
  if (ok) return { dir: path.resolve(dir) };
  if (explicit !== undefined) throw new UsageError(`--heatmaps ${explicit}: needs the folders efficientpose/ and movenet/ (the layout of the repository's shared/data/heatmaps)`);
  return { dir: null, missing: `real network heatmaps not found at ${dir}; ${hint}` };
}

/** Parse and check `posecodec bench` arguments and inputs into a {@link BenchRequest}. */
export function benchRequest(argv: string[], root = packageRoot()): BenchRequest {
  const { positional, flags } = parseArgs(argv, ['quick', 'no-gpu'], ['out', 'seed', 'coco', 'heatmaps']);
  if (positional.length) throw new UsageError(`bench takes no positional arguments, got ${JSON.stringify(positional[0])}`);
  const seedArg = flags.get('seed');
  const seed = seedArg === undefined ? undefined : Number(seedArg);
  if (seed !== undefined && (!/^-?\d+$/.test(String(seedArg)) || !Number.isSafeInteger(seed))) throw new UsageError(`--seed must be an integer, got ${JSON.stringify(seedArg)}`);
  const outArg = flags.get('out') as string | undefined;
  const out = outArg === undefined ? undefined : path.resolve(outArg);
  if (out !== undefined) {
    const st = fs.statSync(out, { throwIfNoEntry: false });
    if (st && !st.isDirectory()) throw new UsageError(`--out ${outArg}: exists and is not a directory`);
  }
  const data = checkoutDataDir(root);
  const coco = loadCoco(flags.get('coco') as string | undefined, data);
  const hm = heatmapsDir(flags.get('heatmaps') as string | undefined, data);
  return { quick: flags.has('quick'), seed, gpu: !flags.has('no-gpu'), out, coco, heatmapsDir: hm.dir, heatmapsMissing: hm.missing, version: version(root) };
}

/** The built benchmark entry, `<package root>/dist/bench/main.js`. */
export function benchEntryFile(root = packageRoot()): string {
  return path.join(root, 'dist', 'bench', 'main.js');
}

/** `posecodec bench`: returns the exit code. */
export async function runBench(argv: string[]): Promise<number> {
  if (wantsHelp(argv)) {
    process.stdout.write(BENCH_HELP + '\n');
    return 0;
  }
  const root = packageRoot();
  const request = benchRequest(argv, root);
  const entry = benchEntryFile(root);
  if (!fs.existsSync(entry)) throw new Error(`the benchmark is not built (${entry} is missing): run 'npm run build'`);
  const mod = (await import(pathToFileURL(entry).href)) as BenchEntry;
  return mod.runBenchRequest(request);
}
