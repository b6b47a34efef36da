/**
 * Benchmark (not a test): COCO keypoint error diagnosis (`analyzeCocoKeypoints`,
 * full analysis + summarize, i.e. coco-analyze's `analyze(); summarize()` that
 * takes 75 s on this set) on the COCO-val-sized synthetic set of the COCO
 * evaluation benchmark: 5,000 images, ~11,000 GT persons, ~20,000 results.
 * Target: ≤ 3.75 s (≥ 20× coco-analyze). Times are medians of several runs;
 * peak RSS is sampled after each run.
 *
 * Run: `npx tsup bench/analyze.ts --format esm -d /tmp/ba && node /tmp/ba/analyze.js [--quick]`
 */
import { analyzeCocoKeypoints, type CocoDataset, type CocoKeypointResult } from '../src/metrics/index.js';
import { syntheticCocoSet } from './coco-eval.js';
import { describeMachine, machineInfo } from './util/machine.js';
import { summarizeTimings } from './util/timing.js';

/** coco-analyze's time on the full-size set on this machine (issue 17). */
export const COCO_ANALYZE_SECONDS = 75;
/** The speed target: ≥ 20× faster than coco-analyze. */
export const TARGET_SECONDS = COCO_ANALYZE_SECONDS / 20;

/** One timed diagnosis: every part the fixed-AP summary needs. */
function diagnose(gt: CocoDataset, dt: CocoKeypointResult[]): number {
  const r = analyzeCocoKeypoints(gt, dt);
  return r.fixedAP.stats.length;
}

/** Time the diagnosis; quick mode uses a 500-image set and fewer runs. */
export async function runAnalyzeBench(opts: { quick: boolean }): Promise<{ markdown: string }> {
  const o = opts.quick ? { images: 500, persons: 1100, detections: 2000, seed: 1 } : { images: 5000, persons: 11004, detections: 19831, seed: 1 };
  const runs = opts.quick ? 2 : 5;
  const { gt, dt } = syntheticCocoSet(o);
  let peak = process.memoryUsage().rss;
  const times: number[] = [];
  let entries = 0;
  for (let i = 0; i < runs; i++) {
    const t = performance.now();
    entries = diagnose(gt, dt);
    times.push(performance.now() - t);
    peak = Math.max(peak, process.memoryUsage().rss);
    await new Promise((r) => setTimeout(r, 0));
  }
  const s = summarizeTimings(times);
  const sec = s.medianMs / 1000;
  const full = !opts.quick;
  const verdict = full ? (sec <= TARGET_SECONDS ? `met (${(COCO_ANALYZE_SECONDS / sec).toFixed(1)}× coco-analyze's ${COCO_ANALYZE_SECONDS} s)` : `MISSED (${sec.toFixed(2)} s > ${TARGET_SECONDS} s)`) : 'quick run: no target';
  const markdown = [
    '## COCO keypoint error diagnosis (coco-analyze parity)',
    '',
    `Set: ${o.images} images, ${o.persons} GT persons, ${dt.length} results (synthetic, seed ${o.seed}); full \`analyze()\` + \`summarize()\` (${entries} stats entries).`,
    '',
    '| runs | median | IQR | min | peak RSS | target |',
    '|---:|---:|---:|---:|---:|---|',
    `| ${s.runs} | ${sec.toFixed(3)} s | ${(s.iqrMs / 1000).toFixed(3)} s | ${(s.minMs / 1000).toFixed(3)} s | ${(peak / 2 ** 20).toFixed(0)} MiB | ≤ ${TARGET_SECONDS} s: ${verdict} |`,
    '',
    `Machine: ${describeMachine(machineInfo())}`,
    '',
  ].join('\n');
  return { markdown };
}

const isMain = typeof process !== 'undefined' && process.argv[1] !== undefined && /analyze\.(js|ts|mjs)$/.test(process.argv[1]);
if (isMain) {
  runAnalyzeBench({ quick: process.argv.includes('--quick') }).then((r) => process.stdout.write(r.markdown));
}
