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

/** Keypoint error counts of one decoder on one real-network set. */
export interface DecoderDiagnosisRow {
  set: string;
  decoder: string;
  /** good, jitter, inversion, swap, miss over the labelled joints. */
  counts: number[];
  /** AP@[.5:.95] ('all' ≥ 32²) and after fixing jitter alone. */
  ap: number;
  apNoJitter: number;
}

/**
 * Diagnose every decoder of the real-heatmaps section on the sets under `dir`
 * (../shared/data/heatmaps): one result per GT person, each its own image,
 * score 1, the set's joints with their COCO σ and left/right pairs.
 */
export async function runDecoderDiagnosis(dir: string): Promise<DecoderDiagnosisRow[]> {
  const { loadRealHeatmaps } = await import('./sections/real-heatmaps-load.js');
  const { imageKeypoints, REAL_DECODERS } = await import('./sections/real-heatmaps.js');
  const { COCO_ANALYZE_SIGMAS, COCO_FLIP_PAIRS } = await import('../src/metrics/index.js');
  const sets = loadRealHeatmaps(dir) ?? [];
  const rows: DecoderDiagnosisRow[] = [];
  for (const set of sets) {
    const J = set.channels.length;
    const pos = new Map(set.cocoJoints.map((c, j) => [c, j]));
    const flipPairs = COCO_FLIP_PAIRS.filter(([a, b]) => pos.has(a) && pos.has(b)).map(([a, b]) => [pos.get(a)!, pos.get(b)!] as [number, number]);
    const gt: CocoDataset = {
      images: set.gt.map((_, b) => ({ id: b + 1 })),
      categories: [{ id: 1, name: 'person', keypoints: set.cocoJoints.map(String) }],
      annotations: set.gt.map((g, b) => ({ id: b + 1, image_id: b + 1, category_id: 1, keypoints: g, num_keypoints: g.filter((v, i) => i % 3 === 2 && v > 0).length, area: set.area[b], bbox: set.bbox[b], iscrowd: 0 })),
    };
    for (const d of REAL_DECODERS) {
      const kps = imageKeypoints(set, d.decode(set.heatmaps));
      const dt = kps.map((p, b) => ({ image_id: b + 1, category_id: 1, score: 1, keypoints: Array.from({ length: J }, (_, j) => [Number.isFinite(p[2 * j]) ? p[2 * j] : 0, Number.isFinite(p[2 * j + 1]) ? p[2 * j + 1] : 0, 1]).flat() }));
      const r = analyzeCocoKeypoints(gt, dt, { sigmas: set.cocoJoints.map((c) => COCO_ANALYZE_SIGMAS[c]), flipPairs, errorTypes: ['jitter'], checkScores: false, checkBackground: false });
      const st = r.fixedAP.stats.filter((s) => s.areaRngLbl === 'all');
      const apOf = (err: string) => {
        const v = st.filter((s) => s.err === err).map((s) => s.auc);
        return v.reduce((a, b) => a + b, 0) / v.length;
      };
      rows.push({ set: set.id, decoder: d.id, counts: r.keypointErrors.all.counts, ap: apOf('baseline'), apNoJitter: apOf('jitter') });
    }
  }
  return rows;
}
